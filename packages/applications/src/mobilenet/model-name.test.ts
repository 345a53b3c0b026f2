import { describe, expect, it } from 'vitest';
import { formatFixed2, mobilenetModelName } from './model-name.js';

describe('formatFixed2 (Python’s format(x, "0.2f"))', () => {
  // Expected values printed by CPython 3 (f'{a:0.2f}'); exact binary ties round to even, unlike toFixed.
  it.each([
    [0.125, '0.12'],
    [0.375, '0.38'],
    [0.625, '0.62'],
    [0.875, '0.88'],
    [1.125, '1.12'],
    [-0.125, '-0.12'],
    [2.675, '2.67'],
    [1.005, '1.00'],
    [0.005, '0.01'],
    [0.333, '0.33'],
    [1, '1.00'],
    [0.5, '0.50'],
    [0.25, '0.25'],
    [0.75, '0.75'],
  ])('%d → %s', (x, text) => {
    expect(formatFixed2(x)).toBe(text);
  });
});

describe('mobilenetModelName', () => {
  it.each([
    [1, 224, 'mobilenet_1.00_224'],
    [0.5, 160, 'mobilenet_0.50_160'],
    [0.25, null, 'mobilenet_0.25_None'],
    [0.125, 96, 'mobilenet_0.12_96'],
  ] as const)('alpha %d, rows %s → %s', (alpha, rows, name) => {
    expect(mobilenetModelName(alpha, rows)).toBe(name);
  });
});

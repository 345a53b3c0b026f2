import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clearSession, Dense, Input } from '@strata/layers';
import { Sequential } from '../index.js';
import { engineCase } from '../test-support/engine-fixtures.js';
import { readableMemorySize, summaryText, weightMemoryBits } from './print-summary.js';
import { columnWidths, renderTable, wrapText } from './text-table.js';

beforeEach(() => clearSession());

describe('memory sizes', () => {
  const keras = engineCase('memory_sizes') as unknown as { sizes: number[]; readable: string[] };
  it.each(keras.sizes.map((bytes, i) => [bytes, keras.readable[i]!] as const))('%i bytes read as Keras prints them: %s', (bytes, expected) => {
    expect(readableMemorySize(BigInt(bytes) * 8n)).toBe(expected);
  });

  it('counts each weight once, by dtype size', () => {
    const w = { shape: [784, 64], dtype: 'float32' };
    expect(weightMemoryBits([w, w, { shape: [10], dtype: 'bool' }])).toBe(784n * 64n * 32n + 80n);
  });
});

describe('table layout', () => {
  // Widths (padding included) Keras' rich tables measure: keras-engine.md §6.4.
  it.each<[number, number[], number[]]>([
    [88, [0.45, 0.8, 1], [38, 29, 17]],
    [108, [0.3, 0.56, 0.74, 1], [31, 27, 17, 28]],
    [76, [0.45, 0.8, 1], [33, 24, 15]],
    [76, [0.3, 0.56, 0.74, 1], [21, 19, 12, 19]],
  ])('line length %i with positions %j gives columns %j', (lineLength, positions, widths) => {
    expect(columnWidths(lineLength, positions)).toEqual(widths);
  });

  it('wraps at spaces and cuts words longer than a line with an ellipsis', () => {
    expect(wrapText('concatenate (Concatenate)', 19)).toEqual(['concatenate ', '(Concatenate)']);
    expect(wrapText('dense_2[0][0], dense_2[1][0]', 17)).toEqual(['dense_2[0][0], ', 'dense_2[1][0]']);
    const lines = renderTable([{ header: 'Trainable', justify: 'center', width: 7 }], [['Y']]);
    expect(lines[1]).toBe('┃ Trai… ┃');
    expect(lines[3]).toBe('│   Y   │');
  });
});

describe('summary', () => {
  it('prints through printFn once, or to the console', () => {
    const model = new Sequential([Input({ shape: [784] }), new Dense({ units: 64 })]);
    const printFn = vi.fn();
    model.summary({ printFn });
    expect(printFn).toHaveBeenCalledTimes(1);
    expect(printFn.mock.calls[0]![0]).toContain(' Total params: 50,240 (196.25 KB)');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    model.summary();
    expect(log).toHaveBeenCalledWith(summaryText(model));
    log.mockRestore();
    model.dispose();
  });

  it('prints a layer range', () => {
    const model = new Sequential([Input({ shape: [784] }), new Dense({ units: 64, activation: 'relu' }), new Dense({ units: 10 })]);
    const text = summaryText(model, { layerRange: ['dense_1', 'dense_1'] });
    expect(text).toContain('dense_1 (Dense)');
    expect(text).not.toContain('dense (Dense)');
    expect(() => summaryText(model, { layerRange: ['nope', 'dense'] })).toThrow('Passed layer names do not match the layer names in the model.');
    model.dispose();
  });

  it('cuts a table wider than the terminal, as rich does', () => {
    const model = new Sequential([Input({ shape: [4] }), new Dense({ units: 2 })]);
    const lines = summaryText(model, { lineLength: 120 }).split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBe(80);
    model.dispose();
  });
});

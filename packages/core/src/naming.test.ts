import { describe, expect, it } from 'vitest';
import { resetNames, toSnakeCase, uniquifyName } from '@strata/core';

describe('Keras auto-names', () => {
  it.each([
    ['Dense', 'dense'],
    ['Conv2D', 'conv2d'],
    ['ReLU', 're_lu'],
    ['RMSprop', 'rm_sprop'],
    ['BatchNormalization', 'batch_normalization'],
    ['AdamW', 'adam_w'],
    ['GlobalAveragePooling2D', 'global_average_pooling2d'],
    ['SeparableConv1D', 'separable_conv1d'],
  ])('toSnakeCase(%s) = %s', (cls, snake) => {
    expect(toSnakeCase(cls)).toBe(snake);
  });

  it('numbers each prefix from one counter, bare first', () => {
    resetNames();
    expect([uniquifyName('dense'), uniquifyName('dense'), uniquifyName('conv2d'), uniquifyName('dense')]).toEqual(['dense', 'dense_1', 'conv2d', 'dense_2']);
    resetNames();
    expect(uniquifyName('dense')).toBe('dense');
  });
});

// The differentiable building blocks the layers compute with, checked element by element against central differences
// (checkGradients) on tiny inputs, on wasm and on cpu: each replaces a tfjs gradient that is missing or wrong.
import { describe, it } from 'vitest';
import { activations, ops, random, type Tensor } from '@strata/core';
import { checkGradients, describeEachBackend } from '@strata/test-utils';
import { averagePooling, maxPooling } from '../pooling/pool.js';
import { bilinearAxis, repeatAxis } from '../reshaping/up-sampling-resize.js';
import { convolve, convolveTranspose, depthwiseConvolve } from './convolution.js';

const linear = { bias: null, activation: activations.get('linear') };
const normal = (shape: number[], seed: number): Tensor => random.normal(shape, { seed });
// Values kept apart, so that no max-pooling window has a tie within the finite-difference step.
const spread = (shape: number[]): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n - 0.5);
  return ops.tensor(values, shape);
};

describeEachBackend('gradients of the convolution and resizing building blocks', () => {
  describe('match central differences', () => {
    it('dilated convolution (space-to-batch), same padding', () => {
      checkGradients((x, k) => convolve(x!, k!, { strides: [1, 1], padding: 'same', dilation: [2, 3] }, linear), [normal([1, 5, 6, 2], 1), normal([2, 2, 2, 3], 2)]);
    });

    it('depthwise convolution with strides and dilation together', () => {
      checkGradients((x, k) => depthwiseConvolve(x!, k!, { strides: [2, 2], padding: 'same', dilation: [2, 2] }, linear), [normal([1, 6, 5, 2], 3), normal([2, 2, 2, 2], 4)]);
    });

    it('strided 3D convolution', () => {
      checkGradients((x, k) => convolve(x!, k!, { strides: [2, 1, 2], padding: 'same', dilation: [1, 1, 1] }, linear), [normal([1, 3, 3, 4, 2], 5), normal([2, 2, 3, 2, 2], 6)]);
    });

    it('3D transposed convolution with strides (zero insertion, then convolution)', () => {
      const geometry = { strides: [2, 1, 2], padding: 'valid' as const, dilation: [1, 1, 1], outputPadding: [1, 0, 0] };
      checkGradients((x, k) => convolveTranspose(x!, k!, geometry, linear), [normal([1, 2, 2, 2, 2], 7), normal([2, 2, 2, 1, 2], 8)]);
    });

    it('dilated 2D transposed convolution', () => {
      const geometry = { strides: [1, 1], padding: 'same' as const, dilation: [2, 1], outputPadding: null };
      checkGradients((x, k) => convolveTranspose(x!, k!, geometry, linear), [normal([1, 3, 3, 2], 9), normal([2, 3, 2, 2], 10)]);
    });

    it("'same' average pooling (counts only positions inside the input)", () => {
      checkGradients((x) => averagePooling(x!, [3, 2], [2, 2], 'same'), [normal([1, 5, 5, 2], 11)]);
      checkGradients((x) => averagePooling(x!, [2, 2, 3], [2, 1, 2], 'same'), [normal([1, 3, 2, 5, 1], 12)]);
    });

    it('3D max pooling (2D pooling, then depth pooling)', () => {
      checkGradients((x) => maxPooling(x!, [2, 2, 2], [1, 2, 2], 'same'), [spread([1, 3, 4, 3, 2])]);
    });

    it('bilinear and nearest upsampling along an axis', () => {
      checkGradients((x) => bilinearAxis(bilinearAxis(x!, 3, 1), 2, 2), [normal([1, 3, 2, 2], 13)]);
      checkGradients((x) => repeatAxis(x!, 2, 3), [normal([1, 2, 2, 2, 2], 14)]);
    });
  });
});

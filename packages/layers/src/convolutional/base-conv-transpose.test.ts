import { beforeEach, describe, expect, it } from 'vitest';
import { ops, random, tidy, type Tensor } from '@strata/core';
import { runLayerTest } from '@strata/test-utils';
import { clearSession, Conv1D, Conv1DTranspose, Conv2D, Conv2DTranspose, Conv3D, Conv3DTranspose, Input, type Layer } from '../index.js';

beforeEach(() => clearSession());

/** Weights drawn from a fixed seed, so that every run checks the same gradients. */
const SEEDED = { className: 'GlorotUniform', config: { seed: 7 } };

type TransposeClass = typeof Conv1DTranspose | typeof Conv2DTranspose | typeof Conv3DTranspose;

describe('Conv1DTranspose, Conv2DTranspose, Conv3DTranspose', () => {
  it.each<[string, TransposeClass, Record<string, unknown>, number[], number[]]>([
    ['Conv1DTranspose strides 2, same', Conv1DTranspose, { filters: 3, kernelSize: 3, strides: 2, padding: 'same' }, [2, 4, 2], [2, 8, 3]],
    ['Conv1DTranspose dilation 2, output padding 0, channels_first', Conv1DTranspose, { filters: 2, kernelSize: 2, dilationRate: 2, outputPadding: 0, dataFormat: 'channels_first' }, [2, 3, 4], [2, 2, 6]],
    ['Conv2DTranspose strides 2, output padding 1, channels_first, tanh', Conv2DTranspose, { filters: 2, kernelSize: 3, strides: 2, outputPadding: 1, dataFormat: 'channels_first', activation: 'tanh' }, [1, 3, 3, 3], [1, 2, 8, 8]],
    ['Conv2DTranspose strides (3, 1), kernel (2, 3), same', Conv2DTranspose, { filters: 2, kernelSize: [2, 3], strides: [3, 1], padding: 'same' }, [2, 3, 4, 2], [2, 9, 4, 2]],
    ['Conv2DTranspose dilation 2, same, no bias', Conv2DTranspose, { filters: 2, kernelSize: 3, dilationRate: 2, padding: 'same', useBias: false }, [1, 4, 5, 2], [1, 4, 5, 2]],
    ['Conv3DTranspose strides 2, same', Conv3DTranspose, { filters: 2, kernelSize: 2, strides: 2, padding: 'same' }, [1, 2, 3, 2, 2], [1, 4, 6, 4, 2]],
    ['Conv3DTranspose strides (1, 2, 2), output padding (0, 1, 0), channels_first', Conv3DTranspose, { filters: 1, kernelSize: 2, strides: [1, 2, 2], outputPadding: [0, 1, 0], dataFormat: 'channels_first' }, [1, 2, 2, 2, 3], [1, 1, 3, 5, 6]],
  ])('passes the standard layer checks: %s', (_, layerClass, init, inputShape, expectedOutputShape) => {
    runLayerTest({
      layerClass: layerClass as typeof Conv2DTranspose, init: { ...init, kernelInitializer: SEEDED }, inputShape, expectedOutputShape,
      expectedTrainableWeights: init.useBias === false ? 1 : 2, expectedNonTrainableWeights: 0,
      maxGradientElements: 24, gradientTolerance: { eps: 1e-2 },
    });
  });

  // A transposed convolution is the adjoint of the convolution with the same kernel, strides, padding and dilation:
  // <conv(u), x> = <u, convTranspose(x)> for every u and x (the convolution itself is checked against Keras).
  it.each<[string, TransposeClass, typeof Conv1D | typeof Conv2D | typeof Conv3D, Record<string, unknown>, number[]]>([
    ['1D, strides 3, valid, kernel 2 (output padding inferred)', Conv1DTranspose, Conv1D, { kernelSize: 2, strides: 3 }, [2, 5, 3]],
    ['1D, dilation 3, same', Conv1DTranspose, Conv1D, { kernelSize: 3, dilationRate: 3, padding: 'same' }, [2, 9, 2]],
    ['2D, strides 2, same, kernel 4', Conv2DTranspose, Conv2D, { kernelSize: 4, strides: 2, padding: 'same' }, [2, 4, 5, 3]],
    ['2D, strides (2, 3), valid, kernel (3, 2)', Conv2DTranspose, Conv2D, { kernelSize: [3, 2], strides: [2, 3], padding: 'valid' }, [1, 4, 3, 2]],
    ['2D, dilation (2, 3), valid, channels_first', Conv2DTranspose, Conv2D, { kernelSize: 2, dilationRate: [2, 3], dataFormat: 'channels_first' }, [1, 3, 4, 4]],
    ['3D, strides 2, same, kernel 3', Conv3DTranspose, Conv3D, { kernelSize: 3, strides: 2, padding: 'same' }, [1, 2, 3, 2, 2]],
    ['3D, strides (1, 3, 2), valid', Conv3DTranspose, Conv3D, { kernelSize: 2, strides: [1, 3, 2], padding: 'valid' }, [2, 2, 2, 3, 1]],
  ])('is the adjoint of the convolution: %s', (_, Transpose, Conv, init, inputShape) => {
    tidy(() => {
      const channelsFirst = init.dataFormat === 'channels_first';
      const filters = 3;
      const transpose = new Transpose({ ...init, filters, useBias: false } as never) as Layer;
      const x = random.normal(inputShape, { seed: 11 });
      const up = transpose.apply(x) as Tensor;
      // The convolution maps the transposed convolution's output shape back to x's: its kernel is the same tensor.
      const conv = new Conv({ ...init, filters: inputShape[channelsFirst ? 1 : inputShape.length - 1]!, useBias: false } as never) as Layer;
      const u = random.normal(up.shape, { seed: 12 });
      const down = conv.apply(u) as Tensor;
      expect(down.shape).toEqual(x.shape);
      conv.setWeights(transpose.getWeights());
      const lhs = ops.sum(ops.mul(conv.apply(u) as Tensor, x)).dataSync()[0]!;
      const rhs = ops.sum(ops.mul(u, up)).dataSync()[0]!;
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-4 * Math.max(1, Math.abs(rhs)));
      transpose.dispose();
      conv.dispose();
    });
  });

  it('has Keras shapes and parameter counts', () => {
    const up = new Conv2DTranspose({ filters: 32, kernelSize: 3, strides: 2, padding: 'same' });
    expect(up.apply(Input({ shape: [14, 14, 64] })).shape).toEqual([null, 28, 28, 32]);
    expect(up.countParams()).toBe(3 * 3 * 32 * 64 + 32);
    expect(up.kernel.shape).toEqual([3, 3, 32, 64]);
    expect(new Conv2DTranspose({ filters: 4, kernelSize: 3, strides: 2 }).apply(Input({ shape: [5, null, 2] })).shape).toEqual([null, 11, null, 4]);
    expect(new Conv1DTranspose({ filters: 4, kernelSize: 1, strides: 3 }).apply(Input({ shape: [5, 2] })).shape).toEqual([null, 15, 4]);
    expect(new Conv3DTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', outputPadding: 0 }).apply(Input({ shape: [3, 4, 5, 2] })).shape)
      .toEqual([null, 5, 7, 9, 4]);
  });

  it('rejects bad arguments with Keras messages', () => {
    expect(() => new Conv2DTranspose({ filters: 2, kernelSize: 3, strides: 2, outputPadding: 2 })).toThrow(
      '`output_padding` must be strictly less than `strides` for all dimensions. At dimension 0, `output_padding` is 2 but `strides` is 2. ' +
        'Received: output_padding=(2, 2), strides=(2, 2)',
    );
    expect(() => new Conv1DTranspose({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(
      '`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2,) and dilation_rate=(2,)',
    );
    expect(() => new Conv3DTranspose({ filters: 2, kernelSize: 3, outputPadding: [0, -1, 0] })).toThrow(
      'The `output_padding` argument must be a tuple of 3 integers. Received output_padding=(0, -1, 0), including values {-1} that do not satisfy `value >= 0`',
    );
  });
});

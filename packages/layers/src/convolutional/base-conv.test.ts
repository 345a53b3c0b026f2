import { beforeEach, describe, expect, it } from 'vitest';
import { ops, tidy, type Tensor } from '@strata/core';
import { expectTensorsClose, runLayerTest } from '@strata/test-utils';
import { clearSession, Conv1D, Conv2D, Conv3D, Input } from '../index.js';

beforeEach(() => clearSession());

/** Weights drawn from a fixed seed, so that every run checks the same gradients. */
const SEEDED = { className: 'GlorotUniform', config: { seed: 7 } };

describe('Conv1D, Conv2D, Conv3D', () => {
  // Numerical gradients (central differences) of the inputs and of every weight, on the default (wasm) backend. The
  // objective sums every output: with a step of 1e-2 its float32 rounding stays well under the tolerance.
  it.each<[string, typeof Conv1D | typeof Conv2D | typeof Conv3D, Record<string, unknown>, number[], number[]]>([
    ['Conv1D valid', Conv1D, { filters: 4, kernelSize: 3 }, [2, 8, 3], [2, 6, 4]],
    ['Conv1D causal, dilation 2, tanh', Conv1D, { filters: 2, kernelSize: 3, padding: 'causal', dilationRate: 2, activation: 'tanh' }, [2, 8, 3], [2, 8, 2]],
    ['Conv1D groups 2, same, strides 2, channels_first', Conv1D, { filters: 4, kernelSize: 3, groups: 2, padding: 'same', strides: 2, dataFormat: 'channels_first' }, [2, 4, 7], [2, 4, 4]],
    ['Conv2D same, strides 2, sigmoid (fused)', Conv2D, { filters: 4, kernelSize: 3, padding: 'same', strides: 2, activation: 'sigmoid' }, [2, 7, 7, 3], [2, 4, 4, 4]],
    ['Conv2D dilation (2, 1), same, tanh', Conv2D, { filters: 3, kernelSize: [3, 2], padding: 'same', dilationRate: [2, 1], activation: 'tanh' }, [2, 7, 6, 2], [2, 7, 6, 3]],
    ['Conv2D groups 2, channels_first, no bias', Conv2D, { filters: 4, kernelSize: 2, groups: 2, dataFormat: 'channels_first', useBias: false }, [2, 4, 5, 5], [2, 4, 4, 4]],
    ['Conv3D valid', Conv3D, { filters: 2, kernelSize: 2 }, [1, 4, 4, 4, 2], [1, 3, 3, 3, 2]],
    ['Conv3D same, strides (2, 1, 2), channels_first', Conv3D, { filters: 2, kernelSize: 3, padding: 'same', strides: [2, 1, 2], dataFormat: 'channels_first' }, [1, 2, 5, 4, 5], [1, 2, 3, 4, 3]],
    ['Conv3D dilation 2, same', Conv3D, { filters: 2, kernelSize: 2, padding: 'same', dilationRate: 2 }, [1, 4, 5, 4, 1], [1, 4, 5, 4, 2]],
  ])('passes the standard layer checks: %s', (_, layerClass, init, inputShape, expectedOutputShape) => {
    runLayerTest({
      layerClass: layerClass as typeof Conv2D, init: { ...init, kernelInitializer: SEEDED }, inputShape, expectedOutputShape,
      expectedTrainableWeights: init.useBias === false ? 1 : 2, expectedNonTrainableWeights: 0,
      maxGradientElements: 24, gradientTolerance: { eps: 1e-2 },
    });
  });

  it('has Keras shapes and parameter counts: Conv2D(32, 3) on 28×28×1 → 26×26×32, 320 parameters', () => {
    const conv = new Conv2D({ filters: 32, kernelSize: 3 });
    expect(conv.apply(Input({ shape: [28, 28, 1] })).shape).toEqual([null, 26, 26, 32]);
    expect(conv.countParams()).toBe(320);
    const grouped = new Conv1D({ filters: 8, kernelSize: 5, groups: 4, padding: 'same', strides: 3 });
    expect(grouped.apply(Input({ shape: [20, 12] })).shape).toEqual([null, 7, 8]);
    expect(grouped.countParams()).toBe(5 * 3 * 8 + 8);
    const volume = new Conv3D({ filters: 4, kernelSize: [1, 2, 3], dataFormat: 'channels_first' });
    expect(volume.apply(Input({ shape: [3, 5, 6, 7] })).shape).toEqual([null, 4, 5, 5, 5]);
    expect(volume.countParams()).toBe(6 * 3 * 4 + 4);
  });

  it('keeps unknown spatial sizes unknown', () => {
    expect(new Conv2D({ filters: 5, kernelSize: 3, dilationRate: 2 }).apply(Input({ shape: [null, null, 3] })).shape).toEqual([null, null, null, 5]);
    expect(new Conv1D({ filters: 5, kernelSize: 3, padding: 'causal' }).apply(Input({ shape: [null, 3] })).shape).toEqual([null, null, 5]);
  });

  it('computes a known convolution: ones kernel sums each window, causal padding sees only the past', () => {
    tidy(() => {
      const conv = new Conv1D({ filters: 1, kernelSize: 2, padding: 'causal', kernelInitializer: 'ones', biasInitializer: 'ones' });
      const y = conv.apply(ops.reshape(ops.tensor([1, 2, 3, 4]), [1, 4, 1])) as Tensor;
      expectTensorsClose(y, [[[2], [4], [6], [8]]]);
      const conv2 = new Conv2D({ filters: 1, kernelSize: 2, strides: 2, kernelInitializer: 'ones', useBias: false });
      expectTensorsClose(conv2.apply(ops.reshape(ops.range(0, 16, 1, 'float32'), [1, 4, 4, 1])) as Tensor, [[[[10], [18]], [[42], [50]]]]);
      conv.dispose();
      conv2.dispose();
    });
  });

  it('casts integer inputs to the kernel dtype', () => {
    const conv = new Conv1D({ filters: 1, kernelSize: 1, kernelInitializer: 'ones', useBias: false });
    tidy(() => {
      const y = conv.apply(ops.tensor([[[1], [2]]], undefined, 'int32')) as Tensor;
      expect(y.dtype).toBe('float32');
      expectTensorsClose(y, [[[1], [2]]]);
    });
    conv.dispose();
  });

  it('rejects bad arguments with Keras messages', () => {
    expect(() => new Conv2D({ filters: 0, kernelSize: 3 })).toThrow('Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.');
    expect(() => new Conv2D({ filters: 4, kernelSize: 3, groups: 0 })).toThrow('The number of groups must be a positive integer. Received: groups=0.');
    expect(() => new Conv2D({ filters: 5, kernelSize: 3, groups: 2 })).toThrow(
      'The number of filters must be evenly divisible by the number of groups. Received: groups=2, filters=5.',
    );
    expect(() => new Conv2D({ filters: 4, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(
      '`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2, 2) and dilation_rate=(2, 2)',
    );
    expect(() => new Conv2D({ filters: 4, kernelSize: [3, 3, 3] })).toThrow('The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=(3, 3, 3)');
    expect(() => new Conv2D({ filters: 4, kernelSize: [3, 0] })).toThrow(
      'The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=(3, 0), including values {0} that do not satisfy `value > 0`',
    );
    expect(() => new Conv2D({ filters: 4, kernelSize: 3, padding: 'causal' })).toThrow(
      "The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: causal",
    );
    expect(() => new Conv1D({ filters: 4, kernelSize: 3, dataFormat: 'nhwc' })).toThrow(
      "The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=nhwc",
    );
    expect(() => new Conv2D({ filters: 4, kernelSize: 3, activation: 'nope' })).toThrow(/Unknown activation: "nope"/);
    expect(() => new Conv2D({ filters: 4, kernelSize: 3, loraRank: 2 as never })).toThrow('Conv2D: LoRA (loraRank) is not supported.');
  });

  it('rejects inputs Keras rejects, naming the layer and the shapes', () => {
    expect(() => new Conv2D({ filters: 4, kernelSize: 3, groups: 2 }).apply(Input({ shape: [8, 8, 3] }))).toThrow(
      'The number of input channels must be evenly divisible by the number of groups. Received groups=2, but the input has 3 channels (full input shape is (None, 8, 8, 3)).',
    );
    expect(() => new Conv1D({ filters: 2, kernelSize: 5 }).apply(Input({ shape: [3, 2] }))).toThrow(
      'Computed output size would be zero or negative. Received `inputs shape=(None, 3, 2)`, `kernel shape=(5, 2, 2)`, `dilation_rate=[1]`, `strides=(1,)`, `padding=valid`.',
    );
    const conv = new Conv2D({ filters: 2, kernelSize: 3, name: 'conv' });
    conv.apply(Input({ shape: [8, 8, 3] }));
    expect(() => conv.apply(Input({ shape: [8, 8, 4] }))).toThrow(
      'Input 0 of layer "conv" is incompatible with the layer: expected axis -1 of input shape to have value 3, but received input with shape [null, 8, 8, 4]',
    );
  });
});

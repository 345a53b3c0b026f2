import { beforeEach, describe, expect, it } from 'vitest';
import { random, tidy, type Tensor } from '@strata/core';
import { expectTensorsClose, runLayerTest } from '@strata/test-utils';
import { clearSession, Conv1D, Conv2D, DepthwiseConv1D, DepthwiseConv2D, Input, SeparableConv1D, SeparableConv2D } from '../index.js';

beforeEach(() => clearSession());

/** Weights drawn from a fixed seed, so that every run checks the same gradients. */
const SEEDED = { className: 'GlorotUniform', config: { seed: 7 } };

describe('SeparableConv1D, SeparableConv2D', () => {
  it.each<[string, typeof SeparableConv1D | typeof SeparableConv2D, Record<string, unknown>, number[], number[]]>([
    ['SeparableConv1D strides 2, same, depth multiplier 2', SeparableConv1D, { filters: 3, kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2 }, [2, 7, 2], [2, 4, 3]],
    ['SeparableConv1D dilation 2, channels_first', SeparableConv1D, { filters: 2, kernelSize: 2, dilationRate: 2, dataFormat: 'channels_first' }, [2, 3, 6], [2, 2, 4]],
    ['SeparableConv2D valid, tanh', SeparableConv2D, { filters: 4, kernelSize: 3, activation: 'tanh' }, [2, 5, 5, 3], [2, 3, 3, 4]],
    ['SeparableConv2D dilation 2, same, channels_first, no bias', SeparableConv2D, { filters: 2, kernelSize: 2, dilationRate: 2, padding: 'same', dataFormat: 'channels_first', useBias: false }, [1, 2, 5, 5], [1, 2, 5, 5]],
  ])('passes the standard layer checks: %s', (_, layerClass, init, inputShape, expectedOutputShape) => {
    runLayerTest({
      layerClass: layerClass as typeof SeparableConv2D, init: { ...init, depthwiseInitializer: SEEDED, pointwiseInitializer: SEEDED },
      inputShape, expectedOutputShape, expectedTrainableWeights: init.useBias === false ? 2 : 3, expectedNonTrainableWeights: 0,
      maxGradientElements: 24, gradientTolerance: { eps: 1e-2 },
    });
  });

  it.each<[string, number, Record<string, unknown>, number[]]>([
    ['2D, strides 2, same', 2, { filters: 5, kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2, activation: 'relu6' }, [2, 9, 8, 3]],
    ['2D, dilation 2, channels_first', 2, { filters: 3, kernelSize: 3, dilationRate: 2, dataFormat: 'channels_first' }, [2, 4, 9, 9]],
    ['1D, causal-free dilation 3, same', 1, { filters: 4, kernelSize: 2, dilationRate: 3, padding: 'same', depthMultiplier: 3 }, [2, 10, 2]],
  ])('equals a depthwise convolution then a pointwise (1×1) convolution with the same weights: %s', (_, rank, init, inputShape) => {
    tidy(() => {
      const { filters, depthMultiplier, activation, ...shared } = init;
      const separable = rank === 2 ? new SeparableConv2D(init as never) : new SeparableConv1D(init as never);
      const depthwise = rank === 2 ? new DepthwiseConv2D({ ...shared, depthMultiplier, useBias: false } as never) : new DepthwiseConv1D({ ...shared, depthMultiplier, useBias: false } as never);
      const pointwise = rank === 2
        ? new Conv2D({ filters: filters as number, kernelSize: 1, activation: activation as string, dataFormat: init.dataFormat as never })
        : new Conv1D({ filters: filters as number, kernelSize: 1, activation: activation as string, dataFormat: init.dataFormat as never });
      const x = random.normal(inputShape, { seed: 5 });
      const y = separable.apply(x) as Tensor;
      const [dwKernel, pwKernel, bias] = separable.getWeights();
      depthwise.apply(x);
      depthwise.setWeights([dwKernel!]);
      const mid = depthwise.apply(x) as Tensor;
      pointwise.apply(mid);
      pointwise.setWeights([pwKernel!, random.normal(bias!.shape, { seed: 9 })]);
      separable.setWeights([dwKernel!, pwKernel!, pointwise.getWeights()[1]!]);
      expectTensorsClose(separable.apply(x) as Tensor, pointwise.apply(mid) as Tensor, { atol: 1e-5, rtol: 1e-5 });
      expect(y.shape).toEqual(mid.shape.map((d, i) => (i === (init.dataFormat === 'channels_first' ? 1 : mid.rank - 1) ? filters : d)));
      for (const l of [separable, depthwise, pointwise]) l.dispose();
    });
  });

  it('has Keras shapes and parameter counts: SeparableConv2D(64, 3) on 32 channels has 2,400 parameters', () => {
    const sep = new SeparableConv2D({ filters: 64, kernelSize: 3 });
    expect(sep.apply(Input({ shape: [32, 32, 32] })).shape).toEqual([null, 30, 30, 64]);
    expect(sep.countParams()).toBe(2400);
    expect(sep.weights.map((w) => [w.path, w.shape])).toEqual([
      ['separable_conv2d/depthwise_kernel', [3, 3, 32, 1]], ['separable_conv2d/pointwise_kernel', [1, 1, 32, 64]], ['separable_conv2d/bias', [64]],
    ]);
    const sep1 = new SeparableConv1D({ filters: 8, kernelSize: 5, depthMultiplier: 2, padding: 'same', strides: 2 });
    expect(sep1.apply(Input({ shape: [9, 4] })).shape).toEqual([null, 5, 8]);
    expect(sep1.countParams()).toBe(5 * 4 * 2 + 8 * 8 + 8);
  });

  it('rejects bad arguments with Keras messages', () => {
    expect(() => new SeparableConv2D({ filters: -1, kernelSize: 3 })).toThrow('Invalid value for argument `filters`. Expected a strictly positive value. Received filters=-1.');
    expect(() => new SeparableConv2D({ filters: 2, kernelSize: 3, depthMultiplier: 0 })).toThrow(
      'Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=0.',
    );
  });
});

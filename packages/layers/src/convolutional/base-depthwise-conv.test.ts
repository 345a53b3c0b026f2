import { beforeEach, describe, expect, it } from 'vitest';
import { ops, random, tidy, type Tensor } from '@strata/core';
import { expectTensorsClose, runLayerTest } from '@strata/test-utils';
import { clearSession, DepthwiseConv1D, DepthwiseConv2D, Input } from '../index.js';

beforeEach(() => clearSession());

/** Weights drawn from a fixed seed, so that every run checks the same gradients. */
const SEEDED = { className: 'GlorotUniform', config: { seed: 7 } };

/**
 * The definition of a channels-last 2D depthwise convolution with explicit padding, by loops: output channel
 * `c · multiplier + m` at `(i, j)` is `Σ x[i·s + a·d − top, j·s + b·d − left, c] · k[a, b, c, m]`.
 */
function depthwiseByDefinition(x: Tensor, k: Tensor, strides: number[], dilation: number[], pads: number[], outHW: number[]): Tensor {
  const [n, h, w, c] = x.shape as number[];
  const [kh, kw, , m] = k.shape as number[];
  const xs = x.dataSync();
  const ks = k.dataSync();
  const [oh, ow] = outHW as [number, number];
  const out = new Float32Array(n! * oh * ow * c! * m!);
  for (let b = 0; b < n!; b++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) for (let ch = 0; ch < c!; ch++) for (let mm = 0; mm < m!; mm++) {
    let s = 0;
    for (let a = 0; a < kh!; a++) for (let bb = 0; bb < kw!; bb++) {
      const y = i * strides[0]! + a * dilation[0]! - pads[0]!;
      const xx = j * strides[1]! + bb * dilation[1]! - pads[1]!;
      if (y < 0 || y >= h! || xx < 0 || xx >= w!) continue;
      s += xs[((b * h! + y) * w! + xx) * c! + ch]! * ks[((a * kw! + bb) * c! + ch) * m! + mm]!;
    }
    out[((b * oh + i) * ow + j) * c! * m! + ch * m! + mm] = s;
  }
  return ops.tensor(out, [n!, oh, ow, c! * m!]);
}

describe('DepthwiseConv1D, DepthwiseConv2D', () => {
  it.each<[string, typeof DepthwiseConv1D | typeof DepthwiseConv2D, Record<string, unknown>, number[], number[]]>([
    ['DepthwiseConv1D same, depth multiplier 2', DepthwiseConv1D, { kernelSize: 3, padding: 'same', depthMultiplier: 2 }, [2, 7, 3], [2, 7, 6]],
    ['DepthwiseConv1D dilation 2, channels_first, tanh', DepthwiseConv1D, { kernelSize: 2, dilationRate: 2, dataFormat: 'channels_first', activation: 'tanh' }, [2, 3, 7], [2, 3, 5]],
    ['DepthwiseConv2D strides 2, valid', DepthwiseConv2D, { kernelSize: 3, strides: 2 }, [2, 7, 7, 2], [2, 3, 3, 2]],
    ['DepthwiseConv2D dilation 2, same, channels_first', DepthwiseConv2D, { kernelSize: 2, dilationRate: 2, padding: 'same', dataFormat: 'channels_first' }, [1, 3, 5, 6], [1, 3, 5, 6]],
    ['DepthwiseConv2D strides 2 and dilation 2, same, no bias', DepthwiseConv2D, { kernelSize: 3, strides: 2, dilationRate: 2, padding: 'same', useBias: false }, [1, 7, 6, 2], [1, 4, 3, 2]],
  ])('passes the standard layer checks: %s', (_, layerClass, init, inputShape, expectedOutputShape) => {
    runLayerTest({
      layerClass: layerClass as typeof DepthwiseConv2D, init: { ...init, depthwiseInitializer: SEEDED }, inputShape, expectedOutputShape,
      expectedTrainableWeights: init.useBias === false ? 1 : 2, expectedNonTrainableWeights: 0,
      maxGradientElements: 24, gradientTolerance: { eps: 1e-2 },
    });
  });

  it.each<[string, Record<string, unknown>, number[], number[], number[]]>([
    // [name, options, input shape, explicit (top, left) padding, output (height, width)]
    ['strides 2 and dilation 2, same (TensorFlow refuses both; Keras and Strata compute it)', { kernelSize: 3, strides: 2, dilationRate: 2, padding: 'same', depthMultiplier: 2 }, [2, 9, 8, 3], [2, 1], [5, 4]],
    ['strides (2, 3) and dilation (3, 2), valid', { kernelSize: [2, 3], strides: [2, 3], dilationRate: [3, 2], padding: 'valid' }, [1, 10, 11, 2], [0, 0], [4, 3]],
    ['dilation (1, 3), same', { kernelSize: 3, dilationRate: [1, 3], padding: 'same' }, [1, 5, 9, 2], [1, 3], [5, 9]],
  ])('matches the definition of a depthwise convolution: %s', (_, init, inputShape, pads, outHW) => {
    tidy(() => {
      const layer = new DepthwiseConv2D({ ...(init as { kernelSize: number }), useBias: false, depthwiseInitializer: SEEDED });
      const x = random.normal(inputShape, { seed: 3 });
      const y = layer.apply(x) as Tensor;
      const strides = layer.strides;
      expectTensorsClose(y, depthwiseByDefinition(x, layer.kernel.value, strides, layer.dilationRate, pads, outHW), { atol: 1e-5, rtol: 1e-5 });
      layer.dispose();
    });
  });

  it('has Keras shapes and parameter counts', () => {
    const dw = new DepthwiseConv2D({ kernelSize: 3, padding: 'same' });
    expect(dw.apply(Input({ shape: [56, 56, 64] })).shape).toEqual([null, 56, 56, 64]);
    expect(dw.countParams()).toBe(640);
    const dw1 = new DepthwiseConv1D({ kernelSize: 4, depthMultiplier: 3, strides: 2, dataFormat: 'channels_first' });
    expect(dw1.apply(Input({ shape: [5, 11] })).shape).toEqual([null, 15, 4]);
    expect(dw1.countParams()).toBe(4 * 5 * 3 + 15);
  });

  it('rejects bad arguments with Keras messages', () => {
    expect(() => new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 0 })).toThrow(
      'Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=0.',
    );
    expect(() => new DepthwiseConv1D({ kernelSize: [3, 3] })).toThrow('The `kernel_size` argument must be a tuple of 1 integers. Received kernel_size=(3, 3)');
    expect(() => new DepthwiseConv2D({ kernelSize: 3, padding: 'full' })).toThrow("The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: full");
  });
});

// The convolution flavours whose gradients map onto other kernels — Conv1D (a conv2d of height 1), Conv2DTranspose (its
// forward is Conv2DBackpropInput), SeparableConv2D (depthwise then 1×1), dilated convolutions as the layers compute
// them (SpaceToBatchND → undilated convolution → BatchToSpaceND) and Conv3D — train on Strata's fast kernels: their
// gradients call the SIMD kernels named here and agree with the composed kernels' to float32 rounding.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, expectTensorsClose } from '@strata/test-utils';
import { kernelCalls } from '../fast/module.js';
import { setFastKernels } from '../fast/switch.js';
import './register-kernels.js';

type Net = (x: tf.Tensor, ...w: tf.Tensor[]) => tf.Tensor;

/** A dilated 2D convolution as the layers run it (TensorFlow's atrous scheme, 'valid', rate dividing the padded size). */
function atrousConv2d(x: tf.Tensor4D, w: tf.Tensor4D, rate: number): tf.Tensor {
  const batched = tf.spaceToBatchND(x, [rate, rate], [[0, 0], [0, 0]]) as tf.Tensor4D;
  return tf.batchToSpaceND(tf.conv2d(batched, w, 1, 'valid'), [rate, rate], [[0, rate], [0, rate]]);
}

const flavours: Array<[string, { x: number[]; weights: number[][]; net: Net; simd: string[] }]> = [
  ['Conv1D, kernel 5 same, 8 → 12 channels', {
    x: [3, 20, 8], weights: [[5, 8, 12]],
    net: (x, w) => tf.conv1d(x as tf.Tensor3D, w as tf.Tensor3D, 1, 'same'),
    simd: ['im2col_t_strips'],
  }],
  ['Conv1D, kernel 3 stride 2 valid, one channel', {
    x: [4, 17, 1], weights: [[3, 1, 6]],
    net: (x, w) => tf.conv1d(x as tf.Tensor3D, w as tf.Tensor3D, 2, 'valid'),
    simd: ['filter_grad_small', 'col2im'],
  }],
  ['Conv2DTranspose, 3×3 stride 2 same, 6 → 4 channels', {
    x: [2, 5, 5, 6], weights: [[3, 3, 4, 6]],
    net: (x, w) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [2, 10, 10, 4], 2, 'same'),
    simd: ['im2col_t_strips'],
  }],
  ['SeparableConv2D, 3×3 same, multiplier 2, 4 → 8 channels', {
    x: [2, 9, 8, 4], weights: [[3, 3, 4, 2], [1, 1, 8, 8]],
    net: (x, dw, pw) => tf.separableConv2d(x as tf.Tensor4D, dw as tf.Tensor4D, pw as tf.Tensor4D, 1, 'same'),
    simd: ['depthwise_filter_grad', 'filter_grad_small'], // the 1×1 pointwise filter has only 8 taps × channels
  }],
  ['Conv2D dilation 2 via SpaceToBatchND, 3×3, 5 → 7 channels', {
    x: [2, 12, 10, 5], weights: [[3, 3, 5, 7]],
    net: (x, w) => atrousConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2),
    simd: ['space_to_batch', 'batch_to_space', 'im2col_t_strips'],
  }],
  ['Conv3D, 3×3×3 stride 2 same, 3 → 5 channels', {
    x: [2, 6, 7, 5, 3], weights: [[3, 3, 3, 3, 5]],
    net: (x, w) => tf.conv3d(x as tf.Tensor5D, w as tf.Tensor5D, 2, 'same'),
    simd: ['im2col3d', 'im2col3d_t_strips', 'col2im3d'],
  }],
];

describe('gradients of the convolution flavours on the fast kernels', () => {
  it.each(flavours)('%s: run the SIMD kernels and agree with the composed ones', async (_, spec) => {
    const x = tf.randomUniform(spec.x, -1, 1, 'float32', 1);
    const weights = spec.weights.map((s, i) => tf.randomUniform(s, -0.5, 0.5, 'float32', 2 + i));
    const cotangent = tf.tidy(() => tf.randomUniform(spec.net(x, ...weights).shape, -1, 1, 'float32', 9));
    const gradients = () => tf.grads((...ps: tf.Tensor[]) => tf.sum(tf.mul(spec.net(ps[0]!, ...ps.slice(1)), cotangent)))([x, ...weights]);
    await expectNoLeaks(() => {
      const before = Object.fromEntries(spec.simd.map((k) => [k, kernelCalls[k] ?? 0]));
      const fast = gradients();
      const ran = spec.simd.filter((k) => (kernelCalls[k] ?? 0) > before[k]!);
      expect(ran, 'SIMD kernels that ran').toEqual(spec.simd);
      setFastKernels(false);
      let composed: tf.Tensor[];
      try {
        composed = gradients();
      } finally {
        setFastKernels(true);
      }
      fast.forEach((g, i) => {
        expect(tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0]), `gradient ${i} is all zeros`).toBeGreaterThan(0);
        expectTensorsClose(g, composed[i]!, { rtol: 1e-4, atol: 1e-5 });
      });
      tf.dispose([...fast, ...composed]);
    });
    tf.dispose([x, ...weights, cotangent]);
  });
});

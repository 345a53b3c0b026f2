import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkGradients, expectNoLeaks, expectTensorsClose } from '@strata/test-utils';
import './register-kernels.js';

// A small network touching every convolution flavour Keras layers train (Conv1D, Conv2D, DepthwiseConv2D,
// SeparableConv2D, Conv2DTranspose, Conv3D) and an Embedding lookup, so its gradients need every kernel this package
// adds to wasm: Conv2DBackpropFilter, Conv2DBackpropInput, both depthwise backprops and UnsortedSegmentSum.
const shapes = {
  image: [2, 6, 6, 2],
  embeddings: [10, 4],
  conv: [3, 3, 2, 3],
  depthwise: [3, 3, 3, 1],
  separableDepthwise: [3, 3, 3, 2],
  separablePointwise: [1, 1, 6, 4],
  transpose: [3, 3, 2, 3],
  conv1d: [3, 4, 2],
  conv3d: [2, 2, 2, 1, 2],
} as const;

const TOKENS = [[1, 4, 4, 9, 0, 7], [3, 3, 8, 1, 2, 5]];

function network(tokens: tf.Tensor, ...params: tf.Tensor[]): tf.Tensor {
  const [image, embeddings, conv, depthwise, sepDepthwise, sepPointwise, transpose, conv1d, conv3d] = params as [
    tf.Tensor4D, tf.Tensor2D, tf.Tensor4D, tf.Tensor4D, tf.Tensor4D, tf.Tensor4D, tf.Tensor4D, tf.Tensor3D, tf.Tensor5D];
  const a = tf.tanh(tf.conv2d(image, conv, 1, 'same')); // [2, 6, 6, 3]
  const b = tf.tanh(tf.depthwiseConv2d(a, depthwise, 2, 'same')); // [2, 3, 3, 3]
  const c = tf.separableConv2d(a, sepDepthwise, sepPointwise, 1, 'valid'); // [2, 4, 4, 4]
  const d = tf.conv2dTranspose(b, transpose, [2, 6, 6, 2], 2, 'same'); // [2, 6, 6, 2]
  const sequence = tf.gather(embeddings, tokens); // [2, 6, 4]
  const e = tf.conv1d(sequence as tf.Tensor3D, conv1d, 1, 'same'); // [2, 6, 2]
  const de = tf.tanh(tf.add(d, tf.reshape(e, [2, 6, 1, 2]))); // [2, 6, 6, 2]
  const f = tf.conv3d(tf.reshape(de, [2, 6, 6, 2, 1]) as tf.Tensor5D, conv3d, 1, 'valid'); // [2, 5, 5, 1, 2]
  return tf.concat([tf.reshape(c, [2, -1]), tf.reshape(f, [2, -1]), tf.reshape(b, [2, -1])], 1);
}

function makeParams(): tf.Tensor[] {
  return Object.values(shapes).map((shape, i) => tf.randomUniform([...shape], -0.8, 0.8, 'float32', 10 + i));
}

function gradients(tokens: tf.Tensor, params: tf.Tensor[]): Float32Array[] {
  const gs = tf.grads((...ps: tf.Tensor[]) => tf.sum(tf.square(network(tokens, ...ps))))(params);
  const values = gs.map((g) => g.dataSync() as Float32Array);
  tf.dispose(gs);
  return values;
}

describe('training a network of every convolution and an embedding on wasm', () => {
  it('computes gradients on wasm that match the cpu backend, leaving no tensors behind', async () => {
    const tokens = tf.tensor2d(TOKENS, [2, 6], 'int32');
    const params = makeParams();
    let onWasm: Float32Array[] = [];
    await expectNoLeaks(() => {
      onWasm = gradients(tokens, params);
    });
    await tf.setBackend('cpu');
    let onCpu: Float32Array[];
    try {
      onCpu = gradients(tokens, params);
    } finally {
      await tf.setBackend('wasm');
    }
    Object.keys(shapes).forEach((name, i) => {
      expect(onWasm[i]!.some((v) => v !== 0), `${name} gradient is all zeros`).toBe(true);
      expectTensorsClose(tf.tensor(onWasm[i]!), tf.tensor(onCpu[i]!), { rtol: 1e-4, atol: 1e-5 });
    });
    tf.dispose([tokens, ...params]);
  });

  it('computes gradients on wasm that agree with numerical gradients', async () => {
    const tokens = tf.tensor2d(TOKENS, [2, 6], 'int32');
    const params = makeParams();
    await expectNoLeaks(() => checkGradients((...ps) => network(tokens, ...ps), params, { eps: 1e-2, rtol: 2e-2, atol: 2e-3 }));
    tf.dispose([tokens, ...params]);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import { checkGradients, expectNoLeaks, expectTensorsClose } from '@strata/test-utils';

const FLAG = 'STRATA_FAST_KERNELS';

type Net = (x: tf.Tensor, y: tf.Tensor, ...w: tf.Tensor[]) => tf.Tensor;

/** Keras' categorical crossentropy on probabilities, averaged over the batch. */
const crossentropy = (p: tf.Tensor, y: tf.Tensor) =>
  tf.mean(tf.neg(tf.sum(tf.mul(y, tf.log(tf.clipByValue(tf.div(p, tf.sum(p, -1, true)), 1e-7, 1 - 1e-7))), -1)));

// The Keras MNIST CNN in miniature (every kernel of its training step), and a strided variant with other activations.
const nets: Array<[string, { x: number[]; classes: number; weights: number[][]; net: Net }]> = [
  ['MNIST CNN: conv relu, maxPool, conv relu, maxPool, dense softmax', {
    x: [3, 14, 14, 1],
    classes: 5,
    weights: [[3, 3, 1, 4], [4], [3, 3, 4, 6], [6], [24, 5], [5]],
    net: (x, y, w1, b1, w2, b2, wd, bd) => {
      const h1 = tf.maxPool(tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, w1 as tf.Tensor4D, 1, 'valid'), b1!)), 2, 2, 'valid');
      const h2 = tf.maxPool(tf.relu(tf.add(tf.conv2d(h1, w2 as tf.Tensor4D, 1, 'valid'), b2!)), 2, 2, 'valid');
      return crossentropy(tf.softmax(tf.add(tf.matMul(tf.reshape(h2, [x.shape[0]!, -1]), wd!), bd!)), y);
    },
  }],
  ['strided same conv, leakyRelu, tanh and sigmoid dense layers, relu6', {
    x: [2, 9, 9, 3],
    classes: 4,
    weights: [[3, 3, 3, 8], [8], [200, 6], [6, 4]],
    net: (x, y, w1, b1, wa, wb) => {
      const h = tf.leakyRelu(tf.add(tf.conv2d(x as tf.Tensor4D, w1 as tf.Tensor4D, 2, 'same'), b1!), 0.2);
      const d = tf.relu6(tf.add(tf.mul(tf.tanh(tf.matMul(tf.reshape(h, [x.shape[0]!, -1]), wa!)), 4), 2));
      return crossentropy(tf.softmax(tf.sigmoid(tf.matMul(d, wb!))), y);
    },
  }],
];

function setup(spec: (typeof nets)[number][1], seed: number) {
  const x = tf.randomUniform(spec.x, 0, 1, 'float32', seed);
  const labels = tf.tensor1d(Array.from({ length: spec.x[0]! }, (_, i) => (i * 3) % spec.classes), 'int32');
  const y = tf.oneHot(labels, spec.classes);
  labels.dispose();
  const weights = spec.weights.map((s, i) => tf.randomUniform(s, -0.5, 0.5, 'float32', seed + 10 + i));
  return { x, y, weights };
}

describe('training gradients on wasm: fast kernels against the composed ones', () => {
  it.each(nets)('%s: every weight gradient agrees to float32 rounding', async (_, spec) => {
    const { x, y, weights } = setup(spec, 1);
    const gradients = () => tf.grads((...w: tf.Tensor[]) => spec.net(x, y, ...w))(weights);
    await expectNoLeaks(() => {
      const fast = gradients();
      tf.env().set(FLAG, false);
      let composed: tf.Tensor[];
      try {
        composed = gradients();
      } finally {
        tf.env().set(FLAG, true);
      }
      fast.forEach((g, i) => expectTensorsClose(g, composed[i]!, { rtol: 1e-4, atol: 1e-6 }));
      tf.dispose([...fast, ...composed]);
    });
    tf.dispose([x, y, ...weights]);
  });

  it.each(nets)('%s: the fast gradients equal numerical gradients', async (_, spec) => {
    const { x, y, weights } = setup(spec, 2);
    await expectNoLeaks(() => checkGradients((...w) => spec.net(x, y, ...w), weights, { eps: 5e-4, rtol: 3e-2, atol: 2e-3 }));
    tf.dispose([x, y, ...weights]);
  });
});

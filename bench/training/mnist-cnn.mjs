// The Keras MNIST CNN (Conv2D 32 3×3 relu, MaxPool 2, Conv2D 64 3×3 relu, MaxPool 2, Flatten, Dense 10 softmax;
// categorical crossentropy; Adam) built directly from @strata/core ops, with one training step as Keras runs it:
// forward, gradients of every weight, one Adam update, nothing read back. Shared by run.mjs and accuracy.mjs.
import { createRequire } from 'node:module';
import { ops, random, tidy, variable, variableGrads } from '@strata/core';
import { Adam } from '@strata/optimizers';

export const BATCH = 128;
const EPSILON = 1e-7;

/** Keras' glorot_uniform for a kernel with these fans, seeded. */
function glorot(shape, fanIn, fanOut, seed, name) {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return variable(random.uniform(shape, { minval: -limit, maxval: limit, seed }), true, name);
}

/** The model's weights (Keras' default initializers), seeded. */
export function makeWeights(seed) {
  return {
    w1: glorot([3, 3, 1, 32], 9, 288, seed * 10 + 1, `w1_${seed}_${Math.random()}`),
    b1: variable(ops.zeros([32]), true, `b1_${seed}_${Math.random()}`),
    w2: glorot([3, 3, 32, 64], 288, 576, seed * 10 + 2, `w2_${seed}_${Math.random()}`),
    b2: variable(ops.zeros([64]), true, `b2_${seed}_${Math.random()}`),
    wd: glorot([1600, 10], 1600, 10, seed * 10 + 3, `wd_${seed}_${Math.random()}`),
    bd: variable(ops.zeros([10]), true, `bd_${seed}_${Math.random()}`),
  };
}

/** Class probabilities for images x [N, 28, 28, 1]. */
export function forward(w, x) {
  const n = x.shape[0];
  const h1 = ops.relu(ops.add(ops.conv2d(x, w.w1, 1, 'valid'), w.b1));
  const p1 = ops.maxPool(h1, 2, 2, 'valid');
  const h2 = ops.relu(ops.add(ops.conv2d(p1, w.w2, 1, 'valid'), w.b2));
  const p2 = ops.maxPool(h2, 2, 2, 'valid');
  return ops.softmax(ops.add(ops.matMul(ops.reshape(p2, [n, 1600]), w.wd), w.bd));
}

/** Keras' categorical_crossentropy on probabilities (renormalised, clipped to [ε, 1 − ε]), averaged over the batch. */
export function loss(w, x, y) {
  const p = forward(w, x);
  const o = ops.clipByValue(ops.div(p, ops.sum(p, -1, true)), EPSILON, 1 - EPSILON);
  return ops.mean(ops.neg(ops.sum(ops.mul(y, ops.log(o)), -1)));
}

/** A model: weights, an Adam optimizer, and its training step. */
export function makeModel(seed) {
  const weights = makeWeights(seed);
  const vars = Object.values(weights);
  const optimizer = new Adam();
  return {
    weights,
    vars,
    optimizer,
    /** Gradients of the loss for one batch (the forward and backward passes), as [gradient, variable] pairs. */
    gradients: (x, y) => {
      const { grads } = variableGrads(() => loss(weights, x, y), vars);
      return vars.map((v) => [grads[v.name], v]);
    },
    /** One training step: forward, backward, Adam update; nothing read back. */
    step(x, y) {
      tidy(() => optimizer.applyGradients(this.gradients(x, y)));
    },
    dispose() {
      for (const v of vars) v.dispose();
      for (const v of optimizer.variables) v.value.dispose();
    },
  };
}

/** A seeded PRNG (mulberry32) in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with a seeded PRNG. */
export function shuffled(n, seed) {
  const rand = prng(seed);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

/**
 * The `mnist` package's 10,000 real digits with a fixed, seeded 8,000 / 2,000 split: { x [N, 28, 28, 1], labels }
 * for train and test (plain arrays; make tensors with toTensors).
 */
export function loadDigits() {
  const require = createRequire(import.meta.url);
  const images = [];
  const labels = [];
  for (let d = 0; d < 10; d++) {
    const data = require(`mnist/src/digits/${d}.json`).data;
    for (let i = 0; i < data.length / 784; i++) {
      images.push(data.slice(i * 784, (i + 1) * 784));
      labels.push(d);
    }
  }
  const order = shuffled(images.length, 12345);
  const pick = (ids) => ({ images: ids.map((i) => images[i]), labels: ids.map((i) => labels[i]) });
  return { train: pick(order.slice(0, 8000)), test: pick(order.slice(8000, 10000)) };
}

/** Tensors x [N, 28, 28, 1] and one-hot y [N, 10] of a split. */
export function toTensors(split) {
  const n = split.labels.length;
  const flat = new Float32Array(n * 784);
  split.images.forEach((img, i) => flat.set(img, i * 784));
  return { x: ops.tensor(flat, [n, 28, 28, 1]), y: ops.oneHot(ops.tensor(split.labels, [n], 'int32'), 10), labels: split.labels };
}

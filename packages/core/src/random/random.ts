import * as tf from '@tensorflow/tfjs-core';
import { type SeedGenerator, drawStream } from './seed-generator.js';
import type { CounterStream } from './prng.js';

/** Options common to random ops: `seed` is a number (stateless, repeats) or a SeedGenerator (advances). */
export interface RandomOptions {
  seed?: number | SeedGenerator | null;
  dtype?: 'float32';
}

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function gaussian(stream: CounterStream): number {
  // Box–Muller; one value per pair of draws keeps the stream position independent of shape parity.
  const u1 = stream.nextOpen();
  const u2 = stream.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Uniform values in `[minval, maxval)`, as `keras.random.uniform`. */
export function uniform(shape: number[], opts: RandomOptions & { minval?: number; maxval?: number } = {}): tf.Tensor {
  const { minval = 0, maxval = 1 } = opts;
  const stream = drawStream(opts.seed);
  const out = new Float32Array(size(shape));
  for (let i = 0; i < out.length; i++) out[i] = minval + (maxval - minval) * stream.next();
  return tf.tensor(out, shape, 'float32');
}

/** Normal values, as `keras.random.normal`. */
export function normal(shape: number[], opts: RandomOptions & { mean?: number; stddev?: number } = {}): tf.Tensor {
  const { mean = 0, stddev = 1 } = opts;
  const stream = drawStream(opts.seed);
  const out = new Float32Array(size(shape));
  for (let i = 0; i < out.length; i++) out[i] = mean + stddev * gaussian(stream);
  return tf.tensor(out, shape, 'float32');
}

/** Normal values redrawn until within two standard deviations, as `keras.random.truncated_normal`. */
export function truncatedNormal(shape: number[], opts: RandomOptions & { mean?: number; stddev?: number } = {}): tf.Tensor {
  const { mean = 0, stddev = 1 } = opts;
  const stream = drawStream(opts.seed);
  const out = new Float32Array(size(shape));
  for (let i = 0; i < out.length; i++) {
    let v = gaussian(stream);
    while (Math.abs(v) > 2) v = gaussian(stream);
    out[i] = mean + stddev * v;
  }
  return tf.tensor(out, shape, 'float32');
}

/** Integers in `[minval, maxval)`, as `keras.random.randint`. */
export function randint(shape: number[], opts: { minval: number; maxval: number; seed?: number | SeedGenerator | null }): tf.Tensor {
  const stream = drawStream(opts.seed);
  const out = new Int32Array(size(shape));
  const span = opts.maxval - opts.minval;
  for (let i = 0; i < out.length; i++) out[i] = opts.minval + Math.floor(stream.next() * span);
  return tf.tensor(out, shape, 'int32');
}

/** A random permutation of `0..n-1`. */
export function permutation(n: number, opts: { seed?: number | SeedGenerator | null } = {}): Int32Array {
  const stream = drawStream(opts.seed);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(stream.next() * (i + 1));
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx;
}

/** Shuffles `x` along its first axis, as `keras.random.shuffle`. */
export function shuffle(x: tf.Tensor, opts: { seed?: number | SeedGenerator | null } = {}): tf.Tensor {
  const perm = permutation(x.shape[0] ?? 0, opts);
  return tf.tidy(() => tf.gather(x, tf.tensor1d(perm, 'int32')));
}

/**
 * Zeroes each value with probability `rate` and scales the rest by `1 / (1 - rate)`, as `keras.random.dropout`.
 * `noiseShape` broadcasts the mask (SpatialDropout).
 */
export function dropout(x: tf.Tensor, rate: number, opts: { noiseShape?: number[]; seed?: number | SeedGenerator | null } = {}): tf.Tensor {
  if (rate <= 0) return tf.clone(x);
  const shape = opts.noiseShape ?? x.shape;
  return tf.tidy(() => {
    const keep = tf.cast(tf.greaterEqual(uniform(shape, { seed: opts.seed ?? null }), rate), x.dtype);
    return tf.mul(x, tf.mul(keep, 1 / (1 - rate)));
  });
}

/** Samples class indices from logits, as `keras.random.categorical`. */
export function categorical(logits: tf.Tensor2D, numSamples: number, opts: { seed?: number | SeedGenerator | null } = {}): tf.Tensor {
  const [batch, classes] = logits.shape;
  const probs = tf.tidy(() => tf.softmax(logits).dataSync());
  const stream = drawStream(opts.seed);
  const out = new Int32Array(batch * numSamples);
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < numSamples; s++) {
      const u = stream.next();
      let acc = 0;
      let k = 0;
      for (; k < classes - 1; k++) {
        acc += probs[b * classes + k]!;
        if (u < acc) break;
      }
      out[b * numSamples + s] = k;
    }
  }
  return tf.tensor(out, [batch, numSamples], 'int32');
}

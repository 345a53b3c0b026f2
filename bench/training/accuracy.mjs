// Training is unchanged by the fast kernels: the Keras MNIST CNN trained for one epoch (batch 128, Adam) on 8,000 of
// the `mnist` package's real digits and tested on 2,000 others, over 3 seeds, with Strata's fast kernels and with the
// composed ones (tfjs' gradients and kernels; setFastKernels(false)), in one run. Prints each run's test accuracy and
// the means. Needs the built packages: `pnpm -w build`, then `node bench/training/accuracy.mjs` (a few minutes: the
// composed path is slow).
import * as tf from '@tensorflow/tfjs-core';

process.env.STRATA_WASM_THREADS ??= '1';
const { ops, tidy, dispose } = await import('@strata/core');
const { BATCH, makeModel, forward, loadDigits, toTensors, shuffled } = await import('./mnist-cnn.mjs');

const SEEDS = [0, 1, 2];
const digits = loadDigits();
const train = toTensors(digits.train);
const test = toTensors(digits.test);

/** One epoch over the training split in a seeded order (the last batch partial, as Keras does); returns ms. */
function trainEpoch(model, seed) {
  const order = shuffled(digits.train.labels.length, 1000 + seed);
  const start = performance.now();
  for (let i = 0; i < order.length; i += BATCH) {
    const ids = ops.tensor(order.slice(i, i + BATCH), undefined, 'int32');
    const x = ops.gather(train.x, ids);
    const y = ops.gather(train.y, ids);
    model.step(x, y);
    dispose([ids, x, y]);
  }
  return performance.now() - start;
}

/** Test accuracy (read back once, after training). */
function accuracy(model) {
  const predicted = tidy(() => ops.argMax(forward(model.weights, test.x), -1));
  const p = predicted.dataSync();
  predicted.dispose();
  return p.reduce((n, v, i) => n + (v === test.labels[i] ? 1 : 0), 0) / p.length;
}

const results = [];
for (const seed of SEEDS) {
  for (const [path, on] of [['fast', true], ['composed', false]]) {
    tf.env().set('STRATA_FAST_KERNELS', on);
    const model = makeModel(seed);
    const ms = trainEpoch(model, seed);
    results.push({ seed, path, accuracy: accuracy(model), samplesPerSecond: (digits.train.labels.length / ms) * 1000 });
    model.dispose();
    const r = results.at(-1);
    console.log(`seed ${seed} ${path.padEnd(8)} test accuracy ${(r.accuracy * 100).toFixed(2)}%  (${r.samplesPerSecond.toFixed(0)} samples/s)`);
  }
}
const mean = (path) => results.filter((r) => r.path === path).reduce((s, r) => s + r.accuracy, 0) / SEEDS.length;
console.log(`mean over ${SEEDS.length} seeds: fast ${(mean('fast') * 100).toFixed(2)}%, composed ${(mean('composed') * 100).toFixed(2)}%, difference ${((mean('fast') - mean('composed')) * 100).toFixed(2)} points`);

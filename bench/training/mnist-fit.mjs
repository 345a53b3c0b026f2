// Training throughput of `model.fit` on the Keras MNIST CNN (Conv2D 32 3×3 relu, MaxPool 2, Conv2D 64 3×3 relu,
// MaxPool 2, Flatten, Dense 10 softmax; categorical crossentropy; Adam; batch 128), in samples per second: Strata on
// the default wasm backend, next to tfjs-layers 4.22.0 (the anchor) on the cpu backend, in this run (tfjs-layers
// cannot train this model on wasm: tfjs-backend-wasm lacks its gradient kernels). A cpu step of this model takes
// about 100 s, so the anchor runs 2 steps (about 4 minutes); `--strata-cpu` adds Strata on the cpu backend too.
// Needs the built packages: `pnpm -w build`, then `node bench/training/mnist-fit.mjs [wasm steps, default 12] [--strata-cpu]`.
import { loadavg } from 'node:os';

const STEPS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 12);
const WITH_STRATA_CPU = process.argv.includes('--strata-cpu');
const BATCH = 128;
const { getBackend, ops, random, setBackend, setRandomSeed, tidy, dispose } = await import('@strata/core');
await import('@strata/backend-cpu');
const { Conv2D, Dense, Flatten, Input, MaxPooling2D } = await import('@strata/layers');
const { LambdaCallback, Sequential } = await import('@strata/models');
const tfl = await import('@tensorflow/tfjs-layers');

/** Random images and one-hot labels (throughput does not depend on the values). */
function batches(n) {
  return tidy(() => ({
    x: random.uniform([n, 28, 28, 1], { seed: 1 }),
    y: ops.oneHot(ops.cast(ops.floor(ops.mul(random.uniform([n], { seed: 2 }), 10)), 'int32'), 10),
  }));
}

/** Seconds per step of `fit`, from batch ends (after `warm` steps; with none, from the call), as a median. */
async function timeSteps(fit, warm) {
  const ends = [performance.now()];
  await fit(() => ends.push(performance.now()));
  if (warm === 0) warm = 1;
  else ends.shift();
  const per = ends.slice(warm).map((t, i) => (t - ends[warm - 1 + i]) / 1000).sort((a, b) => a - b);
  return { median: per[Math.floor(per.length / 2)], steps: per.length };
}

async function strataFit(steps, warm) {
  setRandomSeed(1);
  const model = new Sequential([
    Input({ shape: [28, 28, 1] }),
    new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu' }),
    new MaxPooling2D({ poolSize: 2 }),
    new Conv2D({ filters: 64, kernelSize: 3, activation: 'relu' }),
    new MaxPooling2D({ poolSize: 2 }),
    new Flatten(),
    new Dense({ units: 10, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
  const { x, y } = batches(BATCH * (steps + warm));
  const result = await timeSteps(
    (onBatch) => model.fit(x, y, { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0, callbacks: [new LambdaCallback({ onTrainBatchEnd: onBatch })] }),
    warm,
  );
  dispose([x, y]);
  model.optimizer.dispose();
  model.dispose();
  return result;
}

async function tfjsLayersFit(steps, warm) {
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const { x, y } = batches(BATCH * (steps + warm));
  const result = await timeSteps(
    (onBatch) => model.fit(x, y, { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0, callbacks: { onBatchEnd: async () => onBatch() } }),
    warm,
  );
  dispose([x, y]);
  model.dispose();
  return result;
}

const wasm = getBackend();
const threads = wasm.capabilities.threads;
const CPU_STEPS = 2;
console.log(`Keras MNIST CNN, model.fit, batch ${BATCH}: median seconds per step after warm-up steps (load average ${loadavg()[0].toFixed(1)})\n`);
const line = (cells) => `| ${cells[0].padEnd(44)} | ${cells[1].padStart(9)} | ${cells[2].padStart(9)} | ${cells[3].padStart(5)} | ${cells[4].padStart(10)} |`;
const rows = [];
const row = (label, r) => rows.push([label, r]);
row(`Strata model.fit, wasm (${threads} thread${threads === 1 ? '' : 's'})`, await strataFit(STEPS, 2));
console.error(`measured ${rows.at(-1)[0]}`);
await setBackend('cpu');
if (WITH_STRATA_CPU) {
  row('Strata model.fit, cpu', await strataFit(CPU_STEPS, 0));
  console.error(`measured ${rows.at(-1)[0]}`);
}
const anchor = await tfjsLayersFit(CPU_STEPS, 0);
row('tfjs-layers 4.22.0 model.fit, cpu (anchor)', anchor);
console.log(line(['', 'samples/s', 'ms/step', 'steps', 'vs anchor']));
console.log(`|${'-'.repeat(46)}|${'-'.repeat(10)}:|${'-'.repeat(10)}:|${'-'.repeat(6)}:|${'-'.repeat(11)}:|`);
for (const [label, r] of rows) {
  console.log(line([label, (BATCH / r.median).toFixed(0), (r.median * 1000).toFixed(0), String(r.steps), `${(anchor.median / r.median).toFixed(2)}×`]));
}

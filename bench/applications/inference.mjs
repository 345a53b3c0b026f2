// Inference time of the six Keras applications (@strata/applications) on wasm, next to tfjs-layers 4.22.0 running the
// same architecture with the same weights, in the same run and the same process:
// - each Strata model is built by its builder (weights: null, seeded), then every weight Keras initialises to a
//   constant gets values that matter (random biases and BatchNormalization gamma/beta, moving statistics from a
//   calibration batch), so the outputs check below can see a misplaced weight;
// - the model is saved in the TF.js layers format with @strata/saving (in memory) and loaded with
//   tf.loadLayersModel: tfjs-layers runs the same graph with the same weights;
// - before timing, both predict one image: max |diff| of the predictions and of the layer before the last (fc2,
//   avg_pool, MobileNet's logits), relative to that layer's largest value (the run exits 1 when either exceeds 1e-4);
// - timing: `predict` (plus reading the result back) at batch 1 and batch 8, default input size, alternating Strata
//   and tfjs-layers run by run after a warm-up of each, median of RUNS runs (2 when a warm-up took over 4 s), so load
//   from other processes on a shared machine hits both alike.
// Both run on one tfjs-core engine and its 'wasm' backend: tfjs-backend-wasm 4.22's BackendWasm, started by
// @strata/backend-wasm (SIMD, threads = cores, at most 8; STRATA_WASM_THREADS=n to change). tfjs-layers therefore
// also runs on the kernels @strata/backend-wasm adds or replaces: the comparison is between the two layer and model
// implementations on the same kernels. The script prints the backend names and checks that they agree.
//
// Needs the built packages (`pnpm -w build`). Run: `pnpm --filter @strata/bench applications`, or
// `node bench/applications/inference.mjs [vgg16,mobilenet,...]`. RUNS=n (default 3), BATCHES=1,8.
// Takes about 6 minutes for all six on 2 shared cores (VGG19 and Xception at batch 8 dominate; BATCHES=1 takes ~2);
// peaks at ~4 GB of memory (VGG19 twice in one wasm heap).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { availableParallelism, loadavg } from 'node:os';

const core = await import('@strata/core');
const { Model } = await import('@strata/models');
const { saveModel, memoryHandler } = await import('@strata/saving');
const apps = await import('@strata/applications');

const RUNS = Number(process.env.RUNS ?? 3);
const BATCHES = (process.env.BATCHES ?? '1,8').split(',').map(Number);
const APPLICATIONS = [
  // [Keras function, namespace in @strata/applications, input size, layer before the last]
  ['VGG16', 'vgg16', 224, 'fc2'],
  ['VGG19', 'vgg19', 224, 'fc2'],
  ['ResNet50', 'resnet50', 224, 'avg_pool'],
  ['Xception', 'xception', 299, 'avg_pool'],
  ['InceptionV3', 'inceptionV3', 299, 'avg_pool'],
  ['MobileNet', 'mobilenet', 224, 'reshape_2'],
];
const only = process.argv[2]?.split(',').map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''));
const selected = APPLICATIONS.filter(([fn]) => !only || only.includes(fn.toLowerCase()));
const SLOW_MS = 4000;
const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  const h = Math.floor(v.length / 2);
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
};

/** The model's builder: `VGG16` at the top level of @strata/applications, or in its namespace (`vgg16.VGG16`). */
function builderOf(fn, ns) {
  const build = apps[fn] ?? apps[ns]?.[fn];
  if (typeof build !== 'function') throw new Error(`@strata/applications exports no ${fn} (looked for ${fn} and ${ns}.${fn})`);
  return build;
}

/**
 * Values for the weights Keras initialises to constants, so that both sides' outputs depend on every weight: random
 * biases and BatchNormalization gamma/beta, and moving mean/variance set to the statistics of each BN layer's input on
 * `calibration` (one training-mode pass with momentum 0, restored after). With random moving statistics instead the
 * input-dependent signal fades under the offsets within a few blocks, and the outputs would hardly see early layers.
 */
function randomizeConstantWeights(model, seed, calibration) {
  let k = seed;
  for (const v of model.weights) {
    const leaf = v.path.split('/').at(-1);
    let value;
    if (leaf === 'gamma') value = tf.randomUniform(v.shape, 0.5, 1.5, 'float32', k++);
    else if (leaf === 'beta') value = tf.randomNormal(v.shape, 0, 0.2, 'float32', k++);
    else if (leaf === 'bias') value = tf.randomNormal(v.shape, 0, 0.05, 'float32', k++);
    else continue;
    v.assign(value);
    value.dispose();
  }
  const bns = model.layers.filter((l) => typeof l.momentum === 'number' && l.weights.some((w) => w.path.endsWith('/moving_mean')));
  const momenta = bns.map((l) => l.momentum);
  for (const l of bns) l.momentum = 0;
  tf.dispose(model.apply(calibration, { training: true }));
  bns.forEach((l, i) => (l.momentum = momenta[i]));
}

/** A tfjs-layers IOHandler over files saved in memory by @strata/saving (shards concatenated in manifest order). */
function tfjsHandler(files) {
  return {
    load: async () => {
      const doc = JSON.parse(new TextDecoder().decode(files.get('model.json')));
      const specs = [];
      const parts = [];
      for (const group of doc.weightsManifest) {
        specs.push(...group.weights);
        for (const p of group.paths) parts.push(files.get(p.replace(/^\.\//, '')));
      }
      const data = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
      let at = 0;
      for (const p of parts) {
        data.set(p, at);
        at += p.byteLength;
      }
      return { modelTopology: doc.modelTopology, format: doc.format, generatedBy: doc.generatedBy, weightSpecs: specs, weightData: data.buffer };
    },
  };
}

/** Max |a - b| over two tensors' values. */
function maxAbsDiff(a, b) {
  const x = a.dataSync();
  const y = b.dataSync();
  if (x.length !== y.length) return Infinity;
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

/**
 * Medians (ms) of `a` and `b` (each returns a tensor, read back then disposed), alternating after a warm-up; RUNS runs
 * each, or 2 when a warm-up took over SLOW_MS (VGG at batch 8), to keep the whole bench to a few minutes.
 */
function timePair(a, b) {
  const once = (fn) => {
    const t0 = performance.now();
    const y = fn();
    y.dataSync();
    const ms = performance.now() - t0;
    y.dispose();
    return ms;
  };
  const warm = Math.max(once(a), once(b));
  const runs = warm > SLOW_MS ? Math.min(RUNS, 2) : RUNS;
  const ta = [];
  const tb = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) ta.push(once(a)), tb.push(once(b));
    else tb.push(once(b)), ta.push(once(a));
  }
  return [median(ta), median(tb)];
}

const backendClass = tf.backend().constructor.name;
const strataBackend = core.getBackend();
console.log(
  `backends: Strata ${strataBackend.name} (simd ${strataBackend.capabilities?.simd}, ${strataBackend.capabilities?.threads} threads); ` +
    `tfjs-layers on tfjs-core ${tf.version_core} backend ${tf.getBackend()} (${backendClass}); ` +
    `${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; median of ${RUNS} runs (2 when slower than ${SLOW_MS / 1000} s) after a warm-up`,
);
if (strataBackend.name !== 'wasm' || tf.getBackend() !== 'wasm') throw new Error(`expected both on wasm, got Strata ${strataBackend.name} and tfjs ${tf.getBackend()}`);

const rows = [];
const checks = [];
for (const [fn, ns, size, featureLayer] of selected) {
  const t0 = performance.now();
  core.resetNames?.();
  core.setRandomSeed(1);
  const ours = await builderOf(fn, ns)({ weights: null });
  const calibration = tf.randomUniform([2, size, size, 3], -1, 1, 'float32', 3);
  randomizeConstantWeights(ours, 100, calibration);
  calibration.dispose();
  const mem = memoryHandler('model.json');
  await saveModel(ours, mem);
  const theirs = await tfl.loadLayersModel(tfjsHandler(mem.files));
  mem.files.clear();
  const setup = (performance.now() - t0) / 1000;

  // Same outputs before timing (batch 1).
  const x1 = tf.randomUniform([1, size, size, 3], -1, 1, 'float32', 7);
  const oursFeat = new Model({ inputs: ours.inputs, outputs: ours.getLayer(featureLayer).output });
  const theirsFeat = tfl.model({ inputs: theirs.inputs, outputs: theirs.getLayer(featureLayer).output });
  const [py, ty, pf, tfeat] = [ours.predict(x1), theirs.predict(x1), oursFeat.predict(x1), theirsFeat.predict(x1)];
  const onWasm = py instanceof tf.Tensor && ty instanceof tf.Tensor && tf.getBackend() === 'wasm';
  const scale = tf.tidy(() => tf.max(tf.abs(tfeat)).dataSync()[0]);
  const check = { fn, pred: maxAbsDiff(py, ty), feat: maxAbsDiff(pf, tfeat), scale, onWasm, setup, params: ours.countParams(), theirParams: theirs.countParams() };
  tf.dispose([x1, py, ty, pf, tfeat]);
  checks.push(check);
  console.log(
    `${fn}: ${check.params.toLocaleString('en-US')} params (tfjs-layers ${check.theirParams.toLocaleString('en-US')}); ` +
      `max |diff| predictions ${check.pred.toExponential(2)}, ${featureLayer} ${check.feat.toExponential(2)} (max |value| ${scale.toExponential(2)}); set-up ${setup.toFixed(1)} s`,
  );

  for (const batch of BATCHES) {
    const x = tf.randomUniform([batch, size, size, 3], -1, 1, 'float32', batch);
    const [s, t] = timePair(() => ours.predict(x, { batchSize: batch }), () => theirs.predict(x, { batchSize: batch }));
    x.dispose();
    rows.push({ fn, batch, s, t });
    console.log(`  batch ${batch}: Strata ${s.toFixed(0)} ms, tfjs-layers ${t.toFixed(0)} ms`);
  }
  ours.dispose();
  theirs.dispose();
}

console.log('\n| model | batch | Strata (ms) | tfjs-layers (ms) | tfjs-layers / Strata (> 1: Strata faster) | Strata images/s |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.fn} | ${r.batch} | ${r.s.toFixed(1)} | ${r.t.toFixed(1)} | ${(r.t / r.s).toFixed(2)}× | ${((1000 * r.batch) / r.s).toFixed(1)} |`);
}
console.log('\n| model | max abs diff, predictions | max abs diff, layer before last / its max abs value | same params | both on wasm | agree (≤ 1e-4) |');
console.log('|---|---:|---:|---|---|---|');
for (const c of checks) {
  const rel = c.feat / Math.max(c.scale, 1e-30);
  const agree = c.pred <= 1e-4 && rel <= 1e-4 && c.params === c.theirParams && c.onWasm;
  if (!agree) process.exitCode = 1;
  console.log(`| ${c.fn} | ${c.pred.toExponential(2)} | ${rel.toExponential(2)} | ${c.params === c.theirParams ? 'yes' : 'NO'} | ${c.onWasm ? 'yes' : 'NO'} | ${agree ? 'yes' : 'NO'} |`);
}
console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (the machine is shared; figures from a loaded machine are pessimistic for both sides)`);

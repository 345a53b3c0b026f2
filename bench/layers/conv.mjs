// Conv2D, DepthwiseConv2D and SeparableConv2D from @strata/layers on 56×56×64 inputs, each next to the same layer
// from tfjs-layers 4.22.0, measured in this run:
// - forward (inference), batch 32: both on the wasm backend (Strata runs the fused convolution + bias + activation
//   kernel);
// - training step (forward, then gradients of the input and of every weight): Strata on wasm; the anchor is
//   tfjs-layers on the cpu backend, because stock tfjs-backend-wasm has no convolution filter gradients, so tfjs-layers
//   cannot train a convolution on wasm (in this process it would borrow the kernels @strata/backend-wasm registers,
//   which is not a tfjs figure). The cpu backend takes minutes per step at batch 32, so the comparison runs at batch 1
//   (both sides), next to Strata's batch-32 figure.
// Medians of 5 runs after a warm-up (the two forward passes alternate, so load from other processes hits both alike);
// the warm-up itself is the figure when it took over 5 s (the cpu anchors).
// Needs the built packages: `pnpm -w build` (or `tsc -b packages/layers`), then `pnpm --filter @strata/bench layers`.
// BATCH=n and ANCHOR_BATCH=n override the batch sizes (32 and 1).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadavg } from 'node:os';

const { getBackend } = await import('@strata/core');
const L = await import('@strata/layers');

const BATCH = Number(process.env.BATCH ?? 32);
const ANCHOR_BATCH = Number(process.env.ANCHOR_BATCH ?? 1);
const RUNS = 5;
const SLOW_MS = 5000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median milliseconds of `fn` (which returns what to dispose) after a warm-up, or the warm-up when it is slow. */
function time(fn) {
  const start = performance.now();
  tf.dispose(fn());
  const warm = performance.now() - start;
  if (warm > SLOW_MS) return warm;
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const out = fn();
    times.push(performance.now() - t0);
    tf.dispose(out);
  }
  return median(times);
}

/** Medians of `a` and `b` (each returns what to dispose), run alternately after a warm-up of each. */
function timePair(a, b) {
  tf.dispose(a());
  tf.dispose(b());
  const ta = [];
  const tb = [];
  for (let i = 0; i < RUNS; i++) {
    for (const [fn, times] of [[a, ta], [b, tb]]) {
      const t0 = performance.now();
      const out = fn();
      times.push(performance.now() - t0);
      tf.dispose(out);
    }
  }
  return [median(ta), median(tb)];
}

/** One training step's gradients: of sum(layer(x) · dy) with respect to x and every trainable weight. */
function trainStep(apply, x, dy, weights) {
  return () => {
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(apply(x), dy)), [x, ...weights]);
    return [value, ...Object.values(grads)];
  };
}

const workloads = [
  {
    name: 'Conv2D 3×3, 64→64, same, relu',
    strata: () => new L.Conv2D({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
    tfjs: () => tfl.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
  },
  {
    name: 'DepthwiseConv2D 3×3, 64, same, relu',
    strata: () => new L.DepthwiseConv2D({ kernelSize: 3, padding: 'same', activation: 'relu' }),
    tfjs: () => tfl.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', activation: 'relu' }),
  },
  {
    name: 'SeparableConv2D 3×3, 64→64, same, relu',
    strata: () => new L.SeparableConv2D({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
    tfjs: () => tfl.layers.separableConv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
  },
];

/** A layer on `backend` with an input variable of `batch` × 56×56×64 and a cotangent for its output. */
async function setUp(backend, batch, makeLayer, apply) {
  await tf.setBackend(backend);
  const x = tf.variable(tf.randomUniform([batch, 56, 56, 64], -1, 1, 'float32', 1));
  const layer = makeLayer();
  const out = apply(layer, x);
  const dy = tf.randomUniform(out.shape, -1, 1, 'float32', 2);
  out.dispose();
  return { x, layer, dy, dispose: () => { tf.dispose([x, dy]); layer.dispose(); } };
}

/** Median forward times of a Strata layer and a tfjs-layers layer on wasm, measured alternately. */
async function forwardPair(w) {
  const ours = await setUp('wasm', BATCH, w.strata, strataApply);
  const theirs = await setUp('wasm', BATCH, w.tfjs, tfjsApply);
  const times = timePair(() => strataApply(ours.layer, ours.x), () => tfjsApply(theirs.layer, theirs.x));
  ours.dispose();
  theirs.dispose();
  return times;
}

/** Training-step time of a layer on `backend`; `weightsOf` lists its trainable tf.Variables. */
async function trainTime(backend, batch, makeLayer, weightsOf, apply) {
  const s = await setUp(backend, batch, makeLayer, apply);
  const ms = time(trainStep((v) => apply(s.layer, v), s.x, s.dy, weightsOf(s.layer)));
  s.dispose();
  return ms;
}

const strataApply = (layer, x) => layer.apply(x);
const strataWeights = (layer) => layer.trainableWeights.map((w) => w.value);
const tfjsApply = (layer, x) => layer.apply(x);
const tfjsWeights = (layer) => layer.trainableWeights.map((w) => w.read());

const fmt = (ms) => (ms == null ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const ratio = (anchor, ours) => `${(anchor / ours).toFixed(2)}×`;

await tf.setBackend('wasm');
const caps = getBackend().capabilities;
console.log(`56×56×64 inputs (NHWC) — wasm: simd ${caps.simd}, threads ${caps.threads}; load average ${loadavg()[0].toFixed(2)}`);
console.log(`forward, batch ${BATCH}: Strata wasm vs tfjs-layers wasm`);
console.log(`training step (forward + gradients of input and weights): Strata wasm at batch ${BATCH}; at batch ${ANCHOR_BATCH}, Strata wasm vs tfjs-layers cpu`);
console.log('ratio = anchor time / Strata time (above 1: Strata is faster)\n');
const b = (n) => `b${n}`;
const rows = [[
  'layer', `fwd Strata wasm ${b(BATCH)}`, `fwd tfjs-layers wasm ${b(BATCH)}`, 'ratio',
  `train Strata wasm ${b(BATCH)}`, `train Strata wasm ${b(ANCHOR_BATCH)}`, `train tfjs-layers cpu ${b(ANCHOR_BATCH)}`, 'ratio',
]];
for (const w of workloads) {
  const [forward, anchorForward] = await forwardPair(w);
  const train = await trainTime('wasm', BATCH, w.strata, strataWeights, strataApply);
  const trainSmall = await trainTime('wasm', ANCHOR_BATCH, w.strata, strataWeights, strataApply);
  const anchorTrain = await trainTime('cpu', ANCHOR_BATCH, w.tfjs, tfjsWeights, tfjsApply);
  rows.push([
    w.name, fmt(forward), fmt(anchorForward), ratio(anchorForward, forward),
    fmt(train), fmt(trainSmall), fmt(anchorTrain), ratio(anchorTrain, trainSmall),
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
await tf.setBackend('wasm');

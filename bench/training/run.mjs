// Training speed of the Keras MNIST CNN (batch 128, Adam) on the wasm backend, Strata's fast kernels against the
// composed ones (tfjs' gradients and kernels, kept selectable with setFastKernels / STRATA_FAST_KERNELS=0), in one
// run: samples/s, the step split into forward, backward and optimizer update, and every kernel's share of a step.
// Then the per-kernel table of bench/kernels (each backward kernel next to its forward counterpart); --steps-only
// skips it, --kernels adds each kernel's share of a step. Single-threaded unless STRATA_WASM_THREADS says otherwise.
// Needs the built packages: `pnpm -w build`, then `node bench/training/run.mjs`.
import * as tf from '@tensorflow/tfjs-core';
import { loadavg } from 'node:os';

process.env.STRATA_WASM_THREADS ??= '1';
const { getBackend, ops, tidy, dispose } = await import('@strata/core');
const { BATCH, makeModel, loss } = await import('./mnist-cnn.mjs');
const { startKernelTimer } = await import('./kernel-timer.mjs');

const setFast = (on) => tf.env().set('STRATA_FAST_KERNELS', on);
const ROUNDS = Number(process.env.ROUNDS ?? 9);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Wall-clock and CPU milliseconds of `fn` (the process's CPU time: on a busy machine, closer to an idle run's wall time). */
const time = (fn) => {
  const [wall, cpu] = [performance.now(), cpuMs()];
  fn();
  return { wall: performance.now() - wall, cpu: cpuMs() - cpu };
};

const x = tf.randomUniform([BATCH, 28, 28, 1], 0, 1, 'float32', 1);
const y = tidy(() => ops.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32', 2), 10));

/** Per-phase milliseconds of one step: forward (no tape), forward + backward (tape), optimizer update. */
function phases(model) {
  const forward = time(() => tidy(() => loss(model.weights, x, y)));
  let grads;
  const withBackward = time(() => (grads = model.gradients(x, y)));
  const update = time(() => tidy(() => model.optimizer.applyGradients(grads)));
  dispose(grads.map(([g]) => g));
  const step = time(() => model.step(x, y));
  const of = (clock) => ({ forward: forward[clock], backward: withBackward[clock] - forward[clock], update: update[clock], step: step[clock] });
  return { wall: of('wall'), cpu: of('cpu') };
}

const paths = { fast: true, composed: false };
const results = { fast: [], composed: [] };
const models = { fast: makeModel(0), composed: makeModel(0) };
for (const [name, on] of Object.entries(paths)) {
  setFast(on);
  for (let i = 0; i < 2; i++) models[name].step(x, y); // warm-up: builds the optimizer, compiles kernels
}
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, on] of Object.entries(paths)) {
    setFast(on);
    results[name].push(phases(models[name]));
  }
  process.stderr.write('.');
}
process.stderr.write('\n');

const caps = getBackend().capabilities;
const f = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
console.log(`wasm backend: simd ${caps.simd}, ${caps.threads} thread(s); load average ${loadavg()[0].toFixed(2)}; batch ${BATCH}; medians of ${ROUNDS} rounds (best in brackets)`);
console.log('Wall-clock time is what a user waits; the process\'s CPU time is what the step costs, and on a busy machine the closer to an idle run.');
console.log('| path | clock | samples/s | step ms | forward ms | backward ms | update ms | backward / forward |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const clock of ['wall', 'cpu']) {
  for (const name of Object.keys(paths)) {
    const m = (k) => median(results[name].map((r) => r[clock][k]));
    const b = (k) => Math.min(...results[name].map((r) => r[clock][k]));
    const cell = (k) => `${f(m(k))} (${f(b(k))})`;
    console.log(`| ${name} | ${clock} | ${(BATCH / m('step') * 1000).toFixed(0)} (${(BATCH / b('step') * 1000).toFixed(0)}) | ${cell('step')} | ${cell('forward')} | ${cell('backward')} | ${cell('update')} | ${(m('backward') / m('forward')).toFixed(2)}× (${(b('backward') / b('forward')).toFixed(2)}×) |`);
  }
}

// Sustained throughput: consecutive steps, as fit runs them (the per-round rows above time single steps).
const SUSTAINED_STEPS = 16;
console.log(`\nSustained: ${SUSTAINED_STEPS} consecutive steps, median of 3 blocks (best in brackets)`);
console.log('| path | samples/s (wall) | samples/s (cpu) |');
console.log('| --- | --- | --- |');
for (const [name, on] of Object.entries(paths)) {
  setFast(on);
  const blocks = [];
  for (let k = 0; k < 3; k++) blocks.push(time(() => { for (let i = 0; i < SUSTAINED_STEPS; i++) models[name].step(x, y); }));
  const rate = (clock) => {
    const rates = blocks.map((b) => (BATCH * SUSTAINED_STEPS) / b[clock] * 1000);
    return `${median(rates).toFixed(0)} (${Math.max(...rates).toFixed(0)})`;
  };
  console.log(`| ${name} | ${rate('wall')} | ${rate('cpu')} |`);
}

if (process.argv.includes('--kernels')) {
  const rows = {};
  for (const [name, on] of Object.entries(paths)) {
    setFast(on);
    const timer = startKernelTimer();
    for (let i = 0; i < 3; i++) models[name].step(x, y);
    rows[name] = timer.stop(3);
  }
  const names = [...new Set([...Object.keys(rows.fast), ...Object.keys(rows.composed)])]
    .sort((a, b) => (rows.composed[b]?.ms ?? 0) + (rows.fast[b]?.ms ?? 0) - (rows.composed[a]?.ms ?? 0) - (rows.fast[a]?.ms ?? 0));
  console.log('\nKernels of one training step (ms per step, calls per step):');
  console.log('| kernel | fast ms | calls | composed ms | calls |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const k of names) {
    const a = rows.fast[k], b = rows.composed[k];
    console.log(`| ${k} | ${a ? f(a.ms) : '—'} | ${a ? a.calls : ''} | ${b ? f(b.ms) : '—'} | ${b ? b.calls : ''} |`);
  }
}
models.fast.dispose();
models.composed.dispose();
dispose([x, y]);

if (!process.argv.includes('--steps-only')) {
  console.log('\nBackward kernels next to their forward counterparts:');
  const { runKernelTable } = await import('../kernels/table.mjs');
  await runKernelTable();
}

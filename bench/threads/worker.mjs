// One side of bench/threads/run.mjs: starts Strata (thread count from STRATA_WASM_THREADS), builds the inputs,
// and times one run of a workload per message from the parent.
import { getBackend, ops, tensor, dispose } from '@strata/core';

let seed = 7;
function input(shape) {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    v[i] = seed / 2 ** 31 - 1;
  }
  return tensor(v, shape);
}

const a = input([1024, 1024]);
const b = input([1024, 1024]);
const x = input([32, 56, 56, 64]);
const w = input([3, 3, 64, 64]);

// The wasm kernels run synchronously when the op is called; the result is disposed untouched.
const workloads = {
  matMul: () => ops.matMul(a, b),
  conv: () => ops.conv2d(x, w, 1, 'same'),
};

// Wall time, and CPU time of the whole process (every thread) over the same span.
function time(name) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const out = workloads[name]();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  dispose(out);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

for (const name of Object.keys(workloads)) time(name); // warm-up: XNNPACK packs weights, the heap grows
process.on('message', (name) => process.send({ name, ...time(name) }));
process.send({ ready: true, capabilities: getBackend().capabilities });

// Single-thread against all-core figures for the wasm backend, measured in one run: two child processes (one
// started with STRATA_WASM_THREADS=1, one with every core) take turns, so load from elsewhere on the machine
// falls on both alike. Prints medians of 9 runs. Needs the built packages: `pnpm -w build`, then
// `pnpm --filter @strata/bench threads` (or `node bench/threads/run.mjs`).
import { fork } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const RUNS = 9;
const allCores = Math.min(availableParallelism(), 8);
const workloads = [
  { name: 'matMul', label: 'matMul 1024×1024 @ 1024×1024', flops: 2 * 1024 ** 3 },
  { name: 'conv', label: 'conv2d 3×3, 32×56×56×64 → 64', flops: 2 * 32 * 56 * 56 * 64 * 64 * 9 },
  { name: 'mobilenet', label: 'MobileNet-sized forward, batch 1, 224×224', flops: 2 * 569e6 },
  { name: 'mnistStep', label: 'MNIST CNN training step, batch 128 (Adam)', flops: 3 * 2 * 128 * (26 * 26 * 32 * 9 + 11 * 11 * 64 * 288 + 1600 * 10) },
];

function start(threads) {
  const child = fork(fileURLToPath(new URL('./worker.mjs', import.meta.url)), {
    env: { ...process.env, STRATA_WASM_THREADS: String(threads), VITEST: '' },
  });
  const replies = [];
  const waiting = [];
  child.on('message', (m) => (waiting.length ? waiting.shift()(m) : replies.push(m)));
  child.on('exit', (code) => {
    if (code !== 0) for (const w of waiting.splice(0)) w({ error: `the ${threads}-thread worker exited with code ${code}` });
  });
  const next = () => new Promise((resolve) => (replies.length ? resolve(replies.shift()) : waiting.push(resolve)));
  return { child, next, ask: (name) => (child.send(name), next()) };
}

const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];

const sides = [start(1), start(allCores)];
const [one, all] = await Promise.all(sides.map((s) => s.next()));
for (const m of [one, all]) if (!m.ready) throw new Error(m.error ?? `unexpected message ${JSON.stringify(m)}`);

const times = new Map(workloads.map((w) => [w.name, [[], []]]));
for (let run = 0; run < RUNS; run++) {
  for (const w of workloads) {
    // Alternate which side goes first, so a slow patch on the machine does not always hit the same side.
    const order = run % 2 === 0 ? [0, 1] : [1, 0];
    for (const side of order) {
      const reply = await sides[side].ask(w.name);
      if (reply.error) throw new Error(reply.error);
      times.get(w.name)[side].push(reply);
    }
  }
}
for (const s of sides) s.child.kill();

const gflops = (flops, ms) => (flops / ms / 1e6).toFixed(1);
// "cores busy" is CPU time over wall time: how many cores the run actually got (2 threads on a shared machine may get fewer).
const cell = (flops, runs) => {
  const ms = median(runs.map((r) => r.ms));
  const busy = median(runs.map((r) => r.cpuMs / r.ms));
  return [ms, `${ms.toFixed(1)} ms  ${gflops(flops, ms)} GFLOP/s  ${busy.toFixed(2)} cores busy`];
};
const rows = [['workload', `1 thread`, `${all.capabilities.threads} threads`, 'speedup']];
for (const w of workloads) {
  const [[single, a], [multi, b]] = times.get(w.name).map((runs) => cell(w.flops, runs));
  rows.push([w.label, a, b, `${(single / multi).toFixed(2)}×`]);
}

const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const line = (r) => r.map((cell, c) => cell.padEnd(widths[c])).join(' | ').trimEnd();
console.log(`wasm backend, Node ${process.version}, ${availableParallelism()} cores; medians of ${RUNS} runs, turns alternated`);
console.log(`1 thread: ${JSON.stringify(one.capabilities)}`);
console.log(`${all.capabilities.threads} threads: ${JSON.stringify(all.capabilities)}`);
console.log(line(rows[0]));
console.log(widths.map((n) => '-'.repeat(n)).join('-|-'));
for (const r of rows.slice(1)) console.log(line(r));
console.log(`load average while running: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const singleBusy = median(workloads.flatMap((w) => times.get(w.name)[0].map((r) => r.cpuMs / r.ms)));
if (singleBusy < 0.8) {
  console.log(`warning: the single-thread side got only ${singleBusy.toFixed(2)} of a core; other work on this machine is taking the cores, so the speedup above is not representative`);
}

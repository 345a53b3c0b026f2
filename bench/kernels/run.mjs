// The training kernels @strata/backend-wasm adds to tfjs-backend-wasm, at typical sizes: each one's time on wasm next
// to the forward kernel of the same convolution on wasm and next to tfjs-backend-cpu's kernel, all measured in this
// run (medians; wasm 7 runs, cpu 3, or one run where the cpu kernel takes over a second). For Conv2DBackpropInput, which Strata replaces, tfjs-backend-wasm's own loop
// is timed too. Needs the built packages: `pnpm -w build`, then `pnpm --filter @strata/bench kernels`.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { loadavg } from 'node:os';

// tfjs' own Conv2DBackpropInput, captured before @strata/backend-wasm replaces it.
const tfjsBackpropInput = tf.getKernel('Conv2DBackpropInput', 'wasm');
const { getBackend } = await import('@strata/core');
// Switched with tfjs directly: tfjs-backend-cpu is imported as the anchor, not through @strata/backend-cpu.
const setBackend = (name) => tf.setBackend(name);
tfjsBackpropInput.setupFunc?.(tf.backend());

const WASM_RUNS = 7;
const CPU_RUNS = 3;
const SLOW_MS = 1000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Median milliseconds of `runs` calls of `fn` after one warm-up call; `fn` returns what to dispose. When the warm-up
 * alone takes over `slowMs`, it is the figure (the slow cpu anchors, to keep the run short).
 */
function time(fn, runs, slowMs = Infinity) {
  const start = performance.now();
  tf.dispose(fn());
  const first = performance.now() - start;
  if (first > slowMs) return first;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const out = fn();
    times.push(performance.now() - start);
    tf.dispose(out);
  }
  return median(times);
}

const run = (kernel, inputs, attrs) => () => tf.engine().runKernel(kernel, inputs, attrs);

function conv(label, xShape, filterShape, strides, pad) {
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, 1, pad);
  return { label, xShape, filterShape, outShape: info.outShape, strides, pad };
}

function depthwise(label, xShape, filterShape, strides, pad) {
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, 1, pad, undefined, true);
  return { label, xShape, filterShape, outShape: info.outShape, strides, pad };
}

const rand = (shape, seed) => tf.randomUniform(shape, -1, 1, 'float32', seed);

const convSizes = [
  conv('MNIST conv1 28×28×1→26×26×32, 3×3, batch 128', [128, 28, 28, 1], [3, 3, 1, 32], 1, 'valid'),
  conv('MNIST conv2 13×13×32→11×11×64, 3×3, batch 128', [128, 13, 13, 32], [3, 3, 32, 64], 1, 'valid'),
  conv('56×56×32→28×28×64, 3×3 stride 2 same, batch 16', [16, 56, 56, 32], [3, 3, 32, 64], 2, 'same'),
];
const depthwiseSizes = [
  depthwise('MobileNet dw 56×56×64, 3×3 same, batch 8', [8, 56, 56, 64], [3, 3, 64, 1], 1, 'same'),
  depthwise('MobileNet dw 112×112×32→56×56, 3×3 stride 2, batch 4', [4, 112, 112, 32], [3, 3, 32, 1], 2, 'same'),
];

/** Each workload: the gradient kernel and the forward kernel, as functions of the active backend. */
const workloads = [];
for (const s of convSizes) {
  const x = rand(s.xShape, 1);
  const w = rand(s.filterShape, 2);
  const dy = rand(s.outShape, 3);
  const forward = run('Conv2D', { x, filter: w }, { strides: s.strides, pad: s.pad, dataFormat: 'NHWC', dilations: 1 });
  const filterAttrs = { strides: s.strides, pad: s.pad, dataFormat: 'NHWC', filterShape: s.filterShape };
  workloads.push({ kernel: 'Conv2DBackpropFilter', size: s.label, grad: run('Conv2DBackpropFilter', { x, dy }, filterAttrs), forward });
  const inputAttrs = { strides: s.strides, pad: s.pad, dataFormat: 'NHWC', inputShape: s.xShape };
  const tfjsLoop = () => {
    const out = tfjsBackpropInput.kernelFunc({ inputs: { dy, filter: w }, backend: tf.backend(), attrs: inputAttrs });
    return { dispose: () => tf.backend().disposeData(out.dataId) };
  };
  workloads.push({ kernel: 'Conv2DBackpropInput', size: s.label, grad: run('Conv2DBackpropInput', { dy, filter: w }, inputAttrs), forward, tfjsLoop });
}
for (const s of depthwiseSizes) {
  const x = rand(s.xShape, 4);
  const w = rand(s.filterShape, 5);
  const dy = rand(s.outShape, 6);
  const attrs = { strides: s.strides, pad: s.pad, dilations: 1 };
  const forward = run('DepthwiseConv2dNative', { x, filter: w }, attrs);
  workloads.push({ kernel: 'DepthwiseConv2dNativeBackpropFilter', size: s.label, grad: run('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: s.filterShape }), forward });
  workloads.push({ kernel: 'DepthwiseConv2dNativeBackpropInput', size: s.label, grad: run('DepthwiseConv2dNativeBackpropInput', { dy, filter: w }, { ...attrs, inputShape: s.xShape }), forward });
}
{
  // An Embedding(5000, 64) lookup of a batch of 32 sequences of 40 tokens: its gradient scatters 1,280 rows.
  const table = rand([5000, 64], 7);
  const ids = tf.randomUniform([32 * 40], 0, 5000, 'int32', 8);
  const rows = rand([32 * 40, 64], 9);
  workloads.push({
    kernel: 'UnsortedSegmentSum',
    size: 'Embedding(5000, 64) gradient, 32×40 tokens',
    grad: run('UnsortedSegmentSum', { x: rows, segmentIds: ids }, { numSegments: 5000 }),
    forward: run('GatherV2', { x: table, indices: ids }, { axis: 0, batchDims: 0 }),
  });
}

const rows = [];
for (const w of workloads) {
  await setBackend('wasm');
  const wasm = time(w.grad, WASM_RUNS);
  const forward = time(w.forward, WASM_RUNS);
  const loop = w.tfjsLoop ? time(w.tfjsLoop, CPU_RUNS, SLOW_MS) : null;
  await setBackend('cpu');
  const cpu = time(w.grad, CPU_RUNS, SLOW_MS);
  rows.push({ ...w, wasm, forward, loop, cpu });
  process.stderr.write('.');
}
await setBackend('wasm');
process.stderr.write('\n');

const f = (ms) => (ms == null ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const header = ['kernel', 'size', 'wasm ms', 'forward on wasm ms', 'wasm / forward', 'cpu ms', 'cpu / wasm', 'tfjs-wasm loop ms'];
const table = rows.map((r) => [r.kernel, r.size, f(r.wasm), f(r.forward), `${(r.wasm / r.forward).toFixed(1)}×`, f(r.cpu), `${(r.cpu / r.wasm).toFixed(1)}×`, f(r.loop)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
const caps = getBackend().capabilities;
console.log(`wasm backend: simd ${caps.simd}, ${caps.threads} thread(s); load average ${loadavg()[0].toFixed(2)}; medians of ${WASM_RUNS} (wasm) and ${CPU_RUNS} (cpu, tfjs loop; one run where it takes over ${SLOW_MS} ms) runs`);
console.log(line(header));
console.log(line(widths.map((n) => '-'.repeat(n))));
for (const row of table) console.log(line(row));

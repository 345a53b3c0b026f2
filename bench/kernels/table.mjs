// The per-kernel table: every backward kernel of training on the wasm backend at typical sizes, next to its forward
// counterpart (the kernel of the same FLOPs or memory traffic), with Strata's fast kernels and with the composed ones
// (tfjs' gradients and kernels, plus the convolution gradients @strata/backend-wasm composes from forward
// convolutions; setFastKernels(false)), then the backward pass of layers whose gradients map onto those kernels
// (layer-rows.mjs), all measured in one run on one thread (medians of 7 runs after a warm-up). The forward column is
// always measured with the fast kernels on. Printed by run.mjs here and by bench/training/run.mjs.
import * as tf from '@tensorflow/tfjs-core';
import { loadavg } from 'node:os';

/** Measures and prints the table (the wasm backend must be started: import @strata/core first). */
export async function runKernelTable() {
  const { getBackend } = await import('@strata/core');
  const RUNS = 7;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const setFast = (on) => tf.env().set('STRATA_FAST_KERNELS', on);

  /** Median (or `best`: least) milliseconds of `RUNS` calls of `fn` after one warm-up; `fn` returns what to dispose. */
  function time(fn, best = false) {
    tf.dispose(fn());
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const out = fn();
      times.push(performance.now() - start);
      tf.dispose(out);
    }
    return best ? Math.min(...times) : median(times);
  }

  const kernel = (name, inputs, attrs = {}) => () => tf.engine().runKernel(name, inputs, attrs);
  const rand = (shape, seed, lo = -1, hi = 1) => tf.randomUniform(shape, lo, hi, 'float32', seed);
  const workloads = [];
  const add = (w) => workloads.push(w);

  // Convolutions: both gradients next to the forward convolution (same FLOPs).
  const convs = [
    ['MNIST conv1 28×28×1→26×26×32, 3×3, batch 128', [128, 28, 28, 1], [3, 3, 1, 32], 1, 'valid'],
    ['MNIST conv2 13×13×32→11×11×64, 3×3, batch 128', [128, 13, 13, 32], [3, 3, 32, 64], 1, 'valid'],
    ['56×56×32→28×28×64, 3×3 stride 2 same, batch 16', [16, 56, 56, 32], [3, 3, 32, 64], 2, 'same'],
  ];
  for (const [size, xShape, wShape, strides, pad] of convs) {
    const outShape = tf.backend_util.computeConv2DInfo(xShape, wShape, strides, 1, pad).outShape;
    const x = rand(xShape, 1), w = rand(wShape, 2), dy = rand(outShape, 3);
    const forward = kernel('Conv2D', { x, filter: w }, { strides, pad, dataFormat: 'NHWC', dilations: 1 });
    const dW = kernel('Conv2DBackpropFilter', { x, dy }, { strides, pad, dataFormat: 'NHWC', filterShape: wShape });
    const dX = kernel('Conv2DBackpropInput', { dy, filter: w }, { strides, pad, dataFormat: 'NHWC', inputShape: xShape });
    add({ kernel: 'Conv2DBackpropFilter', size, forwardName: 'Conv2D', fast: dW, composed: dW, forward });
    add({ kernel: 'Conv2DBackpropInput', size, forwardName: 'Conv2D', fast: dX, composed: dX, forward });
  }
  const { conv3dWorkloads, layerWorkloads } = await import('./layer-rows.mjs');
  for (const w of conv3dWorkloads(rand)) add(w);
  const depthwise = [
    ['MobileNet dw 56×56×64, 3×3 same, batch 8', [8, 56, 56, 64], [3, 3, 64, 1], 1, 'same'],
  ];
  for (const [size, xShape, wShape, strides, pad] of depthwise) {
    const outShape = tf.backend_util.computeConv2DInfo(xShape, wShape, strides, 1, pad, undefined, true).outShape;
    const x = rand(xShape, 4), w = rand(wShape, 5), dy = rand(outShape, 6);
    const attrs = { strides, pad, dilations: 1 };
    const forward = kernel('DepthwiseConv2dNative', { x, filter: w }, attrs);
    const dW = kernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: wShape });
    const dX = kernel('DepthwiseConv2dNativeBackpropInput', { dy, filter: w }, { ...attrs, inputShape: xShape });
    add({ kernel: 'DepthwiseConv2dNativeBackpropFilter', size, forwardName: 'DepthwiseConv2dNative', fast: dW, composed: dW, forward });
    add({ kernel: 'DepthwiseConv2dNativeBackpropInput', size, forwardName: 'DepthwiseConv2dNative', fast: dX, composed: dX, forward });
  }
  // Pooling, activations, bias and Dense gradients: next to the forward kernel they differentiate.
  {
    const h = rand([128, 26, 26, 32], 7, 0, 1), y = tf.maxPool(h, 2, 2, 'valid'), dy = rand(y.shape, 8);
    const grad = kernel('MaxPoolGrad', { dy, input: h, output: y }, { filterSize: 2, strides: 2, pad: 'valid' });
    add({ kernel: 'MaxPoolGrad', size: 'MNIST pool 26×26×32 → 13×13, batch 128', forwardName: 'MaxPool', fast: grad, composed: grad, forward: () => tf.maxPool(h, 2, 2, 'valid') });
  }
  {
    const x = rand([128, 26, 26, 32], 9), dy = rand([128, 26, 26, 32], 10), size = 'MNIST conv1 output 128×26×26×32';
    const yS = tf.sigmoid(x), yT = tf.tanh(x);
    add({ kernel: 'relu gradient', size, forwardName: 'Relu', fast: kernel('StrataReluGrad', { dy, x }, { lo: 0, hi: Infinity }), composed: () => tf.mul(dy, tf.cast(tf.step(x), 'float32')), forward: () => tf.relu(x) });
    add({ kernel: 'leakyRelu gradient', size, forwardName: 'LeakyRelu', fast: kernel('StrataLeakyReluGrad', { dy, x }, { alpha: 0.3 }), composed: () => tf.where(tf.greater(x, 0), dy, tf.mul(dy, 0.3)), forward: () => tf.leakyRelu(x, 0.3) });
    add({ kernel: 'sigmoid gradient', size, forwardName: 'Sigmoid', fast: kernel('StrataSigmoidGrad', { dy, y: yS }), composed: () => tf.mul(dy, tf.mul(yS, tf.sub(1, yS))), forward: () => tf.sigmoid(x) });
    add({ kernel: 'tanh gradient', size, forwardName: 'Tanh', fast: kernel('StrataTanhGrad', { dy, y: yT }), composed: () => tf.mul(tf.sub(1, tf.square(yT)), dy), forward: () => tf.tanh(x) });
    const b = rand([32], 11);
    const biasGrad = kernel('Sum', { x: dy }, { axis: [0, 1, 2], keepDims: false });
    add({ kernel: 'bias gradient (Sum over N, H, W)', size, forwardName: 'Add (bias)', fast: biasGrad, composed: biasGrad, forward: () => tf.add(x, b) });
  }
  {
    // BatchNormalization in training mode over the MNIST conv1 output: the fused gradient kernel next to the forward
    // kernel; composed, tfjs' gradient of the formula (timed as forward + backward less the composed forward).
    const { ops } = await import('@strata/core');
    const x = rand([128, 26, 26, 32], 20, 1, 3), gamma = rand([32], 21, 0.5, 1.5), beta = rand([32], 22), dy = rand([128, 26, 26, 32], 23);
    const bn = (input, g, b) => ops.batchNormTraining(input, { axes: [0, 1, 2], gamma: g, beta: b, epsilon: 1e-3 });
    const forward = () => Object.values(bn(x, gamma, beta));
    const stats = bn(x, gamma, beta);
    const zeros = tf.zeros([32]);
    const fastGrad = kernel('StrataBatchNormGrad', { dy, x, mean: stats.mean, variance: stats.variance, gamma, dmean: zeros, dvariance: zeros }, { epsilon: 1e-3 });
    const withGrad = () => tf.grads((a, g, b) => tf.sum(tf.mul(bn(a, g, b).output, dy)))([x, gamma, beta]);
    const size = 'MNIST conv1 output 128×26×26×32';
    add({ kernel: 'BatchNormalization forward (training)', size, forwardName: 'Add (bias)', fast: forward, composed: forward, forward: () => tf.add(x, beta) });
    add({ kernel: 'BatchNormalization gradient dx, dγ, dβ', size, forwardName: 'BN forward (fast)', fast: fastGrad, composed: withGrad, composedLess: forward, forward });
  }
  {
    const logits = rand([128, 1000], 12), y = tf.softmax(logits), dy = rand([128, 1000], 13);
    add({ kernel: 'softmax gradient', size: '128 × 1000 classes', forwardName: 'Softmax', fast: kernel('StrataSoftmaxGrad', { dy, y }), composed: () => { const d = tf.mul(dy, y); return tf.sub(d, tf.mul(tf.sum(d, -1, true), y)); }, forward: () => tf.softmax(logits) });
  }
  {
    const x = rand([128, 1600], 14), w = rand([1600, 10], 15), dy = rand([128, 10], 16);
    const forward = () => tf.matMul(x, w);
    const dW = () => tf.matMul(x, dy, true, false);
    const dX = () => tf.matMul(dy, w, false, true);
    add({ kernel: 'Dense kernel gradient xᵀ·dy', size: 'MNIST Dense 1600 → 10, batch 128', forwardName: 'BatchMatMul', fast: dW, composed: dW, forward });
    add({ kernel: 'Dense input gradient dy·wᵀ', size: 'MNIST Dense 1600 → 10, batch 128', forwardName: 'BatchMatMul', fast: dX, composed: dX, forward });
  }
  {
    const table = rand([5000, 64], 17), ids = tf.randomUniform([32 * 40], 0, 5000, 'int32', 18), rows = rand([32 * 40, 64], 19);
    const grad = kernel('UnsortedSegmentSum', { x: rows, segmentIds: ids }, { numSegments: 5000 });
    add({ kernel: 'UnsortedSegmentSum', size: 'Embedding(5000, 64) gradient, 32×40 tokens', forwardName: 'GatherV2', fast: grad, composed: grad, forward: kernel('GatherV2', { x: table, indices: ids }, { axis: 0, batchDims: 0 }) });
  }

  for (const w of await layerWorkloads()) add(w);

  const results = workloads.map((w) => {
    setFast(true);
    const fast = time(w.fast, w.best) - (w.fastLess ? time(w.fastLess, w.best) : 0);
    const forward = time(w.forward, w.best);
    setFast(false);
    const composed = time(w.composed, w.best) - (w.composedLess ? time(w.composedLess, w.best) : 0);
    setFast(true);
    process.stderr.write('.');
    return { ...w, fastMs: fast, forwardMs: forward, composedMs: composed };
  });
  process.stderr.write('\n');

  const f = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
  const header = ['backward kernel', 'size', 'fast ms', 'composed ms', 'forward', 'forward ms', 'fast / forward', 'composed / forward'];
  const rowsOut = results.map((r) => [r.kernel, r.size, f(r.fastMs), f(r.composedMs), r.forwardName, f(r.forwardMs), `${(r.fastMs / r.forwardMs).toFixed(2)}×`, `${(r.composedMs / r.forwardMs).toFixed(2)}×`]);
  const widths = header.map((h, i) => Math.max(h.length, ...rowsOut.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const caps = getBackend().capabilities;
  console.log(`wasm backend: simd ${caps.simd}, ${caps.threads} thread(s); load average ${loadavg()[0].toFixed(2)}; medians of ${RUNS} runs (layer rows: best of ${RUNS}, as they subtract two timings)`);
  console.log(line(header));
  console.log(line(widths.map((n) => '-'.repeat(n))));
  for (const row of rowsOut) console.log(line(row));
}

// One side of bench/threads/run.mjs: starts Strata (thread count from STRATA_WASM_THREADS), builds the inputs,
// and times one run of a workload per message from the parent.
import { getBackend, ops, tensor, dispose, tidy, setRandomSeed } from '@strata/core';
import { Input, Conv2D, DepthwiseConv2D, BatchNormalization, ReLU, GlobalAveragePooling2D, Dense } from '@strata/layers';
import { Sequential } from '@strata/models';
import { makeModel, BATCH } from '../training/mnist-cnn.mjs';

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

// A MobileNet-v1-sized network (α = 1, 224×224, 4.2 M parameters): conv 3×3/2, 13 depthwise-separable blocks, pool, dense.
setRandomSeed(1);
function mobilenet() {
  const layers = [Input({ shape: [224, 224, 3] }), new Conv2D({ filters: 32, kernelSize: 3, strides: 2, padding: 'same', useBias: false }), new BatchNormalization(), new ReLU({ maxValue: 6 })];
  const blocks = [[64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2], [512, 1], [512, 1], [512, 1], [512, 1], [512, 1], [1024, 2], [1024, 1]];
  for (const [filters, strides] of blocks) {
    layers.push(new DepthwiseConv2D({ kernelSize: 3, strides, padding: 'same', useBias: false }), new BatchNormalization(), new ReLU({ maxValue: 6 }));
    layers.push(new Conv2D({ filters, kernelSize: 1, useBias: false }), new BatchNormalization(), new ReLU({ maxValue: 6 }));
  }
  layers.push(new GlobalAveragePooling2D(), new Dense({ units: 1000, activation: 'softmax' }));
  return new Sequential(layers);
}
const net = mobilenet();
const image = input([1, 224, 224, 3]);
const cnn = makeModel(3);
const digits = input([BATCH, 28, 28, 1]);
const labels = tidy(() => ops.oneHot(ops.cast(ops.floor(ops.mul(ops.add(input([BATCH]), 1), 4.99)), 'int32'), 10));

// The wasm kernels run synchronously when the op is called; the result is disposed untouched.
const workloads = {
  matMul: () => ops.matMul(a, b),
  conv: () => ops.conv2d(x, w, 1, 'same'),
  mobilenet: () => net.predict(image),
  mnistStep: () => cnn.step(digits, labels),
};

// Wall time, and CPU time of the whole process (every thread) over the same span.
function time(name) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const out = workloads[name]();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  if (out) dispose(out);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

for (const name of Object.keys(workloads)) time(name); // warm-up: XNNPACK packs weights, the heap grows
process.on('message', (name) => process.send({ name, ...time(name) }));
process.send({ ready: true, capabilities: getBackend().capabilities });

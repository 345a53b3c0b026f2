// Conv3D, Conv3DBackpropFilterV2 and Conv3DBackpropInputV2 on wasm (matrix products over the SIMD module's 3D im2col
// / col2im while the fast kernels are on) against the cpu backend, tfjs' own kernels and numerical gradients, over
// one shape table: strides, 'same' / 'valid', channel counts on and off the SIMD width, a filter narrower than its
// output channels.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { checkGradients, cotangentAt, expectNoLeaks, expectTensorsClose, numericalGradients } from '@strata/test-utils';
import { kernelCalls } from '../fast/module.js';
import { setFastKernels } from '../fast/switch.js';
import { conv3DBackpropFilterV2 } from './conv3d-backprop-filter-v2.js';
import { conv3DBackpropInputV2, inputGrad3dOverride, prefersGemm } from './conv3d-backprop-input-v2.js';
import { gemmChunking } from './gemm-conv.js';
import './register-kernels.js';
import { onCpu } from '../test-support/on-cpu.js';

type Shape5 = [number, number, number, number, number];

interface Conv3DCase {
  x: Shape5;
  filter: Shape5;
  strides: number | [number, number, number];
  pad: 'same' | 'valid';
}

const CASES: Array<[string, Conv3DCase]> = [
  ['batch 1, one channel, 2×2×2 valid', { x: [1, 4, 4, 4, 1], filter: [2, 2, 2, 1, 1], strides: 1, pad: 'valid' }],
  ['3×3×3 same, two in, three out', { x: [1, 4, 4, 4, 2], filter: [3, 3, 3, 2, 3], strides: 1, pad: 'same' }],
  ['thin width, batch 2, valid', { x: [2, 6, 6, 2, 1], filter: [2, 2, 2, 1, 2], strides: 1, pad: 'valid' }],
  ['stride 2 valid, trailing planes unread', { x: [1, 5, 6, 5, 1], filter: [2, 2, 2, 1, 2], strides: 2, pad: 'valid' }],
  ['strides [1, 2, 2] same', { x: [2, 3, 5, 4, 2], filter: [2, 3, 3, 2, 2], strides: [1, 2, 2], pad: 'same' }],
  ['3×3×3 stride 2 same, five in, six out', { x: [2, 5, 6, 7, 5], filter: [3, 3, 3, 5, 6], strides: 2, pad: 'same' }],
  ['strides [2, 1, 3] same, four channels (whole SIMD lanes)', { x: [1, 5, 4, 7, 4], filter: [3, 2, 3, 4, 4], strides: [2, 1, 3], pad: 'same' }],
  ['1×1×1 filter, stride 2, fewer taps than output channels', { x: [2, 5, 5, 5, 3], filter: [1, 1, 1, 3, 8], strides: 2, pad: 'valid' }],
  ['3×3×3 same, sixteen input channels', { x: [1, 4, 5, 4, 16], filter: [3, 3, 3, 16, 4], strides: 1, pad: 'same' }],
];

const conv3dInfo = (c: Conv3DCase) => tf.backend_util.computeConv3DInfo(c.x, c.filter, c.strides, 1, c.pad);

/** Runs `kernel` on the active backend; on wasm, asserts it adds exactly one buffer (its output). */
function runCountingBuffers(kernel: string, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap): tf.Tensor {
  const buffers = tf.backend().numDataIds();
  const out = tf.engine().runKernel(kernel, inputs, attrs) as tf.Tensor;
  expect(tf.backend().numDataIds() - buffers, 'buffers left besides the output').toBe(1);
  return out;
}

/** Runs `fn` on the cpu backend, then switches back to wasm. */

/** A deterministic, non-constant cotangent (test-utils' `cotangentAt`) of this shape. */
function cotangent(shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => cotangentAt(i)), shape);
}

afterEach(() => {
  gemmChunking.columnBytes = 64 * 1024 * 1024;
});

const forwardAttrs = (c: Conv3DCase, dilations: number | [number, number, number] = 1) =>
  ({ strides: c.strides, pad: c.pad, dilations, dataFormat: 'NDHWC' }) as unknown as tf.NamedAttrMap;

/** The case's forward convolution on wasm with the fast kernels on, then off; `calls` counts the SIMD im2col runs. */
function forwardBothPaths(x: tf.Tensor, w: tf.Tensor, c: Conv3DCase, dilations?: [number, number, number]) {
  const before = kernelCalls['im2col3d'] ?? 0;
  const fast = runCountingBuffers('Conv3D', { x, filter: w }, forwardAttrs(c, dilations));
  const calls = (kernelCalls['im2col3d'] ?? 0) - before;
  setFastKernels(false);
  try {
    return { fast, composed: runCountingBuffers('Conv3D', { x, filter: w }, forwardAttrs(c, dilations)), calls };
  } finally {
    setFastKernels(true);
  }
}

const dilated: Array<[string, Conv3DCase, [number, number, number]]> = [
  ['dilations [2, 1, 2], valid', { x: [2, 7, 6, 7, 3], filter: [2, 3, 2, 3, 4], strides: 1, pad: 'valid' }, [2, 1, 2]],
  ['dilations [1, 2, 3], same', { x: [1, 5, 6, 8, 4], filter: [3, 2, 2, 4, 2], strides: 1, pad: 'same' }, [1, 2, 3]],
];

describe('Conv3D on wasm as an im2col and one matrix product (fast kernels on)', () => {
  it.each(CASES)('%s: matches the cpu backend and tfjs-backend-wasm’s own kernel (fast kernels off)', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 1);
    const w = tf.randomUniform(c.filter, -1, 1, 'float32', 2);
    const { fast, composed, calls } = forwardBothPaths(x, w, c);
    expect(calls, 'SIMD im2col3d runs').toBe(1);
    const cpu = await onCpu(() => tf.conv3d(x as tf.Tensor5D, w as tf.Tensor5D, c.strides, c.pad));
    expectTensorsClose(fast, cpu, { rtol: 1e-4, atol: 1e-5 });
    expectTensorsClose(composed, cpu, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([x, w, fast, composed, cpu]);
  });

  it.each(dilated)('%s: matches the cpu backend', async (_, c, dilations) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 3);
    const w = tf.randomUniform(c.filter, -1, 1, 'float32', 4);
    const { fast, composed } = forwardBothPaths(x, w, c, dilations);
    const cpu = await onCpu(() => tf.conv3d(x as tf.Tensor5D, w as tf.Tensor5D, c.strides, c.pad, 'NDHWC', dilations));
    expectTensorsClose(fast, cpu, { rtol: 1e-4, atol: 1e-5 });
    expectTensorsClose(composed, cpu, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([x, w, fast, composed, cpu]);
  });

  it('gives the same result when the batch is split into chunks, leaving no tensors behind', async () => {
    const c = CASES[5]![1];
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 5);
    const w = tf.randomUniform(c.filter, -1, 1, 'float32', 6);
    const whole = tf.conv3d(x as tf.Tensor5D, w as tf.Tensor5D, c.strides, c.pad);
    gemmChunking.columnBytes = 1; // one sample per chunk
    await expectNoLeaks(() => {
      const chunked = runCountingBuffers('Conv3D', { x, filter: w }, forwardAttrs(c));
      expectTensorsClose(chunked, whole, { rtol: 1e-6, atol: 1e-6 });
      chunked.dispose();
    });
    tf.dispose([x, w, whole]);
  });
});

const FILTER = 'Conv3DBackpropFilterV2';
const filterAttrs = (c: Conv3DCase) => ({ strides: c.strides, pad: c.pad, filterShape: c.filter }) as unknown as tf.NamedAttrMap;

/** SIMD im2col runs so far (either layout). */
const im2colRuns = () => (kernelCalls['im2col3d'] ?? 0) + (kernelCalls['im2col3d_t_strips'] ?? 0);

describe(`${FILTER} on wasm (replacing tfjs' kernel, wrong for strides above 1)`, () => {
  it('is the registered wasm kernel', () => {
    expect(tf.getKernel(FILTER, 'wasm')?.kernelFunc).toBe(conv3DBackpropFilterV2);
  });

  it.each(CASES)('%s: matches the cpu backend with the fast kernels on (a matrix product) and off', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 1);
    const dy = tf.randomUniform(conv3dInfo(c).outShape, -1, 1, 'float32', 2);
    const before = im2colRuns();
    const fast = runCountingBuffers(FILTER, { x, dy }, filterAttrs(c));
    expect(im2colRuns() - before, 'SIMD im2col runs').toBe(1);
    setFastKernels(false);
    let composed: tf.Tensor;
    try {
      composed = runCountingBuffers(FILTER, { x, dy }, filterAttrs(c));
    } finally {
      setFastKernels(true);
    }
    const cpu = await onCpu(() => tf.engine().runKernel(FILTER, { x, dy }, filterAttrs(c)) as tf.Tensor);
    expectTensorsClose(fast, cpu, { rtol: 1e-4, atol: 1e-5 });
    expectTensorsClose(composed, cpu, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([x, dy, fast, composed, cpu]);
  });

  it.each(CASES)('%s: equals the numerical gradient of conv3d with respect to its filter', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 3);
    const w = tf.randomUniform(c.filter, -1, 1, 'float32', 4);
    const dy = cotangent(conv3dInfo(c).outShape);
    const got = runCountingBuffers(FILTER, { x, dy }, filterAttrs(c));
    const numeric = await onCpu(() => numericalGradients((f) => tf.conv3d(x as tf.Tensor5D, f as tf.Tensor5D, c.strides, c.pad), [w], 0.05)[0]!);
    expectTensorsClose(got, { shape: c.filter, data: numeric }, { rtol: 1e-3, atol: 1e-3 });
    tf.dispose([x, w, dy, got]);
  });

  it.each([CASES[5]!, CASES[7]!])('%s: gives the same result when the batch is split into chunks', (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 5);
    const dy = tf.randomUniform(conv3dInfo(c).outShape, -1, 1, 'float32', 6);
    const whole = runCountingBuffers(FILTER, { x, dy }, filterAttrs(c));
    gemmChunking.columnBytes = 1;
    const chunked = runCountingBuffers(FILTER, { x, dy }, filterAttrs(c));
    expectTensorsClose(chunked, whole, { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([x, dy, whole, chunked]);
  });
});

const INPUT = 'Conv3DBackpropInputV2';
const inputAttrs = (c: Conv3DCase) => ({ strides: c.strides, pad: c.pad, inputShape: c.x }) as unknown as tf.NamedAttrMap;

/** Every way the kernel can run: both methods with the fast kernels on, and the composed path. */
const PATHS = [['gemm (dy @ Wᵀ, col2im)'], ['conv (padded forward Conv3D, fast)'], ['composed (fast kernels off)']] as const;

function runPath(path: (typeof PATHS)[number][0], inputs: tf.NamedTensorMap, c: Conv3DCase): tf.Tensor {
  if (path.startsWith('composed')) {
    setFastKernels(false);
    try {
      return runCountingBuffers(INPUT, inputs, inputAttrs(c));
    } finally {
      setFastKernels(true);
    }
  }
  const gemm = path.startsWith('gemm');
  inputGrad3dOverride.method = gemm ? 'gemm' : 'conv';
  const [col2im, im2col] = [kernelCalls['col2im3d'] ?? 0, kernelCalls['im2col3d'] ?? 0];
  try {
    const out = runCountingBuffers(INPUT, inputs, inputAttrs(c));
    // gemm folds dy @ Wᵀ with the SIMD col2im; conv runs the fast forward Conv3D (an im2col).
    const ran = [(kernelCalls['col2im3d'] ?? 0) > col2im, (kernelCalls['im2col3d'] ?? 0) > im2col];
    expect(ran, 'SIMD [col2im3d, im2col3d] ran').toEqual(gemm ? [true, false] : [false, true]);
    return out;
  } finally {
    inputGrad3dOverride.method = null;
  }
}

describe(`${INPUT} on wasm (replacing tfjs' incorrect kernel)`, () => {
  it('is the registered wasm kernel', () => {
    expect(tf.getKernel(INPUT, 'wasm')?.kernelFunc).toBe(conv3DBackpropInputV2);
  });

  it('picks the padded convolution for same-size stride-1 layers with many input channels, the product otherwise', () => {
    expect(CASES.map(([, c]) => prefersGemm(conv3dInfo(c)))).toEqual([true, true, true, true, true, true, true, true, false]);
  });

  describe.each(PATHS)('%s', (path) => {
    it.each(CASES)('%s: matches the cpu backend', async (_, c) => {
      const dy = tf.randomUniform(conv3dInfo(c).outShape, -1, 1, 'float32', 1);
      const filter = tf.randomUniform(c.filter, -1, 1, 'float32', 2);
      const got = runPath(path, { dy, filter }, c);
      const want = await onCpu(() => tf.engine().runKernel(INPUT, { dy, filter }, inputAttrs(c)) as tf.Tensor);
      expectTensorsClose(got, want, { rtol: 1e-4, atol: 1e-5 });
      tf.dispose([dy, filter, got, want]);
    });
  });

  it.each(CASES)('%s: equals the numerical gradient of conv3d with respect to its input', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 3);
    const filter = tf.randomUniform(c.filter, -1, 1, 'float32', 4);
    const dy = cotangent(conv3dInfo(c).outShape);
    const got = runCountingBuffers(INPUT, { dy, filter }, inputAttrs(c));
    const numeric = await onCpu(() => numericalGradients((input) => tf.conv3d(input as tf.Tensor5D, filter as tf.Tensor5D, c.strides, c.pad), [x], 0.05)[0]!);
    expectTensorsClose(got, { shape: c.x, data: numeric }, { rtol: 1e-3, atol: 1e-3 });
    tf.dispose([x, filter, dy, got]);
  });

  it('gives the same result when the batch is split into chunks', () => {
    const c = CASES[5]![1];
    const dy = tf.randomUniform(conv3dInfo(c).outShape, -1, 1, 'float32', 5);
    const filter = tf.randomUniform(c.filter, -1, 1, 'float32', 6);
    const whole = runPath('gemm (dy @ Wᵀ, col2im)', { dy, filter }, c);
    gemmChunking.columnBytes = 1;
    const chunked = runPath('gemm (dy @ Wᵀ, col2im)', { dy, filter }, c);
    expectTensorsClose(chunked, whole, { rtol: 1e-6, atol: 1e-6 });
    tf.dispose([dy, filter, whole, chunked]);
  });
});

// tfjs-core registers no gradient for Conv3DBackpropInputV2, so conv3dTranspose cannot be differentiated on any backend.
describe('conv3d gradients on wasm', () => {
  it.each(CASES)('conv3d, %s: agree with numerical gradients for input and filter', async (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 5);
    const w = tf.randomUniform(c.filter, -1, 1, 'float32', 6);
    await expectNoLeaks(() => checkGradients((a, b) => tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, c.strides, c.pad), [x, w], { eps: 0.05, rtol: 1e-3, atol: 1e-3 }));
    tf.dispose([x, w]);
  });
});

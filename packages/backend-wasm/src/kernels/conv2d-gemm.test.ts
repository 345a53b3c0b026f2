import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { expectTensorsClose } from '@strata/test-utils';
import { fastKernelsFor } from '../fast/module.js';
import { setFastKernels } from '../fast/switch.js';
import { gemmChunking } from './conv2d-gemm.js';
import { allocate, ptrOf } from './wasm-output.js';
import './register-kernels.js';

type Shape4 = [number, number, number, number];
interface Case { x: Shape4; filter: Shape4; strides: number | [number, number]; pad: 'valid' | 'same' | number | [[0, 0], [number, number], [number, number], [0, 0]] }

// The shapes of conv2d-backprop-filter.test.ts and conv2d-backprop-input.test.ts, plus the MNIST CNN's.
const cases: Array<[string, Case]> = [
  ['MNIST conv1 (one input channel)', { x: [4, 28, 28, 1], filter: [3, 3, 1, 8], strides: 1, pad: 'valid' }],
  ['MNIST conv2', { x: [4, 13, 13, 32], filter: [3, 3, 32, 16], strides: 1, pad: 'valid' }],
  ['3×3 same, stride 1', { x: [2, 5, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' }],
  ['3×3 same, stride 2', { x: [2, 7, 6, 3], filter: [3, 3, 3, 2], strides: 2, pad: 'same' }],
  ['2×3 valid, strides [2, 1]', { x: [2, 7, 5, 2], filter: [2, 3, 2, 3], strides: [2, 1], pad: 'valid' }],
  ['explicit asymmetric padding', { x: [2, 5, 5, 2], filter: [3, 2, 2, 3], strides: 1, pad: [[0, 0], [2, 0], [1, 3], [0, 0]] }],
  ['explicit padding, stride 3', { x: [1, 8, 7, 2], filter: [3, 3, 2, 2], strides: 3, pad: [[0, 0], [1, 2], [0, 1], [0, 0]] }],
  ['1×1 filter, stride 2, five channels', { x: [3, 5, 5, 5], filter: [1, 1, 5, 6], strides: 2, pad: 'valid' }],
];

const info = (c: Case) => tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad as 'valid');
const filterGrad = (x: tf.Tensor, dy: tf.Tensor, c: Case) =>
  tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter } as unknown as tf.NamedAttrMap) as tf.Tensor;
const inputGrad = (dy: tf.Tensor, filter: tf.Tensor, c: Case) =>
  tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x } as unknown as tf.NamedAttrMap) as tf.Tensor;

function bothPaths<T extends tf.Tensor>(fn: () => T): [T, T] {
  const fast = fn();
  setFastKernels(false);
  try {
    return [fast, fn()];
  } finally {
    setFastKernels(true);
  }
}

afterEach(() => {
  gemmChunking.columnBytes = 64 * 1024 * 1024;
});

describe('convolution gradients as GEMMs on wasm, against the composed kernels', () => {
  it.each(cases)('%s: the filter gradient agrees to float32 rounding', (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 1);
    const dy = tf.randomUniform(info(c).outShape, -1, 1, 'float32', 2);
    const [fast, composed] = bothPaths(() => filterGrad(x, dy, c));
    expectTensorsClose(fast, composed, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([x, dy, fast, composed]);
  });

  it.each(cases)('%s: the input gradient agrees to float32 rounding', (_, c) => {
    const w = tf.randomUniform(c.filter, -1, 1, 'float32', 3);
    const dy = tf.randomUniform(info(c).outShape, -1, 1, 'float32', 4);
    const [fast, composed] = bothPaths(() => inputGrad(dy, w, c));
    expectTensorsClose(fast, composed, { rtol: 1e-4, atol: 1e-5 });
    tf.dispose([w, dy, fast, composed]);
  });

  it.each([cases[1]!, cases[3]!])('%s: batches split into chunks give the same gradients, freeing every chunk', (_, c) => {
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 5);
    const w = tf.randomUniform(c.filter, -1, 1, 'float32', 6);
    const dy = tf.randomUniform(info(c).outShape, -1, 1, 'float32', 7);
    const whole = [filterGrad(x, dy, c), inputGrad(dy, w, c)];
    const i = info(c);
    gemmChunking.columnBytes = 4 * i.outHeight * i.outWidth * i.filterHeight * i.filterWidth * i.inChannels; // one sample per chunk
    const buffers = tf.backend().numDataIds();
    const chunked = [filterGrad(x, dy, c), inputGrad(dy, w, c)];
    expect(tf.backend().numDataIds() - buffers, 'buffers left besides the two outputs').toBe(2);
    expectTensorsClose(chunked[0]!, whole[0]!, { rtol: 1e-5, atol: 1e-5 });
    expectTensorsClose(chunked[1]!, whole[1]!, { rtol: 1e-5, atol: 1e-5 });
    tf.dispose([x, w, dy, ...whole, ...chunked]);
  });
});

describe('im2col and col2im (SIMD) with dilation', () => {
  // n, h, w, c, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo: 105 output pixels (three whole 32-pixel blocks of the tiled
  // kernel and a partial one), 5 channels (vector lanes and a scalar one), windows reaching into the padding.
  const g = [3, 7, 6, 5, 3, 2, 2, 1, 2, 3, 2, 1, 5, 7] as const;
  const [n, h, w, c, kh, kw, sh, sw, dh, dw, pt, pl, ho, wo] = g;
  const k = kh * kw * c;

  function reference(x: Float32Array): Float32Array {
    const out = new Float32Array(n * ho * wo * k);
    let o = 0;
    for (let b = 0; b < n; b++) for (let oy = 0; oy < ho; oy++) for (let ox = 0; ox < wo; ox++) {
      for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) for (let ch = 0; ch < c; ch++, o++) {
        const iy = oy * sh + i * dh - pt;
        const ix = ox * sw + j * dw - pl;
        out[o] = iy >= 0 && iy < h && ix >= 0 && ix < w ? x[((b * h + iy) * w + ix) * c + ch]! : 0;
      }
    }
    return out;
  }

  it('im2col matches a plain loop, im2col_t_strips is its transpose, and col2im is its adjoint', () => {
    const backend = tf.backend();
    const kernels = fastKernelsFor(backend)!;
    const x = tf.randomUniform([n, h, w, c], -1, 1, 'float32', 8);
    const cols = allocate(backend, [n * ho * wo, k]);
    const colsT = allocate(backend, [k, n * ho * wo]);
    // Poisoned first: every element must be written (zeros in the padding included).
    new Float32Array((backend as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer, colsT.ptr, k * n * ho * wo).fill(Number.NaN);
    kernels.im2col(ptrOf(backend, x), cols.ptr, ...g);
    kernels.im2col_t_strips(ptrOf(backend, x), colsT.ptr, ...g);
    const got = tf.engine().makeTensorFromTensorInfo(cols.info);
    const gotT = tf.engine().makeTensorFromTensorInfo(colsT.info);
    const want = reference(x.dataSync() as Float32Array);
    expectTensorsClose(got, { shape: [n * ho * wo, k], data: want }, { rtol: 0, atol: 0 });
    const transposed = tf.transpose(got);
    expectTensorsClose(gotT, transposed, { rtol: 0, atol: 0 });
    tf.dispose(transposed);
    // <im2col(x), r> = <x, col2im(r)> for any r.
    const r = tf.randomUniform([n * ho * wo, k], -1, 1, 'float32', 9);
    const back = allocate(backend, [n, h, w, c]);
    kernels.col2im(ptrOf(backend, r), back.ptr, ...g);
    const adjoint = tf.engine().makeTensorFromTensorInfo(back.info);
    const lhs = tf.sum(tf.mul(got, r)).dataSync()[0]!;
    const rhs = tf.sum(tf.mul(x, adjoint)).dataSync()[0]!;
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-4 * Math.max(1, Math.abs(lhs)));
    tf.dispose([x, got, gotT, r, adjoint]);
  });
});

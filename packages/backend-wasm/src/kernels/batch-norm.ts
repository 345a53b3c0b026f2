/**
 * Batch normalization in training mode over every axis but the last (channels last), for `@strata/core`'s
 * `ops.batchNormTraining` and its gradient, each a few passes of Strata's wasm SIMD module where tfjs composes a
 * dozen elementwise kernels and reductions:
 * - `StrataBatchNormTraining` `{ x, gamma, beta }`, `{ epsilon }` → `[y, mean, variance]`: the batch moments (two
 *   passes, the second over centred values; variance biased, as `ops.moments`), then `y = x · inv + (beta − mean · inv)`
 *   with `inv = gamma / sqrt(variance + epsilon)`, Keras' formula, in one pass;
 * - `StrataBatchNormGrad` `{ dy, x, mean, variance, gamma, dmean, dvariance }`, `{ epsilon }` → `[dx, dgamma, dbeta]`
 *   (`dmean`, `dvariance`: the gradients reaching the returned statistics, zeros when they feed nothing): one pass
 *   for `Σ dy` and `Σ dy · (x − mean)` per feature, one for `dx = a · dy + b · (x − mean) + c` with per-feature
 *   `a = γr`, `b = (2 dvariance − γr³ Σ dy·(x − mean)) / n`, `c = (dmean − γr Σ dy) / n`, `r = 1 / sqrt(variance + ε)`.
 * Without the SIMD module they run composed on wasm, with the same results to float32 rounding.
 *
 * @example
 * const [y, mean, variance] = tf.engine().runKernel('StrataBatchNormTraining', { x, gamma, beta }, { epsilon: 1e-3 });
 */
import { type KernelBackend, type KernelConfig, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs-core';
import { type FastKernels, fastKernelsFor, heapU8 } from '../fast/module.js';
import { KernelScope, WASM } from './kernel-scope.js';
import { allocate, ptrOf } from './wasm-output.js';

export const BATCH_NORM_TRAINING = 'StrataBatchNormTraining';
export const BATCH_NORM_GRAD = 'StrataBatchNormGrad';

/** Rows (every position) and columns (features) of `x`, after checking the named per-feature inputs are float32 [C]. */
function layout(kernel: string, x: TensorInfo, perFeature: Record<string, TensorInfo>, same: Record<string, TensorInfo> = {}): { rows: number; cols: number } {
  const cols = x.shape[x.shape.length - 1];
  if (cols == null || x.dtype !== 'float32') {
    throw new Error(`${kernel}: expected a float32 x of rank ≥ 1, received ${x.dtype} [${x.shape}].`);
  }
  for (const [name, t] of Object.entries(perFeature)) {
    if (t.dtype !== 'float32' || t.shape.length !== 1 || t.shape[0] !== cols) {
      throw new Error(`${kernel}: expected ${name} float32 of shape [${cols}], received ${t.dtype} [${t.shape}].`);
    }
  }
  for (const [name, t] of Object.entries(same)) {
    if (t.dtype !== 'float32' || t.shape.join() !== x.shape.join()) {
      throw new Error(`${kernel}: expected ${name} float32 of shape [${x.shape}], received ${t.dtype} [${t.shape}].`);
    }
  }
  return { rows: cols === 0 ? 0 : util.sizeFromShape(x.shape) / cols, cols };
}

/** A float32 view of `count` floats at byte offset `ptr` of the heap (re-read after any allocation). */
const floats = (backend: KernelBackend, ptr: number, count: number) => new Float32Array(heapU8(backend).buffer, ptr, count);

const leadingAxes = (x: TensorInfo) => [...Array(x.shape.length - 1).keys()];

function runMany(backend: KernelBackend, body: (scope: KernelScope) => TensorInfo[]): TensorInfo[] {
  const scope = new KernelScope(backend);
  try {
    return body(scope).map((t) => scope.keep(t));
  } finally {
    scope.dispose();
  }
}

const scalar = (scope: KernelScope, v: number) => scope.fromValues(Float32Array.of(v), [], 'float32');

const batchNormTraining: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, gamma, beta } = inputs as Record<string, TensorInfo>;
  const epsilon = (attrs as { epsilon: number }).epsilon;
  const b = backend as KernelBackend;
  const { rows, cols } = layout(BATCH_NORM_TRAINING, x!, { gamma: gamma!, beta: beta! });
  const fast = fastKernelsFor(b);
  if (fast == null) {
    return runMany(b, (scope) => {
      const axis = leadingAxes(x!);
      const mean = scope.run('Mean', { x: x! }, { axis, keepDims: false });
      const variance = scope.run('Mean', { x: scope.run('Square', { x: scope.run('Sub', { a: x!, b: mean }) }) }, { axis, keepDims: false });
      const inv = scope.run('Multiply', { a: scope.run('Rsqrt', { x: scope.run('Add', { a: variance, b: scalar(scope, epsilon) }) }), b: gamma! });
      const shift = scope.run('Add', { a: scope.run('Multiply', { a: scope.run('Neg', { x: mean }), b: inv }), b: beta! });
      return [scope.run('Add', { a: scope.run('Multiply', { a: x!, b: inv }), b: shift }), mean, variance];
    });
  }
  const y = allocate(b, x!.shape);
  const mean = allocate(b, [cols]);
  const variance = allocate(b, [cols]);
  const temp = allocate(b, [2 * cols]);
  try {
    fast.col_moments(ptrOf(b, x!), mean.ptr, variance.ptr, temp.ptr, rows, cols);
    const [m, v, g, be] = [mean.ptr, variance.ptr, ptrOf(b, gamma!), ptrOf(b, beta!)].map((p) => floats(b, p, cols));
    const scale = floats(b, temp.ptr, cols);
    const shift = floats(b, temp.ptr + 4 * cols, cols);
    for (let c = 0; c < cols; c++) {
      scale[c] = Math.fround(1 / Math.sqrt(Math.fround(v![c]! + epsilon))) * g![c]!;
      shift[c] = Math.fround(-m![c]! * scale[c]!) + be![c]!;
    }
    fast.scale_shift(ptrOf(b, x!), temp.ptr, temp.ptr + 4 * cols, y.ptr, rows, cols);
  } finally {
    b.disposeData(temp.info.dataId);
  }
  return [y.info, mean.info, variance.info];
};

/** Per-feature sums `Σ dy` and `Σ dy · (x − mean)`, into `sumDy` and `sumDyXc` (byte offsets), on the SIMD module. */
function gradSums(b: KernelBackend, fast: FastKernels, dy: TensorInfo, x: TensorInfo, mean: TensorInfo, sumDy: number, sumDyXc: number, rows: number, cols: number): void {
  const scratch = allocate(b, [2 * cols]);
  try {
    fast.bn_grad_sums(ptrOf(b, dy), ptrOf(b, x), ptrOf(b, mean), sumDy, sumDyXc, scratch.ptr, rows, cols);
  } finally {
    b.disposeData(scratch.info.dataId);
  }
}

const batchNormGrad: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, x, mean, variance, gamma, dmean, dvariance } = inputs as Record<string, TensorInfo>;
  const epsilon = (attrs as { epsilon: number }).epsilon;
  const b = backend as KernelBackend;
  const perFeature = { mean: mean!, variance: variance!, gamma: gamma!, dmean: dmean!, dvariance: dvariance! };
  const { rows, cols } = layout(BATCH_NORM_GRAD, x!, perFeature, { dy: dy! });
  const fast = fastKernelsFor(b);
  if (fast == null) {
    return runMany(b, (scope) => {
      const mul = (p: TensorInfo, q: TensorInfo) => scope.run('Multiply', { a: p, b: q });
      const sub = (p: TensorInfo, q: TensorInfo) => scope.run('Sub', { a: p, b: q });
      const axis = leadingAxes(x!);
      const xc = sub(x!, mean!);
      const sumDy = scope.run('Sum', { x: dy! }, { axis, keepDims: false });
      const sumDyXc = scope.run('Sum', { x: mul(dy!, xc) }, { axis, keepDims: false });
      const r = scope.run('Rsqrt', { x: scope.run('Add', { a: variance!, b: scalar(scope, epsilon) }) });
      const gr = mul(gamma!, r);
      const perRow = scalar(scope, 1 / rows);
      const coefB = mul(sub(mul(dvariance!, scalar(scope, 2)), mul(mul(gr, scope.run('Square', { x: r })), sumDyXc)), perRow);
      const coefC = mul(sub(dmean!, mul(gr, sumDy)), perRow);
      const dx = scope.run('Add', { a: scope.run('Add', { a: mul(gr, dy!), b: mul(coefB, xc) }), b: coefC });
      return [dx, mul(r, sumDyXc), sumDy];
    });
  }
  const dx = allocate(b, x!.shape);
  const dgamma = allocate(b, [cols]);
  const dbeta = allocate(b, [cols]);
  const coef = allocate(b, [3 * cols]);
  try {
    gradSums(b, fast, dy!, x!, mean!, dbeta.ptr, dgamma.ptr, rows, cols);
    const [v, g, dm, dv, sumDy, sumDyXc] = [variance!, gamma!, dmean!, dvariance!].map((t) => ptrOf(b, t)).concat([dbeta.ptr, dgamma.ptr])
      .map((p) => floats(b, p, cols));
    const [ca, cb, cc] = [0, 1, 2].map((i) => floats(b, coef.ptr + 4 * i * cols, cols));
    for (let c = 0; c < cols; c++) {
      const r = 1 / Math.sqrt(Math.fround(v![c]! + epsilon));
      const gr = g![c]! * r;
      ca![c] = gr;
      cb![c] = (2 * dv![c]! - gr * r * r * sumDyXc![c]!) / rows;
      cc![c] = (dm![c]! - gr * sumDy![c]!) / rows;
      sumDyXc![c] = r * sumDyXc![c]!; // dgamma = Σ dy · x̂
    }
    fast.bn_grad_apply(ptrOf(b, dy!), ptrOf(b, x!), ptrOf(b, mean!), coef.ptr, coef.ptr + 4 * cols, coef.ptr + 8 * cols, dx.ptr, rows, cols);
  } finally {
    b.disposeData(coef.info.dataId);
  }
  return [dx.info, dgamma.info, dbeta.info];
};

export const batchNormTrainingConfig: KernelConfig = { kernelName: BATCH_NORM_TRAINING, backendName: WASM, kernelFunc: batchNormTraining };
export const batchNormGradConfig: KernelConfig = { kernelName: BATCH_NORM_GRAD, backendName: WASM, kernelFunc: batchNormGrad };

/** Both batch-normalization kernels, registered for wasm. */
export const BATCH_NORM_KERNELS: readonly KernelConfig[] = [batchNormTrainingConfig, batchNormGradConfig];

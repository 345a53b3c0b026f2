/**
 * Gradient kernels of activations, each one pass over `dy` and the saved input or output with Strata's wasm SIMD
 * module, where tfjs composes two to four elementwise kernels. `@strata/core` registers the gradients that call
 * them (while the fast kernels are on). Without the SIMD module they run composed on wasm, with the same results.
 *
 * @example
 * tf.engine().runKernel('StrataReluGrad', { dy, x }, { lo: 0, hi: Infinity }) // dy where x > 0, else 0
 */
import { type KernelBackend, type KernelConfig, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs-core';
import { type FastKernels, fastKernelsFor } from '../fast/module.js';
import { type KernelScope, WASM, withScope } from './kernel-scope.js';
import { allocate, ptrOf } from './wasm-output.js';

type Attrs = Record<string, number>;

interface Spec {
  name: string;
  /** The saved tensor: the forward input `x` or its output `y`. */
  saved: 'x' | 'y';
  fast: (k: FastKernels, dy: number, s: number, out: number, size: number, attrs: Attrs, shape: number[]) => void;
  composed: (scope: KernelScope, dy: TensorInfo, s: TensorInfo, attrs: Attrs) => TensorInfo;
}

const scalar = (scope: KernelScope, v: number): TensorInfo => scope.fromValues(Float32Array.of(v), [], 'float32');

function kernel(spec: Spec): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const dy = inputs['dy'] as TensorInfo;
    const s = inputs[spec.saved] as TensorInfo;
    if (dy.shape.join() !== s.shape.join() || dy.dtype !== 'float32' || s.dtype !== 'float32') {
      throw new Error(`${spec.name}: expected float32 dy and ${spec.saved} of one shape, received ${dy.dtype} [${dy.shape}] and ${s.dtype} [${s.shape}].`);
    }
    const b = backend as KernelBackend;
    const fast = fastKernelsFor(b);
    if (fast == null) return withScope(b, (scope) => spec.composed(scope, dy, s, attrs as Attrs));
    const { info, ptr } = allocate(b, dy.shape);
    spec.fast(fast, ptrOf(b, dy), ptrOf(b, s), ptr, util.sizeFromShape(dy.shape), attrs as Attrs, dy.shape);
    return info;
  };
  return { kernelName: spec.name, backendName: WASM, kernelFunc };
}

/** ReLU and ReLU6 (`{ lo: 0, hi: Infinity }` and `{ lo: 0, hi: 6 }`): `dy` where `lo < x ≤ hi`, else 0. */
export const reluGradConfig = kernel({
  name: 'StrataReluGrad',
  saved: 'x',
  fast: (k, dy, x, out, n, { lo, hi }) => k.band_mask(dy, x, out, n, lo!, hi!),
  composed: (scope, dy, x, { lo, hi }) => {
    const inside = scope.run('LogicalAnd', { a: scope.run('Greater', { a: x, b: scalar(scope, lo!) }), b: scope.run('LessEqual', { a: x, b: scalar(scope, hi!) }) });
    return scope.run('Select', { condition: inside, t: dy, e: scope.zeros(dy.shape, 'float32') });
  },
});

/** LeakyReLU: `x > 0 ? dy : alpha · dy`. */
export const leakyReluGradConfig = kernel({
  name: 'StrataLeakyReluGrad',
  saved: 'x',
  fast: (k, dy, x, out, n, { alpha }) => k.leaky_mask(dy, x, out, n, alpha!),
  composed: (scope, dy, x, { alpha }) =>
    scope.run('Select', { condition: scope.run('Greater', { a: x, b: scalar(scope, 0) }), t: dy, e: scope.run('Multiply', { a: dy, b: scalar(scope, alpha!) }) }),
});

/** Sigmoid, from its output: `dy · y · (1 − y)`. */
export const sigmoidGradConfig = kernel({
  name: 'StrataSigmoidGrad',
  saved: 'y',
  fast: (k, dy, y, out, n) => k.sigmoid_grad(dy, y, out, n),
  composed: (scope, dy, y) => scope.run('Multiply', { a: dy, b: scope.run('Multiply', { a: y, b: scope.run('Sub', { a: scalar(scope, 1), b: y }) }) }),
});

/** Tanh, from its output: `(1 − y²) · dy`. */
export const tanhGradConfig = kernel({
  name: 'StrataTanhGrad',
  saved: 'y',
  fast: (k, dy, y, out, n) => k.tanh_grad(dy, y, out, n),
  composed: (scope, dy, y) => scope.run('Multiply', { a: scope.run('Sub', { a: scalar(scope, 1), b: scope.run('Square', { x: y }) }), b: dy }),
});

/** Softmax over the last axis, from its output: `y · (dy − Σ dy·y)`. */
export const softmaxGradConfig = kernel({
  name: 'StrataSoftmaxGrad',
  saved: 'y',
  fast: (k, dy, y, out, n, _attrs, shape) => {
    const cols = shape[shape.length - 1] ?? 1;
    if (cols > 0) k.softmax_grad(dy, y, out, n / cols, cols);
  },
  composed: (scope, dy, y) => {
    const dyY = scope.run('Multiply', { a: dy, b: y });
    const sums = scope.run('Sum', { x: dyY }, { axis: [dy.shape.length - 1], keepDims: true });
    return scope.run('Sub', { a: dyY, b: scope.run('Multiply', { a: sums, b: y }) });
  },
});

/** Every activation-gradient kernel, registered for wasm. */
export const ACTIVATION_GRAD_KERNELS: readonly KernelConfig[] = [reluGradConfig, leakyReluGradConfig, sigmoidGradConfig, tanhGradConfig, softmaxGradConfig];

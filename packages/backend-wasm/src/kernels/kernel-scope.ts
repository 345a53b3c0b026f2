import {
  type DataType,
  type KernelBackend,
  type NamedAttrMap,
  type TensorInfo,
  getKernel,
} from '@tensorflow/tfjs-core';

/** The backend every kernel in this folder is registered for, and whose kernels they compose. */
export const WASM = 'wasm';

type Inputs = Record<string, TensorInfo> | TensorInfo[];

/**
 * Runs other registered wasm kernels from inside a kernel, on the backend the engine handed it, and owns every
 * intermediate it creates: `dispose()` frees them all except the one handed back with `keep()`. Kernels called this
 * way bypass the engine, so nothing is recorded on a gradient tape and no `Tensor` objects are created.
 *
 * @example
 * const scope = new KernelScope(backend);
 * try {
 *   const t = scope.transpose(x, [3, 1, 2, 0]);
 *   return scope.keep(scope.reshape(t, [n, -1]));
 * } finally {
 *   scope.dispose();
 * }
 */
export class KernelScope {
  private readonly owned = new Set<TensorInfo>();

  constructor(readonly backend: KernelBackend) {}

  /** Runs the wasm kernel `name`; the result is owned by this scope until `keep`. */
  run(name: string, inputs: Inputs, attrs: NamedAttrMap = {}): TensorInfo {
    const kernel = getKernel(name, WASM);
    if (kernel == null) throw new Error(`Expected kernel '${name}' to be registered for backend '${WASM}', found none.`);
    const out = kernel.kernelFunc({ inputs: inputs as never, backend: this.backend, attrs }) as TensorInfo | TensorInfo[];
    if (Array.isArray(out)) throw new Error(`Expected kernel '${name}' to return one tensor, received ${out.length}.`);
    this.owned.add(out);
    return out;
  }

  /**
   * Hands `t` to the caller: `dispose()` will no longer free it. A tensor the scope does not own (a kernel input
   * passed through unchanged) is handed back as a new reference to the same data, so the caller owns it either way.
   */
  keep(t: TensorInfo): TensorInfo {
    const out = this.owned.has(t) ? t : this.run('Identity', { x: t });
    this.owned.delete(out);
    return out;
  }

  /** Frees every intermediate still owned. */
  dispose(): void {
    for (const t of this.owned) this.backend.disposeData(t.dataId);
    this.owned.clear();
  }

  /** A tensor made from host values (small index or shape data only). */
  fromValues(values: Int32Array | Float32Array, shape: number[], dtype: DataType): TensorInfo {
    const dataId = this.backend.write(values, shape, dtype);
    const t: TensorInfo = { dataId, shape, dtype };
    this.owned.add(t);
    return t;
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  /** Transposes, or returns `x` itself when `perm` is the identity. */
  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    if (perm.every((p, i) => p === i)) return x;
    return this.run('Transpose', { x }, { perm });
  }

  /** Slices, or returns `x` itself when the slice is the whole tensor. */
  slice(x: TensorInfo, begin: number[], size: number[]): TensorInfo {
    if (begin.every((b) => b === 0) && size.every((s, i) => s === x.shape[i])) return x;
    return this.run('Slice', { x }, { begin, size });
  }

  /** Pads with zeros, or returns `x` itself when every padding is 0. */
  pad(x: TensorInfo, paddings: Array<[number, number]>): TensorInfo {
    if (paddings.every(([a, b]) => a === 0 && b === 0)) return x;
    return this.run('PadV2', { x }, { paddings, constantValue: 0 });
  }

  /** Reverses the given axes. */
  reverse(x: TensorInfo, dims: number[]): TensorInfo {
    return this.run('Reverse', { x }, { dims });
  }

  concat(xs: TensorInfo[], axis: number): TensorInfo {
    if (xs.length === 1) return xs[0]!;
    return this.run('Concat', xs, { axis });
  }

  sum(x: TensorInfo, axis: number[]): TensorInfo {
    return this.run('Sum', { x }, { axis, keepDims: false });
  }

  matMul(a: TensorInfo, b: TensorInfo): TensorInfo {
    return this.run('BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
  }

  zeros(shape: number[], dtype: DataType): TensorInfo {
    return this.run('Fill', {}, { shape, value: 0, dtype });
  }
}

/**
 * Runs `body` with a fresh scope on `backend` and returns the tensor it hands back, freeing every other intermediate
 * (also when `body` throws).
 *
 * @example
 * return withScope(backend, (scope) => scope.reshape(x, [4, 4]));
 */
export function withScope(backend: KernelBackend, body: (scope: KernelScope) => TensorInfo): TensorInfo {
  const scope = new KernelScope(backend);
  try {
    const out = body(scope);
    return scope.keep(out);
  } finally {
    scope.dispose();
  }
}

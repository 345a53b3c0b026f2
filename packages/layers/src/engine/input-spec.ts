/**
 * `InputSpec`: the rank, dtype and shape a layer accepts, checked on every call (Keras' `layers/input_spec.py`).
 */
import { standardizeDtype, ValueError, type DataType } from '@strata/core';
import { flatten, isPlainObject } from './nest.js';
import { shapeToString, standardizeShape, type Dim, type Shape } from './shape.js';

/** Options of an `InputSpec`; every field is optional and unset fields are not checked. */
export interface InputSpecOptions {
  dtype?: string | null;
  /** Full expected shape, batch included (null matches any size); implies `ndim`. */
  shape?: ReadonlyArray<Dim> | null;
  ndim?: number | null;
  maxNdim?: number | null;
  minNdim?: number | null;
  /** Axis (negative allowed) → required size. */
  axes?: Record<number, number | null> | null;
  /** Accept rank N+1 when the last axis is 1, and rank N−1 when the spec's last axis is 1. */
  allowLastAxisSqueeze?: boolean;
  /** The input's key when inputs are passed as a record. */
  name?: string | null;
  /** Whether `null` may be passed for this input. */
  optional?: boolean;
}

/**
 * What a layer accepts as input, as `keras.InputSpec`.
 *
 * @example
 * this.inputSpec = new InputSpec({ minNdim: 2, axes: { [-1]: 784 } });
 */
export class InputSpec {
  readonly dtype: DataType | null;
  readonly shape: Shape | null;
  readonly ndim: number | null;
  readonly maxNdim: number | null;
  readonly minNdim: number | null;
  readonly axes: Record<number, number | null>;
  readonly allowLastAxisSqueeze: boolean;
  readonly name: string | null;
  readonly optional: boolean;

  constructor(options: InputSpecOptions = {}) {
    this.dtype = options.dtype != null ? standardizeDtype(options.dtype) : null;
    this.shape = options.shape != null ? standardizeShape(options.shape) : null;
    this.ndim = this.shape ? this.shape.length : (options.ndim ?? null);
    this.maxNdim = options.maxNdim ?? null;
    this.minNdim = options.minNdim ?? null;
    this.name = options.name ?? null;
    this.optional = options.optional ?? false;
    this.allowLastAxisSqueeze = options.allowLastAxisSqueeze ?? false;
    const axes: Record<number, number | null> = {};
    for (const [k, v] of Object.entries(options.axes ?? {})) {
      const axis = Number(k);
      if (!Number.isInteger(axis)) throw new ValueError(`Argument "axes" must be a record with integer keys. Received: ${JSON.stringify(options.axes)}`);
      axes[axis] = v;
    }
    this.axes = axes;
    const maxRank = this.ndim ?? this.maxNdim;
    const keys = Object.keys(axes).map(Number);
    if (keys.length && maxRank != null && Math.max(...keys) > maxRank - 1) {
      throw new ValueError(`Axis ${Math.max(...keys)} is greater than the maximum allowed value: ${maxRank - 1}`);
    }
  }

  getConfig(): Record<string, unknown> {
    return {
      dtype: this.dtype, shape: this.shape, ndim: this.ndim, maxNdim: this.maxNdim, minNdim: this.minNdim,
      axes: this.axes, optional: this.optional,
    };
  }

  static fromConfig(config: InputSpecOptions): InputSpec {
    return new InputSpec(config);
  }

  toString(): string {
    const parts = [
      this.dtype ? `dtype=${this.dtype}` : '', this.shape ? `shape=${shapeToString(this.shape)}` : '',
      this.ndim ? `ndim=${this.ndim}` : '', this.maxNdim ? `maxNdim=${this.maxNdim}` : '',
      this.minNdim ? `minNdim=${this.minNdim}` : '', Object.keys(this.axes).length ? `axes=${JSON.stringify(this.axes)}` : '',
    ];
    return `InputSpec(${parts.filter(Boolean).join(', ')})`;
  }
}

interface ShapedInput {
  shape: ReadonlyArray<Dim>;
  dtype: string;
}

function describe(x: unknown): string {
  if (x && typeof x === 'object' && 'shape' in x) return `tensor of shape ${shapeToString((x as ShapedInput).shape)}`;
  return String(x);
}

/**
 * Checks `inputs` against one spec or a list of specs and throws a `ValueError` naming the layer, the input and
 * both shapes, as Keras' `assert_input_compatibility`.
 */
export function assertInputCompatibility(inputSpec: InputSpec | Array<InputSpec | null> | null | undefined, inputs: unknown, layerName: string): void {
  if (!inputSpec) return;
  const specs = flatten<InputSpec | null>(inputSpec);
  if (specs.length === 0) return;
  let structured = inputs;
  if (isPlainObject(inputs)) {
    const names = specs.map((s) => s?.name);
    if (names.every((n) => n)) {
      structured = names.map((n) => {
        if (!(n! in inputs)) {
          throw new ValueError(`Missing data for input "${n}". You passed a data record with keys ${JSON.stringify(Object.keys(inputs))}. Expected the following keys: ${JSON.stringify(names)}`);
        }
        return inputs[n!];
      });
    }
  }
  const flat = flatten(structured);
  if (flat.length !== specs.length) {
    const names = specs.map((s) => s?.name).filter(Boolean);
    if (names.length === specs.length) {
      throw new ValueError(`Layer "${layerName}" expects ${specs.length} named input(s) with keys ${JSON.stringify(names)}, but it received ${flat.length} input tensors. Pass inputs as a record, e.g. layer.apply({ ${names.map((n) => `${n}: ...`).join(', ')} }).`);
    }
    throw new ValueError(`Layer "${layerName}" expects ${specs.length} input(s), but it received ${flat.length} input tensors. Inputs received: [${flat.map(describe).join(', ')}]`);
  }
  flat.forEach((x, i) => {
    const spec = specs[i];
    if (!spec) return;
    if (x == null && spec.optional) return;
    checkOne(spec, x, i, layerName);
  });
}

function checkOne(spec: InputSpec, x: unknown, index: number, layerName: string): void {
  if (!x || typeof x !== 'object' || !('shape' in x)) {
    throw new ValueError(`Inputs to a layer should be tensors. Received ${String(x)} as input ${index} of layer "${layerName}".`);
  }
  const { shape: rawShape, dtype } = x as ShapedInput;
  let shape: Dim[] = [...rawShape];
  const ndim = shape.length;
  const prefix = `Input ${index}${spec.name ? ` with name "${spec.name}"` : ''} of layer "${layerName}" is incompatible with the layer: `;
  if (spec.ndim != null && !spec.allowLastAxisSqueeze && ndim !== spec.ndim) {
    throw new ValueError(`${prefix}expected ndim=${spec.ndim}, found ndim=${ndim}. Full shape received: ${shapeToString(shape)}`);
  }
  if (spec.maxNdim != null && ndim > spec.maxNdim) {
    throw new ValueError(`${prefix}expected maxNdim=${spec.maxNdim}, found ndim=${ndim}. Full shape received: ${shapeToString(shape)}`);
  }
  if (spec.minNdim != null && ndim < spec.minNdim) {
    throw new ValueError(`${prefix}expected minNdim=${spec.minNdim}, found ndim=${ndim}. Full shape received: ${shapeToString(shape)}`);
  }
  if (spec.dtype != null && standardizeDtype(dtype) !== spec.dtype) {
    throw new ValueError(`${prefix}expected dtype=${spec.dtype}, found dtype=${standardizeDtype(dtype)}`);
  }
  for (const [k, value] of Object.entries(spec.axes)) {
    const axis = Number(k);
    const dim = shape[axis < 0 ? ndim + axis : axis];
    if (value != null && dim !== undefined && dim !== null && dim !== value) {
      throw new ValueError(`${prefix}expected axis ${axis} of input shape to have value ${value}, but received input with shape ${shapeToString(shape)}`);
    }
  }
  if (spec.shape) {
    let specShape: Dim[] = spec.shape;
    if (spec.allowLastAxisSqueeze) {
      if (shape.length && shape[shape.length - 1] === 1) shape = shape.slice(0, -1);
      if (specShape.length && specShape[specShape.length - 1] === 1) specShape = specShape.slice(0, -1);
    }
    const n = Math.min(specShape.length, shape.length);
    for (let i = 0; i < n; i++) {
      const s = specShape[i];
      const d = shape[i];
      if (s != null && d != null && s !== d) {
        throw new ValueError(`${prefix}expected shape=${shapeToString(spec.shape)}, found shape=${shapeToString(rawShape)}`);
      }
    }
  }
}

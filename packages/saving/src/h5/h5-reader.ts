/**
 * `H5Reader`: read-only access to an HDF5 file held in memory (groups, datasets, attributes), on h5wasm. Strings
 * come back decoded (fixed-length or variable-length, bytes or UTF-8), chunked list attributes (`layer_names0`,
 * `layer_names1`…) are joined, and datasets are typed arrays with their shape.
 */
import { ValueError } from '@strata/core';
import type * as H5 from 'h5wasm';
import { dtypeFromMetadata, hasHdf5Signature, hdf5DeclaredLength, sizeOf, typedArrayFor, type H5Array } from './h5-data.js';
import { loadH5Wasm, scratchPath, type H5Wasm } from './h5wasm-module.js';

/** Options of `H5Reader.open`. */
export interface H5ReadOptions {
  /** Reject a dataset whose declared size is over this many bytes (default 4 GiB). */
  maxDatasetBytes?: number;
}

function decodeString(value: unknown): string {
  const text = value instanceof Uint8Array ? new TextDecoder().decode(value) : String(value);
  return text.replace(/\0+$/, '');
}

/**
 * An HDF5 file opened from bytes. Close it when done (it lives in h5wasm's memory).
 *
 * @example
 * const h5 = await H5Reader.open(bytes, 'model.h5');
 * h5.stringList('', 'layer_names'); // ['dense', 'dropout', 'dense_1']
 * h5.close();
 */
export class H5Reader {
  private constructor(
    private readonly h5: H5Wasm,
    private readonly file: H5.File,
    private readonly path: string,
    /** Shown in errors: the file's name. */
    readonly label: string,
    private readonly maxDatasetBytes: number,
  ) {}

  /** Opens `bytes` as HDF5; a wrong signature or a damaged file gives a ValueError naming `label`. */
  static async open(bytes: Uint8Array, label: string, options: H5ReadOptions = {}): Promise<H5Reader> {
    if (!hasHdf5Signature(bytes)) {
      const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new ValueError(`"${label}" is not an HDF5 file: expected the signature 89 48 44 46 0d 0a 1a 0a, received ${head || 'an empty file'}.`);
    }
    const declared = hdf5DeclaredLength(bytes);
    if (declared !== null && declared > bytes.length) {
      throw new ValueError(`"${label}" is truncated: its HDF5 superblock declares ${declared} bytes, received ${bytes.length}.`);
    }
    const h5 = await loadH5Wasm();
    const path = scratchPath(label);
    h5.FS.writeFile(path, bytes);
    let file: H5.File | null = null;
    try {
      file = new h5.File(path, 'r');
      if (!(file.file_id > 0n)) throw new Error('HDF5 refused to open it');
      file.keys();
    } catch (e) {
      try { file?.close(); } catch { /* already failed */ }
      h5.FS.unlink(path);
      throw new ValueError(`"${label}" is not a readable HDF5 file (truncated or damaged): ${(e as Error)?.message ?? String(e)}.`);
    }
    return new H5Reader(h5, file, path, label, options.maxDatasetBytes ?? 2 ** 32);
  }

  private entity(path: string): H5.Group | H5.Dataset | null {
    if (path === '' || path === '/') return this.file;
    let current: H5.Group = this.file;
    const parts = path.split('/').filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      if (!current.keys().includes(parts[i]!)) return null;
      const next = current.get(parts[i]!);
      if (i === parts.length - 1) return next instanceof this.h5.Group || next instanceof this.h5.Dataset ? next : null;
      if (!(next instanceof this.h5.Group)) return null;
      current = next;
    }
    return current;
  }

  /** Whether a group or dataset exists at `path` (`''` is the root). */
  has(path: string): boolean {
    return this.entity(path) !== null;
  }

  /** Whether `path` is a group. */
  isGroup(path: string): boolean {
    return this.entity(path) instanceof this.h5.Group;
  }

  /** Whether `path` is a dataset. */
  isDataset(path: string): boolean {
    return this.entity(path) instanceof this.h5.Dataset;
  }

  /** The names of a group's members, in the file's order (HDF5's name order unless the file tracks creation order). */
  keys(path: string): string[] {
    const g = this.entity(path);
    if (!(g instanceof this.h5.Group)) throw new ValueError(`"${this.label}": expected a group at "${path}", found ${g ? 'a dataset' : 'nothing'}.`);
    return g.keys();
  }

  /** The names of the attributes on `path`. */
  attrNames(path: string): string[] {
    const e = this.entity(path);
    return e ? Object.keys(e.attrs) : [];
  }

  /** An attribute's value: strings decoded, numbers as numbers, lists as arrays; `undefined` when absent. */
  attr(path: string, name: string): unknown {
    const e = this.entity(path);
    if (!e || !Object.prototype.hasOwnProperty.call(e.attrs, name)) return undefined;
    const value = e.attrs[name]!.value as unknown;
    const convert = (v: unknown): unknown => {
      if (typeof v === 'string' || v instanceof Uint8Array && e.attrs[name]!.metadata.type === 3) return decodeString(v);
      if (typeof v === 'bigint') return Number(v);
      if (Array.isArray(v)) return v.map(convert);
      if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number | bigint>, (x) => Number(x));
      return v;
    };
    return convert(value);
  }

  /** A string attribute (bytes decoded as UTF-8); `undefined` when absent. */
  stringAttr(path: string, name: string): string | undefined {
    const v = this.attr(path, name);
    if (v === undefined) return undefined;
    if (Array.isArray(v) && v.length === 1) return String(v[0]);
    return String(v);
  }

  /**
   * A list-of-strings attribute, as Keras' `load_attributes_from_hdf5_group`: the plain name first, else the
   * chunks `name0`, `name1`… joined; `undefined` when neither exists.
   */
  stringList(path: string, name: string): string[] | undefined {
    const names = this.attrNames(path);
    const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => decodeString(x)) : v === undefined || v === null ? [] : [decodeString(v)]);
    if (names.includes(name)) return asList(this.attr(path, name));
    if (!names.includes(`${name}0`)) return undefined;
    const out: string[] = [];
    for (let i = 0; names.includes(`${name}${i}`); i++) out.push(...asList(this.attr(path, `${name}${i}`)));
    return out;
  }

  /** A dataset's shape and dtype, without reading its values. */
  datasetInfo(path: string): { shape: number[]; dtype: string } {
    const d = this.entity(path);
    if (!(d instanceof this.h5.Dataset)) throw new ValueError(`"${this.label}": expected a dataset at "${path}", found ${d ? 'a group' : 'nothing'}.`);
    const meta = d.metadata;
    const dtype = dtypeFromMetadata(meta);
    if (!dtype) throw new ValueError(`"${this.label}": dataset "${path}" holds ${meta.type === 3 ? 'strings' : `HDF5 type class ${meta.type}`}, expected numbers.`);
    const stored = this.attr(path, 'dtype');
    return { shape: [...(d.shape ?? [])], dtype: stored === 'bfloat16' && dtype === 'uint16' ? 'bfloat16' : dtype };
  }

  /** A dataset's values. Keras' bfloat16 datasets (uint16 with attr `dtype="bfloat16"`) stay bit patterns. */
  dataset(path: string): H5Array {
    const info = this.datasetInfo(path);
    const d = this.entity(path) as H5.Dataset;
    const bytes = sizeOf(info.shape) * d.metadata.size;
    if (bytes > this.maxDatasetBytes) {
      throw new ValueError(`"${this.label}": dataset "${path}" declares ${bytes} bytes, over the limit of ${this.maxDatasetBytes} bytes.`);
    }
    const raw = d.value as unknown;
    const data = ArrayBuffer.isView(raw) && !(raw instanceof DataView) ? (raw as H5Array['data']) : typedArrayFor(info.dtype, raw as number);
    if (data.length !== sizeOf(info.shape)) {
      throw new ValueError(`"${this.label}": dataset "${path}" of shape [${info.shape.join(', ')}] returned ${data.length} values.`);
    }
    return { dtype: info.dtype, shape: info.shape, data };
  }

  /** Frees the file. */
  close(): void {
    try {
      this.file.close();
    } finally {
      try { this.h5.FS.unlink(this.path); } catch { /* already gone */ }
    }
  }
}

/** Opens `bytes`, runs `fn`, and closes the file whatever happens. */
export async function withH5<T>(bytes: Uint8Array, label: string, fn: (h5: H5Reader) => T | Promise<T>, options?: H5ReadOptions): Promise<T> {
  const reader = await H5Reader.open(bytes, label, options);
  try {
    return await fn(reader);
  } finally {
    reader.close();
  }
}

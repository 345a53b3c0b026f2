/**
 * `H5Writer`: builds an HDF5 file in memory on h5wasm and returns its bytes. Groups are created one level at a time
 * (h5wasm cannot create intermediate groups in one call); list attributes too large for an HDF5 object header are
 * split into `name0`, `name1`… chunks the way Keras does.
 */
import { ValueError } from '@strata/core';
import type * as H5 from 'h5wasm';
import { h5DtypeOf, sizeOf, type H5Array } from './h5-data.js';
import { loadH5Wasm, scratchPath, type H5Wasm } from './h5wasm-module.js';

/** Keras' `HDF5_OBJECT_HEADER_LIMIT`: attributes larger than this are split into chunks. */
export const HDF5_OBJECT_HEADER_LIMIT = 64512;

/** How a string attribute is stored: HDF5 variable-length UTF-8 (h5py's `str`), or fixed-length bytes (numpy `S`). */
export type StringStorage = 'vlen' | 'fixed';

/**
 * Splits a list into `k` parts as `numpy.array_split`: the first `n % k` parts get one more element.
 *
 * @example
 * arraySplit([1, 2, 3, 4, 5], 2); // [[1, 2, 3], [4, 5]]
 */
export function arraySplit<T>(items: readonly T[], k: number): T[][] {
  const n = items.length;
  const base = Math.floor(n / k);
  const extra = n % k;
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < k; i++) {
    const size = base + (i < extra ? 1 : 0);
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}

/** The size numpy gives a list of strings (`np.asarray(list).nbytes`: 4 bytes per character of the longest one). */
function numpyStringBytes(items: readonly string[]): number {
  const longest = items.reduce((m, s) => Math.max(m, s.length), 0);
  return 4 * Math.max(longest, 1) * items.length;
}

/**
 * An HDF5 file being written.
 *
 * @example
 * const w = await H5Writer.create();
 * w.dataset('layers/dense/vars/0', { dtype: 'float32', shape: [2, 3], data: new Float32Array(6) });
 * w.stringListAttr('', 'layer_names', ['dense']);
 * const bytes = w.finish();
 */
export class H5Writer {
  private finished = false;

  private constructor(private readonly h5: H5Wasm, private readonly file: H5.File, private readonly path: string) {}

  /** A new, empty file. */
  static async create(label = 'out'): Promise<H5Writer> {
    const h5 = await loadH5Wasm();
    const path = scratchPath(label);
    return new H5Writer(h5, new h5.File(path, 'w'), path);
  }

  /** The group at `path`, created level by level when missing (`''` is the root). */
  group(path: string): H5.Group {
    let current: H5.Group = this.file;
    for (const part of path.split('/').filter(Boolean)) {
      if (current.keys().includes(part)) {
        const next = current.get(part);
        if (!(next instanceof this.h5.Group)) throw new ValueError(`Cannot create group "${path}": "${part}" is a dataset.`);
        current = next;
      } else {
        current = current.create_group(part);
      }
    }
    return current;
  }

  private splitPath(path: string): [string, string] {
    const parts = path.split('/').filter(Boolean);
    const name = parts.pop();
    if (!name) throw new ValueError(`Invalid HDF5 dataset path "${path}".`);
    return [parts.join('/'), name];
  }

  /** Writes a dataset (its parent groups are created as needed). */
  dataset(path: string, array: H5Array, attrs: Record<string, string> = {}): void {
    const [parent, name] = this.splitPath(path);
    if (array.data.length !== sizeOf(array.shape)) {
      throw new ValueError(`Dataset "${path}": shape [${array.shape.join(', ')}] needs ${sizeOf(array.shape)} values, received ${array.data.length}.`);
    }
    const g = this.group(parent);
    const d = g.create_dataset({ name, data: array.data as never, shape: [...array.shape], dtype: h5DtypeOf(array.dtype) });
    for (const [k, v] of Object.entries(attrs)) d.create_attribute(k, v);
  }

  /** Writes a string attribute (replacing one of the same name). */
  stringAttr(path: string, name: string, value: string, storage: StringStorage = 'vlen'): void {
    const target = this.group(path);
    if (Object.prototype.hasOwnProperty.call(target.attrs, name)) target.delete_attribute(name);
    if (storage === 'vlen') target.create_attribute(name, value);
    else target.create_attribute(name, value, [], `S${Math.max(new TextEncoder().encode(value).length, 1)}`);
  }

  /**
   * Writes a list-of-strings attribute as Keras' `save_attributes_to_hdf5_group`: one attribute, or, when larger
   * than the object-header limit, numbered chunks `name0`, `name1`… of a `numpy.array_split`.
   */
  stringListAttr(path: string, name: string, values: readonly string[], storage: StringStorage = 'vlen'): void {
    const target = this.group(path);
    if (values.length === 0) {
      // numpy's empty list is float64, which is what Keras writes for a layer without weights.
      target.create_attribute(name, new Float64Array(0), [0], '<d');
      return;
    }
    const tooLong = values.filter((v) => v.length > HDF5_OBJECT_HEADER_LIMIT);
    if (tooLong.length) {
      throw new ValueError(`The following attributes cannot be saved to HDF5 because they are larger than ${HDF5_OBJECT_HEADER_LIMIT} bytes: ${tooLong.join(', ')}`);
    }
    let k = 1;
    let chunks = arraySplit(values, k);
    while (chunks.some((c) => numpyStringBytes(c) > HDF5_OBJECT_HEADER_LIMIT)) chunks = arraySplit(values, ++k);
    const write = (attrName: string, list: string[]): void => {
      if (storage === 'vlen') {
        target.create_attribute(attrName, list, [list.length], 'S');
      } else {
        const width = Math.max(1, ...list.map((s) => new TextEncoder().encode(s).length));
        target.create_attribute(attrName, list, [list.length], `S${width}`);
      }
    };
    if (chunks.length === 1) write(name, chunks[0]!);
    else chunks.forEach((c, i) => write(`${name}${i}`, c));
  }

  /** Closes the file and returns its bytes. The writer cannot be used afterwards. */
  finish(): Uint8Array {
    if (this.finished) throw new ValueError('This HDF5 file was already finished.');
    this.finished = true;
    this.file.close();
    try {
      return new Uint8Array(this.h5.FS.readFile(this.path));
    } finally {
      this.h5.FS.unlink(this.path);
    }
  }

  /** Drops the file without returning it (after an error). */
  abort(): void {
    if (this.finished) return;
    this.finished = true;
    try { this.file.close(); } catch { /* ignore */ }
    try { this.h5.FS.unlink(this.path); } catch { /* ignore */ }
  }
}

/**
 * Keras 3's variable store in HDF5 (`saving_lib.py` `H5IOStore`): each saveable's variables at `<path>/vars/<i>`,
 * the `vars` group carrying the object's name; the root's at `/vars`. Reading also accepts tf.keras 2.13/2.14's
 * `_layer_checkpoint_dependencies` layout, as Keras does.
 */
import { ValueError } from '@strata/core';
import { H5Reader } from '../h5/h5-reader.js';
import { H5Writer } from '../h5/h5-writer.js';
import type { HostArray } from '../host-array.js';

/** One saveable's variables, ready to write. */
export interface StoredEntry {
  path: string;
  name: string;
  arrays: HostArray[];
}

/** The `vars` group of a path (`''` → `vars`). */
export function varsGroup(path: string): string {
  return path ? `${path}/vars` : 'vars';
}

/** Writes `entries` as a Keras 3 `.weights.h5` file and returns its bytes. */
export async function writeWeightsH5(entries: readonly StoredEntry[]): Promise<Uint8Array> {
  const w = await H5Writer.create('weights');
  try {
    for (const e of entries) writeEntry(w, e);
    return w.finish();
  } catch (err) {
    w.abort();
    throw err;
  }
}

/** Writes one entry's `vars` group and datasets into `w`. */
export function writeEntry(w: H5Writer, e: StoredEntry, indices?: readonly number[]): void {
  const group = varsGroup(e.path);
  w.group(group);
  w.stringAttr(group, 'name', e.name);
  (indices ?? e.arrays.map((_, i) => i)).forEach((i) => {
    const a = e.arrays[i]!;
    w.dataset(`${group}/${i}`, a, a.dtype === 'bfloat16' ? { dtype: 'bfloat16' } : {});
  });
}

/** A source of stored variables by saveable path. */
export interface WeightsSource {
  /** Shown in errors. */
  readonly label: string;
  /** The arrays stored for `path` (`vars/0`, `vars/1`… in order), or null when the file has no `vars` group there. */
  get(path: string): HostArray[] | null;
  /** Every path that has a `vars` group holding at least one array. */
  pathsWithValues(): string[];
}

/** Reads the numbered datasets of a `vars` group, checking they are exactly `0…n-1`. */
export function readVars(h5: H5Reader, group: string): HostArray[] {
  const keys = h5.keys(group).filter((k) => h5.isDataset(`${group}/${k}`));
  const sorted = keys.map(Number).sort((a, b) => a - b);
  if (sorted.some((n, i) => n !== i)) {
    throw new ValueError(`"${h5.label}": the group "${group}" should hold datasets named 0…${keys.length - 1}, found ${JSON.stringify(keys)}.`);
  }
  return sorted.map((i) => h5.dataset(`${group}/${i}`));
}

/** A `WeightsSource` over an open Keras 3 weights file. */
export function h5WeightsSource(h5: H5Reader): WeightsSource {
  const legacy = h5.isGroup('_layer_checkpoint_dependencies');
  const resolve = (path: string): string | null => {
    const group = varsGroup(path);
    if (h5.isGroup(group)) return group;
    if (legacy && path) {
      const alt = varsGroup(path.replaceAll('layers', '_layer_checkpoint_dependencies'));
      if (h5.isGroup(alt)) return alt;
    }
    return null;
  };
  return {
    label: h5.label,
    get(path) {
      const group = resolve(path);
      return group ? readVars(h5, group) : null;
    },
    pathsWithValues() {
      const out: string[] = [];
      const walk = (path: string): void => {
        for (const k of h5.keys(path)) {
          const child = path ? `${path}/${k}` : k;
          if (!h5.isGroup(child)) continue;
          if (k === 'vars') {
            if (h5.keys(child).some((d) => h5.isDataset(`${child}/${d}`))) out.push(path);
          } else walk(child);
        }
      };
      walk('');
      return out;
    },
  };
}

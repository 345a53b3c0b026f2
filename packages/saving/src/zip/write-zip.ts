/** Deterministic zip writing on fflate: members stored uncompressed (as Keras writes `.keras` files), in order. */
import { ValueError } from '@strata/core';
import { zipSync, type Zippable } from 'fflate';
import { unsafeMemberName } from './zip-limits.js';

/** The timestamp every member gets, so the same content always gives the same bytes (the zip epoch). */
const ZIP_EPOCH = new Date(1980, 0, 1, 0, 0, 0);

/**
 * A zip archive of `members` in the given order, each stored (method 0) with a fixed timestamp.
 *
 * @example
 * const bytes = writeZip([['metadata.json', meta], ['config.json', config], ['model.weights.h5', weights]]);
 */
export function writeZip(members: ReadonlyArray<readonly [string, Uint8Array]>): Uint8Array {
  const files: Zippable = Object.create(null) as Zippable;
  for (const [name, data] of members) {
    const why = unsafeMemberName(name);
    if (why) throw new ValueError(`Cannot write the zip member "${name}": ${why}.`);
    if (name in files) throw new ValueError(`Cannot write the zip member "${name}" twice.`);
    if (/^\d+$/.test(name)) throw new ValueError(`Zip member names must not be plain integers (their order would change): "${name}".`);
    files[name] = [data, { level: 0, mtime: ZIP_EPOCH }];
  }
  return zipSync(files);
}

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { decodeGolden } from './decode.js';
import type { GoldenFor } from './types.js';

/**
 * Root of the committed fixtures: `packages/test-utils/fixtures/keras`. This file lives at
 * `src/golden/` (tests, via the source condition) or `dist/golden/` (built), two levels below the
 * package either way. `STRATA_KERAS_GOLDEN_DIR` overrides it (e.g. to read a freshly generated tree).
 */
export function kerasGoldenRoot(): string {
  const override = typeof process !== 'undefined' ? process.env.STRATA_KERAS_GOLDEN_DIR : undefined;
  if (override) return resolve(override);
  return fileURLToPath(new URL('../../fixtures/keras/', import.meta.url));
}

interface GoldenIndex {
  keras_version: string;
  backend: string;
  /** case name -> files (relative to the root), the case's JSON first. */
  cases: Record<string, string[]>;
}

let indexCache: { root: string; index: GoldenIndex } | undefined;

/** The generator's `index.json`: every case and its files. */
export function kerasGoldenIndex(): GoldenIndex {
  const root = kerasGoldenRoot();
  if (indexCache?.root !== root) {
    const path = join(root, 'index.json');
    if (!existsSync(path)) {
      throw new Error(
        `Keras golden fixtures not found at ${root} (no index.json). ` +
          'Regenerate them with tools/keras-golden/generate.py (see tools/keras-golden/README.md).',
      );
    }
    indexCache = { root, index: JSON.parse(readFileSync(path, 'utf8')) as GoldenIndex };
  }
  return indexCache.index;
}

function checkName(name: string): void {
  if (name.startsWith('/') || name.split('/').includes('..') || name.endsWith('.json')) {
    throw new Error(`Keras golden: invalid case name "${name}" (write e.g. 'layers/dense/basic')`);
  }
}

/**
 * Loads one Keras golden case, e.g. `kerasGolden('activations/relu')` or
 * `kerasGolden('layers/dense/basic')`, with every array decoded to a `GoldenTensor`
 * (`{ shape, dtype, data: Float32Array | Int32Array }`). The return type follows the family prefix
 * (`LayerGolden` for `layers/...`, `OptimizerGolden` for `optimizers/...`, ...). Each call returns a
 * fresh object.
 */
export function kerasGolden<N extends string>(name: N): GoldenFor<N> {
  checkName(name);
  const path = join(kerasGoldenRoot(), `${name}.json`);
  if (!existsSync(path)) {
    const names = Object.keys(kerasGoldenIndex().cases);
    // Suggest the cases under the deepest existing directory of the name.
    const parts = name.split('/');
    let near: string[] = [];
    for (let depth = parts.length - 1; depth > 0 && near.length === 0; depth--) {
      const dir = `${parts.slice(0, depth).join('/')}/`;
      near = names.filter((c) => c.startsWith(dir));
    }
    throw new Error(
      `Keras golden case "${name}" does not exist. ` +
        (near.length
          ? `Cases there: ${near.slice(0, 12).join(', ')}${near.length > 12 ? ', ...' : ''}`
          : `Families: ${listFamilies().join(', ')}`),
    );
  }
  return decodeGolden<GoldenFor<N>>(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * Every case name starting with `prefix`, sorted, for `it.each` tables:
 * `it.each(listKerasGolden('activations/'))('%s', (name) => { const c = kerasGolden(name); ... })`.
 * The names are typed `${prefix}${string}`, so `kerasGolden(name)` keeps the family's type.
 */
export function listKerasGolden<P extends string>(prefix: P): `${P}${string}`[] {
  return Object.keys(kerasGoldenIndex().cases)
    .filter((name) => name.startsWith(prefix))
    .sort() as `${P}${string}`[];
}

function listFamilies(): string[] {
  return [...new Set(Object.keys(kerasGoldenIndex().cases).map((n) => n.split('/')[0] ?? ''))].sort();
}

/** Absolute path of a fixture file, e.g. `kerasGoldenPath('files/nested.keras')`. */
export function kerasGoldenPath(relativePath: string): string {
  checkName(relativePath.replace(/\.json$/, ''));
  return join(kerasGoldenRoot(), relativePath);
}

/** Bytes of a binary sidecar written by Keras, e.g. `kerasGoldenFile('files/nested.h5')`. */
export function kerasGoldenFile(relativePath: string): Uint8Array {
  const buf = readFileSync(kerasGoldenPath(relativePath));
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * The browser platform for `getFile` and the image helpers: the Cache API (or IndexedDB) as the cache, MD5 and
 * SHA-256 in plain TypeScript, no progress bar (use `onProgress`), and image decoding through canvas.
 */
import { NotImplementedError } from '@strata/core';
import type { HashAlgorithm, Hasher } from '../utils/file-utils/hash.js';
import { Md5 } from '../utils/file-utils/md5.js';
import { Sha256 } from '../utils/file-utils/sha256.js';
import { decodeImageSource, decodeImageFile } from '../utils/image-utils/decode-browser.js';
import { browserStore } from './browser-store.js';
import type { Platform } from './types.js';

/** A hasher in plain TypeScript (browsers have no incremental or MD5 digest). */
export function createPureHasher(algorithm: HashAlgorithm): Hasher {
  return algorithm === 'md5' ? new Md5() : new Sha256();
}

export const platform: Platform = {
  name: 'browser',
  env: () => undefined,
  store: browserStore(),
  createHasher: createPureHasher,
  progressBar: () => undefined,
  info: () => undefined,
  extractArchive(): never {
    throw new NotImplementedError('getFile({ extract: true }) is supported only in Node.');
  },
  siblingPath: (location, name) => `${location.slice(0, location.lastIndexOf('/') + 1)}${encodeURIComponent(name)}`,
  decodeImageFile,
  decodeImageSource,
};

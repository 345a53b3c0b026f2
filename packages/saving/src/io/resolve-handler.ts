/** Turns whatever the user passed (a path, URL, scheme string, bytes, File, handler) into an `IOHandler`. */
import { ValueError } from '@strata/core';
import { nodeFileHandler } from '#node-files';
import { blobHandler } from './blob.js';
import { downloadHandler } from './download.js';
import { indexedDbHandler } from './indexeddb.js';
import type { IOHandler } from './io-handler.js';
import { memoryHandler } from './memory.js';
import { urlHandler } from './url.js';

/** Anything `loadModel`/`saveModel` accept as a location. */
export type ModelLocation = string | URL | IOHandler | ArrayBuffer | ArrayBufferView | Blob | readonly Blob[];

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';

function isHandler(x: unknown): x is IOHandler {
  return typeof x === 'object' && x !== null && typeof (x as IOHandler).name === 'string' &&
    (typeof (x as IOHandler).read === 'function' || typeof (x as IOHandler).write === 'function');
}

/**
 * The handler for a location: `indexeddb://key`, `downloads://name`, `http(s)://…` (and relative URLs in a
 * browser), file paths and `file://` URLs in Node, bytes, `File`/`Blob`s, or a handler as is.
 */
export function resolveHandler(location: ModelLocation, defaultName = 'model.keras'): IOHandler {
  if (isHandler(location)) return location;
  if (location instanceof URL) return location.protocol === 'file:' && isNode ? nodeFileHandler(location.href) : urlHandler(location);
  if (typeof location === 'string') {
    const idb = /^indexeddb:\/\/(.+)$/.exec(location);
    if (idb) {
      const key = idb[1]!;
      return indexedDbHandler(key, /\.[a-z0-9]+$/i.test(key) ? key.split('/').at(-1)! : defaultName);
    }
    const dl = /^downloads:\/\/(.*)$/.exec(location);
    if (dl) return downloadHandler(dl[1] || defaultName);
    if (/^https?:\/\//i.test(location)) return urlHandler(location);
    if (isNode) return nodeFileHandler(location);
    return urlHandler(location);
  }
  if (location instanceof ArrayBuffer || ArrayBuffer.isView(location)) return memoryHandler(defaultName, location);
  if (typeof Blob !== 'undefined' && (location instanceof Blob || (Array.isArray(location) && location.every((b) => b instanceof Blob)))) {
    return blobHandler(location as Blob | Blob[]);
  }
  throw new ValueError(
    `Cannot load or save at ${String(location)}: expected a path (Node), a URL, "indexeddb://name", "downloads://name", ` +
      'an ArrayBuffer/Uint8Array, a File/Blob, or an IOHandler.',
  );
}

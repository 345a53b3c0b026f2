/** In-memory handlers: load from bytes (`ArrayBuffer`, `Uint8Array`, or several named files), save to a `Map`. */
import { ValueError } from '@strata/core';
import { checkRelativePath, type FileBundle, type IOHandler } from './io-handler.js';

/** Bytes of an `ArrayBuffer` or any typed array / DataView, without copying. */
export function asBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** A handler that keeps what is saved in memory: read it back from `files`. */
export interface MemoryHandler extends IOHandler {
  /** The files saved so far (the main one under `name`). */
  readonly files: FileBundle;
}

/**
 * A handler over bytes in memory. Give one buffer (read as the main file `name`), or a record of named files; a
 * save stores the files in `files`.
 *
 * @example
 * const mem = memoryHandler('model.keras');
 * await saveModel(model, mem);
 * const bytes = mem.files.get('model.keras')!;
 * const copy = await loadModel(bytes);
 */
export function memoryHandler(name: string, contents?: ArrayBuffer | ArrayBufferView | Record<string, ArrayBuffer | ArrayBufferView>): MemoryHandler {
  const files: FileBundle = new Map();
  if (contents && (contents instanceof ArrayBuffer || ArrayBuffer.isView(contents))) files.set(name, asBytes(contents));
  else if (contents) for (const [k, v] of Object.entries(contents)) files.set(k, asBytes(v));
  return {
    name,
    files,
    async read(relativePath?: string) {
      const key = relativePath === undefined ? name : checkRelativePath(relativePath, `"${name}"`);
      const data = files.get(key);
      if (!data) throw new ValueError(`No file "${key}" in memory: have ${JSON.stringify([...files.keys()])}.`);
      return data;
    },
    async write(bundle: FileBundle) {
      files.clear();
      for (const [k, v] of bundle) files.set(k, v);
    },
  };
}

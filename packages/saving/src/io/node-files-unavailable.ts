/** Outside Node there is no file system: a path gives an error saying what to pass instead. */
import { ValueError } from '@strata/core';
import type { IOHandler } from './io-handler.js';

/** Throws: file paths work only in Node. */
export function nodeFileHandler(path: string): IOHandler {
  throw new ValueError(
    `Cannot use the file path "${path}" here: file paths work in Node. In the browser pass a URL (http://…), a File or ` +
      `Blob, an ArrayBuffer, "indexeddb://<name>" or "downloads://<name>".`,
  );
}

/** Whether this runtime can use file paths. */
export const nodeFilesAvailable = false;

/** `File` and `Blob` objects (a file input, drag and drop): the main file plus, for TF.js, its shard files. */
import { ValueError } from '@strata/core';
import { baseName, type IOHandler } from './io-handler.js';

/**
 * A read-only handler over `File`s or `Blob`s. The first is the main file; the others are found by name when the
 * main file refers to them (TF.js shards).
 *
 * @example
 * input.onchange = async () => { model = await loadModel(blobHandler([...input.files!])); };
 */
export function blobHandler(blobs: Blob | readonly Blob[], name?: string): IOHandler {
  const list = Array.isArray(blobs) ? (blobs as readonly Blob[]) : [blobs as Blob];
  if (list.length === 0) throw new ValueError('blobHandler needs at least one File or Blob.');
  const nameOf = (b: Blob): string | undefined => (b as File).name;
  const mainName = name ?? nameOf(list[0]!) ?? 'model';
  return {
    name: mainName,
    async read(relativePath?: string) {
      if (relativePath === undefined) return new Uint8Array(await list[0]!.arrayBuffer());
      const want = baseName(relativePath);
      const found = list.find((b) => nameOf(b) === want);
      if (!found) throw new ValueError(`The file "${want}" that "${mainName}" refers to was not among the files given: ${JSON.stringify(list.map(nameOf))}.`);
      return new Uint8Array(await found.arrayBuffer());
    },
  };
}

/**
 * File paths in Node: reads files, and writes a bundle atomically — every file goes to a temporary name beside its
 * target first, and only when all are written are they renamed into place (a failure leaves nothing behind).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRelativePath, type FileBundle, type IOHandler } from './io-handler.js';

/**
 * A handler for a file path (or `file://` URL) in Node.
 *
 * @example
 * await saveModel(model, nodeFileHandler('out/model.keras'));
 */
export function nodeFileHandler(path: string): IOHandler {
  const full = resolve(path.startsWith('file://') ? fileURLToPath(path) : path);
  const dir = dirname(full);
  const name = basename(full);
  return {
    name,
    async read(relativePath?: string) {
      const target = relativePath === undefined ? full : join(dir, checkRelativePath(relativePath, `"${full}"`));
      try {
        return new Uint8Array(await readFile(target));
      } catch (e) {
        const code = (e as { code?: string }).code;
        throw new Error(code === 'ENOENT' ? `No such file: "${target}".` : `Cannot read "${target}": ${(e as Error).message}`);
      }
    },
    async write(files: FileBundle) {
      await mkdir(dir, { recursive: true });
      const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
      const staged: Array<[string, string]> = [];
      try {
        for (const [rel, data] of files) {
          const target = rel === name ? full : join(dir, checkRelativePath(rel, `"${full}"`));
          if (target !== full) await mkdir(dirname(target), { recursive: true });
          const tmp = `${target}.tmp-${tag}`;
          staged.push([tmp, target]);
          await writeFile(tmp, data);
        }
        // The main file last, so a reader never sees it before its shards.
        staged.sort((a, b) => Number(a[1] === full) - Number(b[1] === full));
        for (const [tmp, target] of staged) await rename(tmp, target);
      } catch (e) {
        await Promise.all(staged.map(([tmp]) => rm(tmp, { force: true })));
        throw e;
      }
    },
  };
}

/** Whether this runtime can use file paths. */
export const nodeFilesAvailable = true;

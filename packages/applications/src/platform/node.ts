/**
 * The Node platform for `getFile` and the image helpers: the cache is a folder (`$KERAS_HOME` or `~/.keras`, as in
 * Keras), writes go to a temporary file in the same folder and are renamed into place once verified, hashes use
 * `node:crypto`, and a progress bar is drawn on stderr when it is a terminal.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, constants, mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotImplementedError } from '@strata/core';
import { extractArchive } from '../utils/file-utils/extract-node.js';
import type { HashAlgorithm, Hasher } from '../utils/file-utils/hash.js';
import { ProgressBar } from '../utils/file-utils/progress-bar.js';
import { decodeImageFile } from '../utils/image-utils/decode-node.js';
import type { CacheStore, CacheWriter, LocalBody, Platform, ProgressStream } from './types.js';

function expandUser(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/** Keras' home folder: `$KERAS_HOME`, else `~/.keras`. */
export function kerasHome(): string {
  const env = process.env.KERAS_HOME;
  return env ? expandUser(env) : join(homedir(), '.keras');
}

/** Creates `dir` if needed and returns it when writable, else undefined. */
async function writableDir(dir: string): Promise<string | undefined> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    return dir;
  } catch {
    return undefined;
  }
}

class NodeWriter implements CacheWriter {
  private closed = false;

  constructor(
    private readonly handle: FileHandle,
    private readonly tempPath: string,
    private readonly location: string,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    let written = 0;
    while (written < chunk.length) {
      const { bytesWritten } = await this.handle.write(chunk, written, chunk.length - written);
      written += bytesWritten;
    }
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await this.handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  }

  async commit(): Promise<void> {
    await this.close();
    await rename(this.tempPath, this.location);
  }

  async abort(): Promise<void> {
    await this.close().catch(() => undefined);
    await rm(this.tempPath, { force: true });
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}

const nodeStore: CacheStore = {
  async locate(fname, cacheDir, cacheSubdir) {
    const base = resolve(cacheDir !== undefined ? expandUser(cacheDir) : kerasHome());
    // As Keras: if the cache folder cannot be written, fall back to <tmp>/.keras.
    const root = (await writableDir(base)) ?? join(tmpdir(), '.keras');
    const dir = resolve(root, cacheSubdir);
    await mkdir(dir, { recursive: true });
    return join(dir, fname);
  },
  async size(location) {
    try {
      const s = await stat(location);
      return s.isFile() ? s.size : undefined;
    } catch {
      return undefined;
    }
  },
  async hash(location, hasher: Hasher) {
    for await (const chunk of createReadStream(location, { highWaterMark: 1 << 20 })) hasher.update(chunk as Buffer);
    return hasher.digest();
  },
  async read(location, offset, length) {
    const handle = await open(location, 'r');
    try {
      const buffer = new Uint8Array(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  },
  async readAll(location) {
    const handle = await open(location, 'r');
    try {
      const buf = await handle.readFile();
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } finally {
      await handle.close();
    }
  },
  async remove(location) {
    await rm(location, { force: true, recursive: true });
  },
  async createWriter(location) {
    // Same folder as the target, so the final rename is atomic; a unique name, so parallel downloads never collide.
    const tempPath = `${location}.${process.pid}-${randomBytes(4).toString('hex')}.part`;
    const handle = await open(tempPath, 'wx+');
    return new NodeWriter(handle, tempPath, location);
  },
};

export const platform: Platform = {
  name: 'node',
  env: (name) => process.env[name],
  store: nodeStore,
  createHasher(algorithm: HashAlgorithm): Hasher {
    const h = createHash(algorithm);
    return { update: (chunk) => void h.update(chunk), digest: () => h.digest('hex') };
  },
  progressBar(stream: ProgressStream = process.stderr) {
    return stream.isTTY ? new ProgressBar(stream) : undefined;
  },
  info(message, stream: ProgressStream = process.stderr) {
    if (stream.isTTY) stream.write(`${message}\n`);
  },
  async openFileUrl(url): Promise<LocalBody> {
    const path = fileURLToPath(url);
    const { size } = await stat(path);
    return { size, chunks: createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array> };
  },
  extractArchive,
  siblingPath: (location, name) => join(dirname(location), name),
  decodeImageFile,
  decodeImageSource(): never {
    throw new NotImplementedError(
      'loadImgFromSource reads HTMLImageElement, ImageBitmap, ImageData and canvases, which exist only in browsers; ' +
        'in Node use loadImg(path) or loadImg(bytes).',
    );
  },
};

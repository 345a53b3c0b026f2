/**
 * What `getFile` and the image helpers need from the platform they run on. `#platform` resolves to `node.ts` in
 * Node (files under `~/.keras`, `node:crypto`, a progress bar on a TTY, PNG/JPEG decoding) and to `browser.ts` in
 * browsers (Cache API or IndexedDB, pure-TypeScript hashes, canvas decoding), so Node never loads DOM code and
 * bundles for the browser never load `node:*` modules.
 */
import type { HashAlgorithm, Hasher } from '../utils/file-utils/hash.js';

/** Decoded pixels, always 8-bit RGBA, row-major, `width * height * 4` bytes. */
export interface RgbaPixels {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Bytes being written to the cache; they become visible at `location` only on `commit()`. */
export interface CacheWriter {
  write(chunk: Uint8Array): Promise<void>;
  /** Reads back `length` bytes from `offset` of what has been written so far (for format checks before commit). */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Makes the file visible at its location in one step (rename or a single `put`). */
  commit(): Promise<void>;
  /** Drops everything written; the location is left as it was. */
  abort(): Promise<void>;
}

/** The cache `getFile` keeps files in. A location is a file path in Node and a cache key in the browser. */
export interface CacheStore {
  locate(fname: string, cacheDir: string | undefined, cacheSubdir: string): Promise<string>;
  size(location: string): Promise<number | undefined>;
  hash(location: string, hasher: Hasher): Promise<string>;
  read(location: string, offset: number, length: number): Promise<Uint8Array>;
  readAll(location: string): Promise<Uint8Array>;
  remove(location: string): Promise<void>;
  createWriter(location: string): Promise<CacheWriter>;
}

/** A progress display for one download. */
export interface ProgressDisplay {
  update(loaded: number, total: number | undefined): void;
  done(loaded: number, total: number | undefined): void;
}

/** Something a progress bar can be drawn on: a TTY stream such as `process.stderr`. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** A body to stream from a `file:` URL (Node only). */
export interface LocalBody {
  size: number;
  chunks: AsyncIterable<Uint8Array>;
}

export interface Platform {
  readonly name: 'node' | 'browser';
  env(name: string): string | undefined;
  readonly store: CacheStore;
  createHasher(algorithm: HashAlgorithm): Hasher;
  /** A progress bar on `stream` (default: stderr) if it is a TTY; undefined otherwise. */
  progressBar(stream?: ProgressStream): ProgressDisplay | undefined;
  /** An informational line ("Downloading data from …"), shown where a progress bar would be. */
  info(message: string, stream?: ProgressStream): void;
  /** Streams a `file:` URL; undefined where the platform cannot read local files. */
  openFileUrl?(url: string): Promise<LocalBody>;
  /** Extracts a tar/zip archive into `targetDir`; false when it is neither. */
  extractArchive(location: string, targetDir: string, formats: Array<'tar' | 'zip'>, onWarning: (message: string) => void): Promise<boolean>;
  /** The folder an archive named `fname` extracts into, beside `location`. */
  siblingPath(location: string, name: string): string;
  /** Reads and decodes an image file (Node: a path or bytes; browser: a URL, Blob or bytes). */
  decodeImageFile(source: unknown): Promise<RgbaPixels>;
  /** Reads pixels from an image element, bitmap, ImageData or canvas (browser only). */
  decodeImageSource(source: unknown): RgbaPixels;
}

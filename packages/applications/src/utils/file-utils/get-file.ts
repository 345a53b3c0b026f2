/**
 * `getFile`: Keras' `keras.utils.get_file` for Node and browsers. Downloads a file once, keeps it in the Keras cache
 * (`$KERAS_HOME` or `~/.keras` in Node; the Cache API, or IndexedDB, in browsers) and verifies it against a hash.
 */
import { ValueError } from '@strata/core';
import { platform as defaultPlatform } from '#platform';
import type { Platform, ProgressStream } from '../../platform/types.js';
import { downloadToCache, type DownloadProgress } from './download.js';
import { checkUnhashedFile, type UnhashedFileCheck } from './file-checks.js';
import { resolveHashAlgorithm, type HashAlgorithm, type HashAlgorithmOption } from './hash.js';

/** Options of {@link getFile}; Keras' `get_file` arguments in camelCase, plus retries, progress and checks. */
export interface GetFileOptions {
  /** Expected hash: 32 hex digits are checked as MD5, 64 as SHA-256 (with `hashAlgorithm: 'auto'`). */
  fileHash?: string | null;
  /** `'auto'` (default), `'md5'` or `'sha256'`. */
  hashAlgorithm?: HashAlgorithmOption;
  /** Folder inside the cache; default `'models'` (Keras' default is `'datasets'`). An absolute path is used as is. */
  cacheSubdir?: string;
  /** The cache root: default `$KERAS_HOME`, else `~/.keras` (Node); the Cache API cache name (browser, default `'keras'`). */
  cacheDir?: string;
  /** Extract a tar (plain or gzip) or zip archive and return the folder it was extracted to (Node only). */
  extract?: boolean;
  /** Archive formats tried when extracting: `'auto'` (tar, then zip), `'tar'`, `'zip'` or a list. */
  archiveFormat?: 'auto' | 'tar' | 'zip' | Array<'tar' | 'zip'> | null;
  /** Download even if a valid copy is cached. */
  forceDownload?: boolean;
  /** Called as bytes arrive (and once with 0 at the start of every attempt). */
  onProgress?: (progress: DownloadProgress) => void;
  /** Draw a progress bar: `'auto'` (default) draws one when the stream is a terminal (Node); `false` never. */
  progressBar?: 'auto' | boolean;
  /** Where the progress bar and messages go (default `process.stderr`). */
  progressStream?: ProgressStream;
  /** Attempts per download, default 3. */
  maxAttempts?: number;
  /** Delay before the first retry in ms, doubled for each further one; default 500. */
  retryDelayMs?: number;
  /** For files without a hash: what they must look like (checked on download and on every cache hit). */
  expect?: UnhashedFileCheck;
  /** Receives warnings (default `console.warn`). */
  onWarning?: (message: string) => void;
  /** The `fetch` to use (default the global one). */
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
}

const warnedUnhashed = new Set<string>();

function fnameFromOrigin(origin: string): string {
  let path = origin;
  try {
    path = new URL(origin).pathname;
  } catch {
    // not a URL: take the last path segment as is
  }
  return decodeURIComponent(path.split('/').pop() ?? '');
}

function archiveFormats(format: GetFileOptions['archiveFormat']): Array<'tar' | 'zip'> {
  if (format === null) return [];
  if (format === undefined || format === 'auto') return ['tar', 'zip'];
  const list = Array.isArray(format) ? format : [format];
  for (const f of list) {
    if (f !== 'tar' && f !== 'zip') throw new ValueError(`getFile: expected archiveFormat 'auto', 'tar', 'zip' or a list of them, received ${JSON.stringify(f)}.`);
  }
  return list;
}

interface Target {
  download: string;
  extractTo?: string;
}

/** Keras' naming: with `extract`, `data.tar.gz` extracts to `data_extracted`, and `data` downloads as `data_archive`. */
async function resolveTarget(platform: Platform, fname: string, provided: boolean, options: GetFileOptions): Promise<Target> {
  const { store } = platform;
  const subdir = options.cacheSubdir ?? 'models';
  if (!options.extract) return { download: await store.locate(fname, options.cacheDir, subdir) };
  if (platform.name !== 'node') throw new ValueError('getFile: extract is supported only in Node.');
  if (provided && fname.includes('.')) {
    const download = await store.locate(fname, options.cacheDir, subdir);
    return { download, extractTo: platform.siblingPath(download, `${fname.slice(0, fname.indexOf('.'))}_extracted`) };
  }
  const download = await store.locate(`${fname}_archive`, options.cacheDir, subdir);
  return { download, extractTo: platform.siblingPath(download, fname) };
}

/** Is the cached copy at `location` good? undefined: missing; a string: why it must be downloaded again. */
async function cachedProblem(
  platform: Platform,
  location: string,
  hash: { value: string; algorithm: HashAlgorithm } | undefined,
  expect: UnhashedFileCheck | undefined,
): Promise<'missing' | 'ok' | string> {
  const size = await platform.store.size(location);
  if (size === undefined) return 'missing';
  if (hash) {
    const actual = await platform.store.hash(location, platform.createHasher(hash.algorithm));
    if (actual === hash.value) return 'ok';
    return (
      'A local file was found, but it seems to be incomplete or outdated because the ' +
      `${hash.algorithm} file hash does not match the original value of ${hash.value}, so we will re-download the data.`
    );
  }
  if (expect) {
    const problem = await checkUnhashedFile((o, n) => platform.store.read(location, o, n), size, expect);
    if (problem) return `A local file was found at ${location}, but it is not valid (${problem}), so we will re-download the data.`;
  }
  return 'ok';
}

/** {@link getFile} with an explicit platform (tests use it to run the browser store under Node). */
export async function getFileWith(platform: Platform, fname: string | null | undefined, origin: string, options: GetFileOptions = {}): Promise<string> {
  if (!origin) throw new ValueError('Please specify the "origin" argument (URL of the file to download).');
  const provided = !!fname;
  let name = fname ?? '';
  if (!name) {
    name = fnameFromOrigin(origin);
    if (!name) throw new ValueError(`Can't parse the file name from the origin provided: '${origin}'. Please specify the \`fname\` argument.`);
  } else if (name.includes('/') || name.includes('\\')) {
    throw new ValueError(
      `Paths are no longer accepted as the \`fname\` argument. To specify the file's parent directory, use the \`cacheDir\` argument. Received: fname=${name}`,
    );
  }
  const fileHash = options.fileHash ? options.fileHash.toLowerCase() : undefined;
  const hash = fileHash ? { value: fileHash, algorithm: resolveHashAlgorithm(options.hashAlgorithm ?? 'auto', fileHash) } : undefined;
  const warn = options.onWarning ?? ((m: string) => console.warn(m));
  const formats = archiveFormats(options.archiveFormat);
  const target = await resolveTarget(platform, name, provided, options);
  const location = target.download;
  const stream = options.progressStream;
  const showBar = options.progressBar !== false;

  const state = options.forceDownload ? 'missing' : await cachedProblem(platform, location, hash, options.expect);
  if (state !== 'ok') {
    if (state !== 'missing') {
      if (showBar) platform.info(state, stream);
      else if (!hash) warn(state);
    }
    if (showBar) platform.info(`Downloading data from ${origin}`, stream);
    const bar = showBar ? platform.progressBar(stream) : undefined;
    const downloaded = await downloadToCache(origin, location, {
      platform,
      fname: name,
      algorithm: hash?.algorithm,
      maxAttempts: options.maxAttempts ?? 3,
      retryDelayMs: options.retryDelayMs ?? 500,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      signal: options.signal,
      onProgress: (p) => {
        bar?.update(p.loaded, p.total);
        options.onProgress?.(p);
      },
    });
    const { writer } = downloaded;
    if (hash && downloaded.digest !== hash.value) {
      await writer.abort();
      throw new ValueError(
        `Incomplete or corrupted file detected. The ${hash.algorithm} file hash does not match the provided value of ` +
          `${hash.value}: the file downloaded from ${origin} hashes to ${downloaded.digest}. It was not kept.`,
      );
    }
    if (!hash && options.expect) {
      const problem = await checkUnhashedFile((o, n) => writer.read(o, n), downloaded.size, options.expect);
      if (problem) {
        await writer.abort();
        throw new ValueError(`The file downloaded from ${origin} is not valid: ${problem}. It was not kept.`);
      }
    }
    await writer.commit();
    bar?.done(downloaded.size, downloaded.size);
  }
  if (!hash && options.expect && !warnedUnhashed.has(location)) {
    warnedUnhashed.add(location);
    const size = await platform.store.size(location);
    warn(
      `getFile: ${name} was not hash-checked (no file hash is known for it); it was only checked to be ` +
        `${options.expect.format === 'hdf5' ? 'an HDF5 file' : 'a file'} of plausible size (${size} bytes).`,
    );
  }
  if (target.extractTo !== undefined) {
    const ok = await platform.extractArchive(location, target.extractTo, formats, warn);
    if (!ok) warn('Could not extract archive.');
    return target.extractTo;
  }
  return location;
}

/**
 * Downloads `origin` into the Keras cache unless a valid copy is already there, and returns where it is: a file
 * path in Node, a cache key in browsers (read the bytes with {@link getFileBytes}). The download goes to a temporary
 * file that becomes the cached file only once its hash (or, without one, the `expect` check) passes, so an
 * interrupted or corrupt download never leaves a file behind. Failed transfers are retried (`maxAttempts`, default 3).
 *
 * @example
 * const path = await getFile('vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5',
 *   'https://storage.googleapis.com/tensorflow/keras-applications/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5',
 *   { fileHash: '6d6bbae143d832006294945121d1f1fc', cacheSubdir: 'models' });
 * // ~/.keras/models/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5
 */
export function getFile(fname: string | null | undefined, origin: string, options: GetFileOptions = {}): Promise<string> {
  return getFileWith(defaultPlatform, fname, origin, options);
}

/**
 * Like {@link getFile}, but returns the file's bytes (the way to read a cached file in a browser).
 *
 * @example
 * const json = new TextDecoder().decode(await getFileBytes('imagenet_class_index.json', url, { fileHash }));
 */
export async function getFileBytes(fname: string | null | undefined, origin: string, options: GetFileOptions = {}): Promise<Uint8Array> {
  return getFileBytesWith(defaultPlatform, fname, origin, options);
}

/** {@link getFileBytes} with an explicit platform. */
export async function getFileBytesWith(platform: Platform, fname: string | null | undefined, origin: string, options: GetFileOptions = {}): Promise<Uint8Array> {
  if (options.extract) throw new ValueError('getFileBytes: cannot return the bytes of an extracted archive; use getFile.');
  return platform.store.readAll(await getFileWith(platform, fname, origin, options));
}

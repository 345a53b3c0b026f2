/**
 * Streams one URL into the cache with bounded retries: a network failure, a truncated body or an HTTP 408/425/429/5xx
 * is tried again after `retryDelayMs · 2^(attempt-1)`; any other HTTP status fails at once. Every attempt writes
 * to a fresh temporary file, and a failed attempt removes its own.
 *
 * @example
 * const { writer, digest, size } = await downloadToCache(url, location, { platform, algorithm: 'md5' });
 */
import type { CacheWriter, Platform } from '../../platform/types.js';
import type { HashAlgorithm } from './hash.js';

/** A download that could not be completed (after every attempt it was allowed). */
export class DownloadError extends Error {
  override name = 'DownloadError';

  constructor(
    message: string,
    readonly url: string,
    readonly retryable: boolean,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Where a download stands, passed to `onProgress` after every chunk. */
export interface DownloadProgress {
  fname: string;
  url: string;
  /** Bytes received so far in this attempt. */
  loaded: number;
  /** The size the server announced, if it did. */
  total: number | undefined;
  /** 1 for the first try, 2 for the first retry… */
  attempt: number;
}

export interface DownloadOptions {
  platform: Platform;
  fname: string;
  /** Hash the bytes as they arrive with this algorithm (none when undefined). */
  algorithm?: HashAlgorithm;
  maxAttempts: number;
  retryDelayMs: number;
  fetch: typeof globalThis.fetch;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  onRetry?: (error: DownloadError, attempt: number) => void;
}

export interface Downloaded {
  /** The uncommitted file; the caller verifies it and then commits or aborts it. */
  writer: CacheWriter;
  size: number;
  digest: string | undefined;
}

const RETRYABLE_STATUS = new Set([408, 425, 429]);

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? ` (${cause.message})` : '';
    return `${err.message}${causeText}`;
  }
  return String(err);
}

async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      fail(signal.reason);
    }, { once: true });
  });
}

async function openBody(url: string, opts: DownloadOptions): Promise<{ total: number | undefined; chunks: AsyncIterable<Uint8Array> }> {
  if (url.startsWith('file:')) {
    if (!opts.platform.openFileUrl) {
      throw new DownloadError(`URL fetch failure on ${url}: file: URLs can be read only in Node.`, url, false);
    }
    try {
      const body = await opts.platform.openFileUrl(url);
      return { total: body.size, chunks: body.chunks };
    } catch (err) {
      throw new DownloadError(`URL fetch failure on ${url}: ${describe(err)}`, url, false, undefined, { cause: err });
    }
  }
  let res: Response;
  try {
    res = await opts.fetch(url, { signal: opts.signal, redirect: 'follow' });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw new DownloadError(`URL fetch failure on ${url}: ${describe(err)}`, url, true, undefined, { cause: err });
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => undefined);
    const retryable = RETRYABLE_STATUS.has(res.status) || res.status >= 500;
    throw new DownloadError(`URL fetch failure on ${url}: ${res.status} -- ${res.statusText || 'no body'}`, url, retryable, res.status);
  }
  const length = res.headers.get('content-length');
  // With a content-encoding, content-length counts encoded bytes while the body yields decoded ones.
  const total = length !== null && !res.headers.get('content-encoding') ? Number(length) : undefined;
  const reader = res.body.getReader();
  const chunks = {
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
      }
    },
  };
  return { total: Number.isFinite(total) ? total : undefined, chunks };
}

async function attemptDownload(url: string, location: string, attempt: number, opts: DownloadOptions): Promise<Downloaded> {
  const { platform } = opts;
  const { total, chunks } = await openBody(url, opts);
  const writer = await platform.store.createWriter(location);
  const hasher = opts.algorithm ? platform.createHasher(opts.algorithm) : undefined;
  let loaded = 0;
  try {
    opts.onProgress?.({ fname: opts.fname, url, loaded, total, attempt });
    try {
      for await (const chunk of chunks) {
        await writer.write(chunk).catch((err: unknown) => {
          throw new DownloadError(`Could not write ${location}: ${describe(err)}`, url, false, undefined, { cause: err });
        });
        hasher?.update(chunk);
        loaded += chunk.length;
        opts.onProgress?.({ fname: opts.fname, url, loaded, total, attempt });
      }
    } catch (err) {
      if (err instanceof DownloadError || opts.signal?.aborted) throw err;
      throw new DownloadError(`URL fetch failure on ${url}: the download broke off after ${loaded} bytes: ${describe(err)}`, url, true, undefined, { cause: err });
    }
    if (total !== undefined && loaded !== total) {
      throw new DownloadError(`URL fetch failure on ${url}: received ${loaded} of ${total} bytes.`, url, true);
    }
    return { writer, size: loaded, digest: hasher?.digest() };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

/**
 * Downloads `url` into an uncommitted cache file for `location`, retrying as described above. Throws the last
 * `DownloadError` when every attempt failed; nothing is left in the cache then.
 */
export async function downloadToCache(url: string, location: string, opts: DownloadOptions): Promise<Downloaded> {
  const attempts = Math.max(1, Math.floor(opts.maxAttempts));
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptDownload(url, location, attempt, opts);
    } catch (err) {
      if (!(err instanceof DownloadError) || !err.retryable || attempt >= attempts) {
        if (err instanceof DownloadError && attempt > 1) err.message += ` (gave up after ${attempt} attempts)`;
        throw err;
      }
      opts.onRetry?.(err, attempt);
      await sleep(opts.retryDelayMs * 2 ** (attempt - 1), opts.signal);
    }
  }
}

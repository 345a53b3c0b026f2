import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValueError } from '@strata/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bytesOf, TestServer } from '../../test-support/server.js';
import { DownloadError, type DownloadProgress } from './download.js';
import { getFile, getFileBytes } from './get-file.js';

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let server: TestServer;
let dir: string;
const quiet = { progressBar: false as const, retryDelayMs: 1 };

beforeEach(async () => {
  server = await TestServer.start();
  dir = await mkdtemp(join(tmpdir(), 'strata-getfile-'));
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

/** Every file under the cache dir, recursively (the cache must hold nothing half-written). */
async function cacheFiles(): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
}

describe('getFile: hashes', () => {
  it.each([
    ['md5 (32 hex, auto)', md5, 'auto'],
    ['sha256 (64 hex, auto)', sha256, 'auto'],
    ['md5 (explicit)', md5, 'md5'],
    ['sha256 (explicit)', sha256, 'sha256'],
  ] as const)('downloads and verifies with %s', async (_name, hash, algorithm) => {
    const body = bytesOf(70_000, 3);
    const url = server.route('/w/a.bin', { body });
    const path = await getFile('a.bin', url, { ...quiet, fileHash: hash(body), hashAlgorithm: algorithm, cacheDir: dir });
    expect(path).toBe(join(dir, 'models', 'a.bin'));
    expect(new Uint8Array(await readFile(path))).toEqual(body);
    expect(server.count('/w/a.bin')).toBe(1);
  });

  it('accepts an uppercase hash and derives the file name from the URL', async () => {
    const body = bytesOf(1000, 4);
    const url = server.route('/w/derived.h5', { body });
    const path = await getFile(null, url, { ...quiet, fileHash: md5(body).toUpperCase(), cacheDir: dir, cacheSubdir: 'datasets' });
    expect(path).toBe(join(dir, 'datasets', 'derived.h5'));
  });

  it('refuses a hash of the wrong length and a path as fname', async () => {
    const url = server.route('/w/x', { body: bytesOf(10) });
    await expect(getFile('x', url, { ...quiet, fileHash: 'abc123', cacheDir: dir })).rejects.toThrow(/32 hex digits \(MD5\) or 64 \(SHA-256\), received 6/);
    await expect(getFile('x', url, { ...quiet, fileHash: md5(bytesOf(10)), hashAlgorithm: 'sha256', cacheDir: dir })).rejects.toThrow(
      /sha256 hash has 64 hex digits, received 32/,
    );
    await expect(getFile('sub/x', url, { ...quiet, cacheDir: dir })).rejects.toThrow(/Paths are no longer accepted/);
    await expect(getFile('x', '', { ...quiet, cacheDir: dir })).rejects.toThrow(/specify the "origin"/);
    expect(server.requests).toEqual([]);
  });

  it('keeps nothing when the downloaded file does not match the hash', async () => {
    const body = bytesOf(5000, 5);
    const url = server.route('/w/corrupt.bin', { body });
    const wrong = md5(bytesOf(5000, 6));
    const err = await getFile('corrupt.bin', url, { ...quiet, fileHash: wrong, cacheDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValueError);
    expect((err as Error).message).toContain(`does not match the provided value of ${wrong}`);
    expect((err as Error).message).toContain(`hashes to ${md5(body)}`);
    expect(await cacheFiles()).toEqual([]);
    expect(server.count('/w/corrupt.bin')).toBe(1);
  });
});

describe('getFile: failures and retries', () => {
  it('retries a failed request and succeeds', async () => {
    const body = bytesOf(20_000, 7);
    const url = server.route('/w/flaky.bin', { body, failFirst: 1 });
    const attempts: number[] = [];
    const path = await getFile('flaky.bin', url, { ...quiet, fileHash: md5(body), cacheDir: dir, onProgress: (p) => attempts.push(p.attempt) });
    expect(server.count('/w/flaky.bin')).toBe(2);
    expect(new Set(attempts)).toEqual(new Set([2]));
    expect(new Uint8Array(await readFile(path))).toEqual(body);
  });

  it('gives up after maxAttempts, leaving nothing', async () => {
    const url = server.route('/w/down.bin', { body: bytesOf(100), failFirst: 10, failStatus: 503 });
    const err = await getFile('down.bin', url, { ...quiet, cacheDir: dir, maxAttempts: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as DownloadError).status).toBe(503);
    expect((err as Error).message).toMatch(/URL fetch failure on .*down\.bin: 503 .*gave up after 3 attempts/);
    expect(server.count('/w/down.bin')).toBe(3);
    expect(await cacheFiles()).toEqual([]);
  });

  it('does not retry a 404', async () => {
    const url = server.url('/w/missing.bin');
    const err = await getFile('missing.bin', url, { ...quiet, cacheDir: dir }).catch((e: unknown) => e);
    expect((err as DownloadError).status).toBe(404);
    expect(server.count('/w/missing.bin')).toBe(1);
  });

  it('leaves nothing half-written when the connection drops mid-body, and retries', async () => {
    const body = bytesOf(200_000, 8);
    const broken = server.route('/w/broken.bin', { body, truncateFirst: 100 });
    const err = await getFile('broken.bin', broken, { ...quiet, cacheDir: dir, fileHash: md5(body) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(server.count('/w/broken.bin')).toBe(3);
    expect(await cacheFiles()).toEqual([]);

    const once = server.route('/w/once.bin', { body, truncateFirst: 1 });
    const path = await getFile('once.bin', once, { ...quiet, cacheDir: dir, fileHash: md5(body) });
    expect(server.count('/w/once.bin')).toBe(2);
    expect(new Uint8Array(await readFile(path))).toEqual(body);
    expect(await cacheFiles()).toEqual(['once.bin']);
  });

  it('detects a short body even without a hash', async () => {
    const url = server.route('/w/short.bin', { body: bytesOf(50_000), truncateFirst: 100 });
    await expect(getFile('short.bin', url, { ...quiet, cacheDir: dir, maxAttempts: 1 })).rejects.toThrow(DownloadError);
    expect(await cacheFiles()).toEqual([]);
  });
});

describe('getFile: the cache', () => {
  it('uses a cached file with a matching hash without the network', async () => {
    const body = bytesOf(30_000, 9);
    const url = server.route('/w/cached.bin', { body });
    const first = await getFile('cached.bin', url, { ...quiet, fileHash: sha256(body), cacheDir: dir });
    await server.close();
    const second = await getFile('cached.bin', url, { ...quiet, fileHash: sha256(body), cacheDir: dir });
    expect(second).toBe(first);
    expect(server.count('/w/cached.bin')).toBe(1);
    server = await TestServer.start(); // for afterEach
  });

  it('re-downloads a cached file whose hash is wrong, and a forced download', async () => {
    const body = bytesOf(30_000, 10);
    const url = server.route('/w/stale.bin', { body });
    const path = await getFile('stale.bin', url, { ...quiet, fileHash: md5(body), cacheDir: dir });
    await writeFile(path, 'truncated');
    await getFile('stale.bin', url, { ...quiet, fileHash: md5(body), cacheDir: dir });
    expect(server.count('/w/stale.bin')).toBe(2);
    expect(new Uint8Array(await readFile(path))).toEqual(body);
    await getFile('stale.bin', url, { ...quiet, fileHash: md5(body), cacheDir: dir, forceDownload: true });
    expect(server.count('/w/stale.bin')).toBe(3);
  });

  it('without a hash, uses any cached file (as Keras)', async () => {
    const url = server.route('/w/nohash.txt', { body: bytesOf(10) });
    const path = await getFile('nohash.txt', url, { ...quiet, cacheDir: dir });
    await writeFile(path, 'edited');
    await getFile('nohash.txt', url, { ...quiet, cacheDir: dir });
    expect(await readFile(path, 'utf8')).toBe('edited');
    expect(server.count('/w/nohash.txt')).toBe(1);
  });

  it('caches under $KERAS_HOME, and under ~/.keras without it', async () => {
    const body = bytesOf(100, 11);
    const url = server.route('/w/home.bin', { body });
    vi.stubEnv('KERAS_HOME', join(dir, 'kh'));
    expect(await getFile('home.bin', url, { ...quiet, fileHash: md5(body) })).toBe(join(dir, 'kh', 'models', 'home.bin'));
    vi.stubEnv('KERAS_HOME', undefined);
    vi.stubEnv('HOME', join(dir, 'home'));
    expect(await getFile('home.bin', url, { ...quiet, fileHash: md5(body) })).toBe(join(dir, 'home', '.keras', 'models', 'home.bin'));
    // An absolute cacheSubdir is used as is.
    expect(await getFile('home.bin', url, { ...quiet, cacheDir: dir, cacheSubdir: join(dir, 'abs') })).toBe(join(dir, 'abs', 'home.bin'));
  });

  it('getFileBytes returns the verified bytes', async () => {
    const body = bytesOf(4096, 12);
    const url = server.route('/w/bytes.bin', { body });
    expect(await getFileBytes('bytes.bin', url, { ...quiet, fileHash: md5(body), cacheDir: dir })).toEqual(body);
  });

  it('reads file: URLs (a local mirror)', async () => {
    const body = bytesOf(3000, 13);
    const src = join(dir, 'src.bin');
    await writeFile(src, body);
    const path = await getFile('copy.bin', `file://${src}`, { ...quiet, fileHash: md5(body), cacheDir: join(dir, 'cache') });
    expect(new Uint8Array(await readFile(path))).toEqual(body);
  });
});

describe('getFile: progress', () => {
  it('reports monotonic progress ending at the full size', async () => {
    const body = bytesOf(256 * 1024, 14);
    const url = server.route('/w/progress.bin', { body, chunkSize: 16 * 1024 });
    const events: DownloadProgress[] = [];
    await getFile('progress.bin', url, { ...quiet, cacheDir: dir, onProgress: (p) => events.push({ ...p }) });
    expect(events.length).toBeGreaterThan(2);
    expect(events[0]!.loaded).toBe(0);
    for (let i = 1; i < events.length; i++) expect(events[i]!.loaded).toBeGreaterThanOrEqual(events[i - 1]!.loaded);
    expect(events.at(-1)).toMatchObject({ loaded: body.length, total: body.length, fname: 'progress.bin', url, attempt: 1 });
  });

  it('reports total undefined without content-length', async () => {
    const body = bytesOf(50_000, 15);
    const url = server.route('/w/chunked.bin', { body, noLength: true, chunkSize: 10_000 });
    const events: DownloadProgress[] = [];
    await getFile('chunked.bin', url, { ...quiet, cacheDir: dir, fileHash: md5(body), onProgress: (p) => events.push({ ...p }) });
    expect(events.at(-1)).toMatchObject({ loaded: body.length, total: undefined });
  });

  it('draws a bar on a TTY stream and nothing on a non-TTY one', async () => {
    const body = bytesOf(64 * 1024, 16);
    const url = server.route('/w/bar.bin', { body, chunkSize: 8 * 1024 });
    const tty: string[] = [];
    await getFile('bar.bin', url, { cacheDir: dir, progressStream: { isTTY: true, write: (s: string) => tty.push(s) } });
    const text = tty.join('').replace(/\x1b\[[0-9;]*m/g, '');
    expect(text).toContain(`Downloading data from ${url}`);
    expect(text).toContain(`${body.length}/${body.length} ${'━'.repeat(20)}`);
    const plain: string[] = [];
    await getFile('bar2.bin', url, { cacheDir: dir, progressStream: { isTTY: false, write: (s: string) => plain.push(s) } });
    expect(plain).toEqual([]);
  });
});

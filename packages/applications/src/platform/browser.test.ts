// The browser platform's download path, run under Node with the in-memory store (the Cache API and IndexedDB
// backends share its interface): plain-TypeScript hashes, verify-then-put, and cache hits without the network.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bytesOf, TestServer } from '../test-support/server.js';
import { getFileBytesWith, getFileWith } from '../utils/file-utils/get-file.js';
import { platform as browserPlatform } from './browser.js';
import { browserStore, memoryBackend } from './browser-store.js';
import type { Platform } from './types.js';

let server: TestServer;
let platform: Platform;

beforeEach(async () => {
  server = await TestServer.start();
  platform = { ...browserPlatform, store: browserStore(memoryBackend()) };
});

afterEach(async () => {
  await server.close();
});

describe('getFile on the browser platform', () => {
  it.each(['md5', 'sha256'] as const)('verifies with %s in plain TypeScript and stores under a cache key', async (algorithm) => {
    const body = bytesOf(150_000, 31);
    const url = server.route('/b/w.h5', { body, chunkSize: 20_000 });
    const hash = createHash(algorithm).update(body).digest('hex');
    const key = await getFileWith(platform, 'w.h5', url, { fileHash: hash });
    expect(key).toBe('https://keras-cache.invalid/keras/models/w.h5');
    expect(await getFileBytesWith(platform, 'w.h5', url, { fileHash: hash })).toEqual(body);
    expect(server.count('/b/w.h5')).toBe(1);
  });

  it('stores nothing when the hash does not match', async () => {
    const url = server.route('/b/bad.h5', { body: bytesOf(1000, 32) });
    await expect(getFileWith(platform, 'bad.h5', url, { fileHash: 'f'.repeat(32) })).rejects.toThrow(/does not match/);
    expect(await platform.store.size('https://keras-cache.invalid/keras/models/bad.h5')).toBeUndefined();
  });

  it('stores nothing when the connection drops, and retries', async () => {
    const body = bytesOf(100_000, 33);
    const url = server.route('/b/cut.h5', { body, truncateFirst: 1 });
    const key = await getFileWith(platform, 'cut.h5', url, { retryDelayMs: 1 });
    expect(server.count('/b/cut.h5')).toBe(2);
    expect(await platform.store.readAll(key)).toEqual(body);
  });

  it('uses the cached copy without the network, and cacheDir names the cache folder', async () => {
    const body = bytesOf(500, 34);
    const url = server.route('/b/c.json', { body });
    const hash = createHash('md5').update(body).digest('hex');
    const key = await getFileWith(platform, 'c.json', url, { fileHash: hash, cacheDir: 'mine', cacheSubdir: 'data' });
    expect(key).toBe('https://keras-cache.invalid/mine/data/c.json');
    await server.close();
    expect(await getFileBytesWith(platform, 'c.json', url, { fileHash: hash, cacheDir: 'mine', cacheSubdir: 'data' })).toEqual(body);
    server = await TestServer.start();
  });

  it('refuses extract, and has no environment variables', async () => {
    await expect(getFileWith(platform, 'a.zip', server.url('/a.zip'), { extract: true })).rejects.toThrow(/extract is supported only in Node/);
    expect(platform.env('HOME')).toBeUndefined();
  });
});

// The browser build in a real Chromium (skipped, by name, when none is found): getFile with the Cache API and with
// IndexedDB, hashes in plain TypeScript, nothing stored on a mismatch, and image decoding through canvas compared
// with Keras' load_img. Files are served from 127.0.0.1; the profile lives in a temporary folder.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kerasGolden, kerasGoldenFile, type GoldenTensor } from '@strata/test-utils';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleBrowserEntry } from '../test-support/bundle.js';
import { bytesOf } from '../test-support/server.js';

const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium'].find((p): p is string => !!p && existsSync(p));
const inChromium = it.skipIf(!chrome);
const SKIP_NOTE = chrome ? '' : ' (skipped: no Chromium found; set CHROME_PATH or install chromium)';

interface LoadCase {
  file: string;
  args: { target_size?: [number, number]; interpolation?: string; color_mode?: string; keep_aspect_ratio?: boolean };
  array: GoldenTensor;
}
const loadImgCases = (kerasGolden('applications/load_img') as unknown as { cases: LoadCase[] }).cases;
const goldenFor = (file: string, args: LoadCase['args']) =>
  loadImgCases.find((c) => c.file === file && JSON.stringify(c.args) === JSON.stringify(args))!.array;

const weights = bytesOf(300_000, 41);
const files: Record<string, { type: string; body: Uint8Array }> = {
  '/files/w.bin': { type: 'application/octet-stream', body: weights },
  '/files/rgb.png': { type: 'image/png', body: kerasGoldenFile('applications/images/rgb.png') },
  '/files/photo444.jpg': { type: 'image/jpeg', body: kerasGoldenFile('applications/images/photo444.jpg') },
  '/files/photo.jpg': { type: 'image/jpeg', body: kerasGoldenFile('applications/images/photo.jpg') },
};

let server: Server;
let base = '';
let bundle = '';
let profileDir = '';
let context: BrowserContext | undefined;
const requests: string[] = [];

async function openPage(hideCacheApi = false): Promise<Page> {
  const page = await context!.newPage();
  if (hideCacheApi) await page.addInitScript(() => Object.defineProperty(globalThis, 'caches', { value: undefined, configurable: true }));
  await page.goto(`${base}/`);
  await page.waitForFunction(() => 'strata' in globalThis, undefined, { timeout: 20_000 });
  return page;
}

beforeAll(async () => {
  bundle = await bundleBrowserEntry();
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script type="module" src="/bundle.js"></script>');
    if (path === '/bundle.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    const file = files[path];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.body.length) }).end(file.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (!chrome) return;
  profileDir = await mkdtemp(join(tmpdir(), 'strata-apps-chromium-'));
  context = await chromium.launchPersistentContext(join(profileDir, 'profile'), {
    executablePath: chrome,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, XDG_CONFIG_HOME: join(profileDir, 'config'), XDG_CACHE_HOME: join(profileDir, 'cache') },
    timeout: 30_000,
  });
});

afterAll(async () => {
  await context?.close();
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

describe(`the browser build${SKIP_NOTE}`, () => {
  it('loads no node: modules', () => {
    expect(bundle).not.toMatch(/(from\s*|import\s*\(\s*)['"]node:/);
    expect(bundle).toContain('keras-cache.invalid');
  });

  inChromium('getFile keeps verified files in the Cache API and uses them without the network', async () => {
    const page = await openPage();
    const sha = createHash('sha256').update(weights).digest('hex');
    const r = await page.evaluate(async ({ url, sha }) => {
      const s = (globalThis as any).strata;
      const progress: number[] = [];
      const key = await s.getFile('w.bin', url, { fileHash: sha, onProgress: (p: { loaded: number }) => progress.push(p.loaded) });
      const bytes: Uint8Array = await s.getFileBytes('w.bin', url, { fileHash: sha });
      const stored = await (await caches.open('strata-keras')).match(key);
      let error = '';
      try {
        await s.getFile('bad.bin', url, { fileHash: 'f'.repeat(32) });
      } catch (e) {
        error = (e as Error).message;
      }
      const bad = await (await caches.open('strata-keras')).match(key.replace('w.bin', 'bad.bin'));
      return { key, length: bytes.length, head: Array.from(bytes.subarray(0, 8)), stored: stored ? (await stored.arrayBuffer()).byteLength : -1, lastProgress: progress.at(-1), error, bad: !!bad };
    }, { url: `${base}/files/w.bin`, sha });
    expect(r.key).toBe('https://keras-cache.invalid/keras/models/w.bin');
    expect(r).toMatchObject({ length: weights.length, stored: weights.length, lastProgress: weights.length, bad: false });
    expect(r.head).toEqual(Array.from(weights.subarray(0, 8)));
    expect(r.error).toMatch(/md5 file hash does not match/);
    expect(requests.filter((p) => p === '/files/w.bin')).toHaveLength(2); // w.bin once, bad.bin (same URL) once
    await page.close();
  });

  inChromium('falls back to IndexedDB without the Cache API', async () => {
    const page = await openPage(true);
    const md5 = createHash('md5').update(weights).digest('hex');
    const r = await page.evaluate(async ({ url, md5 }) => {
      const key = await (globalThis as any).strata.getFile('idb.bin', url, { fileHash: md5, cacheDir: 'idb' });
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const req = indexedDB.open('strata-keras');
        req.onsuccess = () => done(req.result);
        req.onerror = () => fail(req.error);
      });
      const blob = await new Promise<Blob>((done) => {
        const req = db.transaction('files').objectStore('files').get(key);
        req.onsuccess = () => done(req.result);
      });
      return { key, size: blob.size, hasCaches: typeof (globalThis as any).caches };
    }, { url: `${base}/files/w.bin`, md5 });
    expect(r).toEqual({ key: 'https://keras-cache.invalid/idb/models/idb.bin', size: weights.length, hasCaches: 'undefined' });
    await page.close();
  });

  inChromium('loadImg and loadImgFromSource match Keras on PNG (every pixel) and JPEG', async () => {
    const page = await openPage();
    const r = await page.evaluate(async (base) => {
      const s = (globalThis as any).strata;
      const resized = await s.loadImg(`${base}/files/rgb.png`, { targetSize: [16, 20], interpolation: 'bilinear' });
      const img = new Image();
      img.src = `${base}/files/rgb.png`;
      await img.decode();
      const fromImg = s.loadImgFromSource(img);
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      canvas.getContext('2d')!.drawImage(img, 0, 0);
      const fromCanvas = s.loadImgFromSource(canvas);
      const fromImageData = s.loadImgFromSource(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height), { colorMode: 'grayscale', targetSize: [16, 20], interpolation: 'bilinear' });
      const jpeg = await s.loadImg(`${base}/files/photo444.jpg`);
      const jpeg420 = await s.loadImg(`${base}/files/photo.jpg`);
      const pending = new Image();
      let error = '';
      try {
        s.loadImgFromSource(pending);
      } catch (e) {
        error = (e as Error).message;
      }
      const pixels = (x: { data: Uint8Array }) => Array.from(x.data);
      return { resized: pixels(resized), fromImg: pixels(fromImg), fromCanvas: pixels(fromCanvas), fromImageData: pixels(fromImageData), jpeg: pixels(jpeg), jpeg420: pixels(jpeg420), error };
    }, base);
    const maxDiff = (a: number[], b: GoldenTensor) => {
      expect(a.length).toBe(b.data.length);
      return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b.data[i]!)), 0);
    };
    expect(maxDiff(r.resized, goldenFor('rgb.png', { interpolation: 'bilinear', target_size: [16, 20] }))).toBe(0);
    expect(maxDiff(r.fromImg, goldenFor('rgb.png', {}))).toBe(0);
    expect(maxDiff(r.fromCanvas, goldenFor('rgb.png', {}))).toBe(0);
    expect(maxDiff(r.fromImageData, goldenFor('rgb.png', { color_mode: 'grayscale', interpolation: 'bilinear', target_size: [16, 20] }))).toBe(0);
    // Chromium decodes JPEG with libjpeg-turbo, as Pillow does: equal (0 here), 4:2:0 included; allow a level of drift.
    expect(maxDiff(r.jpeg, goldenFor('photo444.jpg', {}))).toBeLessThanOrEqual(1);
    expect(maxDiff(r.jpeg420, goldenFor('photo.jpg', {}))).toBeLessThanOrEqual(1);
    expect(r.error).toMatch(/expected a loaded image/);
    await page.close();
  });
});

// End to end: a builder with `weights: 'imagenet'` downloads Keras' file from a local mirror (the layout of Keras'
// bucket), caches it, verifies it, and loads it by position. The files are written by the test in the layout of
// Keras' application .h5 files, at full size for MobileNet α=1.0 224 (with and without the top), from the Keras
// architecture fixtures' layer lists, with values that encode (array index, element index).
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { numTensors, ValueError } from '@strata/core';
import type { Functional } from '@strata/models';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MobileNet, type MobileNetOptions } from '../mobilenet.js';
import { architectureFixture, expectKnownWeights, writeApplicationWeights } from '../test-support/application-fixtures.js';
import { TestServer } from '../test-support/server.js';
import { mobilenetSizeRange } from '../weights/registry.js';

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const TOP = 'mobilenet_1_0_224_tf.h5';
const NO_TOP = 'mobilenet_1_0_224_tf_no_top.h5';
const FALLBACK =
  '`input_shape` is undefined or non-square, or `rows` is not in [128, 160, 192, 224]. Weights for input shape (224, 224) will be loaded as the default.';

const top = architectureFixture('mobilenet');
const noTop = architectureFixture('mobilenet_notop_avg');
let topBytes: Uint8Array;
let noTopBytes: Uint8Array;

let server: TestServer;
let serverOpen = false;
let dir: string;
let warnings: string[];

beforeAll(async () => {
  topBytes = await writeApplicationWeights(top.layers);
  noTopBytes = await writeApplicationWeights(noTop.layers);
  // Keras' real files are 17.2 MB (α=1.0 with or without top); these must pass the same plausibility check.
  const [min, max] = mobilenetSizeRange(1.0);
  for (const b of [topBytes, noTopBytes]) expect(b.length >= min && b.length <= max, `size ${b.length} in [${min}, ${max}]`).toBe(true);
});

beforeEach(async () => {
  server = await TestServer.start();
  serverOpen = true;
  dir = await mkdtemp(join(tmpdir(), 'strata-imagenet-'));
  warnings = [];
});

afterEach(async () => {
  if (serverOpen) await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function stopServer(): Promise<void> {
  await server.close();
  serverOpen = false;
}

/** `MobileNet({ weights: 'imagenet' })` from the test mirror into the test cache. */
function imagenetMobileNet(options: MobileNetOptions = {}, download: MobileNetOptions['download'] = {}): Promise<Functional> {
  return MobileNet({
    ...options,
    weights: 'imagenet',
    onWarning: (m) => warnings.push(m),
    download: { baseUrl: server.url('/keras-applications/'), cacheDir: dir, progressBar: false, retryDelayMs: 1, ...download },
  });
}

const path = (fname: string) => `/keras-applications/mobilenet/${fname}`;
const cached = async () => readdir(join(dir, 'models')).catch(() => [] as string[]);

describe("MobileNet({ weights: 'imagenet' }) from a mirror", () => {
  it('downloads the file (retrying a failed request), loads every value, warns it was not hash-checked; then a cache hit, MD5-checked, needs no network', async () => {
    server.route(path(TOP), { body: topBytes, failFirst: 1 });
    const model = await imagenetMobileNet();
    expect(server.requests).toEqual([path(TOP), path(TOP)]);
    expect(model.name).toBe('mobilenet_1.00_224');
    expectKnownWeights(model, top.layers);
    model.dispose();
    expect(md5(new Uint8Array(await readFile(join(dir, 'models', TOP))))).toBe(md5(topBytes));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`${TOP} was not hash-checked .*an HDF5 file of plausible size \\(${topBytes.length} bytes\\)`));

    await stopServer();
    let fetches = 0;
    const offline = (() => {
      fetches++;
      return Promise.reject(new Error('no network in this test'));
    }) as typeof fetch;
    // The cached file is checked against a (right) MD5 from download.hashes: no warning, no download.
    const again = await imagenetMobileNet({}, { fetch: offline, hashes: { [TOP]: md5(topBytes).toUpperCase() } });
    expect(fetches).toBe(0);
    expectKnownWeights(again, top.layers);
    again.dispose();
    expect(warnings).toHaveLength(1);
  });

  it('without the top and a size: Keras’ 224 fallback (with its warning), a dropped connection retried, a SHA-256 from download.hashes', async () => {
    server.route(path(NO_TOP), { body: noTopBytes, truncateFirst: 1 });
    const model = await imagenetMobileNet({ includeTop: false }, { hashes: { [NO_TOP]: sha256(noTopBytes) } });
    expect(server.requests).toEqual([path(NO_TOP), path(NO_TOP)]);
    expect(model.name).toBe('mobilenet_1.00_224');
    expect(model.outputShape).toEqual([null, null, null, 1024]);
    expectKnownWeights(model, noTop.layers);
    model.dispose();
    expect(warnings).toEqual([FALLBACK]); // hash-checked: no "not hash-checked" warning
    expect(await cached()).toEqual([NO_TOP]);
  });

  it.each([
    ['MD5', () => md5(noTopBytes)],
    ['SHA-256', () => sha256(noTopBytes)],
  ])('refuses a file that does not match the %s in download.hashes, keeping nothing and freeing the model', async (_name, wrongHash) => {
    server.route(path(TOP), { body: topBytes });
    const before = numTensors();
    const err = await imagenetMobileNet({}, { hashes: { [TOP]: wrongHash() } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValueError);
    expect((err as Error).message).toContain(`does not match the provided value of ${wrongHash()}`);
    expect(await cached()).toEqual([]);
    expect(numTensors()).toBe(before);
  });

  it.each([
    ['cut to half its size', () => topBytes.slice(0, topBytes.length >> 1), /is not valid: expected a size between \d+ and \d+ bytes, received \d+ bytes\. It was not kept/],
    [
      'an HTML error page of the same size (not HDF5)',
      () => new TextEncoder().encode(`<html>${' '.repeat(topBytes.length - 13)}</html>`),
      /is not valid: expected an HDF5 file \(signature 89 48 44 46 0d 0a 1a 0a\), received bytes starting with 3c 68 74 6d 6c 3e 20 20\. It was not kept/,
    ],
  ])('refuses a corrupt file (%s), keeping nothing in the cache', async (_name, body, message) => {
    server.route(path(TOP), { body: body() });
    const before = numTensors();
    await expect(imagenetMobileNet()).rejects.toThrow(message);
    expect(await cached()).toEqual([]);
    expect(numTensors()).toBe(before);
    expect(warnings.some((w) => w.includes('not hash-checked'))).toBe(false);
  });

  it('refuses a truncated file of plausible size at download (its HDF5 superblock declares more bytes), keeping nothing in the cache', async () => {
    const truncated = topBytes.slice(0, Math.floor(topBytes.length * 0.9));
    server.route(path(TOP), { body: truncated });
    const before = numTensors();
    const err = await imagenetMobileNet().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValueError);
    expect((err as Error).message).toBe(
      `The file downloaded from ${server.url(path(TOP))} is not valid: expected ${topBytes.length} bytes (the length its HDF5 superblock ` +
        `declares), received ${truncated.length} bytes: the file is truncated. It was not kept.`,
    );
    expect(await cached()).toEqual([]);
    expect(numTensors()).toBe(before);
    expect(warnings.some((w) => w.includes('not hash-checked'))).toBe(false);
  });

  it('downloads again over a truncated file already in the cache (from before the check), then loads every value', async () => {
    await mkdir(join(dir, 'models'), { recursive: true });
    await writeFile(join(dir, 'models', TOP), topBytes.slice(0, Math.floor(topBytes.length * 0.9)));
    server.route(path(TOP), { body: topBytes });
    const model = await imagenetMobileNet();
    expect(server.requests).toEqual([path(TOP)]);
    expectKnownWeights(model, top.layers);
    model.dispose();
    expect(warnings[0]).toMatch(/^A local file was found at .*, but it is not valid \(expected \d+ bytes \(the length its HDF5 superblock declares\), received \d+ bytes: the file is truncated\), so we will re-download the data\.$/);
    expect(md5(new Uint8Array(await readFile(join(dir, 'models', TOP))))).toBe(md5(topBytes));
  });

  it('names the cached file when it does not fit the model, and frees the model', async () => {
    // A complete HDF5 file of plausible size that passes the unhashed checks but is the notop file.
    server.route(path(TOP), { body: noTopBytes });
    const before = numTensors();
    await expect(imagenetMobileNet()).rejects.toThrow(`Layer count mismatch when loading weights from file "${join(dir, 'models', TOP)}"`);
    expect(numTensors()).toBe(before);
  });
});

import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bytesOf, TestServer } from '../test-support/server.js';
import { HDF5_SIGNATURE } from '../utils/file-utils/file-checks.js';
import { getImagenetWeights } from './get-weights-file.js';
import { imagenetWeightsFile, mobilenetSizeRange } from './registry.js';
import { WEIGHTS_BASE_URL_ENV } from './weights-source.js';

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

let server: TestServer;
let dir: string;

beforeEach(async () => {
  server = await TestServer.start();
  dir = await mkdtemp(join(tmpdir(), 'strata-weights-'));
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

/** A stand-in HDF5 file: the signature, then filler, `size` bytes in all. */
function fakeHdf5(size: number, seed = 1): Uint8Array {
  const bytes = bytesOf(size, seed);
  bytes.set(HDF5_SIGNATURE, 0);
  return bytes;
}

describe('getImagenetWeights from a mirror', () => {
  it(`follows ${WEIGHTS_BASE_URL_ENV} with the bucket's layout, checking the overridden hash`, async () => {
    const body = fakeHdf5(4000, 2);
    server.route('/mirror/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5', { body });
    vi.stubEnv(WEIGHTS_BASE_URL_ENV, server.url('/mirror/'));
    const fname = 'vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5';
    const path = await getImagenetWeights('VGG16', { includeTop: false, cacheDir: dir, progressBar: false, hashes: { [fname]: md5(body) } });
    expect(path).toBe(join(dir, 'models', fname));
    expect(server.requests).toEqual(['/mirror/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5']);
  });

  it('checks Keras’ hash unless overridden, and keeps nothing on a mismatch', async () => {
    server.route('/m/resnet/resnet50_weights_tf_dim_ordering_tf_kernels.h5', { body: fakeHdf5(3000, 3) });
    const err = await getImagenetWeights('ResNet50', { baseUrl: server.url('/m'), cacheDir: dir, progressBar: false }).catch((e: unknown) => e);
    expect((err as Error).message).toContain(`provided value of ${imagenetWeightsFile('resnet50').fileHash}`);
    expect(await readdir(join(dir, 'models'))).toEqual([]);
  });

  it('the baseUrl option wins over the environment variable', async () => {
    const body = fakeHdf5(2000, 4);
    server.route('/opt/xception/xception_weights_tf_dim_ordering_tf_kernels.h5', { body });
    vi.stubEnv(WEIGHTS_BASE_URL_ENV, server.url('/env'));
    await getImagenetWeights('xception', {
      baseUrl: server.url('/opt/'), cacheDir: dir, progressBar: false, hashes: { 'xception_weights_tf_dim_ordering_tf_kernels.h5': md5(body) },
    });
    expect(server.requests).toEqual(['/opt/xception/xception_weights_tf_dim_ordering_tf_kernels.h5']);
  });
});

describe('MobileNet weights (no hash recorded by Keras)', () => {
  const fname = 'mobilenet_2_5_128_tf_no_top.h5';
  const path = `/m/mobilenet/${fname}`;
  const [min, max] = mobilenetSizeRange(0.25);
  const options = () => ({ baseUrl: server.url('/m'), cacheDir: dir, progressBar: false as const, alpha: 0.25, inputSize: [128, 128] as const, includeTop: false });

  it('accepts an HDF5 file of plausible size, warns that it was not hash-checked, then uses the cache', async () => {
    server.route(path, { body: fakeHdf5(min + 1000, 5) });
    const warnings: string[] = [];
    const file = await getImagenetWeights('mobilenet', { ...options(), onWarning: (m) => warnings.push(m) });
    expect(file).toBe(join(dir, 'models', fname));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`${fname} was not hash-checked .*an HDF5 file of plausible size \\(${min + 1000} bytes\\)`));
    await getImagenetWeights('mobilenet', { ...options(), onWarning: (m) => warnings.push(m) });
    expect(server.count(path)).toBe(1);
    expect(warnings).toHaveLength(1); // once per file and process
  });

  it.each([
    ['an HTML page', () => new TextEncoder().encode('<html>' + 'x'.repeat(min) + '</html>'), /expected an HDF5 file .*received bytes starting with 3c 68 74 6d/],
    ['a file too small', () => fakeHdf5(min - 1, 6), new RegExp(`expected a size between ${min} and ${max} bytes, received ${min - 1}`)],
    ['a file too large', () => fakeHdf5(max + 1, 7), new RegExp(`received ${max + 1} bytes`)],
  ])('refuses %s and keeps nothing', async (_name, make, message) => {
    server.route(path, { body: make() });
    await expect(getImagenetWeights('mobilenet', options())).rejects.toThrow(message);
    expect(await readdir(join(dir, 'models'))).toEqual([]);
  });

  it('finds the signature after a user block', async () => {
    const body = bytesOf(min + 2048, 8);
    body.set(HDF5_SIGNATURE, 1024);
    server.route(path, { body });
    await expect(getImagenetWeights('mobilenet', { ...options(), onWarning: () => undefined })).resolves.toBe(join(dir, 'models', fname));
  });
});

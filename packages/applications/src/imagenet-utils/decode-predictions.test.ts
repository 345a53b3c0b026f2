import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tensor } from '@strata/core';
import { kerasGolden, kerasGoldenFile, type GoldenTensor } from '@strata/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServer } from '../test-support/server.js';
import * as vgg16 from '../vgg16.js';
import { CLASS_INDEX_FNAME, CLASS_INDEX_HASH, decodePredictions, loadClassIndex, type ClassIndex } from './decode-predictions.js';

type Triple = [string, string, number];
const golden = kerasGolden('applications/decode_predictions') as unknown as {
  preds: GoldenTensor;
  results: Record<string, Triple[][]>;
  errors: Record<string, string>;
};
// A synthetic 1000-class index in Keras' format, served from 127.0.0.1 in place of Keras' file.
const indexBytes = kerasGoldenFile('applications/class_index.json');
const indexMd5 = createHash('md5').update(indexBytes).digest('hex');

let server: TestServer;
let dir: string;

beforeEach(async () => {
  server = await TestServer.start();
  server.route(`/mirror/${CLASS_INDEX_FNAME}`, { body: indexBytes });
  dir = await mkdtemp(join(tmpdir(), 'strata-decode-'));
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const source = () => ({ baseUrl: server.url('/mirror'), hashes: { [CLASS_INDEX_FNAME]: indexMd5 }, cacheDir: dir, progressBar: false as const });

function expectDecoded(actual: Triple[][], expected: Triple[][]): void {
  expect(actual.map((row) => row.map(([id, name]) => [id, name]))).toEqual(expected.map((row) => row.map(([id, name]) => [id, name])));
  // Keras' scores are the float32 predictions, printed through float64.
  actual.forEach((row, i) => row.forEach(([, , score], j) => expect(score).toBe(expected[i]![j]![2])));
}

describe('decodePredictions matches Keras', () => {
  it.each(['5', '3'])('top=%s, with the class index downloaded from a local mirror and cached', async (top) => {
    const preds = tensor(golden.preds.data, golden.preds.shape);
    const decoded = await decodePredictions(preds, { ...source(), top: Number(top) });
    expectDecoded(decoded, golden.results[top]!);
    expect(await readdir(join(dir, 'models'))).toEqual([CLASS_INDEX_FNAME]);
    preds.dispose();
  });

  it('accepts nested arrays and a given class index, and vgg16.decodePredictions is the same function', async () => {
    const rows = Array.from({ length: 3 }, (_, i) => Array.from(golden.preds.data.subarray(i * 1000, (i + 1) * 1000)));
    const index = JSON.parse(new TextDecoder().decode(indexBytes)) as ClassIndex;
    expectDecoded(await vgg16.decodePredictions(rows, { classIndex: index }), golden.results['5']!);
    expect(server.requests).toEqual([]);
  });

  it.each(Object.entries(golden.errors))('refuses shape %s with Keras’ error', async (shapeText, message) => {
    const shape = JSON.parse(shapeText) as number[];
    const x = tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape);
    await expect(decodePredictions(x, source())).rejects.toThrow(message);
  });
});

describe('the class index', () => {
  it('is checked against Keras’ MD5 by default, and kept nowhere on a mismatch', async () => {
    const err = await loadClassIndex({ baseUrl: server.url('/mirror'), cacheDir: dir, progressBar: false }).catch((e: unknown) => e);
    expect((err as Error).message).toContain(`provided value of ${CLASS_INDEX_HASH}`);
    expect(await readdir(join(dir, 'models'))).toEqual([]);
  });

  it('is downloaded once per source and kept in memory', async () => {
    const a = await loadClassIndex(source());
    const b = await loadClassIndex(source());
    expect(b).toBe(a);
    expect(a['0']).toHaveLength(2);
    expect(server.count(`/mirror/${CLASS_INDEX_FNAME}`)).toBe(1);
  });
});

/**
 * `CSVLogger` against Keras: the same logs (scripted by a callback before the logger, in Keras and here) give the
 * same file, byte for byte — header, `NA` columns, CRLF, Python's number text, separators and append mode.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { dispose, ops } from '@strata/core';
import { clearSession } from '@strata/layers';
import { LambdaCallback } from './lambda-callback.js';
import { CSVLogger } from './csv-logger.js';
import { regressionModel, trainingCase } from '../test-support/training-fixtures.js';

interface Run {
  name: string;
  logs: Array<Record<string, number>>;
  kwargs: { separator?: string; append?: boolean };
  prefix: string | null;
  text: string;
}

const fixture = trainingCase<{ runs: Run[] }>('csv_logger');
const dir = mkdtempSync(join(tmpdir(), 'strata-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => clearSession());

describe('CSVLogger', () => {
  it.each(fixture.runs.map((r) => [r.name, r] as const))('writes what Keras writes: %s', async (_name, run) => {
    const path = join(dir, `${run.name}.csv`);
    if (run.prefix !== null) writeFileSync(path, run.prefix);
    const model = await regressionModel(
      [{ shape: [3, 1], dtype: 'float32', data: new Float32Array([0.1, 0.2, 0.3]) }, { shape: [1], dtype: 'float32', data: new Float32Array([0]) }],
    );
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const replace = new LambdaCallback({
      onEpochEnd: (epoch, logs) => {
        for (const k of Object.keys(logs!)) delete logs![k];
        Object.assign(logs!, run.logs[epoch]);
      },
    });
    const x = ops.ones([8, 3]);
    const y = ops.ones([8, 1]);
    await model.fit(x, y, { batchSize: 8, epochs: run.logs.length, verbose: 0, shuffle: false, callbacks: [replace, new CSVLogger(path, run.kwargs)] });
    expect(readFileSync(path, 'utf8')).toBe(run.text);
    dispose([x, y]);
    model.dispose();
  });
});

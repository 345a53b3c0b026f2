// Files written by Keras 3.15.1 itself (tools/keras-golden/saving_files.py and gen_files.py) load into Strata and
// predict what Keras predicted.
import { numTensors } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { modelFromJson } from '../config/model-json.js';
import { readZip } from '../zip/read-zip.js';
import { CASES, caseBytes, caseInputs, casePath, maxAbsDiff, predictArrays, savingCase } from '../test-support/fixtures.js';
import { loadModel } from './load-model.js';
import { loadWeights } from './weights.js';

const TOL = 1e-5;

function freshModel(name: string) {
  const config = new TextDecoder().decode(readZip(caseBytes(name, 'model.keras'), 'model.keras').get('config.json'));
  return modelFromJson(config);
}

function check(model: Awaited<ReturnType<typeof loadModel>>, name: string): number {
  const c = savingCase(name);
  const inputs = caseInputs(c);
  const diff = maxAbsDiff(predictArrays(model, inputs), c.predictions);
  for (const t of inputs) t.dispose();
  model.dispose();
  return diff;
}

describe('files written by Keras 3 load and predict what Keras predicted', () => {
  it.each(CASES.map((c) => [c]))('%s: loadModel(model.keras)', async (name) => {
    const before = numTensors();
    const model = await loadModel(casePath(name, 'model.keras'));
    const optimizer = model.optimizer;
    expect(check(model, name)).toBeLessThan(TOL);
    optimizer?.dispose();
    // A compiled model's metrics outlive model.dispose() (@strata/models); only uncompiled models are checked here.
    if (!optimizer) expect(numTensors()).toBe(before);
  });

  it.each(CASES.map((c) => [c]))('%s: loadModel(model.h5) (legacy HDF5)', async (name) => {
    expect(check(await loadModel(casePath(name, 'model.h5')), name)).toBeLessThan(TOL);
  });

  it.each(CASES.map((c) => [c]))('%s: loadWeights(model.weights.h5) into a fresh model', async (name) => {
    const model = freshModel(name);
    const c = savingCase(name);
    const inputs = caseInputs(c);
    expect(maxAbsDiff(predictArrays(model, inputs), c.predictions)).toBeGreaterThan(1e-3); // fresh weights differ
    for (const t of inputs) t.dispose();
    await loadWeights(model, casePath(name, 'model.weights.h5'));
    expect(check(model, name)).toBeLessThan(TOL);
  });

  it.each(CASES.map((c) => [c]))('%s: loadWeights(model.h5) by position and by name', async (name) => {
    const a = freshModel(name);
    await loadWeights(a, casePath(name, 'model.h5'));
    expect(check(a, name)).toBeLessThan(TOL);
    const b = freshModel(name);
    await loadWeights(b, casePath(name, 'model.h5'), { byName: true });
    expect(check(b, name)).toBeLessThan(TOL);
  });

  it('sharded: loadWeights(model.weights.json) reads every shard', async () => {
    const c = savingCase('sharded');
    expect(c.shards!.filter((f) => f.endsWith(".weights.h5")).length).toBeGreaterThan(1);
    const model = freshModel('sharded');
    await loadWeights(model, casePath('sharded', 'sharded/model.weights.json'));
    expect(check(model, 'sharded')).toBeLessThan(TOL);
  });

});

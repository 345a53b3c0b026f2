// Compile state: a compiled model reloads compiled (optimizer, loss, metrics) and, for .keras, with its optimizer
// variables (`optimizer/vars/<i>` in Keras 3's order), so training resumes where it stopped.
import { tensor, type Tensor } from '@strata/core';
import { Dense, Input } from '@strata/layers';
import { Sequential, type Model } from '@strata/models';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../api/load-model.js';
import { saveModel } from '../api/save-model.js';
import { withH5, type H5Reader } from '../h5/h5-reader.js';
import { memoryHandler } from '../io/memory.js';
import { caseBytes, casePath, savingCase } from '../test-support/fixtures.js';
import { readZip } from '../zip/read-zip.js';
import { kerasArchiveBytes } from './keras-archive.js';

function datasets(h5: H5Reader, group: string): string[] {
  return h5.keys(group).map(Number).sort((a, b) => a - b).map((i) => {
    const info = h5.datasetInfo(`${group}/${i}`);
    return `${i} ${info.dtype}[${info.shape.join(',')}]`;
  });
}

function values(model: Model): number[][] {
  return model.weights.map((v) => Array.from(v.value.dataSync()));
}

function free(model: Model): void {
  model.optimizer?.dispose();
  model.dispose();
}

describe('compile state', () => {
  it('a compiled .keras written by Keras reloads compiled, with the optimizer variables Keras saved, in Keras order', async () => {
    const model = await loadModel(casePath('compiled', 'model.keras'));
    const opt = model.optimizer!;
    expect(opt.constructor.name).toBe('Adam');
    expect(model.getCompileConfig()).toMatchObject({ loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const expected = savingCase('compiled').optimizer_variables!;
    const tail = (p: string): string => p.replace(/^.*?(dense(_1)?_(kernel|bias)_(momentum|velocity)|iteration|learning_rate)$/, '$1');
    expect(opt.variables.map((v) => tail(v.path))).toEqual(expected.map((v) => tail(v.path)));
    opt.variables.forEach((v, i) => expect(Array.from(v.value.dataSync()), v.path).toEqual(Array.from(expected[i]!.value.data)));
    expect(opt.iterations.dataSync()[0]).toBe(2);
    free(model);
  });

  it('writes optimizer/vars/<i> with the layout Keras wrote for the same compiled model', async () => {
    const model = await loadModel(casePath('compiled', 'model.keras'));
    const ours = readZip(await kerasArchiveBytes(model), 'ours').get('model.weights.h5')!;
    const theirs = readZip(caseBytes('compiled', 'model.keras'), 'theirs').get('model.weights.h5')!;
    const read = (h5: H5Reader) => [h5.stringAttr('optimizer/vars', 'name'), datasets(h5, 'optimizer/vars')];
    expect(await withH5(ours, 'ours', read)).toEqual(await withH5(theirs, 'theirs', read));
    free(model);
  });

  it.each([['model.keras'], ['model.h5']])('compile: false loads %s uncompiled', async (name) => {
    const model = await loadModel(casePath('compiled', name), { compile: false });
    expect(model.optimizer).toBeNull();
    expect(model.getCompileConfig()).toEqual({});
    model.dispose();
  });

  it.each([['model.keras'], ['model.h5']])('training resumes where it stopped after a round trip through %s', async (name) => {
    const model = new Sequential([Input({ shape: [3] }), new Dense({ units: 4, activation: 'relu' }), new Dense({ units: 2, activation: 'softmax' })]);
    model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const x = tensor([[1, 2, 3], [-1, 0.5, 2], [0, -1, 1]]);
    const y = tensor([[1, 0], [0, 1], [1, 0]]);
    await model.trainOnBatch(x, y);
    await model.trainOnBatch(x, y);
    const mem = memoryHandler(name);
    await saveModel(model, mem);
    const copy = await loadModel(mem);
    expect(copy.getCompileConfig()).toEqual(model.getCompileConfig());
    expect(copy.optimizer!.variables.map((v) => Array.from(v.value.dataSync()))).toEqual(model.optimizer!.variables.map((v) => Array.from(v.value.dataSync())));
    await model.trainOnBatch(x, y);
    await copy.trainOnBatch(x, y);
    expect(values(copy)).toEqual(values(model));
    for (const t of [x, y] as Tensor[]) t.dispose();
    free(model);
    free(copy);
  });
});

// Strata → file → Strata in every format: predictions identical, configs equal; and Strata's files have Keras' layout.
import { ops } from '@strata/core';
import type { Model } from '@strata/models';
import { describe, expect, it } from 'vitest';
import '../index.js';
import { withH5 } from '../h5/h5-reader.js';
import { memoryHandler } from '../io/memory.js';
import { readZip } from '../zip/read-zip.js';
import { inputsFor, STRATA_MODELS } from '../test-support/strata-models.js';
import { CASES, caseBytes, caseInputs, casePath, predictArrays, savingCase } from '../test-support/fixtures.js';
import { loadModel } from './load-model.js';
import { saveModel } from './save-model.js';
import { loadWeights, saveWeights } from './weights.js';
import { modelFromJson } from '../config/model-json.js';
import type { H5Reader } from '../h5/h5-reader.js';

/** Every dataset (path, shape, dtype) and every `name` attribute of a `vars` group. */
function listing(h5: H5Reader): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    for (const k of h5.keys(path)) {
      const p = path ? `${path}/${k}` : k;
      if (h5.isGroup(p)) {
        if (k === 'vars') out.push(`${p} name=${h5.stringAttr(p, 'name')}`);
        walk(p);
      } else {
        const info = h5.datasetInfo(p);
        out.push(`${p} ${info.dtype}[${info.shape.join(',')}]`);
      }
    }
  };
  walk('');
  return out.sort();
}

function strataModels(): Array<[string, () => Model]> {
  return STRATA_MODELS;
}

async function saved(model: Model, name: string, weightsOnly = false): Promise<ReturnType<typeof memoryHandler>> {
  const mem = memoryHandler(name);
  // Shards as small as the largest variable: several shards for any model.
  const maxShardBytes = Math.max(...model.weights.map((v) => 4 * v.shape.reduce((a, b) => a * b, 1)));
  if (weightsOnly) await saveWeights(model, mem, name.endsWith('.json') ? { maxShardBytes } : {});
  else await saveModel(model, mem);
  return mem;
}

const FORMATS = [['model.keras'], ['model.h5'], ['model.json']] as const;

describe('round trips reproduce predictions exactly and configs', () => {
  describe.each(strataModels())('%s', (_, build) => {
    it.each(FORMATS)('saveModel → loadModel (%s)', async (name) => {
      const model = build();
      const xs = inputsFor(model);
      const mem = await saved(model, name);
      const copy = await loadModel(mem);
      expect(predictArrays(copy, xs)).toEqual(predictArrays(model, xs));
      // The TF.js format is Keras 2-shaped, where input/output_layers are always lists: one input comes back as a list of one.
      const norm = (json: string): unknown => name !== 'model.json' ? JSON.parse(json) : JSON.parse(json, (k, v: unknown) =>
        (k === 'input_layers' || k === 'output_layers') && Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) ? v[0] : v);
      expect(norm(copy.toJson())).toEqual(norm(model.toJson()));
      for (const t of xs) t.dispose();
      model.dispose();
      copy.dispose();
    });

    it.each([['model.weights.h5'], ['model.weights.json'], ['legacy.h5']])('saveWeights → loadWeights (%s)', async (name) => {
      const model = build();
      const xs = inputsFor(model);
      const mem = await saved(model, name, true);
      if (name.endsWith('.json')) expect(mem.files.size).toBeGreaterThan(2); // several shards
      const fresh = modelFromJson(model.toJson());
      expect(predictArrays(fresh, xs)).not.toEqual(predictArrays(model, xs));
      await loadWeights(fresh, mem);
      expect(predictArrays(fresh, xs)).toEqual(predictArrays(model, xs));
      for (const t of xs) t.dispose();
      model.dispose();
      fresh.dispose();
    });
  });

  it.each(CASES.map((c) => [c]))('%s: a Keras file re-saved by Strata has the same weights layout as Keras wrote', async (name) => {
    const model = await loadModel(casePath(name, 'model.keras'));
    const mem = memoryHandler('model.keras');
    await saveModel(model, mem);
    const ours = readZip(mem.files.get('model.keras')!, 'ours');
    const theirs = readZip(caseBytes(name, 'model.keras'), 'theirs');
    expect([...ours.keys()]).toEqual([...theirs.keys()]);
    const a = await withH5(ours.get('model.weights.h5')!, 'ours', listing);
    const b = await withH5(theirs.get('model.weights.h5')!, 'theirs', listing);
    expect(a).toEqual(b);
    const c = savingCase(name);
    const xs = caseInputs(c);
    const copy = await loadModel(mem);
    expect(predictArrays(copy, xs)).toEqual(predictArrays(model, xs));
    for (const t of xs) t.dispose();
    model.dispose();
    copy.dispose();
  });

  it.each(CASES.map((c) => [c]))('%s: legacy .h5 re-saved by Strata has the layout Keras wrote', async (name) => {
    const model = await loadModel(casePath(name, 'model.h5'));
    const mem = memoryHandler('model.h5');
    await saveModel(model, mem);
    const strip = (l: string): string => l.replace(/ name=.*$/, '');
    const a = await withH5(mem.files.get('model.h5')!, 'ours', (h5) => [listing(h5).map(strip), h5.stringList('model_weights', 'layer_names')]);
    const b = await withH5(caseBytes(name, 'model.h5'), 'theirs', (h5) => [listing(h5).map(strip), h5.stringList('model_weights', 'layer_names')]);
    expect(a).toEqual(b);
    model.dispose();
  });

  it('model.save / model.saveWeights / model.loadWeights are installed on Model', async () => {
    const model = strataModels()[0]![1]();
    const mem = memoryHandler('m.keras');
    await model.save(mem);
    const copy = await loadModel(mem.files.get('m.keras')!);
    const w = memoryHandler('w.weights.h5');
    await copy.saveWeights(w);
    await model.loadWeights(w);
    const x = ops.ones([2, 3, 2]);
    expect(predictArrays(copy, [x])).toEqual(predictArrays(model, [x]));
    x.dispose();
    model.dispose();
    copy.dispose();
  });
});

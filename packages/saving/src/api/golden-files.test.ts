// The oracle's fixtures (packages/test-utils/fixtures/keras/files, written by Keras 3.15.1 with gen_files.py): every
// model whose layer types Strata has loads from .keras, .h5 and .weights.h5 and predicts what Keras predicted. A
// model needing a layer Strata lacks yet is skipped, by name, with the missing layers; it runs once they exist.
import { tensor, type Tensor } from '@strata/core';
import { registry } from '@strata/layers';
import { kerasGolden, kerasGoldenFile, listKerasGolden, type GoldenTensor } from '@strata/test-utils';
import { describe, expect, it } from 'vitest';
import '../index.js';
import { modelFromJson } from '../config/model-json.js';
import { maxAbsDiff, predictArrays } from '../test-support/fixtures.js';
import { withH5, type H5Reader } from '../h5/h5-reader.js';
import { memoryHandler } from '../io/memory.js';
import { readZip } from '../zip/read-zip.js';
import { loadModel } from './load-model.js';
import { saveModel } from './save-model.js';
import { loadWeights, saveWeights } from './weights.js';

/** Every dataset (path, shape, dtype) and `vars` name attribute. */
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

/** Layer class names used in a Keras config (objects in the layers' namespaces). */
function layerClasses(config: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      const module = o.module as string | undefined;
      if (typeof o.class_name === 'string' && 'config' in o && (module === undefined || module === 'keras.layers' || module === 'keras' || module?.startsWith('keras.src.models'))) {
        if (!['DTypePolicy', '__keras_tensor__'].includes(o.class_name)) out.add(o.class_name);
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(config);
  return out;
}

const cases = listKerasGolden('files/').map((name) => {
  const g = kerasGolden(name);
  const missing = [...layerClasses(g.keras_config)].filter((c) => !registry.has(c));
  return { name, missing };
});

function inputsOf(g: ReturnType<typeof kerasGolden<'files/x'>>): Tensor[] {
  return g.inputs.map((t) => tensor(t.data, t.shape, t.dtype));
}

describe('Keras 3 fixtures (gen_files.py) load in Strata', () => {
  for (const { name, missing } of cases) {
    const title = `${name}: .keras, .h5 and .weights.h5 predict what Keras predicted${missing.length ? ` (skipped: needs ${missing.join(', ')})` : ''}`;
    it.skipIf(missing.length > 0)(title, async () => {
      const g = kerasGolden(name as 'files/x');
      const expected = [g.predictions as GoldenTensor];
      const xs = inputsOf(g);
      for (const ext of ['.keras', '.h5'] as const) {
        const model = await loadModel(kerasGoldenFile(`${name}${ext}`));
        expect(maxAbsDiff(predictArrays(model, xs), expected), ext).toBeLessThan(1e-5);
        model.optimizer?.dispose();
        model.dispose();
      }
      const fresh = modelFromJson(JSON.stringify(g.keras_config));
      await loadWeights(fresh, kerasGoldenFile(`${name}.weights.h5`));
      expect(maxAbsDiff(predictArrays(fresh, xs), expected)).toBeLessThan(1e-5);
      fresh.optimizer?.dispose();
      fresh.dispose();
      for (const t of xs) t.dispose();
    });
  }
});

describe('every layer type in the fixtures round-trips through every format', () => {
  for (const { name, missing } of cases) {
    it.skipIf(missing.length > 0)(`${name}: Strata re-saves it as .keras (Keras' weights layout), .h5, TF.js and .weights.h5; reloads predict identically${missing.length ? ` (skipped: needs ${missing.join(', ')})` : ''}`, async () => {
      const g = kerasGolden(name as 'files/x');
      const xs = inputsOf(g);
      const model = await loadModel(kerasGoldenFile(`${name}.keras`));
      const reference = predictArrays(model, xs);
      const config = JSON.parse(model.toJson());
      const keras = memoryHandler('m.keras');
      await saveModel(model, keras);
      const ours = await withH5(readZip(keras.files.get('m.keras')!, 'ours').get('model.weights.h5')!, 'ours', listing);
      const theirs = await withH5(readZip(kerasGoldenFile(`${name}.keras`), 'theirs').get('model.weights.h5')!, 'theirs', listing);
      expect(ours).toEqual(theirs);
      for (const file of ['m.keras', 'm.h5', 'm.json']) {
        const mem = file === 'm.keras' ? keras : memoryHandler(file);
        if (mem !== keras) await saveModel(model, mem);
        const copy = await loadModel(mem);
        expect(predictArrays(copy, xs), file).toEqual(reference);
        if (file !== 'm.json') expect(JSON.parse(copy.toJson()), file).toEqual(config);
        copy.optimizer?.dispose();
        copy.dispose();
      }
      const weights = memoryHandler('m.weights.h5');
      await saveWeights(model, weights);
      const fresh = modelFromJson(model.toJson());
      await loadWeights(fresh, weights);
      expect(predictArrays(fresh, xs)).toEqual(reference);
      for (const m of [model, fresh]) {
        m.optimizer?.dispose();
        m.dispose();
      }
      for (const t of xs) t.dispose();
    });
  }
});

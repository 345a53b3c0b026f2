import { describe, expect, it } from 'vitest';

import { decodeTensor, encodeTensor, toNested } from './decode.js';
import { kerasGolden, kerasGoldenFile, kerasGoldenIndex, listKerasGolden } from './fixtures.js';
import { GOLDEN_TOLERANCE, compareGolden, goldenTolerance } from './tolerance.js';
import type { GoldenTensor } from './types.js';

/** The first two rows of every activation input (tools/keras-golden/gen_activations.py, SPECIAL). */
const SPECIAL = [
  -1000, -100, -50, -20, -10, -6, -5, -3, -2.5, -1, -0.5, -1e-3, 0, 1e-3, 0.5, 1, 2.5, 3, 5, 6, 10, 20, 50, 100,
  1000, 0.25, -0.25, 0.1, -0.1, 7.5, -7.5, 88,
].map(Math.fround);

const FAMILIES = ['activations', 'initializers', 'losses', 'metrics', 'optimizers', 'layers', 'models', 'files'];

describe('decoding', () => {
  it('round-trips float32 and int32 through the base64 encoding', () => {
    const f: GoldenTensor = { shape: [2, 2], dtype: 'float32', data: new Float32Array([1.5, -0, Infinity, NaN]) };
    const i: GoldenTensor = { shape: [3], dtype: 'int32', data: new Int32Array([-7, 0, 2147483647]) };
    const f2 = decodeTensor(encodeTensor(f));
    expect(f2.shape).toEqual([2, 2]);
    expect(f2.dtype).toBe('float32');
    expect(Array.from(f2.data)).toEqual([1.5, -0, Infinity, NaN]);
    expect(decodeTensor(encodeTensor(i))).toEqual(i);
  });

  it('decodes a known encoding byte for byte (little-endian float32 1.0 = 00 00 80 3f)', () => {
    const t = decodeTensor({ __ndarray__: 'AACAPwAAAMA=', dtype: 'float32', shape: [2] });
    expect(Array.from(t.data)).toEqual([1, -2]);
  });

  it('rejects a byte count that does not match the shape', () => {
    expect(() => decodeTensor({ __ndarray__: 'AACAPw==', dtype: 'float32', shape: [2] })).toThrow(/expected 8/);
  });

  it('gives nested arrays for messages', () => {
    const t: GoldenTensor = { shape: [2, 3], dtype: 'int32', data: new Int32Array([1, 2, 3, 4, 5, 6]) };
    expect(toNested(t)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });
});

describe('index and listing', () => {
  it('covers every family and was written by Keras 3.15.1 on JAX', () => {
    const index = kerasGoldenIndex();
    expect(index.keras_version).toBe('3.15.1');
    expect(index.backend).toBe('jax');
    const families = new Set(Object.keys(index.cases).map((n) => n.split('/')[0]));
    expect([...families].sort()).toEqual([...FAMILIES].sort());
  });

  it('lists cases by prefix, sorted', () => {
    const names = listKerasGolden('activations/');
    expect(names).toContain('activations/relu');
    expect(names).toContain('activations/gelu_approximate');
    expect([...names].sort()).toEqual(names);
    expect(listKerasGolden('layers/dense/')).toEqual([
      'layers/dense/basic',
      'layers/dense/no_bias',
      'layers/dense/rank3',
      'layers/dense/regularizers',
      'layers/dense/relu',
    ]);
  });

  it('explains an unknown case', () => {
    expect(() => kerasGolden('layers/dense/nope')).toThrow(/does not exist.*layers\/dense\/basic/);
    expect(() => kerasGolden('../x')).toThrow(/invalid case name/);
  });
});

describe('activations fixtures', () => {
  it('hold the known input table', () => {
    const c = kerasGolden('activations/relu');
    expect(c.x.shape).toEqual([6, 16]);
    expect(c.x.dtype).toBe('float32');
    expect(Array.from(c.x.data.slice(0, 32))).toEqual(SPECIAL);
    expect(c.name).toBe('activations/relu');
    expect(c.keras_version).toBe('3.15.1');
  });

  it('relu is max(x, 0) and its gradient is the cotangent where x > 0', () => {
    const c = kerasGolden('activations/relu');
    c.x.data.forEach((x, i) => {
      expect(c.y.data[i]).toBe(Math.max(x, 0));
      expect(c.grad.data[i]).toBe(x > 0 ? c.cotangent.data[i] : 0);
    });
  });

  it('relu6 and the relu arguments match their formulas', () => {
    const r6 = kerasGolden('activations/relu6');
    r6.x.data.forEach((x, i) => expect(r6.y.data[i]).toBe(Math.min(Math.max(x, 0), 6)));
    const mv = kerasGolden('activations/relu_max_value');
    expect(mv.kwargs).toEqual({ max_value: 6 });
    mv.x.data.forEach((x, i) => expect(mv.y.data[i]).toBe(Math.min(Math.max(x, 0), 6)));
  });

  it.each(listKerasGolden('activations/'))('%s has matching shapes', (name) => {
    const c = kerasGolden(name);
    expect(c.cotangent.shape).toEqual(c.y.shape);
    expect(c.grad.shape).toEqual(c.x.shape);
    expect(c.y.data.length).toBe(c.y.shape.reduce((a, b) => a * b, 1));
  });
});

describe('other families decode to the documented shapes', () => {
  it('layers/dense/basic: output = x W + b (weights in Keras order)', () => {
    const c = kerasGolden('layers/dense/basic');
    expect(c.weights.map((w) => w.path)).toEqual(['dense/kernel', 'dense/bias']);
    const [x] = c.inputs;
    const [k, b] = c.weights.map((w) => w.value);
    const out = new Float32Array(2 * 3);
    for (let r = 0; r < 2; r++) {
      for (let j = 0; j < 3; j++) {
        let s = b!.data[j]!;
        for (let i = 0; i < 4; i++) s += x!.data[r * 4 + i]! * k!.data[i * 3 + j]!;
        out[r * 3 + j] = s;
      }
    }
    expect(compareGolden(out, [2, 3], c.output, goldenTolerance(c.name)).ok).toBe(true);
    expect(c.params).toEqual({ total: 15, trainable: 15, non_trainable: 0 });
    expect(c.config.units).toBe(3);
    expect(c.computed_output_shape).toEqual([null, 3]);
  });

  it('layers/embedding/basic: int32 ids pick rows of the embedding matrix', () => {
    const c = kerasGolden('layers/embedding/basic');
    const ids = c.inputs[0]!;
    expect(ids.dtype).toBe('int32');
    expect(Array.from(ids.data)).toEqual([1, 2, 0, 4, 9, 0, 0, 3, 7, 5]);
    const table = c.weights[0]!.value;
    ids.data.forEach((id, p) => {
      for (let d = 0; d < 4; d++) expect(c.output.data[p * 4 + d]).toBe(table.data[id * 4 + d]);
    });
    expect(c.grads.inputs).toEqual([null]);
  });

  it('optimizers/sgd/lr_0.1: one step is w - 0.1 g', () => {
    const c = kerasGolden('optimizers/sgd/lr_0.1');
    const w1 = Array.from(c.initial.w.data, (w, i) => w - 0.1 * c.grads[0]!.w.data[i]!);
    expect(compareGolden(w1, [3, 2], c.steps[0]!.w, goldenTolerance(c.name)).ok).toBe(true);
    expect(c.optimizer_variables.map((v) => v.name)).toEqual(['iteration', 'learning_rate']);
  });

  it('models/sequential_dense: the summary counts 50,240 params', () => {
    const c = kerasGolden('models/sequential_dense');
    expect(c.summary).toContain('Total params: 50,240');
    expect(c.params.total).toBe(50240);
    expect(JSON.parse(c.to_json).class_name).toBe('Sequential');
  });

  it('files/mlp_small: sidecars are a zip (.keras) and HDF5 (.h5, .weights.h5)', () => {
    const c = kerasGolden('files/mlp_small');
    const zip = kerasGoldenFile(`files/${c.files['.keras']}`);
    expect(String.fromCharCode(zip[0]!, zip[1]!)).toBe('PK');
    for (const ext of ['.h5', '.weights.h5'] as const) {
      const h5 = kerasGoldenFile(`files/${c.files[ext]}`);
      expect(Array.from(h5.slice(0, 4))).toEqual([0x89, 0x48, 0x44, 0x46]);
    }
    expect(c.keras_zip_members).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
    expect(c.predictions.shape).toEqual([2, 3]);
  });

  it('metrics and losses carry their batches and values', () => {
    const m = kerasGolden('metrics/auc/default_weighted');
    expect(m.batches).toHaveLength(2);
    expect(m.results).toHaveLength(2);
    expect(m.variables.map((v) => v.name)).toEqual([
      'true_positives',
      'false_positives',
      'true_negatives',
      'false_negatives',
    ]);
    const l = kerasGolden('losses/mean_squared_error/reduction_none');
    expect(l.value.shape).toEqual([4]);
    const f = kerasGolden('losses/functions/mean_squared_error');
    const mse = [0, 1, 2, 3].map((r) => {
      let s = 0;
      for (let j = 0; j < 5; j++) s += (f.y_true.data[r * 5 + j]! - f.y_pred.data[r * 5 + j]!) ** 2;
      return s / 5;
    });
    expect(compareGolden(mse, [4], f.value, goldenTolerance(f.name)).ok).toBe(true);
  });
});

describe('tolerances', () => {
  it('pick the longest prefix and a gradient bound', () => {
    expect(goldenTolerance('layers/conv2d/valid')).toEqual({ atol: 1e-4, rtol: 1e-4 });
    expect(goldenTolerance('layers/dense/basic')).toEqual({ atol: 1e-5, rtol: 1e-4 });
    expect(goldenTolerance('layers/dense/basic', 'grad')).toEqual({ atol: 1e-4, rtol: 1e-4 });
    expect(goldenTolerance('something/else')).toEqual({ atol: 1e-5, rtol: 1e-5 });
    expect(goldenTolerance('initializers/he_normal', 'stats')).toEqual({ atol: 0.05, rtol: 0.05 });
    for (const entry of Object.values(GOLDEN_TOLERANCE)) expect(entry.reason.length).toBeGreaterThan(0);
  });

  it('compareGolden reports shape mismatches, NaN/inf agreement and the worst element', () => {
    const e: GoldenTensor = { shape: [3], dtype: 'float32', data: new Float32Array([1, NaN, Infinity]) };
    expect(compareGolden([1, NaN, Infinity], [3], e, { atol: 0, rtol: 0 }).ok).toBe(true);
    expect(compareGolden([1, 0, Infinity], [3], e, { atol: 1, rtol: 1 }).ok).toBe(false);
    expect(compareGolden([1, NaN], [2], e, { atol: 1, rtol: 1 }).message).toMatch(/shape/);
    const r = compareGolden([1.1, NaN, Infinity], [3], e, { atol: 0.01, rtol: 0 });
    expect(r.ok).toBe(false);
    expect(r.worstIndex).toBe(0);
  });
});

describe('goldenTensor (needs @strata/core)', async () => {
  const core = await import('@strata/core').catch(() => undefined);
  it.skipIf(!core)('turns a golden array into a tfjs tensor with the same shape, dtype and values', async () => {
    const { goldenTensor } = await import('./tensor.js');
    const c = kerasGolden('activations/relu');
    const t = goldenTensor(c.x);
    expect(t.shape).toEqual([6, 16]);
    expect(t.dtype).toBe('float32');
    expect(Array.from(await t.data())).toEqual(Array.from(c.x.data));
    const ids = goldenTensor(kerasGolden('layers/embedding/basic').inputs[0]!);
    expect(ids.dtype).toBe('int32');
  });
});

/**
 * Every metric over Keras 3.15.1's fixtures (tools/keras-golden/gen_metrics.py): two `update_state` batches (with
 * and without sample weights), `result()` after each, the variables (names, shapes, values) and the config, on both
 * backends. Tolerance: goldenTolerance('metrics/...') = atol 1e-5, rtol 1e-5 (1e-4 for AUC's threshold buckets).
 */
import { describe, expect, it } from 'vitest';
import { dispose, fromKerasJson, numTensors, toKerasJson, type Tensor } from '@strata/core';
import { describeEachBackend } from '@strata/test-utils';
import {
  compareGolden, goldenTensor, goldenTolerance, kerasGolden, listKerasGolden, type GoldenTensor, type Tolerance,
} from '@strata/test-utils';
import { Metric } from './metric.js';
import { resolveMetric } from './resolve-metric.js';
import { deserialize, serialize } from './serialization.js';

/**
 * Compares with a Keras value. The generator stores 0-d arrays with shape [1] (`np.ascontiguousarray` makes them
 * 1-d), so a rank-0 result is compared against a [1] fixture by value.
 */
function expectKeras(actual: ArrayLike<number>, shape: number[], expected: GoldenTensor, tol: Tolerance, what: string): void {
  const s = shape.length === 0 && expected.shape.length === 1 && expected.shape[0] === 1 ? [1] : shape;
  const cmp = compareGolden(actual, s, expected, tol);
  expect(cmp.ok, `${what}: ${cmp.message}`).toBe(true);
}

const CASES = listKerasGolden('metrics/');

/** Runs a case's batches through `metric`, checking the result after each. */
function runCase(name: `metrics/${string}`, metric: Metric): void {
  const c = kerasGolden(name);
  const tol = goldenTolerance(name);
  c.batches.forEach((b, i) => {
    const yPred = goldenTensor(b.y_pred);
    const yTrue = b.y_true ? goldenTensor(b.y_true) : null;
    const sw = b.sample_weight ? goldenTensor(b.sample_weight) : null;
    // Lazily built metrics (AUC multi_label, F1Score) create their variables on the first update.
    const before = numTensors() - metric.variables.length;
    if (c.uses_y_true) metric.updateState(yTrue!, yPred, sw);
    else metric.updateState(yPred, sw);
    expect(numTensors() - metric.variables.length, 'updateState leaves no tensors behind').toBe(before);
    const r = metric.result();
    expectKeras(r.dataSync(), r.shape, c.results[i]!, tol, `${name} result after batch ${i}`);
    dispose([r, yPred, ...(yTrue ? [yTrue] : []), ...(sw ? [sw] : [])]);
  });
}

describe('the fixture table is present', () => {
  it('has metric cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(70);
  });
});

describeEachBackend('metrics vs Keras 3', () => {
  it.each(CASES)('%s', (name) => {
    const c = kerasGolden(name);
    const metric = deserialize(fromKerasJson(c.serialized) as never) as Metric;
    expect(metric).toBeInstanceOf(Metric);
    runCase(name, metric);
    expect(metric.variableNames).toEqual(c.variables.map((v) => v.name));
    metric.variables.forEach((v, i) => {
      const g = c.variables[i]!;
      expect(v.shape, g.name).toEqual(g.shape);
      expect(v.trainable).toBe(false);
      expect(v.name.startsWith(g.path), `${v.name} vs ${g.path}`).toBe(true);
      expectKeras(v.dataSync(), v.shape, g.value, goldenTolerance(name), `${name} variable ${g.name}`);
    });
    metric.dispose();
  });
});

describe('metric configs vs Keras 3', () => {
  it.each(CASES)('%s', (name) => {
    const c = kerasGolden(name);
    const metric = deserialize(fromKerasJson(c.serialized) as never) as Metric;
    expect(toKerasJson(metric.getConfig())).toEqual(c.config);
    expect(toKerasJson(serialize(metric))).toEqual(c.serialized);
    metric.dispose();
  });
});

describe('string identifiers give the same numbers (compile\'s metrics: [...])', () => {
  it.each([
    ['mse', 'metrics/mean_squared_error/default_weighted'],
    ['mae', 'metrics/mean_absolute_error/default_weighted'],
    ['binary_accuracy', 'metrics/binary_accuracy/default_weighted'],
    ['sparse_categorical_accuracy', 'metrics/sparse_categorical_accuracy/labels_rank2_weighted'],
    ['top_k_categorical_accuracy', 'metrics/top_k_categorical_accuracy/default_weighted'],
    ['auc', 'metrics/auc/default_weighted'],
  ] as const)('%s', (id, name) => {
    const metric = resolveMetric(id);
    expect(metric.name).toBe(id);
    runCase(name, metric);
    metric.dispose();
  });

  it.each([
    // Keras 3's rule picks these for the fixtures' data; the numbers then match the specific metric's fixture.
    ['metrics/categorical_accuracy/default_weighted', 'CategoricalAccuracy'],
    ['metrics/sparse_categorical_accuracy/default_weighted', 'SparseCategoricalAccuracy'],
    ['metrics/sparse_categorical_accuracy/labels_rank2_weighted', 'SparseCategoricalAccuracy'],
  ] as const)("'accuracy' on %s", (name, cls) => {
    const c = kerasGolden(name);
    const b = c.batches[0]!;
    const metric = resolveMetric('accuracy', { yTrueShape: b.y_true!.shape, yPredShape: b.y_pred.shape });
    expect((metric.constructor as unknown as { className: string }).className).toBe(cls);
    runCase(name, metric);
    metric.dispose();
  });
});

/**
 * Every loss over Keras 3.15.1's fixtures (tools/keras-golden/gen_losses.py): the functions' per-sample values, and
 * the classes with from_logits, label smoothing, axis, ignore_class, every reduction and sample weights, on both
 * backends. Tolerance: goldenTolerance('losses/...') = atol 1e-5, rtol 1e-5 (float32 rounding of a few values).
 */
import { describe, expect, it } from 'vitest';
import { dispose, fromKerasJson, numTensors, toKerasJson, type Tensor } from '@strata/core';
import { describeEachBackend } from '@strata/test-utils';
import {
  compareGolden, goldenTensor, goldenTolerance, kerasGolden, listKerasGolden, type GoldenTensor, type Tolerance,
} from '@strata/test-utils';
import { Loss } from './loss.js';
import { deserialize, get, serialize } from './serialization.js';
import type { LossFunction } from './function-registry.js';

/**
 * Compares with a Keras value. The generator stores 0-d arrays with shape [1] (`np.ascontiguousarray` makes them
 * 1-d), so a rank-0 result is compared against a [1] fixture by value.
 */
function expectKeras(actual: Tensor, expected: GoldenTensor, tol: Tolerance, what: string): void {
  const shape = actual.rank === 0 && expected.shape.length === 1 && expected.shape[0] === 1 ? [1] : actual.shape;
  const cmp = compareGolden(actual.dataSync(), shape, expected, tol);
  expect(cmp.ok, `${what}: ${cmp.message}`).toBe(true);
}

const FUNCTION_CASES = listKerasGolden('losses/functions/');
const CLASS_CASES = listKerasGolden('losses/').filter((n) => !n.startsWith('losses/functions/'));

/** Config keys Strata records that Keras 3 drops from these classes' get_config (Keras reads them back fine). */
const EXTRA_CONFIG: Record<string, string[]> = { Huber: ['delta'], CosineSimilarity: ['axis'], SparseCategoricalCrossentropy: ['axis'] };

describe('the fixture tables are present', () => {
  it('has function and class cases', () => {
    expect(FUNCTION_CASES.length).toBeGreaterThanOrEqual(30);
    expect(CLASS_CASES.length).toBeGreaterThanOrEqual(150);
  });
});

describeEachBackend('losses vs Keras 3', () => {
  it.each(FUNCTION_CASES)('%s', (name) => {
    const c = kerasGolden(name);
    const fn = get(c.function) as LossFunction;
    expect(typeof fn).toBe('function');
    const yTrue = goldenTensor(c.y_true);
    const yPred = goldenTensor(c.y_pred);
    const before = numTensors();
    const out = fn(yTrue, yPred, fromKerasJson(c.kwargs));
    expect(numTensors() - before).toBe(1);
    expectKeras(out, c.value, goldenTolerance(name), name);
    dispose([out, yTrue, yPred]);
  });

  it.each(CLASS_CASES)('%s', (name) => {
    const c = kerasGolden(name);
    const loss = deserialize({ className: c.class_name, config: fromKerasJson(c.kwargs) as Record<string, unknown> }) as Loss;
    expect(loss).toBeInstanceOf(Loss);
    const yTrue = goldenTensor(c.y_true);
    const yPred = goldenTensor(c.y_pred);
    const sw = c.sample_weight ? goldenTensor(c.sample_weight) : null;
    const before = numTensors();
    const out = loss.apply(yTrue, yPred, sw);
    expect(numTensors() - before).toBe(1);
    expectKeras(out, c.value, goldenTolerance(name), name);
    dispose([out, yTrue, yPred, ...(sw ? [sw] : [])]);
  });
});

describe('loss configs vs Keras 3', () => {
  it.each(CLASS_CASES)('%s', (name) => {
    const c = kerasGolden(name);
    const loss = deserialize({ className: c.class_name, config: fromKerasJson(c.kwargs) as Record<string, unknown> }) as Loss;
    const config = toKerasJson(loss.getConfig()) as Record<string, unknown>;
    expect(config).toMatchObject(c.config);
    expect(Object.keys(config).filter((k) => !(k in c.config)).sort()).toEqual(EXTRA_CONFIG[c.class_name] ?? []);
    const envelope = toKerasJson(serialize(loss)) as Record<string, unknown>;
    expect({ ...envelope, config: c.serialized.config }).toEqual(c.serialized);
    // Keras' own serialized config (without the extra keys) loads too, and gives Keras' config back.
    const fromKeras = deserialize(fromKerasJson(c.serialized) as never) as Loss;
    expect(toKerasJson(fromKeras.getConfig())).toMatchObject(c.serialized.config);
  });
});

/**
 * Input handling: integer labels (cast as Keras casts them), trailing-1 labels, shape errors that name the loss
 * and both shapes, and no tensors left behind.
 */
import { describe, expect, it } from 'vitest';
import { ValueError, dispose, numTensors, ops, tensor } from '@strata/core';
import { describeEachBackend, expectNoLeaks, expectTensorsClose } from '@strata/test-utils';
import * as losses from './index.js';

describeEachBackend('integer labels', () => {
  it('sparse categorical crossentropy: int32, float and [batch, 1] labels agree', () => {
    const p = tensor([[0.1, 0.7, 0.2], [0.5, 0.25, 0.25]]);
    const ints = tensor([1, 0], [2], 'int32');
    const floats = tensor([1, 0]);
    const column = tensor([[1], [0]], [2, 1], 'int32');
    const expected = [-Math.log(0.7), -Math.log(0.5)];
    for (const labels of [ints, floats, column]) {
      const out = losses.sparseCategoricalCrossentropy(labels, p);
      expectTensorsClose(out, expected, { rtol: 1e-5 });
      dispose(out);
      const loss = new losses.SparseCategoricalCrossentropy().apply(labels, p);
      expectTensorsClose(loss, (expected[0]! + expected[1]!) / 2, { rtol: 1e-5 });
      dispose(loss);
    }
    dispose([p, ints, floats, column]);
  });

  it('binary crossentropy and hinge accept int32 labels like float ones', () => {
    const p = tensor([[0.2, 0.9], [0.6, 0.3]]);
    const ti = tensor([[0, 1], [1, 0]], [2, 2], 'int32');
    const tf = tensor([[0, 1], [1, 0]]);
    for (const [name, f] of [['bce', losses.binaryCrossentropy], ['hinge', losses.hinge], ['mse', losses.meanSquaredError]] as const) {
      const a = f(ti, p);
      const b = f(tf, p);
      expect(a.dtype, name).toBe('float32');
      expectTensorsClose(a, b, { rtol: 0, atol: 0 });
      dispose([a, b]);
    }
    dispose([p, ti, tf]);
  });

  it('hinge converts {0, 1} labels to {-1, 1} but leaves {-1, 1} labels alone', () => {
    const p = tensor([[0.3, -0.4]]);
    const a = losses.hinge(tensor([[1, 0]]), p);
    const b = losses.hinge(tensor([[1, -1]]), p);
    expectTensorsClose(a, [(0.7 + 0.6) / 2]);
    expectTensorsClose(b, [(0.7 + 0.6) / 2]);
    const c = losses.hinge(tensor([[2, 0]]), p); // not binary: labels used as given
    expectTensorsClose(c, [(Math.max(1 - 0.6, 0) + 1) / 2]);
    dispose([p, a, b, c]);
  });

  it('sparse categorical crossentropy with ignore_class averages over the other labels', () => {
    const logits = tensor([[2, 1, 0], [0, 3, 1], [1, 1, 1]]);
    const labels = tensor([0, 2, 1], [3], 'int32');
    const all = losses.sparseCategoricalCrossentropy(labels, logits, { fromLogits: true });
    const v = all.dataSync();
    const ignored = new losses.SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 2 }).apply(labels, logits);
    expectTensorsClose(ignored, (v[0]! + v[2]!) / 2, { rtol: 1e-5 });
    const summed = new losses.SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 2, reduction: 'sum' }).apply(labels, logits);
    expectTensorsClose(summed, v[0]! + v[2]!, { rtol: 1e-5 });
    const mask = losses.lossMask(losses.sparseCategoricalCrossentropy(labels, logits, { fromLogits: true, ignoreClass: 2 }));
    expectTensorsClose(mask!, [true, false, true] as unknown as number[]);
    dispose([logits, labels, all, ignored, summed, mask!]);
  });
});

describe('shape errors name the loss and both shapes', () => {
  it.each([
    ['mean_squared_error', () => losses.meanSquaredError(ops.zeros([4, 5]), ops.zeros([4, 3])), /"mean_squared_error".*y_true \[4, 5\].*y_pred \[4, 3\]/],
    ['binary_crossentropy', () => losses.binaryCrossentropy(ops.zeros([4, 2]), ops.zeros([4, 3])), /"binary_crossentropy".*\[4, 2\].*\[4, 3\]/],
    ['categorical_crossentropy', () => losses.categoricalCrossentropy(ops.zeros([4, 5]), ops.zeros([4, 3])), /"categorical_crossentropy".*\[4, 5\].*\[4, 3\]/],
    ['sparse_categorical_crossentropy', () => losses.sparseCategoricalCrossentropy(ops.zeros([3]), ops.zeros([4, 3])), /"sparse_categorical_crossentropy".*\[4\].*y_true \[3\].*y_pred \[4, 3\]/],
    ['MeanAbsoluteError class', () => new losses.MeanAbsoluteError().apply(ops.zeros([2, 7]), ops.zeros([2, 6])), /"mean_absolute_error".*\[2, 7\].*\[2, 6\]/],
    ['axis out of range', () => losses.categoricalCrossentropy(ops.zeros([2, 3]), ops.zeros([2, 3]), { axis: 2 }), /axis 2 is out of range/],
  ])('%s', (_, f, message) => {
    const before = numTensors();
    expect(f).toThrow(ValueError);
    expect(f).toThrow(message);
    // Only the inputs built inside f (two per call, two calls) remain.
    expect(numTensors() - before).toBeLessThanOrEqual(4);
  });
});

describe('no leaks', () => {
  it('every function and class leaves only its result', async () => {
    const t = tensor([[0, 1, 0], [1, 0, 0]]);
    const p = tensor([[0.2, 0.7, 0.1], [0.6, 0.3, 0.1]]);
    const labels = tensor([1, 0], [2], 'int32');
    const w = tensor([1, 2]);
    await expectNoLeaks(() => {
      for (const name of losses.functionRegistry.names()) {
        const fn = losses.get(name) as losses.LossFunction;
        dispose(fn(name === 'sparse_categorical_crossentropy' ? labels : t, p, name === 'sparse_categorical_crossentropy' ? { ignoreClass: 0 } : undefined));
      }
      for (const name of losses.registry.names().filter((n) => n !== 'LossFunctionWrapper')) {
        const loss = losses.get(name) as losses.Loss;
        dispose(loss.apply(name === 'SparseCategoricalCrossentropy' ? labels : t, p, w));
      }
    });
    dispose([t, p, labels, w]);
  });
});

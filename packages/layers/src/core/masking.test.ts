import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { grads, numTensors, ops, tidy, type Tensor } from '@strata/core';
import { checkGradients, expectTensorsClose, runLayerTest } from '@strata/test-utils';
import {
  Add, clearSession, Dense, Flatten, getKerasMask, Identity, Input, KerasTensor, Masking, serialize, deserialize, setKerasMask,
} from '../index.js';

beforeEach(() => clearSession());
afterEach(() => vi.restoreAllMocks());

/** [2, 3, 2]: sample 0 step 1 and sample 1 step 2 are all zeros. */
const X = [[[1, 2], [0, 0], [0, 3]], [[4, 5], [6, 0], [0, 0]]];

describe('Masking', () => {
  it('zeroes the masked steps and attaches a [batch, steps] mask', () => {
    const layer = new Masking();
    tidy(() => {
      const y = layer.apply(ops.tensor(X)) as Tensor;
      expectTensorsClose(y, X);
      expect((getKerasMask(y) as Tensor).arraySync()).toEqual([[1, 0, 1], [1, 1, 0]]);
      const other = new Masking({ maskValue: 7 }).apply(ops.tensor([[[7, 7], [7, 1]]])) as Tensor;
      expectTensorsClose(other, [[[0, 0], [7, 1]]]);
      expect((getKerasMask(other) as Tensor).arraySync()).toEqual([[0, 1]]);
    });
    expect(layer.supportsMasking).toBe(true);
    expect(layer.built).toBe(true);
  });

  it('round-trips its config, keeps symbolic shapes, frees everything but its output and mask', () => {
    const layer = new Masking({ maskValue: -1, name: 'pad' });
    expect(deserialize(JSON.parse(JSON.stringify(serialize(layer)))).getConfig()).toEqual(layer.getConfig());
    expect(layer.getConfig()).toMatchObject({ name: 'pad', maskValue: -1 });
    expect(layer.apply(Input({ shape: [null, 4] })).shape).toEqual([null, null, 4]);
    const x = ops.tensor(X);
    const before = numTensors();
    const y = layer.apply(x) as Tensor;
    expect(numTensors() - before).toBe(2);
    (getKerasMask(y) as Tensor).dispose();
    y.dispose();
    x.dispose();
  });

  it('has gradients: the identity on kept steps, zero on masked ones', () => {
    const layer = new Masking();
    checkGradients((x) => layer.apply(x) as Tensor, [ops.tensor([[[0.5, -1.2], [2.0, 0.3]]])]);
    tidy(() => {
      const [g] = grads((x: Tensor) => ops.sum(layer.apply(x) as Tensor))([ops.tensor(X)]);
      expectTensorsClose(g!, [[[1, 1], [0, 0], [1, 1]], [[1, 1], [1, 1], [0, 0]]]);
    });
  });

  it('propagates its mask through layers that support masking, and warns when one drops it', () => {
    tidy(() => {
      const masked = new Masking().apply(ops.tensor(X)) as Tensor;
      const mask = getKerasMask(masked);
      const dense = new Dense({ units: 3 }).apply(masked) as Tensor;
      expect(getKerasMask(dense)).toBe(mask);
      const summed = new Add().apply([dense, dense]) as Tensor;
      expect((getKerasMask(summed) as Tensor).arraySync()).toEqual([[1, 0, 1], [1, 1, 0]]);
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const flat = new Flatten().apply(summed) as Tensor;
      expect(getKerasMask(flat)).toBeNull();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('does not support masking and will therefore destroy the mask'));
    });
  });
});

describe('Identity', () => {
  it('passes the standard layer checks', () => {
    runLayerTest({
      layerClass: Identity, init: {}, inputShape: [2, 3], expectedOutputShape: [2, 3], expectedTrainableWeights: 0,
      expectedNonTrainableWeights: 0, supportsMasking: true, assertBuiltAfterInstantiation: true,
    });
  });

  it('returns its inputs (any structure) and their masks unchanged', () => {
    tidy(() => {
      const x = ops.ones([2, 3]);
      const mask = ops.tensor([true, false]);
      setKerasMask(x, mask);
      const layer = new Identity();
      const y = layer.apply(x);
      expect(y).toBe(x);
      expect(getKerasMask(y)).toBe(mask);
      const pair = [ops.zeros([1]), ops.ones([2])];
      expect(layer.apply(pair)).toEqual(pair);
    });
    const sym = new Identity().apply([Input({ shape: [3] }), Input({ shape: [2], dtype: 'int32' })]) as unknown as KerasTensor[];
    expect(sym.map((t) => [t.shape, t.dtype])).toEqual([[[null, 3], 'float32'], [[null, 2], 'int32']]);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { ops, tidy, type Tensor } from '@strata/core';
import { describeEachBackend, expectTensorsClose, runLayerTest } from '@strata/test-utils';
import { clearSession, GroupNormalization, Input, LayerNormalization, UnitNormalization, type Layer } from '../index.js';

beforeEach(() => clearSession());

type LayerClass = new (args?: any) => Layer;

describeEachBackend('LayerNormalization, GroupNormalization, UnitNormalization', () => {
  it.each<[string, LayerClass, Record<string, unknown>, number[], number]>([
    ['LayerNormalization', LayerNormalization, {}, [2, 3, 4], 2],
    ['LayerNormalization over axes [1, 2]', LayerNormalization, { axis: [1, 2] }, [2, 3, 4], 2],
    ['LayerNormalization, rmsScaling', LayerNormalization, { rmsScaling: true }, [2, 5], 1],
    ['LayerNormalization, no center or scale', LayerNormalization, { center: false, scale: false, epsilon: 0.01 }, [2, 5], 0],
    ['GroupNormalization, 2 groups', GroupNormalization, { groups: 2 }, [2, 3, 3, 4], 2],
    ['GroupNormalization, channels first', GroupNormalization, { groups: 2, axis: 1 }, [2, 4, 3], 2],
    ['GroupNormalization, instance (-1)', GroupNormalization, { groups: -1, center: false }, [2, 5, 3], 1],
    ['UnitNormalization', UnitNormalization, {}, [2, 5], 0],
    ['UnitNormalization over axes [1, 2]', UnitNormalization, { axis: [1, 2] }, [2, 3, 4], 0],
  ])('%s passes the standard layer checks', (_, layerClass, init, inputShape, trainable) => {
    runLayerTest({
      layerClass: layerClass as never, init, inputShape, expectedOutputShape: inputShape,
      expectedTrainableWeights: trainable, expectedNonTrainableWeights: 0, supportsMasking: true,
    });
  });
});

/** Per-row normalization on the host: (v - mean) / sqrt(var + eps). */
function normalizeRow(row: number[], eps: number): number[] {
  const mean = row.reduce((a, b) => a + b, 0) / row.length;
  const variance = row.reduce((a, v) => a + (v - mean) ** 2, 0) / row.length;
  return row.map((v) => (v - mean) / Math.sqrt(variance + eps));
}

describe('normalization layers: formulas', () => {
  it('LayerNormalization normalizes each sample over its axes, the same in training and inference', () => {
    const rows = [[1, 2, 3, 6], [-2, 0, 4, 10]];
    const ln = new LayerNormalization({ gammaInitializer: { className: 'Constant', config: { value: 2 } }, betaInitializer: 'ones' });
    tidy(() => {
      const expected = rows.map((r) => normalizeRow(r, 1e-3).map((v) => 2 * v + 1));
      expectTensorsClose(ln.apply(ops.tensor(rows)) as Tensor, expected, { atol: 1e-5 });
      expectTensorsClose(ln.apply(ops.tensor(rows), { training: true }) as Tensor, expected, { atol: 1e-5 });
    });
    expect(ln.getConfig().axis).toEqual([-1]);
    expect(new LayerNormalization().getConfig().axis).toBe(-1);
    ln.dispose();
  });

  it('LayerNormalization rmsScaling divides by sqrt(variance + epsilon) without centering (Keras 3.15)', () => {
    const row = [1, 2, 3, 6];
    const mean = 3;
    const variance = row.reduce((a, v) => a + (v - mean) ** 2, 0) / 4;
    const ln = new LayerNormalization({ rmsScaling: true });
    tidy(() => expectTensorsClose(ln.apply(ops.tensor([row])) as Tensor, [row.map((v) => v / Math.sqrt(variance + 1e-3))], { atol: 1e-5 }));
    expect(ln.weights.map((w) => w.name)).toEqual(['gamma']);
    ln.dispose();
  });

  it('GroupNormalization normalizes each group of channels over the group and the other axes', () => {
    // [1, 2 steps, 4 channels], 2 groups: channels {0, 1} and {2, 3}.
    const x = [[[1, 2, 10, 20], [3, 6, 30, 50]]];
    const g0 = normalizeRow([1, 2, 3, 6], 1e-3);
    const g1 = normalizeRow([10, 20, 30, 50], 1e-3);
    const gn = new GroupNormalization({ groups: 2 });
    tidy(() => expectTensorsClose(gn.apply(ops.tensor(x)) as Tensor, [[[g0[0]!, g0[1]!, g1[0]!, g1[1]!], [g0[2]!, g0[3]!, g1[2]!, g1[3]!]]], { atol: 1e-5 }));
    gn.dispose();
    const instance = new GroupNormalization({ groups: -1 });
    instance.apply(Input({ shape: [5, 6] }));
    expect(instance.groups).toBe(6);
    expect(instance.getConfig().groups).toBe(6);
    instance.dispose();
  });

  it('UnitNormalization scales to unit L2 norm and keeps zeros', () => {
    tidy(() => {
      expectTensorsClose(new UnitNormalization().apply(ops.tensor([[3, 4], [0, 0]])) as Tensor, [[0.6, 0.8], [0, 0]]);
      const y = new UnitNormalization({ axis: [1, 2] }).apply(ops.tensor([[[1, 1], [1, 1]]])) as Tensor;
      expectTensorsClose(y, [[[0.5, 0.5], [0.5, 0.5]]]);
    });
  });

  it('rejects bad arguments with Keras messages', () => {
    expect(() => new GroupNormalization({ groups: 0 })).toThrow('Received an invalid value for argument "groups", expected a positive integer (or -1 for instance normalization). Received: groups=0');
    expect(() => new GroupNormalization({ groups: 3 }).apply(Input({ shape: [4] }))).toThrow('Number of groups (3) must be a divisor of the number of channels (4).');
    expect(() => new GroupNormalization({ groups: 8 }).apply(Input({ shape: [4] }))).toThrow('Number of groups (8) cannot be more than the number of channels (4).');
    expect(() => new LayerNormalization({ axis: 'x' as never })).toThrow('Expected an int or a list of ints for the argument "axis"');
    expect(() => new UnitNormalization({ axis: 3 }).computeOutputShape([null, 4])).toThrow('Axis 3 is out of bounds for input shape [null, 4].');
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { fromKerasJson, ops, tidy, type Tensor } from '@strata/core';
import { describeEachBackend, expectTensorsClose, runLayerTest } from '@strata/test-utils';
import {
  clearSession, deserialize, ELU, Input, LeakyReLU, PReLU, ReLU, Softmax, ThresholdedReLU, type Layer, type SerializedLayer,
} from '../index.js';

beforeEach(() => clearSession());

type LayerClass = new (args?: any) => Layer;
const X = [-3, -1.5, -0.2, 0.3, 0.8, 1.2, 2.5, 7];

describeEachBackend('activation layers', () => {
  it.each<[string, LayerClass, Record<string, unknown>, number[]]>([
    ['ReLU', ReLU, {}, [2, 3]],
    ['ReLU with every argument', ReLU, { maxValue: 1.5, negativeSlope: 0.2, threshold: 0.5 }, [2, 3]],
    ['LeakyReLU', LeakyReLU, { negativeSlope: 0.1 }, [2, 3]],
    ['ELU', ELU, { alpha: 0.5 }, [2, 3]],
    ['Softmax on axis 1', Softmax, { axis: 1 }, [2, 3, 4]],
    ['Softmax on axes [1, 2]', Softmax, { axis: [1, 2] }, [2, 3, 4]],
    ['ThresholdedReLU', ThresholdedReLU, { theta: 0.5 }, [2, 3]],
  ])('%s passes the standard layer checks', (_, layerClass, init, inputShape) => {
    runLayerTest({
      layerClass: layerClass as never, init, inputShape, expectedOutputShape: inputShape,
      expectedTrainableWeights: 0, expectedNonTrainableWeights: 0, supportsMasking: true, assertBuiltAfterInstantiation: true,
    });
  });

  it.each<[string, Record<string, unknown>, number[]]>([
    ['PReLU', {}, [2, 3, 4]],
    ['PReLU with shared axes and an initializer', { sharedAxes: [1, 2], alphaInitializer: { className: 'Constant', config: { value: 0.25 } } }, [2, 3, 4]],
  ])('%s passes the standard layer checks', (_, init, inputShape) => {
    runLayerTest({
      layerClass: PReLU, init, inputShape, expectedOutputShape: inputShape,
      expectedTrainableWeights: 1, expectedNonTrainableWeights: 0, supportsMasking: true,
    });
  });
});

describe('activation layers: formulas', () => {
  it.each<[string, () => Layer, (x: number) => number]>([
    ['ReLU', () => new ReLU(), (x) => Math.max(x, 0)],
    ['ReLU maxValue 1', () => new ReLU({ maxValue: 1 }), (x) => Math.min(Math.max(x, 0), 1)],
    ['ReLU threshold 1 and slope 0.1', () => new ReLU({ threshold: 1, negativeSlope: 0.1 }), (x) => (x > 1 ? x : 0.1 * (x - 1))],
    ['LeakyReLU (default slope 0.3)', () => new LeakyReLU(), (x) => (x >= 0 ? x : 0.3 * x)],
    ['ELU alpha 0.5', () => new ELU({ alpha: 0.5 }), (x) => (x > 0 ? x : 0.5 * Math.expm1(x))],
    ['ThresholdedReLU (default theta 1)', () => new ThresholdedReLU(), (x) => (x > 1 ? x : 0)],
  ])('%s', (_, make, f) => {
    tidy(() => expectTensorsClose(make().apply(ops.tensor([X])) as Tensor, [X.map(f)], { atol: 1e-6 }));
  });

  it('PReLU multiplies negative inputs by its learned slopes, shared along sharedAxes', () => {
    const prelu = new PReLU({ sharedAxes: [1] });
    const x = ops.tensor([[[-1, 2], [-3, -4]]]);
    prelu.apply(Input({ shape: [2, 2] }));
    expect(prelu.alpha.shape).toEqual([1, 2]);
    tidy(() => {
      prelu.alpha.assign(ops.tensor([[0.5, 0.1]]));
      expectTensorsClose(prelu.apply(x) as Tensor, [[[-0.5, 2], [-1.5, -0.4]]]);
    });
    expect(() => tidy(() => prelu.apply(ops.ones([1, 2, 3])))).toThrow(/expected axis 2 of input shape to have value 2/);
    x.dispose();
    prelu.dispose();
  });

  it('Softmax normalizes over several axes and honours a mask as Keras (large negative, then 0)', () => {
    tidy(() => {
      const x = ops.tensor([[[1, 2], [3, 4]]]);
      const y = new Softmax({ axis: [1, 2] }).apply(x) as Tensor;
      const e = [1, 2, 3, 4].map(Math.exp);
      const s = e.reduce((a, b) => a + b, 0);
      expectTensorsClose(y, [[[e[0]! / s, e[1]! / s], [e[2]! / s, e[3]! / s]]]);
      const masked = new Softmax().apply(ops.tensor([[1, 1, 5]]), { mask: ops.tensor([[true, true, false]]) }) as Tensor;
      expectTensorsClose(masked, [[0.5, 0.5, 0]]);
      // Float masks count as true above 0.5; a [batch, 1, n] mask broadcasts over the rows.
      const rows = new Softmax().apply(ops.zeros([1, 2, 4]), { mask: ops.tensor([[[1, 1, 0, 0]]]) }) as Tensor;
      expectTensorsClose(rows, [[[0.5, 0.5, 0, 0], [0.5, 0.5, 0, 0]]]);
    });
    expect(() => tidy(() => new Softmax().apply(ops.ones([2, 3]), { mask: ops.ones([2, 4]) }))).toThrow(/the mask must be broadcastable to the inputs.*inputs.shape=\[2, 3\], mask.shape=\[2, 4\]/);
  });

  it('LeakyReLU loads a Keras 2 config that says alpha', () => {
    const layer = deserialize(fromKerasJson({ class_name: 'LeakyReLU', config: { name: 'leaky', trainable: true, dtype: 'float32', alpha: 0.2 } }) as unknown as SerializedLayer) as LeakyReLU;
    expect(layer.negativeSlope).toBe(0.2);
    expect(layer.getConfig()).toMatchObject({ negativeSlope: 0.2 });
    expect(layer.getConfig()).not.toHaveProperty('alpha');
  });

  it('ThresholdedReLU loads a Keras 2 config', () => {
    const layer = deserialize(fromKerasJson({ class_name: 'ThresholdedReLU', config: { name: 'thresholded_re_lu', trainable: true, dtype: 'float32', theta: 0.5 } }) as unknown as SerializedLayer);
    expect(layer).toBeInstanceOf(ThresholdedReLU);
    tidy(() => expectTensorsClose(layer.apply(ops.tensor([0.4, 0.5, 0.6])) as Tensor, [0, 0, 0.6]));
  });

  it('names layers as Keras does', () => {
    expect([new ReLU(), new LeakyReLU(), new PReLU(), new ELU(), new ThresholdedReLU()].map((l) => l.name)).toEqual(['re_lu', 'leaky_re_lu', 'p_re_lu', 'elu', 'thresholded_re_lu']);
  });

  it('rejects invalid arguments with Keras messages', () => {
    expect(() => new ReLU({ maxValue: -1 })).toThrow('maxValue of a ReLU layer cannot be a negative value. Received: maxValue=-1');
    expect(() => new ReLU({ negativeSlope: -0.1 })).toThrow('negativeSlope of a ReLU layer cannot be null or a negative value');
    expect(() => new ReLU({ threshold: -1 })).toThrow('threshold of a ReLU layer cannot be null or a negative value');
    expect(() => new LeakyReLU({ negativeSlope: -1 })).toThrow('The negativeSlope value of a Leaky ReLU layer cannot be null or negative value');
    expect(() => new ThresholdedReLU({ theta: -1 })).toThrow('The theta value of a Thresholded ReLU layer should be >= 0. Received: theta=-1');
    expect(() => new Softmax({ axis: 1.5 })).toThrow('Argument "axis" of Softmax must be an integer or a list of integers');
    expect(() => new PReLU({ sharedAxes: [0] })).toThrow('Argument "sharedAxes" of PReLU must hold axes ≥ 1');
  });
});

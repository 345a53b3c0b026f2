import { beforeEach, describe, expect, it } from 'vitest';
import { fromKerasJson, grads, ops, tidy, toKerasJson, variableGrads, type Tensor } from '@strata/core';
import {
  compareGolden, describeEachBackend, goldenTensor, goldenTolerance, kerasGolden, listKerasGolden, runLayerTest,
} from '@strata/test-utils';
import { clearSession, deserialize, Dense, Input, type SerializedLayer } from '../index.js';

beforeEach(() => clearSession());

function expectGolden(actual: Tensor, expected: { shape: number[]; data: ArrayLike<number> }, tol: { atol: number; rtol: number }, what: string): void {
  const r = compareGolden(actual.dataSync(), actual.shape, expected as never, tol);
  expect(r.ok, `${what}: ${r.message}`).toBe(true);
}

describeEachBackend('Dense vs Keras fixtures', () => {
  it.each(listKerasGolden('layers/dense/'))('%s: Keras outputs, gradients, losses, parameter counts and config', (name) => {
    const c = kerasGolden(name);
    const tol = goldenTolerance(name);
    const layer = deserialize(fromKerasJson(c.serialized) as unknown as SerializedLayer) as Dense;
    expect(layer).toBeInstanceOf(Dense);
    expect(layer.built).toBe(true);
    const weights = c.weights.map((w) => goldenTensor(w.value));
    layer.setWeights(weights);
    expect(layer.weights.map((w) => w.path)).toEqual(c.weights.map((w) => w.path));
    const x = goldenTensor(c.inputs[0]!);
    const y = layer.apply(x) as Tensor;
    expect(y.shape).toEqual(c.output_shape);
    expectGolden(y, c.output, tol, 'output');
    const losses = layer.losses;
    expect(losses.map((l) => l.dataSync()[0])).toEqual(c.losses.map((v) => expect.closeTo(v, 6)));
    expect(layer.countParams()).toBe(c.params.total);
    expect(layer.computeOutputShape([null, ...x.shape.slice(1)])).toEqual(c.computed_output_shape);
    expect(JSON.parse(JSON.stringify(toKerasJson(layer.getConfig())))).toEqual(c.config);

    const cot = goldenTensor(c.cotangent);
    const objective = (): Tensor => ops.sum(ops.mul(layer.apply(x, { training: false }) as Tensor, cot));
    const gradTol = goldenTolerance(name, 'grad');
    const [dx] = grads((input: Tensor) => ops.sum(ops.mul(layer.apply(input) as Tensor, cot)))([x]);
    expectGolden(dx!, c.grads.inputs[0]!, gradTol, 'd/dx');
    const { value, grads: dw } = variableGrads(objective as () => never, layer.trainableWeights.map((w) => w.value));
    layer.trainableWeights.forEach((w, i) => expectGolden(dw[w.value.name]!, c.grads.weights[i]!, gradTol, `d/d ${w.path}`));
    for (const t of [...weights, x, y, ...losses, cot, dx!, value, ...Object.values(dw)]) t.dispose();
    layer.dispose();
  });
});

describe('Dense', () => {
  it.each<[string, Record<string, unknown>, number[], Array<number | null>]>([
    ['rank 2', { units: 3 }, [2, 4], [2, 3]],
    ['rank 3 (applied to the last axis)', { units: 5, activation: 'tanh' }, [2, 3, 4], [2, 3, 5]],
    ['no bias, relu', { units: 2, useBias: false, activation: 'relu' }, [3, 6], [3, 2]],
  ])('passes the standard layer checks: %s', (_, init, inputShape, expectedOutputShape) => {
    runLayerTest({
      layerClass: Dense, init, inputShape, expectedOutputShape,
      expectedTrainableWeights: init.useBias === false ? 1 : 2, expectedNonTrainableWeights: 0, supportsMasking: true,
    });
  });

  it('adds an activity-regularization loss per call', () => {
    runLayerTest({
      layerClass: Dense, init: { units: 2, activityRegularizer: 'l2' }, inputShape: [3, 4],
      expectedOutputShape: [3, 2], expectedNumLosses: 1,
    });
  });

  it('has 50,240 parameters on 784 inputs with 64 units', () => {
    const dense = new Dense({ units: 64 });
    dense.apply(Input({ shape: [784] }));
    expect(dense.countParams()).toBe(50240);
    dense.dispose();
  });

  it('rejects bad arguments with Keras messages', () => {
    expect(() => new Dense({ units: 0 })).toThrow('Received an invalid value for argument "units", expected a positive integer. Received: units=0');
    expect(() => new Dense({ units: 2, activation: 'nope' })).toThrow(/Unknown activation: "nope"\. Accepted names: .*relu/);
    expect(() => new Dense({ units: 2, kernelInitializer: 'nope' })).toThrow(/Unknown initializer: "nope"\. Accepted names: .*GlorotUniform/);
  });

  it('accepts identifiers in every spelling', () => {
    const a = new Dense({ units: 1, kernelInitializer: 'glorot_normal', kernelRegularizer: 'l1_l2', activation: 'hardSigmoid' });
    const config = a.getConfig() as Record<string, { className?: string } | string>;
    expect((config.kernelInitializer as { className: string }).className).toBe('GlorotNormal');
    expect((config.kernelRegularizer as { className: string }).className).toBe('L1L2');
    expect(config.activation).toBe('hard_sigmoid');
  });

  it('computes integer inputs in float32', () => {
    const dense = new Dense({ units: 1, kernelInitializer: 'ones' });
    tidy(() => {
      const y = dense.apply(ops.tensor([[1, 2]], undefined, 'int32')) as Tensor;
      expect(y.dtype).toBe('float32');
      expect(Array.from(y.dataSync())).toEqual([3]);
    });
    dense.dispose();
  });

  it('computes with the kernel and bias on rank-3 inputs as a matmul over the last axis', () => {
    const dense = new Dense({ units: 2, kernelInitializer: 'ones', biasInitializer: 'ones' });
    tidy(() => {
      const y = dense.apply(ops.tensor([[[1, 2, 3]], [[4, 5, 6]]])) as Tensor;
      expect(y.shape).toEqual([2, 1, 2]);
      expect(Array.from(y.dataSync())).toEqual([7, 7, 16, 16]);
    });
    dense.dispose();
  });
});

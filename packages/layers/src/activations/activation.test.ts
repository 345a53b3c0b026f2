import { beforeEach, describe, expect, it } from 'vitest';
import { fromKerasJson, grads, ops, tidy, toKerasJson, type Tensor } from '@strata/core';
import { compareGolden, goldenTensor, goldenTolerance, kerasGolden, listKerasGolden, runLayerTest } from '@strata/test-utils';
import { Activation, clearSession, deserialize, type SerializedLayer } from '../index.js';

beforeEach(() => clearSession());

describe.each(listKerasGolden('layers/activation/'))('%s (Keras fixture)', (name) => {
  it('gives Keras outputs, input gradients and config', () => {
    const c = kerasGolden(name);
    const tol = goldenTolerance(name);
    const layer = deserialize(fromKerasJson(c.serialized) as unknown as SerializedLayer) as Activation;
    tidy(() => {
      const x = goldenTensor(c.inputs[0]!);
      const y = layer.apply(x) as Tensor;
      const r = compareGolden(y.dataSync(), y.shape, c.output, tol);
      expect(r.ok, r.message).toBe(true);
      const cot = goldenTensor(c.cotangent);
      const [dx] = grads((input: Tensor) => ops.sum(ops.mul(layer.apply(input) as Tensor, cot)))([x]);
      const g = compareGolden(dx!.dataSync(), dx!.shape, c.grads.inputs[0]!, goldenTolerance(name, 'grad'));
      expect(g.ok, g.message).toBe(true);
    });
    expect(JSON.parse(JSON.stringify(toKerasJson(layer.getConfig())))).toEqual(c.config);
  });
});

describe('Activation', () => {
  it.each(['relu', 'tanh', 'softmax', 'gelu'])('passes the standard layer checks with %s', (activation) => {
    runLayerTest({
      layerClass: Activation, init: { activation }, inputShape: [2, 5], expectedOutputShape: [2, 5],
      expectedTrainableWeights: 0, expectedNonTrainableWeights: 0, supportsMasking: true, assertBuiltAfterInstantiation: true,
    });
  });

  it('lists the accepted names for an unknown activation', () => {
    expect(() => new Activation({ activation: 'reluu' })).toThrow(/Unknown activation: "reluu"\. Accepted names: .*relu, relu6/);
  });
});

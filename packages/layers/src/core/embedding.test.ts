import { beforeEach, describe, expect, it } from 'vitest';
import { fromKerasJson, ops, tidy, variableGrads, type Tensor } from '@strata/core';
import { describeEachBackend, expectTensorsClose, runLayerTest } from '@strata/test-utils';
import { clearSession, Concatenate, deserialize, Embedding, getKerasMask, Input, type SerializedLayer } from '../index.js';

beforeEach(() => clearSession());

const IDS = [[1, 2, 0], [2, 2, 3]];

describeEachBackend('Embedding', () => {
  it.each<[string, Record<string, unknown>]>([
    ['default', { inputDim: 5, outputDim: 4 }],
    ['with a regularizer and a constraint', { inputDim: 5, outputDim: 2, embeddingsRegularizer: 'l2', embeddingsConstraint: 'unit_norm' }],
  ])('passes the standard layer checks: %s', (_, init) => {
    runLayerTest({
      layerClass: Embedding, init, inputShape: [2, 3], inputDtype: 'int32',
      expectedOutputShape: [2, 3, init.outputDim as number], expectedOutputDtype: 'float32',
      expectedTrainableWeights: 1, expectedNonTrainableWeights: 0, supportsMasking: false,
    });
  });

  it('looks up rows and accumulates the gradient of repeated ids into their rows', () => {
    const emb = new Embedding({ inputDim: 4, outputDim: 2 });
    emb.build([null, 3]);
    tidy(() => {
      emb.embeddings.assign(ops.tensor([[0, 0], [1, 10], [2, 20], [3, 30]]));
      const ids = ops.tensor(IDS, undefined, 'int32');
      expectTensorsClose(emb.apply(ids) as Tensor, IDS.map((r) => r.map((i) => [i, 10 * i])));
      const cot = ops.tensor([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]);
      const { grads } = variableGrads(() => ops.sum(ops.mul(emb.apply(ids) as Tensor, cot)) as never, [emb.embeddings.value]);
      // Row 2 appears three times: (3, 4) + (7, 8) + (9, 10).
      expectTensorsClose(grads[emb.embeddings.value.name]!, [[5, 6], [1, 2], [19, 22], [11, 12]]);
    });
    emb.dispose();
  });

  it('adds its regularizer\'s penalty to the losses', () => {
    const emb = new Embedding({ inputDim: 3, outputDim: 2, embeddingsInitializer: 'ones', embeddingsRegularizer: { className: 'L2', config: { l2: 0.5 } } });
    tidy(() => {
      emb.apply(ops.tensor([[0, 1]], undefined, 'int32'));
      expect(emb.losses.map((l) => l.dataSync()[0])).toEqual([3]);
    });
    emb.dispose();
  });
});

describe('Embedding: masks, dtypes and configs', () => {
  it('with maskZero, masks the padding ids and the mask reaches layers that support masks', () => {
    const emb = new Embedding({ inputDim: 5, outputDim: 2, maskZero: true });
    expect(emb.supportsMasking).toBe(true);
    tidy(() => {
      const y = emb.apply(ops.tensor(IDS, undefined, 'int32')) as Tensor;
      const mask = getKerasMask(y) as Tensor;
      expect(mask.dtype).toBe('bool');
      expect(mask.arraySync()).toEqual([[1, 1, 0], [1, 1, 1]]);
      const joined = new Concatenate().apply([y, y]) as Tensor;
      expect((getKerasMask(joined) as Tensor).arraySync()).toEqual([[1, 1, 0], [1, 1, 1]]);
    });
    tidy(() => {
      expect(getKerasMask(new Embedding({ inputDim: 5, outputDim: 2 }).apply(ops.tensor(IDS, undefined, 'int32')))).toBeNull();
    });
  });

  it('casts float ids to int32 and outputs float32', () => {
    const emb = new Embedding({ inputDim: 3, outputDim: 1, embeddingsInitializer: { className: 'Constant', config: { value: 7 } } });
    tidy(() => {
      const y = emb.apply(ops.tensor([[0, 2]])) as Tensor;
      expect(y.dtype).toBe('float32');
      expect(Array.from(y.dataSync())).toEqual([7, 7]);
    });
    expect(emb.apply(Input({ shape: [null], dtype: 'int32' })).dtype).toBe('float32');
    expect(emb.apply(Input({ shape: [null], dtype: 'int32' })).shape).toEqual([null, null, 1]);
  });

  it('defaults to RandomUniform(-0.05, 0.05), and loads a Keras 2 config with input_length', () => {
    const emb = new Embedding({ inputDim: 100, outputDim: 8 });
    expect(emb.getConfig().embeddingsInitializer).toMatchObject({ className: 'RandomUniform', config: { minval: -0.05, maxval: 0.05 } });
    emb.build([null, 4]);
    const values = Array.from(emb.embeddings.value.dataSync());
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(0.05);
    const keras2 = { class_name: 'Embedding', config: { name: 'emb', input_dim: 10, output_dim: 3, input_length: 5, mask_zero: true, trainable: true, dtype: 'float32' } };
    const loaded = deserialize(fromKerasJson(keras2) as unknown as SerializedLayer) as Embedding;
    expect([loaded.inputDim, loaded.outputDim, loaded.maskZero]).toEqual([10, 3, true]);
    expect(loaded.getConfig()).not.toHaveProperty('inputLength');
  });

  it('rejects bad dimensions with Keras messages', () => {
    expect(() => new Embedding({ inputDim: 0, outputDim: 2 })).toThrow('"inputDim" must be a positive integer. Received: inputDim=0');
    expect(() => new Embedding({ inputDim: 3, outputDim: 1.5 })).toThrow('"outputDim" must be a positive integer. Received: outputDim=1.5');
  });
});

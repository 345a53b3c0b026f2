import { beforeEach, describe, expect, it } from 'vitest';
import { fromKerasJson, NotImplementedError, numTensors, ops, tidy, variableGrads, type Tensor } from '@strata/core';
import { checkGradients, describeEachBackend, expectTensorsClose, runLayerTest } from '@strata/test-utils';
import { BatchNormalization, clearSession, deserialize, Input, setKerasMask, type SerializedLayer } from '../index.js';

beforeEach(() => clearSession());

/** A [4, 3] batch and its per-feature (biased) mean and variance, computed on the host. */
const X = [[1, -2, 0.5], [3, 0, 1.5], [-1, 4, 2.5], [5, 2, -0.5]];
const column = (j: number): number[] => X.map((r) => r[j]!);
const MEAN = [0, 1, 2].map((j) => column(j).reduce((a, b) => a + b, 0) / 4);
const VAR = [0, 1, 2].map((j) => column(j).reduce((a, v) => a + (v - MEAN[j]!) ** 2, 0) / 4);

function values(t: Tensor): number[] {
  return Array.from(t.dataSync());
}

describeEachBackend('BatchNormalization', () => {
  it.each<[string, Record<string, unknown>, number[], number]>([
    ['default, dense inputs', {}, [4, 3], 2],
    ['axis 1 (channels first)', { axis: 1 }, [2, 3, 2, 2], 2],
    ['no center, no scale', { center: false, scale: false }, [4, 3], 0],
    ['momentum and epsilon, with regularizers', { momentum: 0.9, epsilon: 0.01, gammaRegularizer: 'l2', betaConstraint: 'non_neg' }, [3, 2, 4], 2],
  ])('passes the standard layer checks: %s', (_, init, inputShape, trainable) => {
    runLayerTest({
      layerClass: BatchNormalization, init, inputShape, expectedOutputShape: inputShape,
      expectedTrainableWeights: trainable, expectedNonTrainableWeights: 2, supportsMasking: true, trainingModes: [false, true],
    });
  });

  it('in training, normalizes with the batch statistics and updates the moving ones with momentum 0.99', () => {
    const bn = new BatchNormalization();
    tidy(() => {
      const y = bn.apply(ops.tensor(X), { training: true }) as Tensor;
      const expected = X.map((r) => r.map((v, j) => (v - MEAN[j]!) / Math.sqrt(VAR[j]! + 1e-3)));
      expectTensorsClose(y, expected, { atol: 1e-5 });
      expectTensorsClose(bn.movingMean.value, MEAN.map((m) => 0 * 0.99 + m * 0.01), { atol: 1e-6 });
      expectTensorsClose(bn.movingVariance.value, VAR.map((v) => 1 * 0.99 + v * 0.01), { atol: 1e-6 });
      bn.apply(ops.tensor(X), { training: true });
      const mean2 = MEAN.map((m) => m * 0.01 * 0.99 + m * 0.01);
      const var2 = VAR.map((v) => (0.99 + v * 0.01) * 0.99 + v * 0.01);
      expectTensorsClose(bn.movingMean.value, mean2, { atol: 1e-6 });
      expectTensorsClose(bn.movingVariance.value, var2, { atol: 1e-6 });
    });
    bn.dispose();
  });

  it('in inference, uses the moving statistics, gamma, beta and epsilon 1e-3, and leaves the statistics alone', () => {
    const bn = new BatchNormalization();
    bn.build([null, 3]);
    const mm = [0.5, -1, 2];
    const mv = [2, 0.5, 1.5];
    const gamma = [1.5, 0.5, -1];
    const beta = [0.1, 0.2, 0.3];
    tidy(() => {
      bn.setWeights([ops.tensor(gamma), ops.tensor(beta), ops.tensor(mm), ops.tensor(mv)]);
      const expected = X.map((r) => r.map((v, j) => gamma[j]! * (v - mm[j]!) / Math.sqrt(mv[j]! + 1e-3) + beta[j]!));
      expectTensorsClose(bn.apply(ops.tensor(X)) as Tensor, expected, { atol: 1e-5 });
      expectTensorsClose(bn.apply(ops.tensor(X), { training: false }) as Tensor, expected, { atol: 1e-5 });
      expectTensorsClose(bn.movingMean.value, mm);
      expectTensorsClose(bn.movingVariance.value, mv);
    });
    bn.dispose();
  });

  it('runs in inference mode when frozen (trainable = false), even with training: true', () => {
    const bn = new BatchNormalization();
    bn.build([null, 3]);
    bn.trainable = false;
    tidy(() => {
      const y = bn.apply(ops.tensor(X), { training: true }) as Tensor;
      expectTensorsClose(y, X.map((r) => r.map((v) => v / Math.sqrt(1 + 1e-3))), { atol: 1e-5 });
      expectTensorsClose(bn.movingMean.value, [0, 0, 0]);
      expectTensorsClose(bn.movingVariance.value, [1, 1, 1]);
    });
    expect(bn.trainableWeights).toEqual([]);
    expect(bn.nonTrainableWeights).toHaveLength(4);
    bn.dispose();
  });

  it('updates the moving statistics during a training step (variableGrads over trainableWeights), once, without leaks', () => {
    const bn = new BatchNormalization({ momentum: 0.9 });
    const x = ops.tensor(X);
    const cot = ops.tensor([[1, 2, 3], [-1, 0.5, 2], [0, 1, -2], [3, -1, 1]]);
    bn.apply(x, { training: false }).dispose();
    const before = numTensors();
    const { value, grads } = variableGrads(
      () => ops.sum(ops.mul(bn.apply(x, { training: true }) as Tensor, cot)) as never,
      bn.trainableWeights.map((w) => w.value),
    );
    expectTensorsClose(bn.movingMean.value, MEAN.map((m) => m * 0.1), { atol: 1e-6 });
    expectTensorsClose(bn.movingVariance.value, VAR.map((v) => 0.9 + v * 0.1), { atol: 1e-6 });
    // d/dbeta = column sums of the cotangent; d/dgamma = sum of cotangent · normalized x.
    const xhat = X.map((r) => r.map((v, j) => (v - MEAN[j]!) / Math.sqrt(VAR[j]! + 1e-3)));
    const c = cot.arraySync() as number[][];
    expect(values(grads[bn.beta!.value.name]!)).toEqual([0, 1, 2].map((j) => expect.closeTo(c.reduce((s, r) => s + r[j]!, 0), 5)));
    expect(values(grads[bn.gamma!.value.name]!)).toEqual([0, 1, 2].map((j) => expect.closeTo(c.reduce((s, r, i) => s + r[j]! * xhat[i]![j]!, 0), 4)));
    value.dispose();
    for (const g of Object.values(grads)) g.dispose();
    expect(numTensors(), 'only the step\'s tensors were freed').toBe(before);
    x.dispose();
    cot.dispose();
    bn.dispose();
  });

  it('has training-mode gradients (through the batch moments) that match central differences', () => {
    const bn = new BatchNormalization({ axis: 1 });
    bn.build([null, 2, 3]);
    tidy(() => {
      bn.gamma!.assign(ops.tensor([1.5, -0.5]));
      bn.beta!.assign(ops.tensor([0.2, 0.1]));
      const x = ops.tensor([[[0.3, -1.2, 2.1], [1.1, 0.4, -0.7]], [[-0.9, 1.6, 0.2], [0.5, -1.3, 2.4]]]);
      checkGradients((input) => bn.apply(input, { training: true }) as Tensor, [x], { rtol: 2e-2, atol: 5e-3 });
    });
    bn.dispose();
  });

  it('computes the batch statistics over unmasked positions only when given a mask', () => {
    const bn = new BatchNormalization({ momentum: 0 });
    tidy(() => {
      // [1, 3, 2]: the middle step is masked out.
      const x = ops.tensor([[[1, 10], [100, -50], [3, 20]]]);
      setKerasMask(x, ops.tensor([[true, false, true]]));
      const y = bn.apply(x, { training: true }) as Tensor;
      expectTensorsClose(bn.movingMean.value, [2, 15], { atol: 1e-4 });
      expectTensorsClose(bn.movingVariance.value, [1, 25], { atol: 1e-4 });
      const row = (v: number, j: number): number => (v - [2, 15][j]!) / Math.sqrt([1, 25][j]! + 1e-3);
      const out = y.arraySync() as number[][][];
      expect(out[0]![0]).toEqual([expect.closeTo(row(1, 0), 4), expect.closeTo(row(10, 1), 4)]);
      expect(out[0]![2]).toEqual([expect.closeTo(row(3, 0), 4), expect.closeTo(row(20, 1), 4)]);
    });
    expect(() => tidy(() => bn.apply(ops.ones([1, 3, 2]), { training: true, mask: ops.ones([1, 3, 2], 'bool') })))
      .toThrow(/the mask provided should be one dimension less than the inputs. Received: mask.shape=\[1, 3, 2\], inputs.shape=\[1, 3, 2\]/);
    bn.dispose();
  });
});

describe('BatchNormalization: configs', () => {
  it('has Keras defaults', () => {
    const bn = new BatchNormalization();
    expect(bn.getConfig()).toMatchObject({
      axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true, synchronized: false, renorm: false, renormClipping: null, renormMomentum: 0.99,
    });
    bn.apply(Input({ shape: [5, 7] }));
    expect(bn.weights.map((w) => [w.path, w.shape, w.trainable])).toEqual([
      ['batch_normalization/gamma', [7], true], ['batch_normalization/beta', [7], true],
      ['batch_normalization/moving_mean', [7], false], ['batch_normalization/moving_variance', [7], false],
    ]);
  });

  it('loads a Keras 2 config (axis as a list, fused) as Keras 3 does, and supports several axes', () => {
    const config = {
      class_name: 'BatchNormalization',
      config: {
        name: 'bn', trainable: true, dtype: 'float32', axis: [3], momentum: 0.99, epsilon: 0.001, center: true, scale: true,
        beta_initializer: { class_name: 'Zeros', config: {} }, gamma_initializer: { class_name: 'Ones', config: {} },
        moving_mean_initializer: { class_name: 'Zeros', config: {} }, moving_variance_initializer: { class_name: 'Ones', config: {} },
        beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null,
      },
    };
    const bn = deserialize(fromKerasJson(config) as unknown as SerializedLayer) as BatchNormalization;
    expect(bn.axis).toBe(3);
    bn.apply(Input({ shape: [4, 4, 6] }));
    expect(bn.gamma!.shape).toEqual([6]);

    const multi = new BatchNormalization({ axis: [1, 3] });
    multi.build([null, 2, 4, 3]);
    expect(multi.movingMean.shape).toEqual([2, 3]);
    tidy(() => {
      const y = multi.apply(ops.ones([2, 2, 4, 3]), { training: true }) as Tensor;
      expect(y.shape).toEqual([2, 2, 4, 3]);
    });
    expect(multi.getConfig().axis).toEqual([1, 3]);
  });

  it('rejects what it does not support, and bad axes, with clear messages', () => {
    expect(() => new BatchNormalization({ renorm: true })).toThrow(NotImplementedError);
    expect(() => new BatchNormalization({ axis: 1.5 })).toThrow('Argument "axis" of BatchNormalization must be an integer or a list of integers');
    expect(() => new BatchNormalization({ axis: 4 }).apply(Input({ shape: [3] }))).toThrow(/axis 4 is out of bounds/i);
    const bn = new BatchNormalization({ name: 'bn' });
    bn.apply(Input({ shape: [3] }));
    expect(() => bn.apply(Input({ shape: [4] }))).toThrow(/Input 0 of layer "bn" is incompatible with the layer: expected axis 1 of input shape to have value 3/);
  });
});

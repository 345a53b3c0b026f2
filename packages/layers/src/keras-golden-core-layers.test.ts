/**
 * Every case of the Keras 3 fixtures (tools/keras-golden/gen_layers.py) for the core, merge, activation,
 * regularization and normalization layers: deserialized from Keras' own serialized envelope, given Keras' weights,
 * they must give Keras' inference (and, for BatchNormalization, training) outputs, masks, losses, gradients of
 * sum(output · cotangent) with respect to the float inputs and the trainable weights, parameter counts, computed
 * output shapes and config, on wasm and cpu, within the fixture tolerance table, leaving no tensor behind.
 */
import { beforeEach, expect, it } from 'vitest';
import { dispose, fromKerasJson, grads, numTensors, ops, toKerasJson, variableGrads, type Tensor } from '@strata/core';
import {
  compareGolden, describeEachBackend, goldenTensor, goldenTolerance, kerasGolden, listKerasGolden,
  type GoldenTensor, type LayerGolden,
} from '@strata/test-utils';
import { clearSession, deserialize, getKerasMask, registry, type Layer, type SerializedLayer } from './index.js';

beforeEach(() => clearSession());

type Tolerance = ReturnType<typeof goldenTolerance>;

const FAMILIES = [
  'reshape', 'permute', 'repeat_vector', 'activity_regularization', 'masking', 'identity', 'embedding',
  'spatial_dropout1d', 'spatial_dropout2d', 'spatial_dropout3d', 'gaussian_noise', 'gaussian_dropout', 'alpha_dropout',
  'add', 'subtract', 'multiply', 'average', 'maximum', 'minimum', 'concatenate', 'dot',
  'relu', 'leaky_relu', 'prelu', 'elu', 'softmax',
  'batch_normalization', 'layer_normalization', 'group_normalization', 'unit_normalization',
];
const CASES = FAMILIES.flatMap((f) => listKerasGolden(`layers/${f}/`));

function expectGolden(actual: Tensor, expected: GoldenTensor, tol: Tolerance, what: string): void {
  const data = actual.dtype === 'bool' ? Int32Array.from(actual.dataSync()) : actual.dataSync();
  const r = compareGolden(data, actual.shape, expected, tol);
  expect(r.ok, `${what}: ${r.message}`).toBe(true);
}

/** sum(output · cotangent), the objective the fixtures' gradients are of. */
function objective(layer: Layer, arg: Tensor | Tensor[], cot: Tensor, training: boolean): Tensor {
  return ops.sum(ops.mul(layer.apply(arg, { training }) as Tensor, cot));
}

function checkGradients(layer: Layer, c: LayerGolden, inputs: Tensor[], cot: Tensor, training: boolean, owned: Tensor[]): void {
  const expected = training ? c.grads_training! : c.grads;
  const tol = goldenTolerance(c.name, 'grad');
  const floatIdx = inputs.map((x, i) => (x.dtype === 'float32' ? i : -1)).filter((i) => i >= 0);
  const multi = c.inputs.length > 1;
  if (floatIdx.length) {
    const dx = grads((...xs: Tensor[]) => {
      const all = inputs.map((x, i) => (floatIdx.includes(i) ? xs[floatIdx.indexOf(i)]! : x));
      return objective(layer, multi ? all : all[0]!, cot, training);
    })(floatIdx.map((i) => inputs[i]!));
    owned.push(...dx);
    floatIdx.forEach((i, k) => expectGolden(dx[k]!, expected.inputs[i]!, tol, `d/d input ${i} (training=${training})`));
  }
  const weights = layer.trainableWeights;
  expect(weights.length, 'number of trainable weights').toBe(expected.weights.length);
  if (!weights.length) return;
  const { value, grads: dw } = variableGrads(() => objective(layer, multi ? inputs : inputs[0]!, cot, training) as never, weights.map((w) => w.value));
  owned.push(value, ...Object.values(dw));
  weights.forEach((w, i) => expectGolden(dw[w.value.name]!, expected.weights[i]!, tol, `d/d ${w.path} (training=${training})`));
}

describeEachBackend('Keras fixtures of the core, merge, activation and normalization layers', () => {
  it('cover every layer of the issue', () => {
    expect(new Set(CASES.map((n) => n.split('/')[1]))).toEqual(new Set(FAMILIES));
  });

  it.each(CASES)('%s', (name) => {
    const before = numTensors();
    const c = kerasGolden(name);
    const tol = goldenTolerance(name);
    const owned: Tensor[] = [];
    const layer = deserialize(fromKerasJson(c.serialized) as unknown as SerializedLayer);
    try {
      expect(registry.nameOf(layer)).toBe(c.class_name);
      expect(JSON.parse(JSON.stringify(toKerasJson(layer.getConfig())))).toEqual(c.config);
      const inputs = c.inputs.map(goldenTensor);
      owned.push(...inputs);
      const arg = c.inputs.length > 1 ? inputs : inputs[0]!;
      if (!layer.built) {
        const o = layer.apply(arg) as Tensor;
        if (!inputs.includes(o)) o.dispose();
      }
      if (c.weights.length) {
        const values = c.weights.map((w) => goldenTensor(w.value));
        owned.push(...values);
        layer.setWeights(values);
      }
      expect(layer.weights.map((w) => w.path)).toEqual(c.weights.map((w) => w.path));
      expect(layer.weights.map((w) => w.trainable)).toEqual(c.weights.map((w) => w.trainable));
      expect(layer.countParams()).toBe(c.params.total);

      // Inference.
      const y = layer.apply(arg, { training: false }) as Tensor;
      if (!inputs.includes(y)) owned.push(y);
      expect(y.shape).toEqual(c.output_shape);
      expectGolden(y, c.output, tol, 'output');
      const mask = getKerasMask(y) as Tensor | null;
      if (c.output_mask) {
        expect(mask, 'output mask').not.toBeNull();
        expectGolden(mask!, c.output_mask, { atol: 0, rtol: 0 }, 'output mask');
      } else {
        expect(mask, 'no output mask').toBeNull();
      }
      if (mask) owned.push(mask);
      const losses = layer.losses;
      owned.push(...losses);
      expect(losses.map((l) => l.dataSync()[0])).toEqual(c.losses.map((v) => expect.closeTo(v, 6)));
      const batchless = c.inputs.map((x) => [null, ...x.shape.slice(1)]);
      expect(layer.computeOutputShape(c.inputs.length > 1 ? batchless : batchless[0]!)).toEqual(c.computed_output_shape);

      const cot = goldenTensor(c.cotangent);
      owned.push(cot);
      checkGradients(layer, c, inputs, cot, false, owned);

      // Training mode (deterministic layers whose training output differs: BatchNormalization).
      if (c.output_training) {
        const fresh = deserialize(fromKerasJson(c.serialized) as unknown as SerializedLayer);
        try {
          const values = c.weights.map((w) => goldenTensor(w.value));
          fresh.setWeights(values);
          dispose(values);
          const yt = fresh.apply(arg, { training: true }) as Tensor;
          owned.push(yt);
          expectGolden(yt, c.output_training, tol, 'training output');
          const after = fresh.nonTrainableWeights.map((w) => w.read());
          owned.push(...after);
          after.forEach((v, i) => expectGolden(v, c.non_trainable_after_training![i]!, tol, `${fresh.nonTrainableWeights[i]!.path} after a training call`));
          checkGradients(fresh, c, inputs, cot, true, owned);
        } finally {
          fresh.dispose();
        }
      }
    } finally {
      dispose([...new Set(owned)]);
      layer.dispose();
    }
    expect(numTensors() - before, 'tensors leaked').toBe(0);
  });
});

// Training on the wasm backend: every convolution, pooling and spatial reshaping layer gives the same outputs and
// gradients (input and weights) on wasm as on the cpu backend, at sizes where the backends' real kernels run (the
// Keras fixtures and numerical checks use tiny shapes); the activations fused into the convolution kernels are
// Keras'; and a small network of these layers learns with plain gradient descent on wasm.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  activations, getBackend, grads, numTensors, ops, random, setBackend, tensor, tidy, variableGrads, type Tensor,
} from '@strata/core';
import { expectTensorsClose } from '@strata/test-utils';
import * as L from '../index.js';

beforeEach(() => L.clearSession());
afterAll(async () => setBackend('wasm'));

type AnyLayerClass = new (args: any) => L.Layer;

interface Result {
  out: Float32Array;
  shape: number[];
  dx: Float32Array;
  dw: Float32Array[];
  weights: Float32Array[];
}

/** Output and gradients of sum(output · cotangent) on `backend`, with the given weights (or the layer's own). */
async function runOn(backend: string, make: () => L.Layer, x: Float32Array, shape: number[], weights: Float32Array[] | null): Promise<Result> {
  await setBackend(backend);
  const before = numTensors();
  const layer = make();
  const input = tensor(x, shape);
  tidy(() => {
    layer.apply(input);
  });
  if (weights) {
    const values = weights.map((w, i) => tensor(w, layer.weights[i]!.shape));
    layer.setWeights(values);
    for (const v of values) v.dispose();
  }
  const result = tidy(() => {
    const y = layer.apply(input) as Tensor;
    const cot = random.normal(y.shape, { seed: 99 });
    const objective = (): Tensor => ops.sum(ops.mul(layer.apply(input) as Tensor, cot));
    const [dx] = grads((v: Tensor) => ops.sum(ops.mul(layer.apply(v) as Tensor, cot)))([input]);
    const trainable = layer.trainableWeights;
    const dw = trainable.length ? variableGrads(objective as () => never, trainable.map((w) => w.value)).grads : {};
    return {
      out: y.dataSync() as Float32Array, shape: y.shape, dx: dx!.dataSync() as Float32Array,
      dw: trainable.map((w) => dw[w.value.name]!.dataSync() as Float32Array),
      weights: layer.weights.map((w) => w.value.dataSync() as Float32Array),
    };
  });
  input.dispose();
  layer.dispose();
  expect(numTensors(), `tensors left on ${backend}`).toBe(before);
  return result;
}

function expectClose(a: Float32Array, b: Float32Array, what: string): void {
  expect(a.length, what).toBe(b.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    const excess = Math.abs(a[i]! - b[i]!) - (1e-4 + 1e-3 * Math.abs(b[i]!));
    if (excess > worst) [worst, at] = [excess, i];
  }
  expect(at, `${what}: wasm ${a[at]} vs cpu ${b[at]} at ${at}`).toBe(-1);
}

const CASES: Array<[string, AnyLayerClass, Record<string, unknown>, number[]]> = [
  ['Conv1D causal, dilation 3, relu', L.Conv1D, { filters: 8, kernelSize: 5, padding: 'causal', dilationRate: 3, activation: 'relu' }, [2, 20, 6]],
  ['Conv2D same, strides 2, relu (fused)', L.Conv2D, { filters: 16, kernelSize: 3, padding: 'same', strides: 2, activation: 'relu' }, [2, 13, 12, 8]],
  ['Conv2D dilation 2, same, elu (fused)', L.Conv2D, { filters: 12, kernelSize: 3, padding: 'same', dilationRate: 2, activation: 'elu' }, [2, 11, 12, 6]],
  ['Conv2D groups 4, channels_first, relu6 (fused)', L.Conv2D, { filters: 8, kernelSize: [3, 1], groups: 4, dataFormat: 'channels_first', activation: 'relu6' }, [2, 8, 10, 9]],
  ['Conv2D leaky_relu (fused)', L.Conv2D, { filters: 8, kernelSize: 3, activation: 'leaky_relu' }, [2, 9, 9, 5]],
  ['Conv3D strides 2, same, sigmoid', L.Conv3D, { filters: 4, kernelSize: 3, padding: 'same', strides: 2, activation: 'sigmoid' }, [2, 7, 6, 8, 3]],
  ['Conv3D dilation 2', L.Conv3D, { filters: 4, kernelSize: 2, dilationRate: 2 }, [1, 6, 6, 6, 3]],
  ['DepthwiseConv1D strides 2, depth multiplier 2', L.DepthwiseConv1D, { kernelSize: 4, strides: 2, depthMultiplier: 2 }, [2, 17, 6]],
  ['DepthwiseConv2D strides 2, same, relu6 (fused)', L.DepthwiseConv2D, { kernelSize: 3, strides: 2, padding: 'same', activation: 'relu6' }, [2, 14, 13, 16]],
  ['DepthwiseConv2D dilation 2, same, depth multiplier 2', L.DepthwiseConv2D, { kernelSize: 3, dilationRate: 2, padding: 'same', depthMultiplier: 2 }, [2, 10, 11, 8]],
  ['SeparableConv1D same, dilation 2', L.SeparableConv1D, { filters: 8, kernelSize: 3, padding: 'same', dilationRate: 2 }, [2, 16, 6]],
  ['SeparableConv2D same, relu', L.SeparableConv2D, { filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }, [2, 12, 12, 8]],
  ['Conv1DTranspose strides 2, same', L.Conv1DTranspose, { filters: 6, kernelSize: 3, strides: 2, padding: 'same' }, [2, 9, 5]],
  ['Conv2DTranspose strides 2, same, relu', L.Conv2DTranspose, { filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }, [2, 7, 8, 12]],
  ['Conv2DTranspose dilation 2', L.Conv2DTranspose, { filters: 4, kernelSize: 3, dilationRate: 2 }, [2, 6, 6, 5]],
  ['Conv3DTranspose strides 2, output padding 1', L.Conv3DTranspose, { filters: 3, kernelSize: 3, strides: 2, outputPadding: 1 }, [1, 4, 3, 4, 4]],
  ['MaxPooling1D same', L.MaxPooling1D, { poolSize: 3, strides: 2, padding: 'same' }, [2, 15, 6]],
  ['MaxPooling2D', L.MaxPooling2D, { poolSize: 3, strides: 2 }, [2, 15, 14, 8]],
  ['MaxPooling3D same', L.MaxPooling3D, { poolSize: 2, padding: 'same' }, [2, 7, 6, 5, 4]],
  ['AveragePooling1D same', L.AveragePooling1D, { poolSize: 4, strides: 3, padding: 'same' }, [2, 16, 5]],
  ['AveragePooling2D same, channels_first', L.AveragePooling2D, { poolSize: 3, strides: 2, padding: 'same', dataFormat: 'channels_first' }, [2, 6, 11, 10]],
  ['AveragePooling3D same', L.AveragePooling3D, { poolSize: 3, strides: 2, padding: 'same' }, [1, 7, 6, 5, 4]],
  ['GlobalMaxPooling1D', L.GlobalMaxPooling1D, {}, [3, 12, 5]],
  ['GlobalMaxPooling2D', L.GlobalMaxPooling2D, {}, [3, 9, 8, 6]],
  ['GlobalMaxPooling3D', L.GlobalMaxPooling3D, { keepdims: true }, [2, 5, 4, 6, 3]],
  ['GlobalAveragePooling1D', L.GlobalAveragePooling1D, {}, [3, 12, 5]],
  ['GlobalAveragePooling2D', L.GlobalAveragePooling2D, { dataFormat: 'channels_first' }, [3, 6, 9, 8]],
  ['GlobalAveragePooling3D', L.GlobalAveragePooling3D, {}, [2, 5, 4, 6, 3]],
  ['Cropping1D', L.Cropping1D, { cropping: [2, 3] }, [2, 12, 4]],
  ['Cropping2D', L.Cropping2D, { cropping: [[1, 2], [3, 0]] }, [2, 9, 8, 4]],
  ['Cropping3D', L.Cropping3D, { cropping: 1 }, [2, 5, 6, 4, 3]],
  ['UpSampling1D', L.UpSampling1D, { size: 3 }, [2, 7, 4]],
  ['UpSampling2D bilinear', L.UpSampling2D, { size: [2, 3], interpolation: 'bilinear' }, [2, 7, 6, 4]],
  ['UpSampling3D', L.UpSampling3D, { size: [2, 1, 2] }, [2, 3, 4, 3, 2]],
  ['ZeroPadding1D', L.ZeroPadding1D, { padding: [1, 3] }, [2, 7, 4]],
  ['ZeroPadding2D', L.ZeroPadding2D, { padding: [[2, 0], [1, 1]] }, [2, 6, 5, 4]],
  ['ZeroPadding3D', L.ZeroPadding3D, { padding: [1, 0, 2] }, [2, 3, 4, 3, 2]],
];

describe('wasm matches cpu', () => {
  it('covers every convolution, pooling and spatial reshaping layer', () => {
    const covered = new Set(CASES.map(([, cls]) => cls));
    const expected = [
      L.Conv1D, L.Conv2D, L.Conv3D, L.DepthwiseConv1D, L.DepthwiseConv2D, L.SeparableConv1D, L.SeparableConv2D, L.Conv1DTranspose,
      L.Conv2DTranspose, L.Conv3DTranspose, L.MaxPooling1D, L.MaxPooling2D, L.MaxPooling3D, L.AveragePooling1D, L.AveragePooling2D,
      L.AveragePooling3D, L.GlobalMaxPooling1D, L.GlobalMaxPooling2D, L.GlobalMaxPooling3D, L.GlobalAveragePooling1D,
      L.GlobalAveragePooling2D, L.GlobalAveragePooling3D, L.Cropping1D, L.Cropping2D, L.Cropping3D, L.UpSampling1D, L.UpSampling2D,
      L.UpSampling3D, L.ZeroPadding1D, L.ZeroPadding2D, L.ZeroPadding3D,
    ];
    expect(expected.filter((cls) => !covered.has(cls as AnyLayerClass)).map((cls) => cls.className)).toEqual([]);
  });

  it.each(CASES)('%s: output, input gradient and weight gradients', async (_, Cls, init, shape) => {
    const x = random.normal(shape, { seed: 21 });
    const host = x.dataSync() as Float32Array;
    x.dispose();
    const wasm = await runOn('wasm', () => new Cls(init), host, shape, null);
    const cpu = await runOn('cpu', () => new Cls(init), host, shape, wasm.weights);
    expect(wasm.shape).toEqual(cpu.shape);
    expectClose(wasm.out, cpu.out, 'output');
    expectClose(wasm.dx, cpu.dx, 'd/dx');
    wasm.dw.forEach((g, i) => expectClose(g, cpu.dw[i]!, `d/d weight ${i}`));
  });
});

describe("activations fused into the convolution kernels are Keras'", () => {
  it.each(['relu', 'relu6', 'elu', 'sigmoid', 'leaky_relu', 'gelu'])('%s: conv → bias → activation, on wasm and cpu', async (name) => {
    for (const backend of ['wasm', 'cpu']) {
      await setBackend(backend);
      tidy(() => {
        const x = random.normal([2, 8, 7, 5], { seed: 4 });
        const fused = new L.Conv2D({ filters: 6, kernelSize: 3, padding: 'same', activation: name, biasInitializer: 'random_normal' });
        const linear = new L.Conv2D({ filters: 6, kernelSize: 3, padding: 'same' });
        const y = fused.apply(x) as Tensor;
        linear.apply(x);
        linear.setWeights(fused.getWeights());
        expectTensorsClose(y, activations.get(name)(linear.apply(x) as Tensor), { atol: 1e-5, rtol: 1e-4 });
        const dw = new L.DepthwiseConv2D({ kernelSize: 3, activation: name, biasInitializer: 'random_normal' });
        const dwLinear = new L.DepthwiseConv2D({ kernelSize: 3 });
        const z = dw.apply(x) as Tensor;
        dwLinear.apply(x);
        dwLinear.setWeights(dw.getWeights());
        expectTensorsClose(z, activations.get(name)(dwLinear.apply(x) as Tensor), { atol: 1e-5, rtol: 1e-4 });
        for (const l of [fused, linear, dw, dwLinear]) l.dispose();
      });
    }
    await setBackend('wasm');
  });
});

describe('training on wasm', () => {
  it('a network of dilated, depthwise, separable and transposed convolutions and pooling learns by gradient descent', async () => {
    await setBackend('wasm');
    expect(getBackend().name).toBe('wasm');
    const layers: L.Layer[] = [
      new L.Conv2D({ filters: 8, kernelSize: 3, padding: 'same', dilationRate: 2, activation: 'relu', kernelInitializer: { className: 'HeNormal', config: { seed: 1 } } }),
      new L.DepthwiseConv2D({ kernelSize: 3, strides: 2, padding: 'same', depthwiseInitializer: { className: 'GlorotUniform', config: { seed: 2 } } }),
      new L.SeparableConv2D({
        filters: 8, kernelSize: 3, padding: 'same', activation: 'relu',
        depthwiseInitializer: { className: 'GlorotUniform', config: { seed: 3 } }, pointwiseInitializer: { className: 'GlorotUniform', config: { seed: 4 } },
      }),
      new L.Conv2DTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: { className: 'GlorotUniform', config: { seed: 5 } } }),
      new L.MaxPooling2D({ poolSize: 2 }),
      new L.GlobalAveragePooling2D(),
    ];
    const net = (x: Tensor): Tensor => layers.reduce((h, l) => l.apply(h) as Tensor, x);
    const x = random.normal([8, 12, 12, 3], { seed: 6 });
    const target = random.normal([8, 4], { seed: 7 });
    const loss = (): Tensor => ops.mean(ops.square(ops.sub(net(x), target)));
    tidy(() => {
      net(x);
    });
    const weights = layers.flatMap((l) => l.trainableWeights);
    expect(weights.length).toBe(2 + 2 + 3 + 2);
    const losses: number[] = [];
    for (let step = 0; step < 30; step++) {
      tidy(() => {
        const { value, grads: g } = variableGrads(loss as () => never, weights.map((w) => w.value));
        losses.push(value.dataSync()[0]!);
        for (const w of weights) w.assign(ops.sub(w.value, ops.mul(g[w.value.name]!, 0.1)));
      });
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(0.7 * losses[0]!);
    for (const l of layers) l.dispose();
    x.dispose();
    target.dispose();
  });
});

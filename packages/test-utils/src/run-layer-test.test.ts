import { describe, expect, it } from 'vitest';
import { customGrad, keep, ops, type Tensor } from '@strata/core';
import { Dense, Layer, registerLayer, type KerasVariable, type LayerArgs, type Shape } from '@strata/layers';
import { runLayerTest } from './run-layer-test.js';

/** A correct layer with a weight: y = x · scale. */
class Scale extends Layer {
  static override className = 'RunLayerTestScale';
  scale!: KerasVariable;
  override build(shape: Shape) {
    this.scale = this.addWeight({ name: 'scale', shape: [shape[shape.length - 1]!], initializer: 'ones' });
  }
  override call(x: Tensor) {
    return ops.mul(x, ops.add(this.scale.value, 0.5));
  }
  override computeOutputShape(s: Shape) {
    return s;
  }
}
registerLayer(Scale);

/** Its gradient is wrong: d/dx is reported as 0. */
class WrongGradient extends Layer {
  static override className = 'RunLayerTestWrongGradient';
  override call(x: Tensor) {
    const f = customGrad(((input: Tensor, save: (ts: Tensor[]) => void) => {
      save([input]);
      return { value: ops.square(input), gradFunc: (dy: Tensor) => ops.zerosLike(dy) };
    }) as never);
    return f(x) as Tensor;
  }
  override computeOutputShape(s: Shape) {
    return s;
  }
}
registerLayer(WrongGradient);

/** Leaks one tensor per call. */
class Leaky extends Layer {
  static override className = 'RunLayerTestLeaky';
  override call(x: Tensor) {
    keep(ops.ones([1]));
    return ops.neg(x);
  }
  override computeOutputShape(s: Shape) {
    return s;
  }
}
registerLayer(Leaky);

/** Forgets an argument in its config. */
class Forgetful extends Layer {
  static override className = 'RunLayerTestForgetful';
  readonly factor: number;
  constructor(args: LayerArgs & { factor?: number } = {}) {
    super(args);
    this.factor = args.factor ?? 1;
  }
  override call(x: Tensor) {
    return ops.mul(x, this.factor);
  }
  override computeOutputShape(s: Shape) {
    return s;
  }
  override getConfig() {
    return { ...super.getConfig(), factor: 1 };
  }
}
registerLayer(Forgetful);

describe('runLayerTest', () => {
  it('passes a correct layer and checks its weights, shapes and gradients', () => {
    expect(() =>
      runLayerTest({ layerClass: Scale, init: {}, inputShape: [2, 3], expectedOutputShape: [2, 3], expectedTrainableWeights: 1, expectedNonTrainableWeights: 0 }),
    ).not.toThrow();
  });

  it('accepts a layer instance or a factory', () => {
    const layer = new Dense({ units: 2, activation: 'tanh' });
    expect(() => runLayerTest({ layer, inputShape: [3, 4], expectedOutputShape: [3, 2], expectedTrainableWeights: 2 })).not.toThrow();
    expect(layer.built).toBe(false);
    expect(() => runLayerTest({ layer: () => new Dense({ units: 1 }), inputShape: [2, 2], expectedOutputShape: [2, 1] })).not.toThrow();
  });

  it('checks an expected output', () => {
    const x = ops.tensor([[1, 2]]);
    expect(() => runLayerTest({ layerClass: Scale, init: {}, inputData: x, expectedOutput: [[1.5, 3]] })).not.toThrow();
    expect(() => runLayerTest({ layerClass: Scale, init: {}, inputData: x, expectedOutput: [[1, 2]] })).toThrow(/values differ/);
    x.dispose();
  });

  it.each<[string, Parameters<typeof runLayerTest>[0], RegExp]>([
    ['a wrong gradient', { layerClass: WrongGradient, init: {}, inputShape: [2, 3] }, /d output \/ d input 0: gradient differs/],
    ['a leak', { layerClass: Leaky, init: {}, inputShape: [2, 3] }, /leaves only its outputs/],
    ['a lossy config', { layerClass: Forgetful, init: { factor: 3 }, inputShape: [2, 3] }, /rebuilt with fromConfig\(getConfig\(\)\) and the same weights gives different outputs/],
    ['a wrong output shape', { layerClass: Scale, init: {}, inputShape: [2, 3], expectedOutputShape: [2, 4] }, /expected output shape \[2,4\]/],
    ['a wrong weight count', { layerClass: Dense, init: { units: 2 }, inputShape: [2, 3], expectedTrainableWeights: 1 }, /trainable weights/],
  ])('fails on %s', (_, options, message) => {
    expect(() => runLayerTest(options)).toThrow(message);
  });
});

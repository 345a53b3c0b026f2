import { beforeEach, describe, expect, it, vi } from 'vitest';
import { numTensors, ops, type Tensor } from '@strata/core';
import { expectTensorsClose } from '@strata/test-utils';
import {
  clearSession, Dense, Dropout, getKerasMask, Input, InputSpec, KerasTensor, Layer, setKerasMask,
  type CallArgs, type KerasVariable, type Shape,
} from '../index.js';

/** Creates a non-trainable weight before a trainable one, to pin Keras' weights order. */
class Stateful extends Layer {
  static override className = 'Stateful';
  counter!: KerasVariable;
  scale!: KerasVariable;
  override build(inputShape: Shape): void {
    this.counter = this.addWeight({ name: 'counter', shape: [], initializer: 'zeros', trainable: false });
    this.scale = this.addWeight({ name: 'scale', shape: [inputShape[inputShape.length - 1]!], initializer: 'ones' });
  }
  override call(x: Tensor): Tensor {
    return ops.mul(x, this.scale.value);
  }
  override computeOutputShape(s: Shape): Shape {
    return s;
  }
}

/** Two sub-layers assigned as properties, no build and no computeOutputShape: built and shaped by tracing. */
class Block extends Layer {
  static override className = 'Block';
  first = new Dense({ units: 3, activation: 'relu' });
  second = new Dense({ units: 2 });
  override call(x: Tensor, kwargs: CallArgs = {}) {
    return this.second.apply(this.first.apply(x, kwargs), kwargs);
  }
}

/** Records the `training` and `mask` it receives. */
class Probe extends Layer {
  static override className = 'Probe';
  seen: Array<{ training: boolean | undefined; mask: unknown }> = [];
  override call(x: Tensor, kwargs: CallArgs = {}) {
    if (!(x instanceof KerasTensor)) this.seen.push({ training: kwargs.training, mask: kwargs.mask });
    return ops.relu(x);
  }
}

class Outer extends Layer {
  static override className = 'Outer';
  probe = new Probe();
  override call(x: Tensor) {
    return this.probe.apply(x);
  }
}

/** Adds one loss per call. */
class Lossy extends Layer {
  static override className = 'Lossy';
  override call(x: Tensor) {
    this.addLoss(ops.sum(x));
    return ops.neg(x);
  }
}

/** Uses ops directly (cannot run on KerasTensors): symbolic calls trace it on concrete tensors. */
class Doubler extends Layer {
  static override className = 'Doubler';
  override call(x: Tensor) {
    return ops.concat([x, x], -1);
  }
}

/** Computes a mask (ones where x > 0) and so supports masking. */
class MaskMaker extends Layer {
  static override className = 'MaskMaker';
  override call(x: Tensor) {
    return x;
  }
  override computeMask(x: Tensor) {
    return ops.greater(x, 0);
  }
}

beforeEach(() => clearSession());

describe('names', () => {
  it('gives each class unique snake_case names, resettable with clearSession', () => {
    expect([new Dense({ units: 1 }).name, new Dense({ units: 1 }).name, new Stateful().name, new Dense({ units: 1 }).name]).toEqual(['dense', 'dense_1', 'stateful', 'dense_2']);
    clearSession();
    expect(new Dense({ units: 1 }).name).toBe('dense');
  });

  it('keeps an explicit name without advancing the counter, and rejects "/"', () => {
    expect(new Dense({ units: 1, name: 'head' }).name).toBe('head');
    expect(new Dense({ units: 1 }).name).toBe('dense');
    expect(() => new Dense({ units: 1, name: 'a/b' })).toThrow(/cannot contain the character "\/"/);
  });
});

describe('build and weights', () => {
  it('builds on first call from the input shape, with Keras paths and build config', () => {
    const layer = new Stateful();
    expect(layer.built).toBe(false);
    const y = layer.apply(ops.ones([2, 5]));
    expect(layer.built).toBe(true);
    expect(layer.weights.map((w) => w.path)).toEqual(['stateful/scale', 'stateful/counter']);
    expect(layer.getBuildConfig()).toEqual({ inputShape: [2, 5] });
    y.dispose();
    layer.dispose();
  });

  it('lists trainable weights first, then non-trainable, then sub-layers (de-duplicated)', () => {
    const shared = new Dense({ units: 2 });
    class Holder extends Layer {
      a = shared;
      list = [new Stateful(), shared];
      override call(x: Tensor) {
        return this.list[0]!.apply(this.a.apply(x));
      }
    }
    const holder = new Holder();
    holder.apply(ops.ones([1, 3])).dispose();
    expect(holder.weights.map((w) => w.path)).toEqual(['holder/dense/kernel', 'holder/dense/bias', 'holder/stateful/scale', 'holder/stateful/counter']);
    expect(holder.trainableWeights.map((w) => w.name)).toEqual(['kernel', 'bias', 'scale']);
    expect(holder.nonTrainableWeights.map((w) => w.name)).toEqual(['counter']);
    holder.dispose();
  });

  it('propagates trainable to sub-layers and their variables', () => {
    const block = new Block();
    block.apply(ops.ones([1, 4])).dispose();
    block.trainable = false;
    expect(block.first.trainable).toBe(false);
    expect(block.trainableWeights).toEqual([]);
    expect(block.nonTrainableWeights).toHaveLength(4);
    expect(block.first.kernel.trainable).toBe(false);
    block.trainable = true;
    expect(block.trainableWeights).toHaveLength(4);
    block.dispose();
  });

  it('creates variables non-trainable in a frozen layer', () => {
    const layer = new Stateful({ trainable: false });
    layer.build([null, 2]);
    expect(layer.scale.trainable).toBe(false);
    layer.dispose();
  });

  it('gets copies of the weights and sets them with count and shape checks naming the layer and weight', () => {
    const dense = new Dense({ units: 2 });
    dense.build([null, 3]);
    const values = dense.getWeights();
    expect(values.map((v) => v.shape)).toEqual([[3, 2], [2]]);
    const kernel = ops.fill([3, 2], 0.5);
    const bias = ops.fill([2], -1);
    dense.setWeights([kernel, bias]);
    expectTensorsClose(dense.kernel.value, kernel);
    expectTensorsClose(values[0]!, values[0]!);
    expect(() => dense.setWeights([kernel])).toThrow('with a weight list of length 1, but the layer was expecting 2 weights');
    const wrong = ops.zeros([4, 2]);
    expect(() => dense.setWeights([wrong, bias])).toThrow('Layer "dense" weight "dense/kernel" has shape [3, 2], which is not compatible with the provided weight of shape [4, 2].');
    for (const t of [...values, kernel, bias, wrong]) t.dispose();
    dense.dispose();
  });

  it('saves and loads its own variables by index, as the .keras format stores them', () => {
    const layer = new Stateful();
    layer.build([null, 2]);
    const store: Record<string, Tensor> = {};
    layer.saveOwnVariables(store);
    expect(Object.keys(store)).toEqual(['0', '1']);
    expect(store['0']!.shape).toEqual([2]);
    const other = new Stateful();
    other.build([null, 2]);
    const values = { '0': ops.tensor([3, 4]), '1': ops.scalar(7) };
    other.loadOwnVariables(values);
    expect(Array.from(other.scale.value.dataSync())).toEqual([3, 4]);
    expect(other.counter.value.dataSync()[0]).toBe(7);
    expect(() => other.loadOwnVariables({ '0': values['0'] })).toThrow('Layer "stateful_1" expected 2 variables, but received 1 variables during loading. Expected: ["scale","counter"]');
    for (const t of Object.values(values)) t.dispose();
    layer.dispose();
    other.dispose();
  });

  it('tracks layers kept outside properties with trackLayer', () => {
    const hidden = new Map([['d', new Dense({ units: 1 })]]);
    class Holder extends Layer {
      override call(x: Tensor) {
        return hidden.get('d')!.apply(x);
      }
    }
    const holder = new Holder();
    holder.trackLayer(hidden.get('d')!);
    holder.apply(ops.ones([1, 2])).dispose();
    expect(holder.weights.map((w) => w.path)).toEqual(['holder/dense/kernel', 'holder/dense/bias']);
    holder.dispose();
  });

  it('passes the shapes of tensor keyword arguments to build, and records them', () => {
    class Pair extends Layer {
      seen: unknown = null;
      override build(inputShape: Shape, shapesDict?: Record<string, unknown>) {
        this.seen = { inputShape, ...shapesDict };
      }
      override call(x: Tensor, kwargs: CallArgs = {}) {
        return ops.add(x, kwargs.other as Tensor);
      }
    }
    const pair = new Pair();
    const y = pair.apply(Input({ shape: [3] }), { other: Input({ shape: [3] }) });
    expect(pair.seen).toEqual({ inputShape: [null, 3], otherShape: [null, 3] });
    expect(pair.getBuildConfig()).toEqual({ shapesDict: { inputShape: [null, 3], otherShape: [null, 3] } });
    expect(pair.inboundNodes[0]!.inputTensors).toHaveLength(2);
    expect(y.shape).toEqual([null, 3]);
  });

  it('refuses new weights after build', () => {
    const layer = new Stateful();
    layer.build([null, 2]);
    expect(() => layer.addWeight({ name: 'late', shape: [1] })).toThrow(/already built/);
    layer.dispose();
  });

  it('counts parameters only once built', () => {
    const dense = new Dense({ units: 64 });
    expect(() => dense.countParams()).toThrow(/isn't built/);
    dense.build([null, 784]);
    expect(dense.countParams()).toBe(50240);
    dense.dispose();
  });
});

describe('eager calls', () => {
  it('leaves only the output behind', () => {
    const block = new Block();
    const x = ops.ones([4, 6]);
    block.apply(x).dispose();
    const before = numTensors();
    const y = block.apply(x);
    expect(numTensors() - before).toBe(1);
    y.dispose();
    x.dispose();
    block.dispose();
  });

  it('rejects non-tensor inputs', () => {
    expect(() => new Dense({ units: 1 }).apply([1, 2] as never)).toThrow(/Only input tensors may be passed/);
  });
});

describe('training flag', () => {
  it('reaches nested layers from the outer call, and stays undefined when not given', () => {
    const outer = new Outer();
    const x = ops.ones([1, 2]);
    outer.apply(x, { training: true }).dispose();
    outer.apply(x).dispose();
    outer.apply(x, { training: false }).dispose();
    expect(outer.probe.seen.map((s) => s.training)).toEqual([true, undefined, false]);
    x.dispose();
  });

  it('makes Dropout drop only in training', () => {
    const drop = new Dropout({ rate: 0.5, seed: 3 });
    const x = ops.ones([4, 50]);
    const inference = drop.apply(x);
    expect(inference).toBe(x);
    const trained = drop.apply(x, { training: true });
    const values = Array.from(trained.dataSync());
    expect(new Set(values)).toEqual(new Set([0, 2]));
    trained.dispose();
    x.dispose();
  });
});

describe('masks', () => {
  it('supports masking when computeMask is overridden, and propagates masks to calls and outputs', () => {
    expect(new MaskMaker().supportsMasking).toBe(true);
    expect(new Probe().supportsMasking).toBe(false);
    const maker = new MaskMaker();
    const dense = new Dense({ units: 2, kernelInitializer: 'ones' });
    const probe = new Probe();
    const x = ops.tensor([[1, -1], [2, 3]]);
    const masked = maker.apply(x);
    const mask = getKerasMask(masked) as Tensor;
    expect(Array.from(mask.dataSync())).toEqual([1, 0, 1, 1]);
    const y = dense.apply(masked);
    expect(getKerasMask(y)).toBe(mask);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const z = probe.apply(y);
    expect(probe.seen[0]!.mask).toBe(mask);
    expect(getKerasMask(z)).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('does not support masking and will therefore destroy the mask'));
    warn.mockRestore();
    for (const t of [x, mask, y, z]) t.dispose();
    dense.dispose();
  });

  it('passes an explicit mask instead of the attached one', () => {
    const probe = new Probe();
    const x = ops.ones([1, 2]);
    const m = ops.tensor([[1, 0]], undefined, 'bool');
    setKerasMask(x, m);
    const other = ops.tensor([[0, 1]], undefined, 'bool');
    probe.apply(x, { mask: other }).dispose();
    probe.apply(x).dispose();
    expect(probe.seen.map((s) => s.mask)).toEqual([other, m]);
    for (const t of [x, m, other]) t.dispose();
  });
});

describe('losses', () => {
  it('collects losses from sub-layers, resets them at each outer call and disposes them', () => {
    class Parent extends Layer {
      a = new Lossy();
      b = new Lossy();
      override call(x: Tensor) {
        return this.b.apply(this.a.apply(x));
      }
    }
    const parent = new Parent();
    const x = ops.tensor([[1, 2]]);
    parent.apply(x).dispose();
    expect(parent.losses.map((l) => l.dataSync()[0])).toEqual([3, -3]);
    const before = numTensors();
    parent.apply(x).dispose();
    expect(numTensors()).toBe(before);
    expect(parent.losses).toHaveLength(2);
    parent.dispose();
    x.dispose();
  });

  it('adds activity regularization divided by the batch size, and weight penalties on read', () => {
    const dense = new Dense({ units: 2, kernelInitializer: 'ones', activityRegularizer: 'l2', kernelRegularizer: { className: 'L1', config: { l1: 0.5 } } });
    const x = ops.tensor([[1, 2], [3, 4]]);
    dense.apply(x).dispose();
    const losses = dense.losses;
    // outputs [[3, 3], [7, 7]] → 0.01 · (9+9+49+49) / 2; kernel ones(2, 2) → 0.5 · 4
    expect(losses.map((l) => l.dataSync()[0])).toEqual([expect.closeTo(0.58, 6), 2]);
    losses[1]!.dispose();
    dense.dispose();
    x.dispose();
  });

  it('rejects symbolic losses', () => {
    expect(() => new Lossy().addLoss(Input({ shape: [2] }) as never)).toThrow(/addLoss\(\) can only be called/);
  });
});

describe('symbolic calls', () => {
  it('returns KerasTensors and records nodes and history', () => {
    const x = Input({ shape: [784] });
    const dense = new Dense({ units: 64 });
    const y = dense.apply(x);
    expect(y).toBeInstanceOf(KerasTensor);
    expect(y.shape).toEqual([null, 64]);
    expect(y.kerasHistory).toMatchObject({ operation: dense, nodeIndex: 0, tensorIndex: 0 });
    dense.apply(x);
    expect(dense.inboundNodes).toHaveLength(2);
    expect(dense.inboundNodes[0]!.inputTensors).toEqual([x]);
    expect(x.kerasHistory!.operation.outboundNodes).toHaveLength(2);
    expect(dense.output).toBe(y);
    dense.dispose();
  });

  it('builds sub-layers and infers shapes of a composite layer by tracing it symbolically', () => {
    const block = new Block();
    const y = block.apply(Input({ shape: [5] }));
    expect(y.shape).toEqual([null, 2]);
    expect(block.first.built && block.second.built).toBe(true);
    expect(block.first.getBuildConfig()).toEqual({ inputShape: [null, 5] });
    expect(block.first.inboundNodes).toHaveLength(0);
    block.dispose();
  });

  it('infers shapes of a layer that uses ops by tracing it on concrete tensors', () => {
    const before = numTensors();
    const y = new Doubler().apply(Input({ shape: [null, 3] }));
    expect(y.shape).toEqual([null, null, 6]);
    expect(numTensors()).toBe(before);
  });
});

describe('input spec', () => {
  const cases: Array<[string, InputSpec, number[], string]> = [
    ['ndim', new InputSpec({ ndim: 2 }), [3, 4, 5], 'Input 0 of layer "probe" is incompatible with the layer: expected ndim=2, found ndim=3. Full shape received: [3, 4, 5]'],
    ['minNdim', new InputSpec({ minNdim: 3 }), [3, 4], 'expected minNdim=3, found ndim=2. Full shape received: [3, 4]'],
    ['maxNdim', new InputSpec({ maxNdim: 2 }), [1, 2, 3], 'expected maxNdim=2, found ndim=3'],
    ['axes', new InputSpec({ axes: { [-1]: 784 } }), [32, 28, 28], 'Input 0 of layer "probe" is incompatible with the layer: expected axis -1 of input shape to have value 784, but received input with shape [32, 28, 28]'],
    ['shape', new InputSpec({ shape: [null, 4] }), [2, 5], 'expected shape=[null, 4], found shape=[2, 5]'],
    ['dtype', new InputSpec({ dtype: 'int32' }), [2, 5], 'expected dtype=int32, found dtype=float32'],
  ];
  it.each(cases)('checks %s', (_, spec, shape, message) => {
    const probe = new Probe();
    probe.inputSpec = spec;
    const x = ops.zeros(shape);
    expect(() => probe.apply(x)).toThrow(message);
    x.dispose();
  });

  it('names the layer and both shapes for a Dense fed the wrong shape', () => {
    const dense = new Dense({ units: 10 });
    dense.build([null, 784]);
    const x = ops.zeros([32, 28, 28]);
    expect(() => dense.apply(x)).toThrow('Input 0 of layer "dense" is incompatible with the layer: expected axis -1 of input shape to have value 784, but received input with shape [32, 28, 28]');
    x.dispose();
    dense.dispose();
  });

  it('counts inputs', () => {
    const dense = new Dense({ units: 2 });
    expect(() => dense.apply([Input({ shape: [3] }), Input({ shape: [3] })])).toThrow('Layer "dense" expects 1 input(s), but it received 2 input tensors.');
  });
});

describe('config', () => {
  it('round-trips the base config', () => {
    const layer = new Stateful({ name: 'st', trainable: false, dtype: 'float32' });
    expect(layer.getConfig()).toEqual({ name: 'st', trainable: false, dtype: { module: 'keras', className: 'DTypePolicy', config: { name: 'float32' }, registeredName: null } });
    expect(Stateful.fromConfig(layer.getConfig()).getConfig()).toEqual(layer.getConfig());
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { Tensor, dispose, numTensors, ops, tensor, tidy, variable, type Variable } from '@strata/core';
import { expectTensorsClose } from '@strata/test-utils';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { AdamW } from './adamw.js';
import { Lion } from './lion.js';
import { Nadam } from './nadam.js';
import type { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { ExponentialDecay } from './schedules/exponential-decay.js';
import { SGD } from './sgd.js';

const owned: Array<Optimizer | Tensor> = [];
const own = <T extends Optimizer | Tensor>(x: T): T => (owned.push(x), x);
afterEach(() => owned.splice(0).forEach((x) => x.dispose()));

const v = (values: number[], shape?: number[]): Variable => own(tidy(() => variable(tensor(values, shape))));
const read = (t: Tensor): number[] => Array.from(t.dataSync());

describe('applyGradients', () => {
  it.each([
    ['SGD', () => new SGD({ momentum: 0.9, nesterov: true, clipnorm: 1 })],
    ['RMSprop', () => new RMSprop({ momentum: 0.5, centered: true, weightDecay: 0.01 })],
    ['Adagrad', () => new Adagrad({ globalClipnorm: 1 })],
    ['Adadelta', () => new Adadelta({ clipvalue: 0.1 })],
    ['Adam', () => new Adam({ amsgrad: true, learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9 }) })],
    ['AdamW', () => new AdamW({ useEma: true, emaOverwriteFrequency: 3 })],
    ['Adamax', () => new Adamax({ gradientAccumulationSteps: 3 })],
    ['Nadam', () => new Nadam({ lossScaleFactor: 4 })],
    ['Lion', () => new Lion({ weightDecay: 0.1 })],
  ])('%s: 1,000 steps leave the number of tensors unchanged', (_, make) => {
    const opt = own(make());
    const w = v([1, 2, 3, 4, 5, 6], [3, 2]);
    const b = v([0.5, -0.5]);
    const gw = own(tensor([0.1, -0.2, 0.3, -0.4, 0.5, -0.6], [3, 2]));
    const gb = own(tensor([1, -1]));
    opt.applyGradients([[gw, w], [gb, b]]); // builds the state
    const before = numTensors();
    for (let i = 0; i < 1000; i++) opt.applyGradients([[gw, w], [gb, b]]);
    expect(numTensors()).toBe(before);
    expect(read(opt.iterations)[0]).toBe(opt.gradientAccumulationSteps ? Math.floor(1001 / 3) : 1001);
    expect(read(w).every(Number.isFinite)).toBe(true);
  });

  it('a step reads nothing back (no dataSync, data, arraySync or array)', () => {
    const opt = own(new Nadam({ clipnorm: 1, weightDecay: 0.01, useEma: true, emaOverwriteFrequency: 2, gradientAccumulationSteps: 2 }));
    const w = v([1, 2, 3]);
    const g = own(tensor([0.5, -1, 2]));
    opt.applyGradients([[g, w]]);
    const spies = (['dataSync', 'data', 'arraySync', 'array'] as const).map((m) => vi.spyOn(Tensor.prototype, m));
    for (let i = 0; i < 5; i++) opt.applyGradients([[g, w]]);
    const calls = spies.map((s) => s.mock.calls.length);
    spies.forEach((s) => s.mockRestore());
    expect(calls).toEqual([0, 0, 0, 0]);
  });

  it('names the variable and both shapes when a gradient does not fit', () => {
    const opt = own(new Adam());
    const kernel = { value: v([1, 2, 3, 4, 5, 6], [3, 2]), name: 'kernel', path: 'dense/kernel' };
    const g = own(ops.ones([2, 3]));
    expect(() => opt.applyGradients([[g, kernel]])).toThrow(
      'Gradient for variable "dense/kernel" has shape [2, 3], but the variable has shape [3, 2].',
    );
    expect(opt.built).toBe(false); // nothing was created or changed
    expect(read(kernel.value)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('skips missing gradients with a warning and refuses when all are missing', () => {
    const opt = own(new SGD({ learningRate: 0.5 }));
    const a = { value: v([1, 1]), name: 'a', path: 'layer/a' };
    const b = { value: v([1, 1]), name: 'b', path: 'layer/b' };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    opt.applyGradients([[own(tensor([1, 2])), a], [null, b]]);
    expect(warn.mock.calls[0]![0]).toContain("Gradients do not exist for variables ['layer/b']");
    warn.mockRestore();
    expect(read(a.value)).toEqual([0.5, 0]);
    expect(read(b.value)).toEqual([1, 1]);
    expect(() => opt.applyGradients([[null, a]])).toThrow('No gradients provided for any variable.');
  });

  it('apply(grads) without variables uses the variables it was built with', () => {
    const opt = own(new SGD({ learningRate: 1 }));
    const w = v([3]);
    expect(() => opt.apply([own(tensor([1]))])).toThrow(/must already be built/);
    opt.build([w]);
    opt.apply([own(tensor([1]))]);
    expect(read(w)).toEqual([2]);
    expect(() => opt.apply([own(tensor([1])), own(tensor([1]))])).toThrow(/Received a list of 2 gradients, but the optimizer is tracking 1/);
  });

  it('refuses a variable it was not built with', () => {
    const opt = own(new SGD());
    opt.build([v([1])]);
    expect(() => opt.applyGradients([[own(tensor([1])), { value: v([1]), name: 'x', path: 'other/x' }]])).toThrow(
      /Unknown variable: "other\/x". This optimizer can only be called for the variables it was originally built with/,
    );
  });

  it('accepts tfjs Variables and wrappers: slot names come from the path, else the name (/ and : → _)', () => {
    const opt = own(new Adam({ name: 'adam_names' }));
    const raw = own(tidy(() => variable(tensor([1, 2]), true, 'block:0/bias')));
    const wrapped = { value: v([1, 2, 3]), name: 'kernel', path: 'sequential/dense/kernel' };
    opt.build([raw, wrapped]);
    expect(opt.variables.map((x) => x.path)).toEqual([
      'adam_names/iteration', 'adam_names/learning_rate',
      'adam_names/block_0_bias_momentum', 'adam_names/block_0_bias_velocity',
      'adam_names/sequential_dense_kernel_momentum', 'adam_names/sequential_dense_kernel_velocity',
    ]);
    expect(opt.variables.every((x) => x.trainable === false)).toBe(true);
  });

  it('applies a constraint after the update, and overwrites a variable with its gradient when asked', () => {
    const opt = own(new SGD({ learningRate: 1 }));
    const clipped = { value: v([0.5, -0.5]), name: 'c', constraint: (x: Tensor) => ops.clipByValue(x, -1, 1) };
    const stat = { value: v([7, 7]), name: 's', overwriteWithGradient: true };
    opt.applyGradients([[own(tensor([-2, 2])), clipped], [own(tensor([3, 4])), stat]]);
    expect(read(clipped.value)).toEqual([1, -1]); // 2.5 and -2.5, clipped
    expect(read(stat.value)).toEqual([3, 4]);
    expect(opt.variables.map((x) => x.name)).toEqual(['iteration', 'learning_rate']);
  });

  it('excludeFromWeightDecay skips listed variables and names matching a pattern', () => {
    const opt = own(new SGD({ learningRate: 0.1, weightDecay: 0.5 }));
    const kernel = { value: v([2]), name: 'kernel' };
    const bias = { value: v([2]), name: 'bias' };
    const other = v([2]);
    opt.excludeFromWeightDecay({ varList: [other], varNames: ['bias'] });
    const zero = own(tensor([0]));
    opt.applyGradients([[zero, kernel], [zero, bias], [zero, other]]);
    expect(read(kernel.value)[0]).toBeCloseTo(2 - 2 * 0.5 * 0.1, 6);
    expect(read(bias.value)).toEqual([2]);
    expect(read(other)).toEqual([2]);
    expect(() => opt.excludeFromWeightDecay({ varNames: ['x'] })).toThrow(/before the optimizer is built/);
  });
});

describe('learningRate', () => {
  it('reads and sets the learning_rate variable (what ReduceLROnPlateau does)', () => {
    const opt = own(new SGD({ learningRate: 0.1 }));
    const w = v([1]);
    expect(opt.learningRate).toBeCloseTo(0.1, 7);
    opt.learningRate = 0.5;
    expect(opt.learningRate).toBe(0.5);
    opt.applyGradients([[own(tensor([1])), w]]);
    expect(read(w)).toEqual([0.5]);
  });

  it('a schedule is evaluated at the iteration count and cannot be set to a number', () => {
    const schedule = new ExponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 0.5 });
    const opt = own(new SGD({ learningRate: schedule }));
    expect(opt.variables.map((x) => x.name)).toEqual(['iteration']);
    const w = v([10]);
    opt.applyGradients([[own(tensor([1])), w]]); // lr 1
    opt.applyGradients([[own(tensor([1])), w]]); // lr 0.5
    expect(read(w)).toEqual([8.5]);
    expect(opt.learningRate).toBe(0.25);
    expect(() => (opt.learningRate = 0.1)).toThrow(TypeError);
  });

  it('setting a schedule or a function replaces the learning_rate variable', () => {
    const opt = own(new SGD({ learningRate: 0.1 }));
    opt.learningRate = () => 0.125;
    expect(opt.variables.map((x) => x.name)).toEqual(['iteration']);
    expect(opt.learningRate).toBe(0.125);
    const w = v([1]);
    opt.applyGradients([[own(tensor([2])), w]]);
    expect(read(w)).toEqual([0.75]);
  });
});

describe('state', () => {
  it('getWeights/setWeights copy the whole state: a copy continues exactly like the original', () => {
    const make = () => new Nadam({ learningRate: 0.01, name: 'n' });
    const a = own(make());
    const wa = v([1, -2, 3]);
    const g = own(tensor([0.3, 0.2, -0.1]));
    a.applyGradients([[g, wa]]);
    a.applyGradients([[g, wa]]);
    const b = own(make());
    const wb = v(read(wa));
    b.build([wb]);
    const weights = a.getWeights();
    b.setWeights(weights);
    dispose(weights);
    expect(read(b.iterations)).toEqual([2]);
    a.applyGradients([[g, wa]]);
    b.applyGradients([[g, wb]]);
    expect(read(wb)).toEqual(read(wa));
    b.getWeights().forEach((x, i) => {
      expectTensorsClose(x, a.variables[i]!.value, { rtol: 0, atol: 0 });
      x.dispose();
    });
  });

  it('setWeights checks that it is built, the count and each shape', () => {
    const opt = own(new SGD({ momentum: 0.9, name: 'm' }));
    expect(() => opt.setWeights([])).toThrow(/has not yet been built/);
    opt.build([v([1, 2])]);
    expect(() => opt.setWeights([0, 0.1])).toThrow('Optimizer "m" has 3 variables, but setWeights received 2 values.');
    expect(() => opt.setWeights([0, 0.1, own(tensor([1, 2, 3]))])).toThrow(
      'Optimizer variable "m/w_momentum" has shape [2] not compatible with provided weight shape [3].'.replace('w_momentum', opt.variables[2]!.name),
    );
    opt.setWeights([5, 0.25, new Float32Array([1, 2])]);
    expect(read(opt.variables[0]!.value)).toEqual([5]);
    expect(opt.variables[0]!.dtype).toBe('int32');
    expect(read(opt.variables[2]!.value)).toEqual([1, 2]);
  });

  it('iterations with gradient accumulation counts applied updates', () => {
    const opt = own(new SGD({ gradientAccumulationSteps: 2, learningRate: 1 }));
    const w = v([0]);
    const g = own(tensor([1]));
    for (let i = 0; i < 5; i++) opt.applyGradients([[g, w]]);
    expect(read(opt.variables[0]!.value)).toEqual([5]);
    expect(read(opt.iterations)).toEqual([2]);
    expect(read(w)).toEqual([-2]); // two updates of the mean gradient 1
  });

  it('dispose frees every optimizer variable', () => {
    const w = v([1, 2]);
    const before = numTensors();
    const opt = new Adam();
    opt.build([w]);
    expect(numTensors()).toBe(before + 4);
    opt.dispose();
    expect(numTensors()).toBe(before);
  });
});

describe('moving averages (useEma)', () => {
  // Keras: average = m·average + (1 − m)·value after each update, with m = 0 on the first step; every
  // emaOverwriteFrequency updates the averages are copied into the variables.
  it('tracks the average and overwrites on schedule', () => {
    const opt = own(new SGD({ learningRate: 1, useEma: true, emaMomentum: 0.5, emaOverwriteFrequency: 3, name: 'ema' }));
    const w = { value: v([10]), name: 'w', path: 'w' };
    const g = own(tensor([1]));
    opt.applyGradients([[g, w]]); // w 9, avg 9
    opt.applyGradients([[g, w]]); // w 8, avg 8.5
    expect(opt.variables.map((x) => x.path)).toEqual(['ema/iteration', 'ema/learning_rate', 'ema/w_average']);
    expect(read(w.value)).toEqual([8]);
    expect(read(opt.variables[2]!.value)).toEqual([8.5]);
    opt.applyGradients([[g, w]]); // w 7, avg 7.75, then overwritten (third update)
    expect(read(w.value)).toEqual([7.75]);
  });

  it('finalizeVariableValues copies the averages into the variables', () => {
    const opt = own(new SGD({ learningRate: 1, useEma: true, emaMomentum: 0.5 }));
    const w = v([10]);
    const g = own(tensor([2]));
    opt.applyGradients([[g, w]]);
    opt.applyGradients([[g, w]]); // w 6, avg 7
    opt.finalizeVariableValues([w]);
    expect(read(w)).toEqual([7]);
  });
});

describe('loss scaling', () => {
  it('divides gradients by lossScaleFactor and scaleLoss multiplies', () => {
    const opt = own(new SGD({ learningRate: 1, lossScaleFactor: 8 }));
    const w = v([1]);
    opt.applyGradients([[own(tensor([4])), w]]);
    expect(read(w)).toEqual([0.5]);
    const loss = own(ops.scalar(2));
    expect(read(own(opt.scaleLoss(loss)))).toEqual([16]);
  });
});

// Every optimizer against Keras 3.15.1 (JAX): the first three updates of two variables over the fixture table of
// settings, the learning rate each step used, and the optimizer's variables (names, paths, shapes, values) in Keras'
// order afterwards. Fixtures: tools/keras-golden/gen_optimizers.py.
import { describe, expect, it } from 'vitest';
import { dispose, fromKerasJson, numTensors, tensor, tidy, variable, type SerializedObject, type Tensor } from '@strata/core';
import { describeEachBackend, expectTensorsClose } from '@strata/test-utils';
import { kerasGolden, listKerasGolden, type GoldenTensor, type OptimizerGolden } from '@strata/test-utils';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { AdamW } from './adamw.js';
import { Lion } from './lion.js';
import { Nadam } from './nadam.js';
import type { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { deserialize as deserializeSchedule } from './schedules/serialization.js';
import { get, serialize } from './serialization.js';
import { SGD } from './sgd.js';

const CLASSES: Record<string, new (options: any) => Optimizer> = { SGD, RMSprop, Adagrad, Adadelta, Adam, AdamW, Adamax, Nadam, Lion };

// float32 rounding: the same expression in float32 on XLA and on tfjs differs by a few ulps per step.
const TOL = { rtol: 2e-6, atol: 1e-7 };

const toTensor = (g: GoldenTensor, shape = g.shape): Tensor => tensor(g.data, shape, g.dtype);

/** Compares with a golden array (Keras stores scalars as [1]; `shape` gives the variable's shape). */
function expectGolden(actual: Tensor, golden: GoldenTensor, shape = golden.shape): void {
  const expected = toTensor(golden, shape);
  try {
    expectTensorsClose(actual, expected, TOL);
  } finally {
    expected.dispose();
  }
}

/** The optimizer a case describes, built the way a user would: the class, Keras' arguments in camelCase, the name. */
function makeOptimizer(c: OptimizerGolden): Optimizer {
  const options = fromKerasJson(c.kwargs) as Record<string, unknown>;
  const lr = c.config.learning_rate;
  if (typeof lr === 'object' && lr !== null) options.learningRate = deserializeSchedule(fromKerasJson(lr) as unknown as SerializedObject);
  return new CLASSES[c.class_name]!({ ...options, name: c.config.name });
}

const cases = listKerasGolden('optimizers/').filter((n) => !n.startsWith('optimizers/schedules/'));

it('has the fixture table', () => {
  expect(cases.length).toBeGreaterThan(60);
});

describeEachBackend('optimizers match Keras 3 step by step', () => {
  it.each(cases)('%s', (name) => {
    const c = kerasGolden(name) as OptimizerGolden;
    const before = numTensors();
    const opt = makeOptimizer(c);
    // Keras' model variables here are bare keras.Variable('w'), ('b'): path = name.
    const w = { value: tidy(() => variable(toTensor(c.initial.w))), name: 'w', path: 'w' };
    const b = { value: tidy(() => variable(toTensor(c.initial.b))), name: 'b', path: 'b' };
    try {
      c.steps.forEach((step, i) => {
        expect(opt.learningRate, `learning rate at step ${i}`).toBeCloseTo(step.learning_rate, 7);
        const gw = toTensor(c.grads[i]!.w);
        const gb = toTensor(c.grads[i]!.b);
        opt.applyGradients([[gw, w], [gb, b]]);
        dispose([gw, gb]);
        expectGolden(w.value, step.w);
        expectGolden(b.value, step.b);
      });
      const iterations = opt.iterations.dataSync()[0];
      expect(iterations).toBe(c.iterations);

      const vars = opt.variables;
      expect(vars.map((v) => v.path)).toEqual(c.optimizer_variables.map((v) => v.path));
      expect(vars.map((v) => v.name)).toEqual(c.optimizer_variables.map((v) => v.name));
      expect(vars.map((v) => v.shape)).toEqual(c.optimizer_variables.map((v) => v.shape));
      expect(vars.map((v) => v.dtype)).toEqual(c.optimizer_variables.map((v) => v.dtype));
      c.optimizer_variables.forEach((kv, i) => expectGolden(vars[i]!.value, kv.value, kv.shape));

      // get_config / serialize, in camelCase, equal Keras' once converted.
      expect(opt.getConfig()).toEqual(fromKerasJson(c.config));
      expect(serialize(opt)).toEqual(fromKerasJson(c.serialized));
    } finally {
      opt.dispose();
      dispose([w.value, b.value]);
    }
    expect(numTensors()).toBe(before);
  });

});

describe('optimizers from Keras JSON', () => {
  it.each(cases)('%s: deserialize(Keras JSON) rebuilds the same optimizer', (name) => {
    const c = kerasGolden(name) as OptimizerGolden;
    const opt = get(fromKerasJson(c.serialized) as unknown as SerializedObject);
    expect(opt).toBeInstanceOf(CLASSES[c.class_name]!);
    expect(opt.getConfig()).toEqual(fromKerasJson(c.config));
    opt.dispose();
  });
});

// Learning-rate schedules against Keras 3.15.1: the value at 18 steps from 0 to 1000, the config and the serialized
// envelope. Fixtures: tools/keras-golden/gen_optimizers.py (optimizers/schedules/*).
import { describe, expect, it } from 'vitest';
import { fromKerasJson, numTensors, ops, tensor, type SerializedObject } from '@strata/core';
import { describeEachBackend, expectTensorsClose } from '@strata/test-utils';
import { kerasGolden, listKerasGolden, type ScheduleGolden } from '@strata/test-utils';
import { CosineDecayRestarts } from './cosine-decay-restarts.js';
import { CosineDecay } from './cosine-decay.js';
import { ExponentialDecay } from './exponential-decay.js';
import { InverseTimeDecay } from './inverse-time-decay.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';
import { PiecewiseConstantDecay } from './piecewise-constant-decay.js';
import { PolynomialDecay } from './polynomial-decay.js';
import { deserialize, get, serialize } from './serialization.js';

const CLASSES: Record<string, new (options: any) => LearningRateSchedule> = {
  ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay, InverseTimeDecay, CosineDecay, CosineDecayRestarts,
};
// float32: Keras (XLA) and tfjs evaluate the same float32 expression; cos/pow/log may differ by an ulp or two.
const TOL = { rtol: 2e-6, atol: 1e-9 };

const cases = listKerasGolden('optimizers/schedules/');

describe('schedules match Keras 3', () => {
  it('has a case for every schedule class', () => {
    const classes = new Set(cases.map((n) => (kerasGolden(n) as ScheduleGolden).class_name));
    expect([...classes].sort()).toEqual(Object.keys(CLASSES).sort());
  });

});

describeEachBackend('schedule values match Keras 3', () => {
  it.each(cases)('%s: values at every step (tensor and number steps)', (name) => {
    const c = kerasGolden(name) as ScheduleGolden;
    const schedule = new CLASSES[c.class_name]!(fromKerasJson(c.config));
    const before = numTensors();
    const asTensor = c.steps.map((s) => {
      const step = ops.scalar(s, 'int32');
      const out = schedule.call(step);
      const v = out.dataSync()[0]!;
      step.dispose();
      out.dispose();
      return v;
    });
    const asNumber = c.steps.map((s) => schedule.call(s));
    expect(numTensors()).toBe(before);
    expect(asNumber).toEqual(asTensor);
    const actual = tensor(asTensor);
    const expected = tensor(c.values.data, c.values.shape);
    expectTensorsClose(actual, expected, TOL);
    actual.dispose();
    expected.dispose();
  });

});

describe('schedule configs match Keras 3', () => {
  it.each(cases)('%s: getConfig and serialize equal Keras once converted; deserialize round-trips', (name) => {
    const c = kerasGolden(name) as ScheduleGolden;
    const schedule = new CLASSES[c.class_name]!(fromKerasJson(c.config));
    expect(schedule.getConfig()).toEqual(fromKerasJson(c.config));
    expect(serialize(schedule)).toEqual(fromKerasJson(c.serialized));
    const back = deserialize(fromKerasJson(c.serialized) as unknown as SerializedObject);
    expect(back).toBeInstanceOf(CLASSES[c.class_name]!);
    expect(back.getConfig()).toEqual(schedule.getConfig());
    expect(back.call(37)).toBe(schedule.call(37));
  });
});

describe('schedules', () => {
  it('a float step is used as is (not truncated)', () => {
    const s = new ExponentialDecay({ initialLearningRate: 1, decaySteps: 2, decayRate: 0.25 });
    expect(s.call(1)).toBeCloseTo(0.5, 6);
    expect(s.call(0.5)).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('PiecewiseConstantDecay casts fractional boundaries to an integer step, as Keras', () => {
    const s = new PiecewiseConstantDecay({ boundaries: [2.5], values: [1, 2] });
    expect([1, 2, 3].map((x) => s.call(x))).toEqual([1, 1, 2]); // boundary 2 for int steps
    const f = ops.scalar(2.25);
    const out = s.call(f);
    expect(out.dataSync()[0]).toBe(1); // float steps keep the fractional boundary
    f.dispose();
    out.dispose();
  });

  it.each([
    ['ExponentialDecay', () => new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }), 'decay_steps'],
    ['PolynomialDecay', () => new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: -1 }), 'decay_steps'],
    ['InverseTimeDecay', () => new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 1 }), 'decay_steps'],
    ['CosineDecay', () => new CosineDecay({ initialLearningRate: 0.1, decaySteps: 0 }), 'decay_steps'],
    ['CosineDecayRestarts', () => new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 0 }), 'first_decay_steps'],
  ])('%s rejects a non-positive step count', (_, make, arg) => {
    expect(make).toThrow(new RegExp(`\`${arg}\` must be > 0`));
  });

  it('PiecewiseConstantDecay needs one value more than boundaries', () => {
    expect(() => new PiecewiseConstantDecay({ boundaries: [1, 2], values: [1, 2] })).toThrow(/1 less than the length of values/);
  });

  it('get accepts an instance or an envelope and names the classes otherwise', () => {
    const s = new CosineDecay({ initialLearningRate: 0.1, decaySteps: 10 });
    expect(get(s)).toBe(s);
    expect(get({ className: 'CosineDecay', config: { initialLearningRate: 0.1, decaySteps: 10 } })).toBeInstanceOf(CosineDecay);
    expect(() => get({ className: 'StepDecay', config: {} })).toThrow(/Unknown learning rate schedule: "StepDecay".*CosineDecay, CosineDecayRestarts, ExponentialDecay/);
    expect(() => get('cosine' as never)).toThrow(/CosineDecay/);
  });
});

import { describe, expect, it } from 'vitest';
import { dispose, fromKerasJson, ops, registerKerasSerializable, toKerasJson, type SerializedObject, type Tensor } from '@strata/core';
import { Constant } from './constant.js';
import { FunctionInitializer } from './function-initializer.js';
import { GlorotUniform } from './glorot-uniform.js';
import { HeNormal } from './he-normal.js';
import { Identity } from './identity.js';
import { Initializer } from './initializer.js';
import { Orthogonal } from './orthogonal.js';
import { RandomNormal } from './random-normal.js';
import { VarianceScaling } from './variance-scaling.js';
import { deserialize, get, registry, serialize } from './serialization.js';

const values = (t: Tensor): number[] => { const out = Array.from(t.dataSync()); dispose(t); return out; };

describe('initializers.get', () => {
  it.each([
    ['glorot_uniform', 'GlorotUniform'], ['glorotUniform', 'GlorotUniform'], ['GlorotUniform', 'GlorotUniform'],
    ['glorot_normal', 'GlorotNormal'], ['he_normal', 'HeNormal'], ['he_uniform', 'HeUniform'],
    ['lecun_uniform', 'LecunUniform'], ['lecun_normal', 'LecunNormal'],
    ['zeros', 'Zeros'], ['zero', 'Zeros'], ['ones', 'Ones'], ['one', 'Ones'], ['constant', 'Constant'],
    ['normal', 'RandomNormal'], ['random_normal', 'RandomNormal'], ['uniform', 'RandomUniform'], ['random_uniform', 'RandomUniform'],
    ['truncated_normal', 'TruncatedNormal'], ['variance_scaling', 'VarianceScaling'], ['varianceScaling', 'VarianceScaling'],
    ['orthogonal', 'Orthogonal'], ['OrthogonalInitializer', 'Orthogonal'],
    ['identity', 'Identity'], ['IdentityInitializer', 'Identity'], ['Identity', 'Identity'],
  ])('%s → %s', (name, className) => {
    const init = get(name);
    expect((init.constructor as typeof Initializer).className).toBe(className);
    expect(init).toBeInstanceOf(Initializer);
  });

  it('returns a new instance per name, an instance as is, null for null', () => {
    expect(get('he_normal')).not.toBe(get('he_normal'));
    const init = new HeNormal();
    expect(get(init)).toBe(init);
    expect(get(null)).toBeNull();
    expect(get(undefined)).toBeNull();
  });

  it('instantiates an Initializer class and wraps a plain function', () => {
    expect(get(Orthogonal)).toBeInstanceOf(Orthogonal);
    const fromFn = get((shape: number[]) => ops.fill(shape, 3));
    expect(fromFn).toBeInstanceOf(FunctionInitializer);
    expect(values(fromFn.call([2]))).toEqual([3, 3]);
  });

  it('names the accepted names for an unknown one', () => {
    expect(() => get('glorot_uniformm')).toThrow(/Unknown initializer: "glorot_uniformm". Accepted names: .*GlorotUniform.*HeNormal.*Zeros/);
  });

  it('deserializes a config envelope', () => {
    const init = get({ className: 'RandomNormal', config: { mean: 1, stddev: 0.02, seed: 4 } });
    expect(init).toBeInstanceOf(RandomNormal);
    expect(init.getConfig()).toEqual({ seed: 4, mean: 1, stddev: 0.02 });
  });
});

describe('serialize / deserialize', () => {
  const cases: Array<[string, Initializer]> = [
    ['Zeros', get('zeros')],
    ['Constant', new Constant({ value: -1.5 })],
    ['Identity', new Identity({ gain: 3 })],
    ['RandomNormal', new RandomNormal({ mean: 2, stddev: 0.1, seed: 9 })],
    ['VarianceScaling', new VarianceScaling({ scale: 2, mode: 'fan_out', distribution: 'untruncated_normal', seed: 1 })],
    ['GlorotUniform', new GlorotUniform({ seed: 3 })],
    ['Orthogonal', new Orthogonal({ gain: 0.5, seed: 2 })],
  ];

  it.each(cases)('%s round-trips through the envelope and through Keras JSON', (className, init) => {
    const envelope = serialize(init);
    expect(envelope).toEqual({ module: 'keras.initializers', className, config: init.getConfig(), registeredName: null });
    for (const config of [envelope, fromKerasJson(toKerasJson(envelope)) as unknown as SerializedObject]) {
      const back = deserialize(config);
      expect(back.constructor).toBe(init.constructor);
      expect(back.getConfig()).toEqual(init.getConfig());
      expect(values(back.call([4, 3]))).toEqual(values(init.call([4, 3])));
    }
  });

  it("writes Keras' snake_case keys", () => {
    expect(toKerasJson(serialize(new HeNormal({ seed: 3 })))).toEqual({
      module: 'keras.initializers', class_name: 'HeNormal', config: { seed: 3, input_axes: null, output_axes: null }, registered_name: null,
    });
  });

  it("reads Keras 2 configs: distribution 'normal', class name 'IdentityInitializer', a TF1 dtype key", () => {
    const vs = deserialize(fromKerasJson({ class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } }) as unknown as SerializedObject);
    expect(vs.getConfig()).toMatchObject({ distribution: 'truncated_normal', mode: 'fan_avg' });
    expect(deserialize({ className: 'IdentityInitializer', config: { gain: 2 } })).toBeInstanceOf(Identity);
    expect(deserialize({ className: 'GlorotUniform', config: { seed: null, dtype: 'float32' } })).toBeInstanceOf(GlorotUniform);
  });

  it('deserializes a name', () => {
    expect(deserialize('he_normal')).toBeInstanceOf(HeNormal);
  });

  it('round-trips a registered custom class and a registered function', () => {
    class Halves extends Initializer {
      static override className = 'Halves';
      readonly scale: number;
      constructor(config: { scale?: number } = {}) {
        super();
        this.scale = config.scale ?? 0.5;
      }
      call(shape: number[]): Tensor {
        return ops.fill(shape, this.scale);
      }
      override getConfig() {
        return { scale: this.scale };
      }
    }
    registerKerasSerializable(Halves, { package: 'InitTest' });
    const envelope = serialize(new Halves({ scale: 0.25 }));
    expect(envelope).toMatchObject({ className: 'Halves', registeredName: 'InitTest>Halves', config: { scale: 0.25 } });
    expect(values(deserialize(envelope).call([2]))).toEqual([0.25, 0.25]);

    const sevens = (shape: number[]): Tensor => ops.fill(shape, 7);
    const registered = registerKerasSerializable(sevens, { package: 'InitTest' });
    const fnEnvelope = serialize(get(sevens));
    expect(fnEnvelope).toMatchObject({ className: 'function', registeredName: registered });
    expect(values(deserialize(fnEnvelope).call([1]))).toEqual([7]);
    expect(() => serialize(get((s: number[]) => ops.zeros(s)))).toThrow(/not registered/);
  });

  it('the registry lists every Keras 3 initializer', () => {
    expect(registry.names()).toEqual([
      'Constant', 'GlorotNormal', 'GlorotUniform', 'HeNormal', 'HeUniform', 'Identity', 'LecunNormal', 'LecunUniform',
      'Ones', 'Orthogonal', 'RandomNormal', 'RandomUniform', 'TruncatedNormal', 'VarianceScaling', 'Zeros',
    ]);
  });
});

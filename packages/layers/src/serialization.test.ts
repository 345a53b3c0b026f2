import { beforeEach, describe, expect, it } from 'vitest';
import { fromKerasJson, toKerasJson } from '@strata/core';
import { clearSession, Dense, deserialize, get, Input, Layer, registerLayer, registry, serialize, type SerializedLayer } from './index.js';

beforeEach(() => clearSession());

class Scale extends Layer {
  factor: number;
  constructor(args: { factor?: number; name?: string } = {}) {
    super(args);
    this.factor = args.factor ?? 2;
  }
  override getConfig() {
    return { ...super.getConfig(), factor: this.factor };
  }
}

describe('layers registry', () => {
  it('serializes with the Keras 3 envelope and build config', () => {
    const dense = new Dense({ units: 3 });
    dense.apply(Input({ shape: [4] }));
    const out = toKerasJson(serialize(dense)) as Record<string, unknown>;
    expect(out).toMatchObject({ module: 'keras.layers', class_name: 'Dense', registered_name: null, build_config: { input_shape: [null, 4] } });
    expect((out.config as Record<string, unknown>).units).toBe(3);
    dense.dispose();
  });

  it('deserializes and builds from the envelope', () => {
    const layer = deserialize(fromKerasJson({ module: 'keras.layers', class_name: 'Dense', config: { units: 2, use_bias: false }, build_config: { input_shape: [null, 5] } }) as unknown as SerializedLayer) as Dense;
    expect(layer.built).toBe(true);
    expect(layer.kernel.shape).toEqual([5, 2]);
    expect(layer.bias).toBeNull();
    layer.dispose();
  });

  it('gets layers by envelope or instance, and lists accepted names for unknown ones', () => {
    const d = new Dense({ units: 1 });
    expect(get(d)).toBe(d);
    expect(get({ className: 'Dropout', config: { rate: 0.1 } })!.constructor.name).toBe('Dropout');
    expect(() => get('Dense')).toThrow(/invalid value for argument "units"/);
    expect(() => deserialize({ className: 'Dens', config: {} })).toThrow(/Unknown layer: "Dens"\. Accepted names: .*\bDense\b.*\bInputLayer\b/);
    expect(() => deserialize({ className: 'Sequential', config: {} })).toThrow(/Unknown layer: "Sequential" lives in "@strata\/models"/);
  });

  it('registers custom layers by class name', () => {
    registerLayer(Scale);
    expect(registry.has('Scale')).toBe(true);
    const s = new Scale({ factor: 5 });
    const back = deserialize(serialize(s)) as Scale;
    expect(back).toBeInstanceOf(Scale);
    expect(back.factor).toBe(5);
    expect(Object.prototype.hasOwnProperty.call(Scale, 'className')).toBe(true);
  });
});

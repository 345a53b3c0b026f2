import { beforeEach, describe, expect, it } from 'vitest';
import { ops, registerKerasSerializable, type Tensor } from '@strata/core';
import { clearSession, Dense, Input, Layer } from '@strata/layers';
import { Model, modelFromJson, Sequential } from './index.js';

beforeEach(() => clearSession());

class Halve extends Layer {
  static override className = 'Halve';
  override call(x: Tensor): Tensor {
    return ops.div(x, 2);
  }
}

describe('modelFromJson', () => {
  it('round-trips toJson for Sequential and functional models', () => {
    const seq = new Sequential([Input({ shape: [4] }), new Dense({ units: 3 })]);
    const back = modelFromJson(seq.toJson());
    expect(back).toBeInstanceOf(Sequential);
    expect(back.toJson()).toBe(seq.toJson());
    const x = Input({ shape: [2], name: 'x' });
    const fn = new Model({ inputs: x, outputs: new Dense({ units: 1, name: 'y' }).apply(x), name: 'fn' });
    expect(modelFromJson(fn.toJson()).toJson()).toBe(fn.toJson());
  });

  it('lists the accepted layer names for an unknown class', () => {
    const json = JSON.stringify({ module: 'keras.layers', class_name: 'Sequential', config: { name: 's', layers: [{ module: 'keras.layers', class_name: 'Nope', config: {} }] } });
    expect(() => modelFromJson(json)).toThrow(/Unknown layer: "Nope"\. Accepted names: .*Dense.*InputLayer.*Sequential/);
  });

  it('revives custom layers registered with registerKerasSerializable', () => {
    registerKerasSerializable(Halve, { package: 'Test' });
    const x = Input({ shape: [2] });
    const model = new Model({ inputs: x, outputs: new Halve().apply(x) });
    const json = JSON.parse(model.toJson()) as { config: { layers: Array<{ class_name: string; registered_name: string | null; module: string | null }> } };
    expect(json.config.layers[1]).toMatchObject({ class_name: 'Halve', registered_name: 'Test>Halve', module: null });
    expect(modelFromJson(JSON.stringify(json)).layers[1]).toBeInstanceOf(Halve);
  });
});

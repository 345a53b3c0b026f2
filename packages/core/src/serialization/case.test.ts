import { describe, expect, it } from 'vitest';
import { camelToSnake, fromKerasJson, parseJsonSafely, snakeToCamel, toKerasJson } from '@strata/core';

describe('camelCase ↔ Keras snake_case', () => {
  it.each([
    ['kernelInitializer', 'kernel_initializer'],
    ['useBias', 'use_bias'],
    ['units', 'units'],
    ['batchInputShape', 'batch_input_shape'],
    ['registeredName', 'registered_name'],
    ['className', 'class_name'],
    ['inboundNodes', 'inbound_nodes'],
    ['beta1', 'beta_1'],
    ['beta2Decay', 'beta_2_decay'],
    ['l1', 'l1'],
  ])('%s ↔ %s', (camel, snake) => {
    expect(camelToSnake(camel)).toBe(snake);
    expect(snakeToCamel(snake)).toBe(camel);
  });

  it('converts nested envelopes both ways and round-trips', () => {
    const camel = {
      module: 'keras.layers',
      className: 'Dense',
      config: { units: 8, useBias: true, kernelInitializer: { module: 'keras.initializers', className: 'GlorotUniform', config: { seed: null } } },
      registeredName: null,
    };
    const keras = toKerasJson(camel);
    expect(keras).toEqual({
      module: 'keras.layers',
      class_name: 'Dense',
      config: { units: 8, use_bias: true, kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null } } },
      registered_name: null,
    });
    expect(fromKerasJson(keras)).toEqual(camel);
  });

  it('keeps user-chosen names under input_layers and custom_objects verbatim', () => {
    const keras = { input_layers: { myInput: ['myInput', 0, 0] }, custom_objects: { MyLayer_x: 1 } };
    expect(toKerasJson(fromKerasJson(keras))).toEqual(keras);
  });

  it('rejects prototype-polluting keys', () => {
    expect(() => parseJsonSafely('{"config": {"__proto__": {"polluted": 1}}}')).toThrow(/__proto__/);
    expect(() => fromKerasJson(JSON.parse('{"a": {"constructor": 1}}'))).toThrow(/constructor/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { fromKerasJson, toKerasJson } from '@strata/core';
import { kerasGolden, listKerasGolden } from '@strata/test-utils';
import { clearSession, deserialize, Input, InputLayer, KerasTensor, type SerializedLayer } from '../index.js';

beforeEach(() => clearSession());

describe.each(listKerasGolden('layers/input_layer/'))('%s (Keras fixture)', (name) => {
  it('has Keras output shape, dtype and config', () => {
    const c = kerasGolden(name);
    const layer = deserialize(fromKerasJson(c.serialized) as unknown as SerializedLayer) as InputLayer;
    const output = layer.output as KerasTensor;
    expect(output.shape).toEqual(c.output_shape);
    expect(output.dtype).toBe(c.output_dtype);
    expect(layer.countParams()).toBe(c.params.total);
    expect(JSON.parse(JSON.stringify(toKerasJson(layer.getConfig())))).toEqual(c.config);
  });
});

describe('Input', () => {
  it('returns a symbolic tensor with an unknown batch size, named like Keras', () => {
    const x = Input({ shape: [28, 28, 1] });
    expect(x).toBeInstanceOf(KerasTensor);
    expect(x.shape).toEqual([null, 28, 28, 1]);
    expect(x.dtype).toBe('float32');
    expect(x.name).toBe('keras_tensor');
    const layer = x.kerasHistory!.operation as InputLayer;
    expect(layer).toBeInstanceOf(InputLayer);
    expect(layer.name).toBe('input_layer');
    expect(layer.built).toBe(true);
    expect(layer.inboundNodes[0]!.isInput).toBe(true);
  });

  it('names the layer and tensor, and takes a batch size, a batch shape and a dtype', () => {
    const ids = Input({ shape: [null], batchSize: 8, dtype: 'int32', name: 'ids' });
    expect(ids.shape).toEqual([8, null]);
    expect(ids.dtype).toBe('int32');
    expect(ids.name).toBe('ids');
    expect(ids.kerasHistory!.operation.name).toBe('ids');
    expect(Input({ batchShape: [4, 3] }).shape).toEqual([4, 3]);
  });

  it('rejects conflicting or missing shapes', () => {
    expect(() => Input({})).toThrow('You must pass a "shape" argument.');
    expect(() => Input({ shape: [2], batchShape: [1, 2] })).toThrow('You cannot pass both "shape" and "batchShape" at the same time.');
    expect(() => Input({ shape: [2], sparse: true })).toThrow(/sparse=true is not supported/);
  });

  it('accepts the Keras 2 batchInputShape in configs', () => {
    const layer = InputLayer.fromConfig({ batchInputShape: [null, 5], dtype: 'float32', name: 'legacy' });
    expect(layer.batchShape).toEqual([null, 5]);
  });
});

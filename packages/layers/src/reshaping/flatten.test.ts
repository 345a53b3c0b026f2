import { beforeEach, describe, expect, it } from 'vitest';
import { fromKerasJson, tidy, toKerasJson, type Tensor } from '@strata/core';
import { compareGolden, goldenTensor, goldenTolerance, kerasGolden, listKerasGolden, runLayerTest } from '@strata/test-utils';
import { clearSession, deserialize, Flatten, Input, type SerializedLayer } from '../index.js';

beforeEach(() => clearSession());

describe.each(listKerasGolden('layers/flatten/'))('%s (Keras fixture)', (name) => {
  it('gives Keras outputs, output shape and config', () => {
    const c = kerasGolden(name);
    const layer = deserialize(fromKerasJson(c.serialized) as unknown as SerializedLayer) as Flatten;
    tidy(() => {
      const y = layer.apply(goldenTensor(c.inputs[0]!)) as Tensor;
      expect(y.shape).toEqual(c.output_shape);
      const r = compareGolden(y.dataSync(), y.shape, c.output, goldenTolerance(name));
      expect(r.ok, r.message).toBe(true);
    });
    expect(layer.computeOutputShape([null, ...c.inputs[0]!.shape.slice(1)])).toEqual(c.computed_output_shape);
    expect(JSON.parse(JSON.stringify(toKerasJson(layer.getConfig())))).toEqual(c.config);
  });
});

describe('Flatten', () => {
  it.each<[string, Record<string, unknown>, number[], number[]]>([
    ['rank 4', {}, [2, 3, 4, 5], [2, 60]],
    ['channels_first', { dataFormat: 'channels_first' }, [2, 3, 4], [2, 12]],
    ['rank 1', {}, [3], [3, 1]],
  ])('passes the standard layer checks: %s', (_, init, inputShape, expectedOutputShape) => {
    runLayerTest({ layerClass: Flatten, init, inputShape, expectedOutputShape, expectedTrainableWeights: 0, expectedNonTrainableWeights: 0 });
  });

  it('keeps an unknown dimension unknown', () => {
    expect(new Flatten().apply(Input({ shape: [null, 3] })).shape).toEqual([null, null]);
    expect(new Flatten().apply(Input({ shape: [4, 3], dtype: 'int32' })).dtype).toBe('int32');
  });

  it('rejects an unknown data format', () => {
    expect(() => new Flatten({ dataFormat: 'nhwc' as never })).toThrow('The "dataFormat" argument must be one of "channels_first", "channels_last". Received: "nhwc"');
  });
});

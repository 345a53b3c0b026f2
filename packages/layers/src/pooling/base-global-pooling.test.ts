import { beforeEach, describe, expect, it } from 'vitest';
import { ops, tidy, type Tensor } from '@strata/core';
import { expectTensorsClose, runLayerTest } from '@strata/test-utils';
import {
  clearSession, GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalAveragePooling3D, GlobalMaxPooling1D, GlobalMaxPooling2D,
  GlobalMaxPooling3D, Input,
} from '../index.js';

beforeEach(() => clearSession());

type GlobalClass = typeof GlobalMaxPooling1D | typeof GlobalAveragePooling2D;

describe('GlobalMaxPooling1D/2D/3D, GlobalAveragePooling1D/2D/3D', () => {
  it.each<[string, GlobalClass, Record<string, unknown>, number[], number[]]>([
    ['GlobalMaxPooling1D', GlobalMaxPooling1D, {}, [2, 5, 3], [2, 3]],
    ['GlobalMaxPooling2D keepdims, channels_first', GlobalMaxPooling2D, { keepdims: true, dataFormat: 'channels_first' }, [2, 3, 4, 2], [2, 3, 1, 1]],
    ['GlobalMaxPooling3D', GlobalMaxPooling3D, {}, [1, 2, 3, 2, 4], [1, 4]],
    ['GlobalAveragePooling1D channels_first', GlobalAveragePooling1D, { dataFormat: 'channels_first' }, [2, 3, 5], [2, 3]],
    ['GlobalAveragePooling2D keepdims', GlobalAveragePooling2D, { keepdims: true }, [2, 3, 4, 2], [2, 1, 1, 2]],
    ['GlobalAveragePooling3D channels_first, keepdims', GlobalAveragePooling3D, { dataFormat: 'channels_first', keepdims: true }, [1, 2, 3, 2, 2], [1, 2, 1, 1, 1]],
  ])('passes the standard layer checks: %s', (_, layerClass, init, inputShape, expectedOutputShape) => {
    runLayerTest({
      layerClass: layerClass as typeof GlobalMaxPooling1D, init, inputShape, expectedOutputShape,
      expectedTrainableWeights: 0, expectedNonTrainableWeights: 0, assertBuiltAfterInstantiation: true,
    });
  });

  it('GlobalAveragePooling1D averages over the unmasked steps only, and outputs no mask', () => {
    tidy(() => {
      const x = ops.tensor([[[1, 10], [2, 20], [3, 30]], [[4, 40], [5, 50], [6, 60]]]);
      const mask = ops.tensor([[true, true, false], [false, false, true]], undefined, 'bool');
      const pool = new GlobalAveragePooling1D();
      expect(pool.supportsMasking).toBe(true);
      expectTensorsClose(pool.apply(x, { mask }) as Tensor, [[1.5, 15], [6, 60]]);
      expect(pool.computeMask(x, mask)).toBeNull();
      const first = new GlobalAveragePooling1D({ dataFormat: 'channels_first', keepdims: true });
      expectTensorsClose(first.apply(ops.transpose(x, [0, 2, 1]), { mask }) as Tensor, [[[1.5], [15]], [[6], [60]]]);
    });
  });

  it('has Keras shapes', () => {
    expect(new GlobalAveragePooling2D().apply(Input({ shape: [7, 7, 64] })).shape).toEqual([null, 64]);
    expect(new GlobalMaxPooling3D({ keepdims: true, dataFormat: 'channels_first' }).apply(Input({ shape: [5, null, 4, 4] })).shape).toEqual([null, 5, 1, 1, 1]);
    expect(() => new GlobalMaxPooling1D({ name: 'gmp' }).apply(Input({ shape: [4, 4, 4] }))).toThrow(
      'Input 0 of layer "gmp" is incompatible with the layer: expected ndim=3, found ndim=4. Full shape received: [null, 4, 4, 4]',
    );
    expect(() => new GlobalAveragePooling2D({ dataFormat: 'NCHW' })).toThrow(
      "The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=NCHW",
    );
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { grads, ops, tidy, type Tensor } from '@strata/core';
import { expectTensorsClose, runLayerTest } from '@strata/test-utils';
import {
  AveragePooling1D, AveragePooling2D, AveragePooling3D, clearSession, Input, MaxPooling1D, MaxPooling2D, MaxPooling3D,
} from '../index.js';

beforeEach(() => clearSession());

type PoolingClass = typeof MaxPooling1D | typeof MaxPooling2D | typeof MaxPooling3D | typeof AveragePooling1D | typeof AveragePooling2D | typeof AveragePooling3D;

describe('MaxPooling1D/2D/3D, AveragePooling1D/2D/3D', () => {
  it.each<[string, PoolingClass, Record<string, unknown>, number[], number[]]>([
    ['MaxPooling1D default', MaxPooling1D, {}, [2, 7, 3], [2, 3, 3]],
    ['MaxPooling1D pool 3, strides 2, same, channels_first', MaxPooling1D, { poolSize: 3, strides: 2, padding: 'same', dataFormat: 'channels_first' }, [2, 3, 7], [2, 3, 4]],
    ['MaxPooling2D pool (2, 3), strides 1, same', MaxPooling2D, { poolSize: [2, 3], strides: 1, padding: 'same' }, [1, 4, 5, 2], [1, 4, 5, 2]],
    ['MaxPooling3D pool 2, strides (1, 2, 2), same', MaxPooling3D, { poolSize: 2, strides: [1, 2, 2], padding: 'same' }, [1, 3, 4, 5, 2], [1, 3, 2, 3, 2]],
    ['MaxPooling3D channels_first', MaxPooling3D, { dataFormat: 'channels_first' }, [1, 2, 4, 4, 5], [1, 2, 2, 2, 2]],
    ['AveragePooling1D pool 3, strides 2, same', AveragePooling1D, { poolSize: 3, strides: 2, padding: 'same' }, [2, 8, 2], [2, 4, 2]],
    ['AveragePooling2D pool 3, strides 2, same, channels_first', AveragePooling2D, { poolSize: 3, strides: 2, padding: 'same', dataFormat: 'channels_first' }, [1, 2, 5, 6], [1, 2, 3, 3]],
    ['AveragePooling2D valid', AveragePooling2D, { poolSize: [2, 3] }, [2, 4, 6, 2], [2, 2, 2, 2]],
    ['AveragePooling3D pool 3, strides 2, same', AveragePooling3D, { poolSize: 3, strides: 2, padding: 'same' }, [1, 4, 5, 3, 2], [1, 2, 3, 2, 2]],
  ])('passes the standard layer checks: %s', (_, layerClass, init, inputShape, expectedOutputShape) => {
    runLayerTest({
      layerClass: layerClass as typeof MaxPooling2D, init, inputShape, expectedOutputShape,
      expectedTrainableWeights: 0, expectedNonTrainableWeights: 0, assertBuiltAfterInstantiation: true,
    });
  });

  it("averages over the positions inside the input with 'same' padding, and its gradient spreads each output over them", () => {
    tidy(() => {
      const x = ops.reshape(ops.tensor([1, 2, 3, 4, 5]), [1, 5, 1]);
      const pool = new AveragePooling1D({ poolSize: 3, strides: 2, padding: 'same' });
      // Windows [pad, 1, 2], [2, 3, 4], [4, 5, pad]: means over 2, 3 and 2 values.
      expectTensorsClose(pool.apply(x) as Tensor, [[[1.5], [3], [4.5]]]);
      const [dx] = grads((input: Tensor) => ops.sum(pool.apply(input) as Tensor))([x]);
      expectTensorsClose(dx!, [[[1 / 2], [1 / 2 + 1 / 3], [1 / 3], [1 / 3 + 1 / 2], [1 / 2]]]);
    });
  });

  it('takes the maximum of negative values (tfjs-backend-wasm MaxPool3D starts at +1.2e-38)', () => {
    tidy(() => {
      const x = ops.neg(ops.add(ops.reshape(ops.range(0, 16, 1, 'float32'), [1, 2, 2, 4, 1]), 1));
      const y = new MaxPooling3D({ poolSize: 2, padding: 'same' }).apply(x) as Tensor;
      expectTensorsClose(y, ops.tensor([-1, -3], [1, 1, 1, 2, 1]));
    });
  });

  it('has Keras shapes', () => {
    expect(new MaxPooling2D({ poolSize: 2 }).apply(Input({ shape: [28, 28, 32] })).shape).toEqual([null, 14, 14, 32]);
    expect(new AveragePooling1D({ poolSize: 4, strides: 3, padding: 'same' }).apply(Input({ shape: [10, 3] })).shape).toEqual([null, 4, 3]);
    expect(new MaxPooling3D({ poolSize: [1, 2, 3], dataFormat: 'channels_first' }).apply(Input({ shape: [3, 5, 5, null] })).shape).toEqual([null, 3, 5, 2, null]);
    const pool = new MaxPooling2D();
    expect(pool.built).toBe(true);
    expect(pool.getConfig()).toMatchObject({ poolSize: [2, 2], strides: [2, 2], padding: 'valid', dataFormat: 'channels_last' });
  });

  it('rejects bad arguments and inputs with Keras messages', () => {
    expect(() => new MaxPooling2D({ padding: 'full' })).toThrow("Argument `padding` must be either 'valid' or 'same'. Received: padding=full");
    expect(() => new AveragePooling1D({ poolSize: 0 })).toThrow('The `pool_size` argument must be a tuple of 1 integers. Received pool_size=0, including values {0} that do not satisfy `value > 0`');
    expect(() => new MaxPooling1D({ poolSize: 4 }).apply(Input({ shape: [3, 2] }))).toThrow(
      'Computed output size would be zero or negative. Received: `inputs.shape=(None, 3, 2)`, `pool_size=[4]`, `strides=(4,)`, `padding=valid`.',
    );
    expect(() => new MaxPooling2D({ name: 'pool' }).apply(Input({ shape: [4, 4] }))).toThrow(
      'Input 0 of layer "pool" is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: [null, 4, 4]',
    );
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { ops, tidy, type Tensor } from '@strata/core';
import { expectTensorsClose, runLayerTest } from '@strata/test-utils';
import { clearSession, Cropping1D, Cropping2D, Cropping3D, Input } from '../index.js';

beforeEach(() => clearSession());

describe('Cropping1D, Cropping2D, Cropping3D', () => {
  it.each<[string, typeof Cropping1D | typeof Cropping2D | typeof Cropping3D, Record<string, unknown>, number[], number[]]>([
    ['Cropping1D default', Cropping1D, {}, [2, 5, 3], [2, 3, 3]],
    ['Cropping1D (0, 2)', Cropping1D, { cropping: [0, 2] }, [2, 5, 3], [2, 3, 3]],
    ['Cropping2D int', Cropping2D, { cropping: 1 }, [1, 4, 5, 2], [1, 2, 3, 2]],
    ['Cropping2D per-side, channels_first', Cropping2D, { cropping: [[1, 0], [0, 2]], dataFormat: 'channels_first' }, [1, 2, 4, 5], [1, 2, 3, 3]],
    ['Cropping3D symmetric per dimension', Cropping3D, { cropping: [1, 0, 2] }, [1, 4, 3, 6, 2], [1, 2, 3, 2, 2]],
  ])('passes the standard layer checks: %s', (_, layerClass, init, inputShape, expectedOutputShape) => {
    runLayerTest({ layerClass: layerClass as typeof Cropping2D, init, inputShape, expectedOutputShape, expectedTrainableWeights: 0, expectedNonTrainableWeights: 0 });
  });

  it('crops the given number of positions from each side', () => {
    tidy(() => {
      const x = ops.reshape(ops.range(0, 12, 1, 'float32'), [1, 3, 4, 1]);
      expectTensorsClose(new Cropping2D({ cropping: [[1, 0], [1, 2]] }).apply(x) as Tensor, [[[[5]], [[9]]]]);
      expectTensorsClose(new Cropping1D({ cropping: [2, 1] }).apply(ops.reshape(x, [1, 12, 1])) as Tensor, ops.reshape(ops.range(2, 11, 1, 'float32'), [1, 9, 1]));
    });
  });

  it('keeps unknown sizes unknown and parses every Keras form', () => {
    expect(new Cropping2D({ cropping: 2 }).apply(Input({ shape: [null, 8, 3] })).shape).toEqual([null, null, 4, 3]);
    expect(new Cropping2D({ cropping: [1, [2, 3]] }).cropping).toEqual([[1, 1], [2, 3]]);
    expect(new Cropping3D().cropping).toEqual([[1, 1], [1, 1], [1, 1]]);
    expect(new Cropping1D({ cropping: 2 }).cropping).toEqual([2, 2]);
  });

  it('rejects bad arguments and inputs with Keras messages', () => {
    expect(() => new Cropping2D({ cropping: -1 })).toThrow('`cropping` cannot be negative. Received: cropping=-1.');
    expect(() => new Cropping2D({ cropping: [1, 2, 3] })).toThrow('`cropping` should have two elements. Received: cropping=(1, 2, 3).');
    expect(() => new Cropping3D({ cropping: [1, 2] })).toThrow('`cropping` should have 3 elements. Received: (1, 2).');
    expect(() => new Cropping2D({ cropping: 'x' as never })).toThrow(
      '`cropping` should be either an int, a tuple of 2 ints (symmetric_height_crop, symmetric_width_crop), or a tuple of 2 tuples of 2 ints ' +
        '((top_crop, bottom_crop), (left_crop, right_crop)). Received: cropping="x".',
    );
    expect(() => new Cropping2D({ cropping: [[1, 2, 3], 1] })).toThrow('The `1st entry of cropping` argument must be a tuple of 2 integers. Received 1st entry of cropping=(1, 2, 3)');
    expect(() => new Cropping1D({ cropping: [3, 3] }).apply(Input({ shape: [6, 2] }))).toThrow(
      '`cropping` parameter of `Cropping1D` layer must be smaller than the input length. Received: input_shape=(None, 6, 2), cropping=(3, 3)',
    );
    expect(() => new Cropping2D({ cropping: [[2, 2], [0, 0]] }).apply(Input({ shape: [4, 8, 1] }))).toThrow(
      'Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input. Received: input_shape=(None, 4, 8, 1), cropping=((2, 2), (0, 0))',
    );
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { ops, tidy, type Tensor } from '@strata/core';
import { expectTensorsClose, runLayerTest } from '@strata/test-utils';
import { clearSession, Input, ZeroPadding1D, ZeroPadding2D, ZeroPadding3D } from '../index.js';

beforeEach(() => clearSession());

describe('ZeroPadding1D, ZeroPadding2D, ZeroPadding3D', () => {
  it.each<[string, typeof ZeroPadding1D | typeof ZeroPadding2D | typeof ZeroPadding3D, Record<string, unknown>, number[], number[]]>([
    ['ZeroPadding1D default', ZeroPadding1D, {}, [2, 3, 2], [2, 5, 2]],
    ['ZeroPadding1D (2, 0), channels_first', ZeroPadding1D, { padding: [2, 0], dataFormat: 'channels_first' }, [2, 2, 3], [2, 2, 5]],
    ['ZeroPadding2D per-side', ZeroPadding2D, { padding: [[1, 0], [2, 1]] }, [1, 2, 3, 2], [1, 3, 6, 2]],
    ['ZeroPadding2D symmetric per dimension, channels_first', ZeroPadding2D, { padding: [0, 1], dataFormat: 'channels_first' }, [1, 2, 2, 2], [1, 2, 2, 4]],
    ['ZeroPadding3D int', ZeroPadding3D, { padding: 1 }, [1, 2, 2, 1, 2], [1, 4, 4, 3, 2]],
  ])('passes the standard layer checks: %s', (_, layerClass, init, inputShape, expectedOutputShape) => {
    runLayerTest({ layerClass: layerClass as typeof ZeroPadding2D, init, inputShape, expectedOutputShape, expectedTrainableWeights: 0, expectedNonTrainableWeights: 0 });
  });

  it('adds zeros on the given sides', () => {
    tidy(() => {
      const x = ops.reshape(ops.tensor([1, 2, 3, 4]), [1, 2, 2, 1]);
      expectTensorsClose(new ZeroPadding2D({ padding: [[1, 0], [0, 1]] }).apply(x) as Tensor, [[[[0], [0], [0]], [[1], [2], [0]], [[3], [4], [0]]]]);
    });
  });

  it('keeps unknown sizes unknown and parses every Keras form', () => {
    expect(new ZeroPadding3D({ padding: [1, [0, 2], 3], dataFormat: 'channels_first' }).apply(Input({ shape: [2, 3, null, 4] })).shape).toEqual([null, 2, 5, null, 10]);
    expect(new ZeroPadding2D().padding).toEqual([[1, 1], [1, 1]]);
    expect(new ZeroPadding1D({ padding: 3 }).padding).toEqual([3, 3]);
  });

  it('rejects bad arguments with Keras messages', () => {
    expect(() => new ZeroPadding2D({ padding: [1, 2, 3] })).toThrow('`padding` should have two elements. Received: padding=(1, 2, 3).');
    expect(() => new ZeroPadding3D({ padding: [1, 2] })).toThrow('`padding` should have 3 elements. Received: (1, 2).');
    expect(() => new ZeroPadding1D({ padding: [1, -1] })).toThrow(
      'The `padding` argument must be a tuple of 2 integers. Received padding=(1, -1), including values {-1} that do not satisfy `value >= 0`',
    );
    expect(() => new ZeroPadding3D({ padding: {} as never })).toThrow(/^`padding` should be either an int, a tuple of 3 ints \(symmetric_dim1_pad/);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { ops, tidy, type Tensor } from '@strata/core';
import { expectTensorsClose, runLayerTest } from '@strata/test-utils';
import { clearSession, Input, Permute, RepeatVector, Reshape, type Layer } from '../index.js';

beforeEach(() => clearSession());

type LayerClass = new (args?: any) => Layer;

describe('Reshape, Permute, RepeatVector: standard checks', () => {
  it.each<[string, LayerClass, Record<string, unknown>, number[], number[]]>([
    ['Reshape', Reshape, { targetShape: [3, 4] }, [2, 12], [2, 3, 4]],
    ['Reshape with -1', Reshape, { targetShape: [-1, 2] }, [2, 3, 4], [2, 6, 2]],
    ['Permute, swap', Permute, { dims: [2, 1] }, [2, 3, 4], [2, 4, 3]],
    ['Permute, rank 4', Permute, { dims: [3, 1, 2] }, [2, 2, 3, 4], [2, 4, 2, 3]],
    ['RepeatVector', RepeatVector, { n: 3 }, [2, 4], [2, 3, 4]],
  ])('%s', (_, layerClass, init, inputShape, expectedOutputShape) => {
    runLayerTest({ layerClass: layerClass as never, init, inputShape, expectedOutputShape, expectedTrainableWeights: 0, expectedNonTrainableWeights: 0 });
  });
});

describe('Reshape', () => {
  it('resolves -1 from the input size, and leaves it unknown when the input has unknown sizes', () => {
    expect(new Reshape({ targetShape: [-1, 2] }).computeOutputShape([null, 3, 4])).toEqual([null, 6, 2]);
    expect(new Reshape({ targetShape: [-1, 2] }).apply(Input({ shape: [null, 4] })).shape).toEqual([null, null, 2]);
    expect(new Reshape({ targetShape: [2, 2] }).apply(Input({ shape: [4], dtype: 'int32' })).dtype).toBe('int32');
    tidy(() => {
      const x = ops.reshape(ops.range(0, 12), [1, 12]);
      expectTensorsClose(new Reshape({ targetShape: [2, -1] }).apply(x) as Tensor, [[[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]]]);
    });
  });

  it('rejects bad target shapes and sizes that do not divide, naming the layer', () => {
    expect(() => new Reshape({ targetShape: [-1, -1] })).toThrow('There must be at most one unknown dimension (-1) in "targetShape". Received: targetShape=[-1,-1].');
    expect(() => new Reshape({ targetShape: [-2, 3] })).toThrow('Each dimension in "targetShape" must be a non-negative integer, or -1');
    expect(() => new Reshape({ targetShape: [5], name: 'flat' }).apply(Input({ shape: [2, 3] })))
      .toThrow('Layer "flat": the total size of the tensor must be unchanged. Received: input_shape=[2, 3] (6 values per sample), targetShape=[5]');
    expect(() => tidy(() => new Reshape({ targetShape: [-1, 4], name: 'r' }).apply(ops.ones([1, 6])))).toThrow('Layer "r": the total size of the tensor must be unchanged');
  });
});

describe('Permute and RepeatVector', () => {
  it('Permute reorders the non-batch axes', () => {
    tidy(() => {
      const x = ops.reshape(ops.range(0, 6), [1, 2, 3]);
      expectTensorsClose(new Permute({ dims: [2, 1] }).apply(x) as Tensor, [[[0, 3], [1, 4], [2, 5]]]);
    });
    expect(new Permute({ dims: [2, 1] }).apply(Input({ shape: [null, 5] })).shape).toEqual([null, 5, null]);
  });

  it('RepeatVector repeats each vector n times', () => {
    tidy(() => expectTensorsClose(new RepeatVector({ n: 2 }).apply(ops.tensor([[1, 2], [3, 4]])) as Tensor, [[[1, 2], [1, 2]], [[3, 4], [3, 4]]]));
  });

  it('reject bad arguments and inputs with Keras messages', () => {
    expect(() => new Permute({ dims: [0, 1] })).toThrow('The set of indices in "dims" must be consecutive and start from 1. Received dims=[0,1]');
    expect(() => new Permute({ dims: [1, 3] })).toThrow('Invalid permutation argument "dims"');
    expect(() => new Permute({ dims: [2, 1] }).apply(Input({ shape: [3] }))).toThrow(/expected ndim=3, found ndim=2/);
    expect(() => new RepeatVector({ n: 0 })).toThrow('Argument "n" should be a positive integer. Received: n=0');
    expect(() => new RepeatVector({ n: 1.5 })).toThrow('Expected an integer value for "n". Received: n=1.5');
    expect(() => new RepeatVector({ n: 2 }).apply(Input({ shape: [2, 3] }))).toThrow(/expected ndim=2, found ndim=3/);
  });
});

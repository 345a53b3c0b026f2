import { beforeEach, describe, expect, it } from 'vitest';
import { ops, tidy, type Tensor } from '@strata/core';
import { expectTensorsClose, runLayerTest } from '@strata/test-utils';
import {
  Add, Average, clearSession, Concatenate, Dot, getKerasMask, Input, Maximum, Minimum, Multiply, setKerasMask, Subtract,
  type Layer,
} from '../index.js';

beforeEach(() => clearSession());

type LayerClass = new (args?: any) => Layer;

describe('merge layers: standard checks', () => {
  it.each<[string, LayerClass, Record<string, unknown>, number[][], number[]]>([
    ['Add, two inputs', Add, {}, [[2, 3], [2, 3]], [2, 3]],
    ['Add, three inputs broadcasting [2, 1, 4]', Add, {}, [[2, 3, 4], [2, 1, 4], [2, 3, 4]], [2, 3, 4]],
    ['Subtract', Subtract, {}, [[2, 4], [2, 4]], [2, 4]],
    ['Multiply', Multiply, {}, [[2, 4], [2, 4], [2, 4]], [2, 4]],
    ['Average', Average, {}, [[2, 4], [2, 4]], [2, 4]],
    ['Maximum', Maximum, {}, [[2, 4], [2, 4], [2, 4]], [2, 4]],
    ['Minimum', Minimum, {}, [[2, 4], [2, 4]], [2, 4]],
    ['Concatenate, axis 1', Concatenate, { axis: 1 }, [[2, 2, 3], [2, 4, 3]], [2, 6, 3]],
    ['Concatenate, last axis', Concatenate, {}, [[2, 3], [2, 1], [2, 2]], [2, 6]],
    ['Dot, axes [1, 2]', Dot, { axes: [1, 2] }, [[2, 3, 4], [2, 5, 3]], [2, 4, 5]],
    ['Dot, normalized', Dot, { axes: -1, normalize: true }, [[2, 4], [2, 4]], [2, 1]],
    ['Dot, rank 4 and rank 2', Dot, { axes: [3, 1] }, [[2, 2, 3, 4], [2, 4]], [2, 2, 3]],
  ])('%s', (_, layerClass, init, inputShape, expectedOutputShape) => {
    runLayerTest({
      layerClass: layerClass as never, init, inputShape, expectedOutputShape,
      expectedTrainableWeights: 0, expectedNonTrainableWeights: 0, supportsMasking: true,
    });
  });
});

describe('merge layers: values', () => {
  const a = [[1, -2, 3], [4, 5, -6]];
  const b = [[0.5, 2, -1], [4, -5, 6]];
  it.each<[string, () => Layer, number[][]]>([
    ['Add', () => new Add(), a.map((r, i) => r.map((v, j) => v + b[i]![j]!))],
    ['Subtract', () => new Subtract(), a.map((r, i) => r.map((v, j) => v - b[i]![j]!))],
    ['Multiply', () => new Multiply(), a.map((r, i) => r.map((v, j) => v * b[i]![j]!))],
    ['Average', () => new Average(), a.map((r, i) => r.map((v, j) => (v + b[i]![j]!) / 2))],
    ['Maximum', () => new Maximum(), a.map((r, i) => r.map((v, j) => Math.max(v, b[i]![j]!)))],
    ['Minimum', () => new Minimum(), a.map((r, i) => r.map((v, j) => Math.min(v, b[i]![j]!)))],
  ])('%s computes its element-wise formula', (_, make, expected) => {
    tidy(() => expectTensorsClose(make().apply([ops.tensor(a), ops.tensor(b)]) as Tensor, expected));
  });

  it('expands a lower-rank input at axis 1, as Keras, before broadcasting', () => {
    tidy(() => {
      const x = ops.reshape(ops.range(0, 24), [2, 3, 4]);
      const y = ops.tensor([[1, 2, 3, 4], [5, 6, 7, 8]]);
      const out = new Add().apply([x, y]) as Tensor;
      expectTensorsClose(out, ops.add(x, ops.expandDims(y, 1)));
      expect(new Add().computeOutputShape([[null, 3, 4], [null, 4]])).toEqual([null, 3, 4]);
    });
  });

  it('Dot takes the batch-wise dot product along the given axes', () => {
    tidy(() => {
      const x = ops.reshape(ops.range(0, 12), [2, 3, 2]);
      const y = ops.reshape(ops.range(0, 12), [2, 2, 3]);
      // axes [2, 1]: out[b] = x[b] @ y[b].
      expectTensorsClose(new Dot({ axes: [2, 1] }).apply([x, y]) as Tensor, ops.matMul(x, y));
      // axes [1, 2]: out[b] = x[b]^T @ y[b]^T.
      expectTensorsClose(new Dot({ axes: [1, 2] }).apply([x, y]) as Tensor, ops.matMul(x, y, true, true));
      // normalize: the cosine similarity.
      const cos = new Dot({ axes: 1, normalize: true }).apply([ops.tensor([[3, 4], [1, 0]]), ops.tensor([[4, 3], [0, 2]])]) as Tensor;
      expectTensorsClose(cos, [[24 / 25], [0]]);
    });
  });

  it('Concatenate joins along any axis and keeps unknown sizes unknown', () => {
    tidy(() => {
      const out = new Concatenate({ axis: 0 }).apply([ops.ones([1, 2]), ops.zeros([2, 2])]) as Tensor;
      expectTensorsClose(out, [[1, 1], [0, 0], [0, 0]]);
    });
    expect(new Concatenate({ axis: 1 }).apply([Input({ shape: [null, 3] }), Input({ shape: [2, 3] })]).shape).toEqual([null, null, 3]);
    expect(new Concatenate().apply([Input({ shape: [2, 3] }), Input({ shape: [2, 5] })]).shape).toEqual([null, 2, 8]);
  });
});

describe('merge layers: shape validation names the layer and the shapes', () => {
  it.each<[string, () => Layer, number[][], RegExp]>([
    ['Add', () => new Add({ name: 'sum_branch' }), [[2, 3], [2, 4]], /Inputs of layer "sum_branch" have incompatible shapes.*\[3\] and \[4\].*\[2, 3\], \[2, 4\]/],
    ['Multiply, batch sizes', () => new Multiply({ name: 'mul' }), [[2, 3], [5, 3]], /Layer "mul" cannot merge tensors with different batch sizes.*\[2, 3\], \[5, 3\]/],
    ['Concatenate', () => new Concatenate({ name: 'cat', axis: 1 }), [[2, 3, 4], [2, 3, 5]], /matching shapes except for the concatenation axis. Layer "cat" \(axis=1\).*\[2, 3, 4\], \[2, 3, 5\]/],
    ['Concatenate, ranks', () => new Concatenate({ name: 'cat2' }), [[2, 3], [2, 3, 1]], /Layer "cat2".*\[2, 3\], \[2, 3, 1\]/],
    ['Dot', () => new Dot({ name: 'dot', axes: 1 }), [[2, 3], [2, 4]], /Layer "dot" received incompatible input shapes: axis values 3 \(at axis 1\) != 4 \(at axis 1\)/],
    ['Subtract, three inputs', () => new Subtract({ name: 'sub' }), [[2, 3], [2, 3], [2, 3]], /exactly 2 inputs. Layer "sub"/],
  ])('%s', (_, make, shapes, message) => {
    expect(() => tidy(() => make().apply(shapes.map((s) => ops.ones(s))))).toThrow(message);
    expect(() => make().apply(shapes.map((s) => Input({ batchShape: s })))).toThrow(message);
  });

  it('also checks the shapes of a built layer called again (a shared layer)', () => {
    const add = new Add();
    tidy(() => add.apply([ops.ones([2, 3]), ops.ones([2, 3])]));
    expect(() => tidy(() => add.apply([ops.ones([2, 3]), ops.ones([2, 5])]))).toThrow(/Inputs of layer "add" have incompatible shapes/);
  });

  it('refuses a single tensor and bad arguments', () => {
    expect(() => tidy(() => new Add().apply(ops.ones([2, 3])))).toThrow(/A merge layer should be called on a list of inputs/);
    expect(() => new Dot({ axes: [1, 2, 3] as never })).toThrow('Invalid format for argument "axes": it should contain two elements. Received: axes=[1,2,3]');
    expect(() => new Dot({ axes: 'x' as never })).toThrow('Invalid type for argument "axes"');
    expect(() => tidy(() => new Dot({ axes: [0, 0] }).apply([ops.ones([2, 3]), ops.ones([2, 3])]))).toThrow(/Cannot perform batch_dot over axis 0/);
  });
});

describe('merge layers: masks (Keras semantics)', () => {
  // Two [1, 3, 2] inputs; a is masked at step 1, b at step 2.
  const run = (layer: Layer, withMaskB = true): { y: number[][][]; mask: boolean[][] | null } => {
    let result: { y: number[][][]; mask: boolean[][] | null } | null = null;
    tidy(() => {
      const a = ops.tensor([[[1, 2], [3, 4], [5, 6]]]);
      const b = ops.tensor([[[10, -20], [-30, 40], [50, 60]]]);
      setKerasMask(a, ops.tensor([[true, false, true]]));
      if (withMaskB) setKerasMask(b, ops.tensor([[true, true, false]]));
      const y = layer.apply([a, b]) as Tensor;
      const m = getKerasMask(y) as Tensor | null;
      result = { y: y.arraySync() as number[][][], mask: m ? (m.arraySync() as number[][]).map((r) => r.map(Boolean)) : null };
    });
    return result!;
  };

  it.each<[string, () => Layer, number[][][], boolean[][]]>([
    ['Add ORs the masks', () => new Add(), [[[11, -18], [-27, 44], [55, 66]]], [[true, true, true]]],
    ['Multiply counts masked positions as 1', () => new Multiply(), [[[10, -40], [-30, 40], [5, 6]]], [[true, true, true]]],
    ['Maximum ignores masked positions', () => new Maximum(), [[[10, 2], [-30, 40], [5, 6]]], [[true, true, true]]],
    ['Minimum ignores masked positions', () => new Minimum(), [[[1, -20], [-30, 40], [5, 6]]], [[true, true, true]]],
    ['Concatenate on axis 1 concatenates the masks', () => new Concatenate({ axis: 1 }),
      [[[1, 2], [3, 4], [5, 6], [10, -20], [-30, 40], [50, 60]]], [[true, false, true, true, true, false]]],
  ])('%s', (_, make, y, mask) => {
    expect(run(make())).toEqual({ y, mask });
  });

  it('with one unmasked input: no mask from element-wise merges; Concatenate treats it as all true', () => {
    expect(run(new Multiply(), false)).toEqual({ y: [[[10, -40], [-30, 40], [250, 360]]], mask: null });
    expect(run(new Maximum(), false)).toEqual({ y: [[[10, 2], [-30, 40], [50, 60]]], mask: null });
    expect(run(new Concatenate({ axis: 1 }), false).mask).toEqual([[true, false, true, true, true, true]]);
    expect(run(new Dot({ axes: 2 })).mask).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { computeFans } from './compute-fans.js';

describe('computeFans', () => {
  it.each([
    { name: 'scalar', shape: [], fanIn: 1, fanOut: 1 },
    { name: 'bias [32]', shape: [32], fanIn: 32, fanOut: 32 },
    { name: 'dense [64, 32]', shape: [64, 32], fanIn: 64, fanOut: 32 },
    // Conv kernels: [...spatial, in, out]; the receptive field multiplies both.
    { name: 'conv1d [5, 8, 16]', shape: [5, 8, 16], fanIn: 5 * 8, fanOut: 5 * 16 },
    { name: 'conv2d [3, 3, 16, 32]', shape: [3, 3, 16, 32], fanIn: 9 * 16, fanOut: 9 * 32 },
    { name: 'conv3d [2, 3, 3, 4, 8]', shape: [2, 3, 3, 4, 8], fanIn: 18 * 4, fanOut: 18 * 8 },
  ])('$name', ({ shape, fanIn, fanOut }) => {
    expect(computeFans(shape)).toEqual({ fanIn, fanOut });
  });

  it('uses inputAxes and outputAxes when both are given (negative axes count from the end)', () => {
    expect(computeFans([4, 5, 6], [0, 1], [2])).toEqual({ fanIn: 20, fanOut: 6 });
    expect(computeFans([4, 5, 6], [-1], [0])).toEqual({ fanIn: 6, fanOut: 4 });
  });

  it('ignores inputAxes alone, as Keras does', () => {
    expect(computeFans([4, 5, 6], [0], null)).toEqual({ fanIn: 4 * 5, fanOut: 4 * 6 });
  });

  it('rejects an axis outside the shape', () => {
    expect(() => computeFans([4, 5], [2], [0])).toThrow(/Axis 2 is out of range for a weight of shape \[4, 5\]/);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { ops, tidy, type Tensor } from '@strata/core';
import { expectTensorsClose, runLayerTest } from '@strata/test-utils';
import { clearSession, Input, UpSampling1D, UpSampling2D, UpSampling3D } from '../index.js';

beforeEach(() => clearSession());

describe('UpSampling1D, UpSampling2D, UpSampling3D', () => {
  it.each<[string, typeof UpSampling1D | typeof UpSampling2D | typeof UpSampling3D, Record<string, unknown>, number[], number[]]>([
    ['UpSampling1D size 3', UpSampling1D, { size: 3 }, [2, 3, 2], [2, 9, 2]],
    ['UpSampling2D nearest (2, 3), channels_first', UpSampling2D, { size: [2, 3], dataFormat: 'channels_first' }, [1, 2, 2, 3], [1, 2, 4, 9]],
    ['UpSampling2D bilinear (3, 2)', UpSampling2D, { size: [3, 2], interpolation: 'bilinear' }, [1, 3, 2, 2], [1, 9, 4, 2]],
    ['UpSampling2D bilinear 4, one row', UpSampling2D, { size: 4, interpolation: 'bilinear' }, [1, 1, 3, 1], [1, 4, 12, 1]],
    ['UpSampling3D (1, 2, 3), channels_first', UpSampling3D, { size: [1, 2, 3], dataFormat: 'channels_first' }, [1, 2, 2, 2, 2], [1, 2, 2, 4, 6]],
  ])('passes the standard layer checks: %s', (_, layerClass, init, inputShape, expectedOutputShape) => {
    runLayerTest({ layerClass: layerClass as typeof UpSampling2D, init, inputShape, expectedOutputShape, expectedTrainableWeights: 0, expectedNonTrainableWeights: 0 });
  });

  it('repeats rows and columns (nearest) and interpolates at half-pixel centers (bilinear)', () => {
    tidy(() => {
      const x = ops.reshape(ops.tensor([1, 2, 3, 4]), [1, 2, 2, 1]);
      expectTensorsClose(ops.squeeze(new UpSampling2D({ size: [1, 2] }).apply(x) as Tensor), [[1, 1, 2, 2], [3, 3, 4, 4]]);
      // Output i samples (i + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25: the edges repeat, between them 1/4 and 3/4 mixes.
      expectTensorsClose(ops.squeeze(new UpSampling2D({ interpolation: 'bilinear' }).apply(x) as Tensor), [
        [1, 1.25, 1.75, 2], [1.5, 1.75, 2.25, 2.5], [2.5, 2.75, 3.25, 3.5], [3, 3.25, 3.75, 4],
      ]);
      // Factor 3 samples -1/3, 0, 1/3 around each element.
      const row = ops.reshape(ops.tensor([0, 3, 9]), [1, 1, 3, 1]);
      expectTensorsClose(ops.squeeze(new UpSampling2D({ size: [1, 3], interpolation: 'bilinear' }).apply(row) as Tensor), [0, 0, 1, 2, 3, 5, 7, 9, 9]);
    });
  });

  it('has Keras shapes', () => {
    expect(new UpSampling2D({ size: 2 }).apply(Input({ shape: [null, 7, 3] })).shape).toEqual([null, null, 14, 3]);
    expect(new UpSampling1D().apply(Input({ shape: [5, 3] })).shape).toEqual([null, 10, 3]);
    expect(new UpSampling3D({ dataFormat: 'channels_first' }).apply(Input({ shape: [3, 2, 2, 2] })).shape).toEqual([null, 3, 4, 4, 4]);
  });

  it('rejects bad arguments with Keras messages', () => {
    expect(() => new UpSampling1D({ size: [2] as never })).toThrow('Expected an integer value for `size`, got list.');
    expect(() => new UpSampling1D({ size: 0 })).toThrow('Argument `size` should be a positive integer. Received: size=0');
    expect(() => new UpSampling2D({ interpolation: 'cubic' })).toThrow(
      "Invalid value for argument `interpolation`. Expected of one ('bilinear', 'nearest', 'lanczos3', 'lanczos5', 'bicubic'). Received: interpolation=cubic",
    );
    expect(() => new UpSampling2D({ interpolation: 'bicubic' })).toThrow('UpSampling2D: interpolation="bicubic" is not supported yet; use "nearest" or "bilinear".');
    expect(() => new UpSampling3D({ size: [2, 2] })).toThrow('The `size` argument must be a tuple of 3 integers. Received size=(2, 2)');
  });
});

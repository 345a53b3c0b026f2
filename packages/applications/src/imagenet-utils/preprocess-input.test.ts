import { numTensors, ops, tensor } from '@strata/core';
import { kerasGolden, type GoldenTensor } from '@strata/test-utils';
import { describe, expect, it } from 'vitest';
import * as inceptionV3 from '../inception-v3.js';
import * as mobilenet from '../mobilenet.js';
import * as resnet50 from '../resnet50.js';
import * as vgg16 from '../vgg16.js';
import * as vgg19 from '../vgg19.js';
import * as xception from '../xception.js';
import { preprocessInput, type PreprocessMode } from './preprocess-input.js';

interface Case {
  mode: PreprocessMode;
  data_format: 'channels_last' | 'channels_first';
  x: GoldenTensor;
  y: GoldenTensor;
}
const golden = kerasGolden('applications/preprocess_input') as unknown as {
  cases: Case[];
  models: Record<string, { x: GoldenTensor; y: GoldenTensor }>;
};

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('preprocessInput matches Keras', () => {
  it.each(golden.cases.map((c) => [`${c.mode} ${c.data_format} ${c.x.dtype} [${c.x.shape.join(',')}]`, c] as const))('%s', async (_name, c) => {
    const before = numTensors();
    const x = tensor(c.x.data, c.x.shape, c.x.dtype);
    const y = preprocessInput(x, { mode: c.mode, dataFormat: c.data_format });
    expect(y.dtype).toBe('float32');
    expect(y.shape).toEqual(c.y.shape);
    // The same float32 operations as NumPy, in the same order: bit-identical.
    expect(maxAbsDiff(await y.data(), c.y.data)).toBe(0);
    // The input is left as it was.
    expect(Array.from(await x.data())).toEqual(Array.from(c.x.data));
    x.dispose();
    y.dispose();
    expect(numTensors()).toBe(before);
  });

  it.each([
    ['vgg16', vgg16.preprocessInput],
    ['vgg19', vgg19.preprocessInput],
    ['resnet50', resnet50.preprocessInput],
    ['xception', xception.preprocessInput],
    ['inception_v3', inceptionV3.preprocessInput],
    ['mobilenet', mobilenet.preprocessInput],
  ] as const)('keras.applications.%s.preprocess_input', async (name, fn) => {
    const c = golden.models[name]!;
    const y = fn(tensor(c.x.data, c.x.shape));
    expect(maxAbsDiff(await y.data(), c.y.data)).toBe(0);
  });
});

describe('preprocessInput arguments', () => {
  it('uses caffe by default and channels_last', async () => {
    const y = preprocessInput(tensor([[[10, 20, 30]]]));
    expect(Array.from(await y.data())).toEqual(Array.from(new Float32Array([30 - 103.939, 20 - 116.779, 10 - 123.68])));
  });

  it('names what it expected', () => {
    const x = ops.zeros([2, 2, 3]);
    expect(() => preprocessInput(x, { mode: 'keras' as PreprocessMode })).toThrow(/Expected mode to be one of `caffe`, `tf` or `torch`. Received: mode=keras/);
    expect(() => preprocessInput(x, { dataFormat: 'nhwc' as 'channels_last' })).toThrow(/Received: data_format=nhwc/);
    expect(() => preprocessInput(ops.zeros([2, 3]))).toThrow(/3-D image or a 4-D batch of images, received shape \[2, 3\]/);
    expect(() => preprocessInput(ops.zeros([1, 2, 2, 4]), { mode: 'caffe' })).toThrow(/expects 3 colour channels on axis 3 \(channels_last\), received shape \[1, 2, 2, 4\]/);
    expect(() => preprocessInput(ops.zeros([1, 2, 2, 4]), { mode: 'tf' })).not.toThrow();
  });
});

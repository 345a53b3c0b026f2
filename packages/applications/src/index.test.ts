import { ops } from '@strata/core';
import { describe, expect, it } from 'vitest';
import * as apps from './index.js';

describe('@strata/applications public API', () => {
  it('exports the Keras names', () => {
    for (const name of ['getFile', 'getFileBytes', 'getImagenetWeights', 'imagenetWeightsFile', 'preprocessInput', 'decodePredictions', 'loadImg', 'loadImgFromSource', 'imgToArray'] as const) {
      expect(typeof apps[name]).toBe('function');
    }
    expect(apps.imagenetUtils.preprocessInput).toBe(apps.preprocessInput);
    expect(apps.WEIGHTS_BASE_URL_ENV).toBe('STRATA_KERAS_WEIGHTS_BASE_URL');
  });

  it.each([
    ['VGG16', 'vgg16'],
    ['VGG19', 'vgg19'],
    ['ResNet50', 'resnet50'],
    ['Xception', 'xception'],
    ['InceptionV3', 'inceptionV3'],
    ['MobileNet', 'mobilenet'],
  ] as const)('exports the builder %s at the top level, the same function as %s.%s', (builder, namespace) => {
    expect(typeof apps[builder]).toBe('function');
    expect(apps[builder]).toBe(apps[namespace][builder as keyof (typeof apps)[typeof namespace]]);
  });

  it.each([
    ['vgg16', -103.939],
    ['vgg19', -103.939],
    ['resnet50', -103.939],
    ['xception', -1],
    ['inceptionV3', -1],
    ['mobilenet', -1],
  ] as const)('%s.preprocessInput uses its model’s mode (black pixel → %s first)', async (name, first) => {
    const y = apps[name].preprocessInput(ops.zeros([1, 1, 1, 3]));
    expect((await y.data())[0]).toBeCloseTo(first, 4);
    expect(apps[name].decodePredictions).toBe(apps.decodePredictions);
  });
});

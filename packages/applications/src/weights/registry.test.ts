import { kerasGolden } from '@strata/test-utils';
import { describe, expect, it } from 'vitest';
import { applicationName, imagenetWeightsFile, KERAS_WEIGHTS_BASE_URL, MOBILENET_PARAMS, mobilenetSizeRange } from './registry.js';

// Every get_file call Keras 3.15.1 makes for weights="imagenet", recorded by tools/keras-golden/applications_golden.py.
interface Call {
  model: string;
  include_top: boolean;
  alpha?: number;
  rows?: number;
  fname: string;
  origin: string;
  cache_subdir: string;
  file_hash: string | null;
}
const golden = kerasGolden('applications/weights_registry') as unknown as {
  weights: Call[];
  mobilenet_fallbacks: Array<Call & { input_shape: [number, number, number]; warnings: string[] }>;
  mobilenet_params: Array<{ alpha: number; include_top: boolean; params: number }>;
};

describe('imagenetWeightsFile matches Keras', () => {
  it.each(golden.weights.map((c) => [`${c.model}${c.alpha ? ` α=${c.alpha} ${c.rows}px` : ''} include_top=${c.include_top}`, c] as const))(
    '%s',
    (_name, call) => {
      const file = imagenetWeightsFile(call.model, {
        includeTop: call.include_top,
        ...(call.alpha !== undefined ? { alpha: call.alpha, inputSize: [call.rows!, call.rows!] as const } : {}),
      });
      expect({ fname: file.fname, origin: file.origin, cacheSubdir: file.cacheSubdir, fileHash: file.fileHash }).toEqual({
        fname: call.fname,
        origin: call.origin,
        cacheSubdir: call.cache_subdir,
        fileHash: call.file_hash,
      });
      expect(KERAS_WEIGHTS_BASE_URL + file.relativePath).toBe(call.origin);
    },
  );

  it('covers all six models with and without the top', () => {
    const models = new Set(golden.weights.map((c) => c.model));
    expect([...models].sort()).toEqual(['inception_v3', 'mobilenet', 'resnet50', 'vgg16', 'vgg19', 'xception']);
    expect(golden.weights.filter((c) => c.model === 'mobilenet')).toHaveLength(32);
  });

  it.each(golden.mobilenet_fallbacks.map((c) => [c.input_shape.join('x'), c] as const))(
    'MobileNet %s falls back to the 224 file with Keras’ warning',
    (_name, call) => {
      const warnings: string[] = [];
      const [rows, cols] = call.input_shape;
      const file = imagenetWeightsFile('mobilenet', { includeTop: call.include_top, alpha: call.alpha, inputSize: [rows, cols], onWarning: (m) => warnings.push(m) });
      expect(file.fname).toBe(call.fname);
      expect(file.origin).toBe(call.origin);
      expect(warnings).toEqual(call.warnings);
    },
  );

  it.each(golden.mobilenet_params.map((p) => [p.alpha, p.include_top, p.params] as const))(
    'MobileNet α=%s include_top=%s has %i parameters (size range derived from it)',
    (alpha, includeTop, params) => {
      expect(MOBILENET_PARAMS.get(alpha)![includeTop ? 0 : 1]).toBe(params);
    },
  );

  it('puts the known size of the α=1.0 no-top file (17,225,924 bytes) inside its range', () => {
    const [min, max] = mobilenetSizeRange(1.0);
    expect(min).toBeLessThanOrEqual(17_225_924);
    expect(max).toBeGreaterThanOrEqual(17_225_924);
  });
});

describe('imagenetWeightsFile arguments', () => {
  it.each([
    ['VGG16', 'vgg16'],
    ['InceptionV3', 'inception_v3'],
    ['inceptionV3', 'inception_v3'],
    ['inception_v3', 'inception_v3'],
    ['ResNet50', 'resnet50'],
    ['MobileNet', 'mobilenet'],
  ])('%s → %s', (name, expected) => expect(applicationName(name)).toBe(expected));

  it('names what it expected', () => {
    expect(() => applicationName('resnet101')).toThrow(/Unknown application "resnet101"; expected one of Xception, VGG16/);
    expect(() => imagenetWeightsFile('mobilenet', { alpha: 0.35 })).toThrow(/alpha can be one of .*Received alpha=0.35/);
  });

  it('defaults to include_top=true and MobileNet α=1.0 at 224', () => {
    expect(imagenetWeightsFile('mobilenet').fname).toBe('mobilenet_1_0_224_tf.h5');
    expect(imagenetWeightsFile('xception').fname).toBe('xception_weights_tf_dim_ordering_tf_kernels.h5');
  });
});

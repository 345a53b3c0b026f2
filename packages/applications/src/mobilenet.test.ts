import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { numTensors, ValueError } from '@strata/core';
import { Activation, clearSession, Input, kerasClassName } from '@strata/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MobileNet, type MobileNetOptions } from './mobilenet.js';
import {
  architectureFixture, describeKerasFixtures, expectFineTuneStep, expectKnownWeights, expectSoftmaxPredictions,
  optionsFromKwargs, writeApplicationWeights,
} from './test-support/application-fixtures.js';
import { TestServer } from './test-support/server.js';

const CASES = ['mobilenet', 'mobilenet_notop_avg', 'mobilenet_a050_160_dm2'] as const;
const FULL_CASES = ['mobilenet', 'mobilenet_a050_160_dm2'] as const;

/** A fixture's Keras kwargs as MobileNet options (snake_case → camelCase). */
const optionsOf = (name: string): MobileNetOptions => optionsFromKwargs<MobileNetOptions>(architectureFixture(name).kwargs);

describeKerasFixtures('MobileNet', { cases: CASES, withConfig: FULL_CASES }, MobileNet);

describe('MobileNet weights from a Keras application file (by position)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-mobilenet-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(CASES)('%s: every array arrives in Keras’ order with its values', async (name) => {
    const { layers } = architectureFixture(name);
    let weights: MobileNetOptions['weights'] = await writeApplicationWeights(layers);
    if (name === 'mobilenet_notop_avg') {
      // A path, as Keras' `weights='/path/to/file.h5'`.
      weights = join(dir, 'notop.h5');
      await writeFile(weights, await writeApplicationWeights(layers));
    }
    clearSession();
    const model = await MobileNet({ ...optionsOf(name), weights });
    try {
      expectKnownWeights(model, layers);
    } finally {
      model.dispose();
    }
  });

  it('refuses a file of another width with Keras’ shape message, and frees the model', async () => {
    const bytes = await writeApplicationWeights(architectureFixture('mobilenet_a050_160_dm2').layers);
    const before = numTensors();
    await expect(MobileNet({ weights: bytes, classes: 10, inputShape: [160, 160, 3] })).rejects.toThrow(
      /Shape mismatch in layer #0 \(named conv1\) for weight conv1\/kernel\. Weight expects shape \[3, 3, 3, 32\]\. Received saved weight with incompatible shape \[3, 3, 3, 16\]/,
    );
    expect(numTensors()).toBe(before);
  });
});

describe('MobileNet arguments (Keras’ messages)', () => {
  it.each([
    ['classes≠1000 with imagenet and the top', { classes: 10 }, "If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  Received classes=10"],
    [
      'an empty weights path',
      { weights: '' },
      "The `weights` argument should be either `None` (random initialization), 'imagenet' (pre-training on ImageNet), or the path to the weights file to be loaded. Received weights=",
    ],
    ['depthMultiplier≠1 with imagenet', { depthMultiplier: 2 }, 'If imagenet weights are being loaded, depth multiplier must be 1.  Received depth_multiplier=2'],
    ['an alpha without weights', { alpha: 0.3 }, 'If imagenet weights are being loaded, alpha can be one of`0.25`, `0.50`, `0.75` or `1.0` only.  Received alpha=0.3'],
    ['an input smaller than 32', { weights: null, includeTop: false, inputShape: [31, 31, 3] }, 'Input size must be at least 32x32; Received: input_shape=(31, 31, 3)'],
    [
      'an open input size with the top',
      { weights: null, inputShape: [null, null, 3] },
      'If `include_top` is True, you should specify a static `input_shape`. Received: input_shape=(None, None, 3)',
    ],
    [
      'a non-default size with imagenet and the top',
      { inputShape: [200, 200, 3] },
      'When setting `include_top=True` and loading `imagenet` weights, `input_shape` should be (224, 224, 3).  Received: input_shape=(200, 200, 3)',
    ],
    ['one channel with imagenet', { includeTop: false, inputShape: [64, 64, 1] }, 'The input must have 3 channels; Received `input_shape=(64, 64, 1)`'],
    ['a relu classifier with imagenet', { classifierActivation: 'relu' }, /Only `None` and `softmax` activations are allowed .*Received: classifier_activation=relu/],
    // Keras' MobileNet ignores an unknown pooling; Strata's shared option check refuses it.
    ['an unknown pooling', { weights: null, includeTop: false, pooling: 'median' as 'avg' }, "MobileNet: `pooling` should be 'avg', 'max' or None. Received: pooling=median"],
  ] as Array<[string, MobileNetOptions, string | RegExp]>)('%s', async (_name, options, message) => {
    const before = numTensors();
    // A mirror nobody listens on: every case must fail before any download.
    const err = await MobileNet({ ...options, download: { baseUrl: 'http://127.0.0.1:9/none', maxAttempts: 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValueError);
    if (typeof message === 'string') expect((err as Error).message).toBe(message);
    else expect((err as Error).message).toMatch(message);
    expect(numTensors()).toBe(before);
  });
});

describe('MobileNet ImageNet file selection (alpha, rows, top)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['α=1.0 224 with top', 'mobilenet_1_0_224_tf.h5', {}, false],
    ['α=0.25 128 with top', 'mobilenet_2_5_128_tf.h5', { alpha: 0.25, inputShape: [128, 128, 3] }, false],
    ['α=0.75 192 without top', 'mobilenet_7_5_192_tf_no_top.h5', { alpha: 0.75, includeTop: false, inputShape: [192, 192, 3] }, false],
    ['α=0.5 160 without top', 'mobilenet_5_0_160_tf_no_top.h5', { alpha: 0.5, includeTop: false, inputShape: [160, 160, 3] }, false],
    ['an open size (falls back to 224)', 'mobilenet_1_0_224_tf_no_top.h5', { includeTop: false }, true],
    ['a non-square input (falls back to 224)', 'mobilenet_5_0_224_tf_no_top.h5', { alpha: 0.5, includeTop: false, inputShape: [160, 192, 3] }, true],
    ['a size without weights (falls back to 224)', 'mobilenet_1_0_224_tf_no_top.h5', { includeTop: false, inputShape: [96, 96, 3] }, true],
  ] as Array<[string, string, MobileNetOptions, boolean]>)('%s → %s', async (_name, fname, options, warns) => {
    const base = `/sel${server.requests.length}`;
    const warnings: string[] = [];
    const before = numTensors();
    // Nothing is served (404): the request names the file, and the failed build frees its tensors.
    await expect(MobileNet({ ...options, onWarning: (m) => warnings.push(m), download: { baseUrl: server.url(base), progressBar: false, cacheDir: join(tmpdir(), 'strata-none') } })).rejects.toThrow(/404/);
    expect(server.requests.filter((p) => p.startsWith(`${base}/`))).toEqual([`${base}/mobilenet/${fname}`]);
    expect(numTensors()).toBe(before);
    const fallback = '`input_shape` is undefined or non-square, or `rows` is not in [128, 160, 192, 224]. Weights for input shape (224, 224) will be loaded as the default.';
    expect(warnings).toEqual(warns ? [fallback] : []);
  });
});

describe('MobileNet options and use', () => {
  it.each([
    ['avg', 'mobilenet_1.00_64', [null, 1024]],
    ['max', 'mobilenet_1.00_64', [null, 1024]],
    [null, 'mobilenet_1.00_64', [null, 2, 2, 1024]],
  ] as const)('pooling %s gives Keras’ output shape', async (pooling, name, shape) => {
    const model = await MobileNet({ weights: null, includeTop: false, inputShape: [64, 64, 3], pooling });
    expect(model.name).toBe(name);
    expect(model.outputShape).toEqual(shape);
    expect(kerasClassName(model.layers.at(-1)!)).toBe(pooling === 'avg' ? 'GlobalAveragePooling2D' : pooling === 'max' ? 'GlobalMaxPooling2D' : 'ReLU');
    model.dispose();
  });

  it('alpha scales every width (α=0.25: 256 features) and names the model', async () => {
    const model = await MobileNet({ weights: null, includeTop: false, inputShape: [64, 64, 3], alpha: 0.25, pooling: 'max', name: 'tiny' });
    expect(model.outputShape).toEqual([null, 256]);
    expect(model.name).toBe('tiny');
    model.dispose();
  });

  it('builds on an inputTensor computed from an Input, whose source becomes the model input', async () => {
    clearSession();
    const x = Input({ shape: [96, 96, 3] });
    const y = new Activation({ activation: 'tanh' }).apply(x);
    const model = await MobileNet({ weights: null, includeTop: false, inputTensor: y });
    // As Keras: mobilenet_1.00_None (None, 3, 3, 1024) ['input_layer', 'activation', 'conv1'] 1
    expect(model.name).toBe('mobilenet_1.00_None');
    // As Keras: the source inputs come as a list (`model.input` is `[x]`).
    expect(model.input).toHaveLength(1);
    expect(model.input[0]).toBe(x);
    expect(model.outputShape).toEqual([null, 3, 3, 1024]);
    expect(model.layers.slice(0, 3).map((l) => l.name)).toEqual(['input_layer', 'activation', 'conv1']);
    model.dispose();
  });

  it('predicts a small batch at 224 (probabilities, no leaks)', async () => {
    const model = await MobileNet({ weights: null });
    await expectSoftmaxPredictions(model, 1000);
    model.dispose();
  });

  it('fine-tunes: a notop base with a new Dense head takes a finite fit step that changes the weights', async () => {
    const base = await MobileNet({ weights: null, includeTop: false, inputShape: [32, 32, 3], alpha: 0.25, pooling: 'avg' });
    await expectFineTuneStep(base, ['conv1/kernel', 'conv_pw_13/kernel', 'conv_pw_13_bn/moving_mean']);
  });
});

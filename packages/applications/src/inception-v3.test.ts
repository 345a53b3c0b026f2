/**
 * InceptionV3 against Keras 3.15.1: the architecture fixtures (tools/keras-golden/applications_golden.py), a legacy
 * weights file written from the fixture's layer list, Keras' argument errors, and a fine-tuning step.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { numTensors } from '@strata/core';
import { Activation, clearSession, Input, kerasClassName, type KerasTensor } from '@strata/layers';
import {
  architectureFixture, describeKerasFixtures, expectFineTuneStep, expectKnownWeights, expectSoftmaxPredictions,
  fromImagenetMirror, writeApplicationWeights,
} from './test-support/application-fixtures.js';
import { InceptionV3, type InceptionV3Options } from './inception-v3.js';

beforeEach(() => clearSession());

describeKerasFixtures('InceptionV3', { cases: ['inception_v3', 'inception_v3_notop'], withConfig: ['inception_v3'] }, InceptionV3);

describe('InceptionV3 weights', () => {
  it("loads a legacy Keras weights file (bytes, Keras 2's 1-based auto-names as in Keras' file) by position, in Keras' order", async () => {
    const fx = architectureFixture('inception_v3');
    const model = await InceptionV3({ weights: await writeApplicationWeights(fx.layers, { keras2AutoNames: true }) });
    expectKnownWeights(model, fx.layers);
    model.dispose();
  });

  it("weights: 'imagenet' without the top downloads Keras' notop file (from a mirror) and loads it", async () => {
    const fx = architectureFixture('inception_v3_notop');
    const body = await writeApplicationWeights(fx.layers, { keras2AutoNames: true });
    const model = await fromImagenetMirror('inception_v3', 'inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5', body, (download) =>
      InceptionV3({ includeTop: false, inputShape: [150, 150, 3], download }),
    );
    expectKnownWeights(model, fx.layers);
    model.dispose();
  });
});

describe('InceptionV3 arguments', () => {
  it.each<[string, InceptionV3Options, string]>([
    ['imagenet weights with classes != 1000', { classes: 10 }, 'If using `weights="imagenet"` with `include_top=True`, `classes` should be 1000. Received classes=10'],
    ['an input smaller than 75x75', { weights: null, includeTop: false, inputShape: [74, 74, 3] }, 'Input size must be at least 75x75; Received: input_shape=(74, 74, 3)'],
    ['a weights value that is not a file', { weights: 42 as unknown as null }, 'The `weights` argument should be either `None` (random initialization), `imagenet` (pre-training on ImageNet), or the path to the weights file to be loaded; Received: weights=42'],
    ['imagenet weights with the top at 224x224', { inputShape: [224, 224, 3] }, 'When setting `include_top=True` and loading `imagenet` weights, `input_shape` should be (299, 299, 3).  Received: input_shape=(224, 224, 3)'],
    ['a non-softmax classifier with weights', { classifierActivation: 'relu' }, 'Only `None` and `softmax` activations are allowed for the `classifier_activation` argument when using pretrained weights, with `include_top=True`'],
    // Keras' InceptionV3 ignores an unknown pooling mode; Strata's shared options reject it.
    ['an unknown pooling mode', { weights: null, includeTop: false, pooling: 'mean' as 'avg' }, "`pooling` should be 'avg', 'max' or None. Received: pooling=mean"],
  ])('rejects %s', async (_, options, message) => {
    const before = numTensors();
    await expect(InceptionV3(options)).rejects.toThrow(message);
    expect(numTensors()).toBe(before);
  });

  it.each<['avg' | 'max' | null, Array<number | null>]>([
    ['avg', [null, 2048]],
    ['max', [null, 2048]],
    [null, [null, 1, 1, 2048]],
  ])('pooling %s without the top gives output shape %j at 75x75', async (pooling, shape) => {
    const model = await InceptionV3({ weights: null, includeTop: false, inputShape: [75, 75, 3], pooling });
    expect(model.outputShape).toEqual(shape);
    expect(kerasClassName(model.layers.at(-1)!)).toBe(pooling === 'avg' ? 'GlobalAveragePooling2D' : pooling === 'max' ? 'GlobalMaxPooling2D' : 'Concatenate');
    model.dispose();
  });

  it('builds on an inputTensor, taking its source Input as the model input', async () => {
    const source = Input({ shape: [96, 96, 3] });
    const scaled = new Activation({ activation: 'linear' }).apply(source) as KerasTensor;
    const model = await InceptionV3({ weights: null, includeTop: false, inputTensor: scaled, pooling: 'avg', name: 'features' });
    expect(model.name).toBe('features');
    expect(model.inputs).toEqual([source]);
    expect(model.inputShape).toEqual([null, 96, 96, 3]);
    expect(model.outputShape).toEqual([null, 2048]);
    model.dispose();
  });
});

describe('InceptionV3 training and inference', () => {
  it('fine-tunes: a notop base plus a new Dense head trains one step with a finite loss', async () => {
    await expectFineTuneStep(await InceptionV3({ weights: null, includeTop: false, inputShape: [75, 75, 3], pooling: 'avg' }), ['conv2d/kernel']);
  });

  it('predicts a small batch without leaking tensors', async () => {
    const model = await InceptionV3({ weights: null, includeTop: true, inputShape: [75, 75, 3], classes: 5 });
    await expectSoftmaxPredictions(model, 5);
    model.dispose();
  });
});

/**
 * VGG19 against Keras 3.15.1's own builds (fixtures `applications/architectures/vgg19*`): layers, weights, parameter
 * counts (the full model's 143.7M parameters are built on the default wasm backend) and the whole functional config;
 * `weights: 'imagenet'` end to end (a legacy Keras-1-style notop file from a local mirror, hash-checked, cached, loaded
 * by position); arguments. VGG16 and VGG19 share their builder
 * (src/vgg/build-vgg.ts), whose remaining behaviour (inputTensor, fit, predict) vgg16.test.ts covers.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { dispose, ops, random, type Tensor } from '@strata/core';
import { clearSession } from '@strata/layers';
import { expectNoLeaks } from '@strata/test-utils';
import {
  architectureFixture, describeKerasFixtures, expectKnownWeights, fromImagenetMirror, kerasMessage, optionsFromKwargs,
  writeApplicationWeights,
} from './test-support/application-fixtures.js';
import { VGG19, type VGG19Options } from './vgg19.js';

beforeEach(() => clearSession());

describeKerasFixtures('VGG19', { cases: ['vgg19', 'vgg19_notop_max'], withConfig: ['vgg19'] }, VGG19);

describe('VGG19 weights', () => {
  it("weights: 'imagenet' downloads Keras' notop file (here from a local mirror), caches it, and loads it by position", async () => {
    const fx = architectureFixture('vgg19_notop_max');
    const bytes = await writeApplicationWeights(fx.layers, { weightNames: 'keras1' });
    const model = await fromImagenetMirror('vgg19', 'vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5', bytes, (download) =>
      VGG19({ ...optionsFromKwargs<VGG19Options>(fx.kwargs), download }),
    );
    expectKnownWeights(model, fx.layers);
    model.dispose();
  });
});

describe('VGG19 arguments and runs', () => {
  it("rejects weights='imagenet' with includeTop and classes != 1000, as Keras", async () => {
    await expect(VGG19({ classes: 2 })).rejects.toThrow(
      kerasMessage("If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  Received classes=2"),
    );
  });

  it('rejects an input smaller than 32x32, with Keras’ message', async () => {
    await expect(VGG19({ includeTop: false, weights: null, inputShape: [32, 31, 3] })).rejects.toThrow(
      kerasMessage('Input size must be at least 32x32; Received: input_shape=(32, 31, 3)'),
    );
  });

  it('rejects ImageNet weights with the top at another input size, with Keras’ message', async () => {
    await expect(VGG19({ inputShape: [64, 64, 3] })).rejects.toThrow(
      kerasMessage(
        'When setting `include_top=True` and loading `imagenet` weights, `input_shape` should be (224, 224, 3).  ' +
          'Received: input_shape=(64, 64, 3)',
      ),
    );
  });

  it('predicts with global average pooling at 32x32 without leaking tensors', async () => {
    const model = await VGG19({ includeTop: false, weights: null, inputShape: [32, 32, 3], pooling: 'avg' });
    expect(model.outputShape).toEqual([null, 512]);
    const x = random.uniform([2, 32, 32, 3], { minval: 0, maxval: 255, seed: 3 });
    await expectNoLeaks(async () => {
      const y = model.predict(x) as Tensor;
      expect(y.shape).toEqual([2, 512]);
      const min = ops.min(y);
      expect((await min.data())[0]).toBeGreaterThanOrEqual(0); // the mean of ReLU features
      dispose([y, min]);
    });
    dispose(x);
    model.dispose();
  });
});

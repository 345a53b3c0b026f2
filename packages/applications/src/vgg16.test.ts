/**
 * VGG16 against Keras 3.15.1's own builds (fixtures `applications/architectures/vgg16*`): layers, weights, parameter
 * counts (the full model's 138M parameters are built on the default wasm backend) and the whole functional config;
 * loading a legacy Keras-1-style weights file by position; argument errors; pooling; `inputTensor`; a forward pass and
 * one fine-tuning step at 32x32.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { numTensors, ValueError } from '@strata/core';
import { Input, ZeroPadding2D, clearSession, type KerasTensor } from '@strata/layers';
import {
  architectureFixture, describeKerasFixtures, expectFineTuneStep, expectKnownWeights, expectSoftmaxPredictions,
  kerasMessage, writeApplicationWeights, type FixtureLayer,
} from './test-support/application-fixtures.js';
import { VGG16 } from './vgg16.js';

beforeEach(() => clearSession());

describeKerasFixtures('VGG16', { cases: ['vgg16', 'vgg16_notop'], withConfig: ['vgg16'] }, VGG16);

describe('VGG16 weights', () => {
  it('loads a legacy Keras-1-style weights file (block1_conv1_W_1:0 names, as the VGG files) by position, in Keras order', async () => {
    // The full model's layer list from Keras' fixture, with the dense shapes of a 32x32 input and 10 classes, so the
    // top is covered without writing 553 MB: fc1 takes the 1x1x512 flattened features.
    const layers: FixtureLayer[] = architectureFixture('vgg16').layers.map((l) => {
      if (l.name === 'fc1') return { ...l, weights: [['fc1/kernel', [512, 4096]], ['fc1/bias', [4096]]] };
      if (l.name === 'predictions') return { ...l, weights: [['predictions/kernel', [4096, 10]], ['predictions/bias', [10]]] };
      return l;
    });
    const bytes = await writeApplicationWeights(layers, { weightNames: 'keras1' });
    const model = await VGG16({ weights: bytes, inputShape: [32, 32, 3], classes: 10 });
    expectKnownWeights(model, layers);
    model.dispose();
  });

  it("refuses a file whose layers don't pair with the model's, naming both counts, and frees the model", async () => {
    const bytes = await writeApplicationWeights(architectureFixture('vgg16_notop').layers.slice(0, 4), { weightNames: 'keras1' }); // input, block1_conv1..2, pool
    const before = numTensors();
    await expect(VGG16({ weights: bytes, includeTop: false })).rejects.toThrow(
      /Layer count mismatch .* Model expected 13 layers with weights .* found 2 saved layers/,
    );
    expect(numTensors()).toBe(before);
  });
});

describe('VGG16 arguments', () => {
  it("rejects weights='imagenet' with includeTop and classes != 1000, as Keras", async () => {
    await expect(VGG16({ classes: 10 })).rejects.toThrow(ValueError);
    await expect(VGG16({ classes: 10 })).rejects.toThrow(
      kerasMessage("If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  Received classes=10"),
    );
  });

  it('rejects an input smaller than 32x32, with Keras’ message', async () => {
    await expect(VGG16({ includeTop: false, weights: null, inputShape: [16, 16, 3] })).rejects.toThrow(
      kerasMessage('Input size must be at least 32x32; Received: input_shape=(16, 16, 3)'),
    );
  });

  it('rejects an unknown pooling mode', async () => {
    await expect(VGG16({ includeTop: false, weights: null, pooling: 'sum' as 'avg' })).rejects.toThrow(/pooling/);
  });

  it('builds the top at another input size without ImageNet weights, as Keras (Flatten of 2x2x512 feeds fc1)', async () => {
    const model = await VGG16({ weights: null, inputShape: [64, 64, 3], classes: 10, classifierActivation: null });
    expect(model.getLayer('fc1').weights[0]!.shape).toEqual([2048, 4096]);
    expect((model.getLayer('predictions').getConfig() as { activation: unknown }).activation).toBe('linear');
    // Keras 3.15.1 VGG16(weights=None, input_shape=(64, 64, 3), classes=10) has 14714688 + 8392704 + 16781312 + 40970.
    expect(model.countParams()).toBe(14714688 + 2048 * 4096 + 4096 + 4096 * 4096 + 4096 + 4096 * 10 + 10);
    expect(model.outputShape).toEqual([null, 10]);
    model.dispose();
  });
});

describe('VGG16 pooling and inputs', () => {
  // Keras 3.15.1 names these layers with its auto-names: global_average_pooling2d, global_max_pooling2d.
  it.each([
    ['avg', [null, 512], 'global_average_pooling2d'],
    ['max', [null, 512], 'global_max_pooling2d'],
    [null, [null, 2, 2, 512], 'block5_pool'],
  ] as const)('pooling %s gives output %j from layer %s', async (pooling, shape, last) => {
    const model = await VGG16({ includeTop: false, weights: null, inputShape: [64, 64, 3], pooling });
    expect(model.outputShape).toEqual(shape);
    expect(model.layers.at(-1)!.name).toBe(last);
    model.dispose();
  });

  it('builds on an inputTensor computed from another Input, whose source becomes the model input', async () => {
    const img = Input({ shape: [28, 28, 3] });
    const padded = new ZeroPadding2D({ padding: 2, name: 'pad_to_32' }).apply(img) as KerasTensor;
    const model = await VGG16({ includeTop: false, weights: null, inputTensor: padded });
    expect(Array.isArray(model.input) && model.input.length === 1 && model.input[0] === img).toBe(true);
    expect(model.inputs).toEqual([img]);
    expect(model.layers.slice(0, 3).map((l) => l.name)).toEqual(['input_layer', 'pad_to_32', 'block1_conv1']);
    expect(model.outputShape).toEqual([null, 1, 1, 512]);
    model.dispose();
  });
});

describe('VGG16 runs', () => {
  it('predicts softmax rows with the top at 32x32 without leaking tensors', async () => {
    const model = await VGG16({ weights: null, inputShape: [32, 32, 3], classes: 5 });
    await expectSoftmaxPredictions(model, 5);
    model.dispose();
  });

  it('fine-tunes: one fit step of the notop model with a new Dense head gives a finite loss and changes the weights', async () => {
    await expectFineTuneStep(await VGG16({ includeTop: false, weights: null, inputShape: [32, 32, 3], pooling: 'max' }), ['block5_conv3/kernel']);
  });
});

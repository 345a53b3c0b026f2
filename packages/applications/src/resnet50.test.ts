/**
 * ResNet50 against Keras 3.15.1's own builds (fixtures `applications/architectures/resnet50*`): layers, weights,
 * parameter counts and the whole functional config; loading a legacy weights file by position; argument errors;
 * pooling; `inputTensor`; a small forward pass and one fine-tuning step.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ValueError } from '@strata/core';
import { Conv2D, Input, clearSession, type KerasTensor } from '@strata/layers';
import { ResNet50 } from './resnet50.js';
import {
  architectureFixture, describeKerasFixtures, expectFineTuneStep, expectKnownWeights, expectSoftmaxPredictions,
  kerasMessage, writeApplicationWeights,
} from './test-support/application-fixtures.js';

beforeEach(() => clearSession());

describeKerasFixtures('ResNet50', { cases: ['resnet50', 'resnet50_notop_avg'], withConfig: ['resnet50'] }, ResNet50);

describe('ResNet50 weights', () => {
  it('loads a legacy Keras weights file (the layout of resnet50_weights_tf_dim_ordering_tf_kernels.h5) by position, in Keras order', async () => {
    const { layers } = architectureFixture('resnet50');
    const model = await ResNet50({ weights: await writeApplicationWeights(layers) });
    expectKnownWeights(model, layers);
    model.dispose();
  });
});

describe('ResNet50 arguments', () => {
  it("rejects weights='imagenet' with includeTop and classes != 1000, as Keras", async () => {
    await expect(ResNet50({ classes: 10 })).rejects.toThrow(ValueError);
    await expect(ResNet50({ classes: 10 })).rejects.toThrow(
      kerasMessage("If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  Received classes=10"),
    );
  });

  it('rejects an input smaller than 32x32, with Keras’ message', async () => {
    await expect(ResNet50({ includeTop: false, weights: null, inputShape: [31, 40, 3] })).rejects.toThrow(
      kerasMessage('Input size must be at least 32x32; Received: input_shape=(31, 40, 3)'),
    );
  });

  it('rejects ImageNet weights on an input without 3 channels, with Keras’ message', async () => {
    await expect(ResNet50({ includeTop: false, inputShape: [64, 64, 1] })).rejects.toThrow(
      kerasMessage('The input must have 3 channels; Received `input_shape=(64, 64, 1)`'),
    );
  });

  it('rejects a classifier activation other than softmax or none with pretrained weights', async () => {
    await expect(ResNet50({ classifierActivation: 'relu' })).rejects.toThrow(
      kerasMessage(
        'Only `None` and `softmax` activations are allowed for the `classifier_activation` argument when using pretrained weights, ' +
          'with `include_top=True`; Received: classifier_activation=relu',
      ),
    );
  });

  it('rejects an unknown pooling mode', async () => {
    await expect(ResNet50({ includeTop: false, weights: null, pooling: 'sum' as 'avg' })).rejects.toThrow(/pooling/);
  });

  it('builds a top for another number of classes, with logits when classifierActivation is null', async () => {
    const model = await ResNet50({ weights: null, classes: 10, classifierActivation: null });
    const top = model.getLayer('predictions').getConfig() as { units: number; activation: unknown };
    expect(top.units).toBe(10);
    expect(top.activation).toBe('linear');
    expect(model.countParams()).toBe(architectureFixture('resnet50_notop_avg').count_params + 2048 * 10 + 10);
    model.dispose();
  });
});

describe('ResNet50 pooling and inputs', () => {
  // Keras 3.15.1: ResNet50(include_top=False, weights=None, input_shape=(32, 32, 3), pooling=...)
  it.each([
    ['avg', [null, 2048], 'avg_pool', 'GlobalAveragePooling2D'],
    ['max', [null, 2048], 'max_pool', 'GlobalMaxPooling2D'],
    [null, [null, 1, 1, 2048], 'conv5_block3_out', 'Activation'],
  ] as const)('pooling %s gives output %j from layer %s', async (pooling, shape, last, className) => {
    const model = await ResNet50({ includeTop: false, weights: null, inputShape: [32, 32, 3], pooling });
    expect(model.outputShape).toEqual(shape);
    expect(model.layers.at(-1)!.name).toBe(last);
    expect(model.layers.at(-1)!.constructor.name).toBe(className);
    model.dispose();
  });

  it('builds on an inputTensor computed from another Input, whose source becomes the model input', async () => {
    const gray = Input({ shape: [64, 64, 1] });
    const rgb = new Conv2D({ filters: 3, kernelSize: 1, name: 'to_rgb' }).apply(gray) as KerasTensor;
    const model = await ResNet50({ includeTop: false, weights: null, inputTensor: rgb });
    // Keras: `get_source_inputs` gives a list, so `model.input` is `[gray]`.
    expect(Array.isArray(model.input) && model.input.length === 1 && model.input[0] === gray).toBe(true);
    expect(model.layers.slice(0, 3).map((l) => l.name)).toEqual(['input_layer', 'to_rgb', 'conv1_pad']);
    expect(model.outputShape).toEqual([null, 2, 2, 2048]);
    model.dispose();
  });
});

describe('ResNet50 runs', () => {
  it('predicts softmax rows with the top (at 64x64, which Keras allows without ImageNet weights) without leaking tensors', async () => {
    const model = await ResNet50({ weights: null, inputShape: [64, 64, 3] });
    await expectSoftmaxPredictions(model, 1000);
    model.dispose();
  });

  it('fine-tunes: one fit step of a notop backbone with a new Dense head gives a finite loss and changes the weights', async () => {
    await expectFineTuneStep(await ResNet50({ includeTop: false, weights: null, inputShape: [32, 32, 3], pooling: 'avg' }), ['conv1_conv/kernel']);
  });
});

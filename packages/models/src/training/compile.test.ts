/**
 * `compile`: argument checks, the metrics a model tracks, `'accuracy'` resolved per output, the compile config
 * through Keras' snake_case JSON and back, and the summary's optimizer line once training has built the optimizer.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { dispose, fromKerasJson, ops, toKerasJson } from '@strata/core';
import { clearSession, Dense, Input } from '@strata/layers';
import { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from '@strata/metrics';
import { CompileMetrics, Model, Sequential, summaryText } from '../index.js';

beforeEach(() => clearSession());

function twoOutputs(): Model {
  const x = Input({ shape: [4] });
  const a = new Dense({ units: 1, activation: 'sigmoid', name: 'head_1' }).apply(x);
  const b = new Dense({ units: 3, activation: 'softmax', name: 'head_2' }).apply(x);
  return new Model({ inputs: x, outputs: [a, b] });
}

describe('compile', () => {
  it("resolves 'accuracy' per output from the label and output shapes", async () => {
    const model = twoOutputs();
    model.compile({ optimizer: 'sgd', loss: ['binary_crossentropy', 'sparse_categorical_crossentropy'], metrics: { head_1: ['accuracy'], head_2: ['acc'] } });
    expect(model.metricsNames).toEqual(['loss', 'compile_metrics']);
    const x = ops.ones([2, 4]);
    const y = [ops.tensor([[1], [0]]), ops.tensor([2, 0])];
    const logs = (await model.evaluate(x, y, { verbose: 0, returnDict: true })) as Record<string, number>;
    expect(Object.keys(logs)).toEqual(['head_1_accuracy', 'head_1_loss', 'head_2_acc', 'head_2_loss', 'loss']);
    const compiled = (model.metrics[1] as CompileMetrics).metrics;
    expect(compiled[0]).toBeInstanceOf(BinaryAccuracy);
    expect(compiled[1]).toBeInstanceOf(SparseCategoricalAccuracy);
    expect(model.metricsNames).toEqual(['loss', 'compile_metrics', 'head_1_loss', 'head_2_loss']);
    dispose([x, ...y]);
    model.dispose();
  });

  it('reads one-hot labels as categorical', async () => {
    const model = new Sequential([Input({ shape: [2] }), new Dense({ units: 3, activation: 'softmax' })]);
    model.compile({ optimizer: 'sgd', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const x = ops.ones([2, 2]);
    const y = ops.oneHot(ops.tensor1d([0, 2], 'int32'), 3);
    await model.evaluate(x, y, { verbose: 0 });
    expect((model.metrics[1] as CompileMetrics).metrics[0]).toBeInstanceOf(CategoricalAccuracy);
    dispose([x, y]);
    model.dispose();
  });

  it('round-trips its config through Keras JSON, output names with underscores included', () => {
    const model = twoOutputs();
    model.compile({
      optimizer: 'adam', loss: { head_1: 'binary_crossentropy', head_2: 'sparse_categorical_crossentropy' }, lossWeights: { head_1: 2, head_2: 1 },
      metrics: { head_2: ['accuracy'] }, weightedMetrics: ['mse', 'mae'],
    });
    const json = toKerasJson(model.getCompileConfig());
    expect(json).toMatchObject({
      loss: { head_1: 'binary_crossentropy', head_2: 'sparse_categorical_crossentropy' }, loss_weights: { head_1: 2, head_2: 1 },
      metrics: { head_2: ['accuracy'] }, weighted_metrics: ['mse', 'mae'], run_eagerly: false, steps_per_execution: 1,
      optimizer: { class_name: 'Adam', module: 'keras.optimizers' },
    });
    const copy = twoOutputs();
    copy.compileFromConfig(fromKerasJson(json) as Record<string, unknown>);
    expect(toKerasJson(copy.getCompileConfig())).toEqual(json);
    for (const m of [model, copy]) m.dispose();
  });

  it('rejects unknown arguments and steps per execution other than 1', () => {
    const model = twoOutputs();
    expect(() => model.compile({ optimizer: 'sgd', loss_weights: [1, 2] } as never)).toThrow(/Unrecognized compile arguments: loss_weights/);
    expect(() => model.compile({ optimizer: 'sgd', stepsPerExecution: 4 })).toThrow(/Only `stepsPerExecution: 1` is supported/);
    expect(() => model.compile({ optimizer: 'nope' })).toThrow(/nope/);
    model.dispose();
  });

  it('reports the optimizer parameters in the summary once training built the optimizer', async () => {
    const model = new Sequential([Input({ shape: [4] }), new Dense({ units: 3 })], );
    model.compile({ optimizer: 'adam', loss: 'mse' });
    expect(summaryText(model)).not.toContain('Optimizer params');
    const x = ops.ones([2, 4]);
    const y = ops.ones([2, 3]);
    await model.trainOnBatch(x, y);
    expect(summaryText(model)).toContain(' Optimizer params: 32 (128.00 B)'); // iteration, learning rate, 2 × 15
    dispose([x, y]);
    model.dispose();
  });
});

/**
 * Multi-output compile/fit/evaluate against Keras (tools/keras-golden/training_golden.py `multi_output_*`): a
 * two-output functional model with per-output losses, loss weights, metrics and weighted metrics (a record, lists,
 * a partial list) logs Keras' names (`cls_loss`, `cls_accuracy`, `cls_weighted_accuracy`, `reg_mae`…) with Keras'
 * values, and `evaluate`, `trainOnBatch`, `testOnBatch`, `metricsNames` and the compile config match.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { dispose, ops, toKerasJson, type Tensor } from '@strata/core';
import { clearSession, Dense, Input } from '@strata/layers';
import { SGD } from '@strata/optimizers';
import { expectTensorsClose, goldenTensor, type GoldenTensor } from '@strata/test-utils';
import { Model } from '../index.js';
import { trainingCase } from '../test-support/training-fixtures.js';
import { snakeToCamel } from '@strata/core';

interface Fixture {
  compile: Record<string, unknown>;
  y_as: 'dict' | 'list';
  fit_kwargs: Record<string, unknown>;
  x: GoldenTensor;
  y_cls: GoldenTensor;
  y_reg: GoldenTensor;
  sw: GoldenTensor;
  weight_paths: string[];
  initial_weights: GoldenTensor[];
  history: Record<string, number[]>;
  history_params: Record<string, unknown>;
  evaluate_list: number[];
  evaluate_dict: Record<string, number>;
  metrics_names: string[];
  train_on_batch: number[];
  test_on_batch: Record<string, number>;
  final_weights: GoldenTensor[];
  compile_config: Record<string, unknown>;
}

const TOL = { rtol: 1e-4, atol: 1e-5 };
const close = (a: number, e: number): void => expect(Math.abs(a - e), `${a} vs ${e}`).toBeLessThanOrEqual(TOL.atol + TOL.rtol * Math.abs(e));

beforeEach(() => clearSession());

function twoHeads(f: Fixture): Model {
  const inp = Input({ shape: [4], name: 'features' });
  const h = new Dense({ units: 5, activation: 'tanh', name: 'hidden' }).apply(inp);
  const cls = new Dense({ units: 3, activation: 'softmax', name: 'cls' }).apply(h);
  const reg = new Dense({ units: 1, name: 'reg' }).apply(h);
  const model = new Model({ inputs: inp, outputs: [cls, reg], name: 'two_heads' });
  const w = f.initial_weights.map(goldenTensor);
  model.setWeights(w);
  dispose(w);
  return model;
}

/** Keras' snake_case compile arguments as Strata's camelCase ones. */
function compileArgs(c: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [snakeToCamel(k), v]));
}

describe.each(['multi_output_dict', 'multi_output_list', 'multi_output_partial'])('%s', (name) => {
  const f = trainingCase<Fixture>(name);

  it("logs Keras' names and values in fit, evaluate, trainOnBatch and testOnBatch", async () => {
    const model = twoHeads(f);
    expect(model.weights.map((w) => w.path)).toEqual(f.weight_paths);
    model.compile({ optimizer: new SGD({ learningRate: 0.05 }), ...compileArgs(f.compile) });
    const x = goldenTensor(f.x);
    const yc = goldenTensor(f.y_cls);
    const yr = goldenTensor(f.y_reg);
    const sw = goldenTensor(f.sw);
    const y = f.y_as === 'dict' ? { cls: yc, reg: yr } : [yc, yr];
    const history = await model.fit(x, y, {
      batchSize: 8, epochs: 2, validationSplit: 0.25, shuffle: false, verbose: 0, sampleWeight: f.fit_kwargs.sample_weight ? sw : undefined,
    });
    expect(Object.keys(history.history).sort()).toEqual(Object.keys(f.history).sort());
    for (const [k, values] of Object.entries(f.history)) values.forEach((v, i) => close(history.history[k]![i]!, v));
    expect(history.params).toEqual(f.history_params);
    expect(model.metricsNames).toEqual(f.metrics_names);

    const list = (await model.evaluate(x, y, { batchSize: 8, verbose: 0 })) as number[];
    expect(list.length).toBe(f.evaluate_list.length);
    list.forEach((v, i) => close(v, f.evaluate_list[i]!));
    const dict = (await model.evaluate(x, y, { batchSize: 8, verbose: 0, returnDict: true })) as Record<string, number>;
    expect(Object.keys(dict)).toEqual(Object.keys(f.evaluate_dict).sort());
    for (const [k, v] of Object.entries(f.evaluate_dict)) close(dict[k]!, v);

    const head = (t: Tensor) => ops.slice(t, [0, ...t.shape.slice(1).map(() => 0)], [8, ...t.shape.slice(1)]);
    const [x8, yc8, yr8] = [head(x), head(yc), head(yr)];
    const y8 = f.y_as === 'dict' ? { cls: yc8, reg: yr8 } : [yc8, yr8];
    const tob = (await model.trainOnBatch(x8, y8)) as number[];
    tob.forEach((v, i) => close(v, f.train_on_batch[i]!));
    const tst = (await model.testOnBatch(x8, y8, { returnDict: true })) as Record<string, number>;
    for (const [k, v] of Object.entries(f.test_on_batch)) close(tst[k]!, v);

    model.getWeights().forEach((w, i) => {
      expectTensorsClose(w, f.final_weights[i]!, TOL);
      w.dispose();
    });
    const { jit_compile: _jit, ...expected } = f.compile_config;
    const { jit_compile: _ours, ...ours } = toKerasJson(model.getCompileConfig()) as Record<string, unknown>;
    expect(ours).toEqual(expected);
    dispose([x, yc, yr, sw, x8, yc8, yr8]);
    model.optimizer!.dispose();
    model.dispose();
  });

  it('compiles again from its compile config', () => {
    const model = twoHeads(f);
    model.compile({ optimizer: new SGD({ learningRate: 0.05 }), ...compileArgs(f.compile) });
    const config = model.getCompileConfig()!;
    const copy = twoHeads(f);
    copy.compileFromConfig(JSON.parse(JSON.stringify(config)));
    expect(copy.getCompileConfig()).toEqual(config);
    expect(copy.optimizer!.built).toBe(true);
    for (const m of [model, copy]) {
      m.optimizer!.dispose();
      m.dispose();
    }
  });
});

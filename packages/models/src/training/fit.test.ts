/**
 * The training loop's own behaviour: custom loops and overridden steps agree with `fit`, no tensor leaks, seeded
 * shuffling, iterables of batches, `stepsPerEpoch`, callbacks stopping training, and the errors Keras gives.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispose, numTensors, ops, random, setRandomSeed, tidy, type Tensor } from '@strata/core';
import { clearSession, Dense, Input } from '@strata/layers';
import { MeanSquaredError } from '@strata/losses';
import { Mean } from '@strata/metrics';
import { SGD } from '@strata/optimizers';
import { expectTensorsClose } from '@strata/test-utils';
import { computeGradients, LambdaCallback, Model, Sequential, unpackXYSampleWeight } from '../index.js';
import { captureStdout } from '../test-support/training-fixtures.js';

beforeEach(() => clearSession());
afterEach(() => vi.restoreAllMocks());

function mlp(seed = 7): Sequential {
  setRandomSeed(seed);
  return new Sequential({ layers: [Input({ shape: [3] }), new Dense({ units: 5, activation: 'tanh' }), new Dense({ units: 2 })], name: 'mlp' });
}

function data(n = 20): { x: Tensor; y: Tensor } {
  return tidy(() => {
    const x = random.normal([n, 3], { seed: 1 });
    const y = ops.matMul(x, ops.tensor([[1, -1], [0.5, 2], [-2, 0]]));
    return { x, y };
  });
}

function weightsOf(model: Model): number[][] {
  return model.getWeights().map((w) => {
    const v = Array.from(w.dataSync());
    w.dispose();
    return v;
  });
}

describe('custom training', () => {
  it('a loop with computeGradients and applyGradients reaches the weights fit reaches (one epoch, no shuffling)', async () => {
    const { x, y } = data();
    const a = mlp();
    const b = mlp();
    b.setWeights(a.getWeights());
    a.compile({ optimizer: new SGD({ learningRate: 0.1, momentum: 0.9 }), loss: 'mse' });
    await a.fit(x, y, { batchSize: 8, epochs: 1, shuffle: false, verbose: 0 });

    const optimizer = new SGD({ learningRate: 0.1, momentum: 0.9 });
    const lossFn = new MeanSquaredError();
    for (let start = 0; start < 20; start += 8) {
      const size = Math.min(8, 20 - start);
      tidy(() => {
        const xb = ops.slice(x, [start, 0], [size, 3]);
        const yb = ops.slice(y, [start, 0], [size, 2]);
        const { value, grads } = computeGradients(b, () => lossFn.apply(yb, b.apply(xb, { training: true })));
        optimizer.applyGradients(grads.map((g, i) => [g, b.trainableWeights[i]!]));
        value.dispose();
      });
    }
    const wa = weightsOf(a);
    weightsOf(b).forEach((w, i) => expectTensorsClose(ops.tensor(w), wa[i]!, { rtol: 1e-5, atol: 1e-6 }));
    dispose([x, y]);
    for (const m of [a, b]) m.dispose();
    optimizer.dispose();
  });

  it('fit and evaluate call an overridden trainStep / testStep and log what they return', async () => {
    class Custom extends Model {
      dense = new Dense({ units: 1 });
      tracker = new Mean({ name: 'my_loss' });
      steps = 0;
      override call(x: Tensor): Tensor {
        return this.dense.apply(x);
      }
      override trainStep(data: unknown) {
        this.steps++;
        const { x, y } = unpackXYSampleWeight(data);
        const { value, grads } = computeGradients(this, () => ops.mean(ops.square(ops.sub(this.apply(x, { training: true }), y as Tensor))));
        this.optimizer!.apply(grads, this.trainableWeights);
        this.tracker.updateState(value);
        return { my_loss: this.tracker.result() };
      }
      override testStep(data: unknown) {
        const { x, y } = unpackXYSampleWeight(data);
        return { my_loss: ops.mean(ops.square(ops.sub(this.apply(x), y as Tensor))) };
      }
    }
    const model = new Custom();
    model.compile({ optimizer: new SGD({ learningRate: 0.05 }) });
    const { x, y } = tidy(() => {
      const xx = random.normal([16, 2], { seed: 3 });
      return { x: xx, y: ops.sum(xx, 1, true) };
    });
    const history = await model.fit(x, y, { batchSize: 4, epochs: 3, verbose: 0, validationData: [x, y] });
    expect(model.steps).toBe(12);
    // The steps log other keys than the model's metrics (`loss`, `my_loss`), so the epoch logs are the last step's, as Keras.
    expect(Object.keys(history.history).sort()).toEqual(['my_loss', 'val_my_loss']);
    expect(history.history.my_loss![2]!).toBeLessThan(history.history.my_loss![0]!);
    expect(model.metrics.map((m) => m.name)).toEqual(['loss', 'my_loss']);
    dispose([x, y]);
    model.dispose();
  });
});

describe('memory', () => {
  it('10,000 trainOnBatch steps leave numTensors unchanged', async () => {
    // The smallest model (a linear unit, plain SGD) keeps this fast; the other tests cover richer models.
    const model = new Sequential({ layers: [Input({ shape: [2] }), new Dense({ units: 1 })] });
    model.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: 'mse' });
    const x = ops.tensor([[1, 2], [3, -1], [0, 1], [-2, 0.5]]);
    const y = ops.tensor([[1], [2], [0.5], [-1]]);
    const first = (await model.trainOnBatch(x, y)) as number; // creates the optimizer state
    const before = numTensors();
    let last = first;
    for (let i = 0; i < 10_000; i++) last = (await model.trainOnBatch(x, y)) as number;
    expect(numTensors()).toBe(before);
    expect(last).toBeLessThan(first);
    dispose([x, y]);
    model.optimizer!.dispose();
    model.dispose();
  }, 120_000);

  it('fit, evaluate and predict with validation, callbacks and shuffling leak nothing', async () => {
    const model = mlp();
    model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
    const { x, y } = data();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const before = numTensors();
    await model.fit(x, y, { epochs: 2, batchSize: 6, validationSplit: 0.25, verbose: 0, callbacks: [new LambdaCallback({ onBatchEnd: () => undefined })] });
    await model.evaluate(x, y, { verbose: 0 });
    dispose(model.predict(x, { callbacks: [new LambdaCallback({})] }));
    expect(numTensors()).toBe(before);
    dispose([x, y]);
    model.dispose();
  });
});

describe('data', () => {
  it('shuffles reproducibly under setRandomSeed, and differently from no shuffling', async () => {
    const { x, y } = data();
    const run = async (shuffle: boolean) => {
      const model = mlp(11);
      model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'mse' });
      setRandomSeed(5);
      await model.fit(x, y, { batchSize: 4, epochs: 2, shuffle, verbose: 0 });
      const w = weightsOf(model);
      model.dispose();
      return w;
    };
    const first = await run(true);
    const again = await run(true);
    const plain = await run(false);
    expect(again).toEqual(first);
    expect(plain).not.toEqual(first);
    dispose([x, y]);
  });

  it('trains from a generator of [x, y] batches, disposing them, and from an async iterable', async () => {
    const { x, y } = data(12);
    const model = mlp();
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'mse' });
    const made: Tensor[] = [];
    function* batches() {
      for (let s = 0; s < 12; s += 4) {
        const b = [ops.slice(x, [s, 0], [4, 3]), ops.slice(y, [s, 0], [4, 2])];
        made.push(...b);
        yield b;
      }
    }
    const h = await model.fit(batches(), { epochs: 1, verbose: 0 });
    expect(h.params.steps).toBe(null);
    expect(made.length).toBe(6);
    expect(made.every((t) => t.isDisposed)).toBe(true);

    async function* asyncBatches() {
      for (let s = 0; s < 12; s += 6) yield [ops.slice(x, [s, 0], [6, 3]), ops.slice(y, [s, 0], [6, 2])];
    }
    const seen: number[] = [];
    await model.fit(asyncBatches(), { epochs: 1, verbose: 0, callbacks: [new LambdaCallback({ onTrainBatchEnd: (b) => void seen.push(b) })] });
    expect(seen).toEqual([0, 1]);
    const evaluated = await model.evaluate(asyncBatches(), { verbose: 0 });
    expect(typeof evaluated).toBe('number');
    dispose([x, y]);
    model.dispose();
  });

  it('restarts a re-iterable source every epoch and leaves tensors it already held alone; stepsPerEpoch continues the pass', async () => {
    const { x, y } = data(12);
    const model = mlp();
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'mse' });
    const batches = [0, 4, 8].map((s) => [ops.slice(x, [s, 0], [4, 3]), ops.slice(y, [s, 0], [4, 2])]);
    const reiterable = { [Symbol.iterator]: () => batches.values() };
    const seen: string[] = [];
    const rec = (e: { epoch: number }) => new LambdaCallback({ onTrainBatchBegin: (b) => void seen.push(`${e.epoch}:${b}`), onEpochBegin: (ep) => void (e.epoch = ep) });
    const h = await model.fit(reiterable, { epochs: 2, verbose: 0, callbacks: [rec({ epoch: 0 })] });
    expect(h.params.steps).toBe(null);
    expect(seen).toEqual(['0:0', '0:1', '0:2', '1:0', '1:1', '1:2']);
    expect(batches.flat().every((t) => !t.isDisposed)).toBe(true);

    seen.length = 0;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const counted: number[] = [];
    const xs = await model.fit(x, y, {
      batchSize: 4, epochs: 3, stepsPerEpoch: 2, shuffle: false, verbose: 0,
      callbacks: [new LambdaCallback({ onTrainBatchBegin: () => void counted.push(1), onEpochEnd: (e) => void seen.push(`${e}:${counted.length}`) })],
    });
    expect(xs.params.steps).toBe(2);
    // 3 batches per pass, 2 steps per epoch: the second epoch runs the pass's last batch, then the data runs out
    // (Keras warns), and the third epoch starts a new pass.
    expect(seen).toEqual(['0:2', '1:3', '2:5']);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Your input ran out of data/));
    dispose([x, y, ...batches.flat()]);
    model.dispose();
  });

  it('accepts arrays of numbers, records keyed by input name, and sample weights', async () => {
    const a = Input({ shape: [2], name: 'a' });
    const b = Input({ shape: [1], name: 'b' });
    const merged = new Dense({ units: 1, name: 'out' }).apply(a);
    const other = new Dense({ units: 1, name: 'out2' }).apply(b);
    const model = new Model({ inputs: { a, b }, outputs: { out: merged, out2: other } });
    model.compile({ optimizer: 'sgd', loss: { out: 'mse', out2: 'mae' } });
    const h = await model.fit(
      { a: [[1, 2], [3, 4], [5, 6]], b: [[1], [2], [3]] },
      { out: [[1], [2], [3]], out2: [[0], [1], [0]] },
      { sampleWeight: [1, 0, 2], epochs: 2, verbose: 0 },
    );
    expect(Object.keys(h.history).sort()).toEqual(['loss', 'out2_loss', 'out_loss']);
    model.dispose();
  });

  it('validates on the epochs validationFreq lists, and starts at initialEpoch', async () => {
    const { x, y } = data();
    const model = mlp();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const h = await model.fit(x, y, { epochs: 4, initialEpoch: 1, validationData: [x, y], validationFreq: [2, 4], verbose: 0 });
    expect(h.epoch).toEqual([1, 2, 3]);
    expect(h.history.val_loss!.length).toBe(2);
    dispose([x, y]);
    model.dispose();
  });

  it('stops when a callback sets stopTraining in the middle of an epoch', async () => {
    const { x, y } = data();
    const model = mlp();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    let batches = 0;
    const stop = new LambdaCallback({
      onTrainBatchEnd: (b) => {
        batches++;
        if (b === 1) model.stopTraining = true;
      },
    });
    const h = await model.fit(x, y, { epochs: 5, batchSize: 4, verbose: 0, callbacks: [stop] });
    expect(batches).toBe(2);
    expect(h.epoch).toEqual([0]);
    dispose([x, y]);
    model.dispose();
  });
});

describe('progress output', () => {
  it("'auto' prints one line per epoch when stdout is not a terminal, and nothing with verbose 0", async () => {
    const { x, y } = data(8);
    const model = mlp();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const auto = await captureStdout(() => model.fit(x, y, { epochs: 2, batchSize: 4 }));
    expect(auto).toMatch(/^Epoch 1\/2\n2\/2 - \d+s - \d+m?s\/step - loss: \d\.\d{4}\nEpoch 2\/2\n2\/2 - .*\n$/);
    const silent = await captureStdout(() => model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 }));
    expect(silent).toBe('');
    dispose([x, y]);
    model.dispose();
  });
});

describe('errors', () => {
  it('fit before compile', async () => {
    const model = mlp();
    const { x, y } = data();
    await expect(model.fit(x, y)).rejects.toThrow(/You must call `compile\(\)` before calling `fit\(\)` on model "mlp"/);
    await expect(model.evaluate(x, y)).rejects.toThrow(/before calling `evaluate\(\)`/);
    dispose([x, y]);
    model.dispose();
  });

  it('x and y of different lengths', async () => {
    const model = mlp();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = ops.zeros([10, 3]);
    const y = ops.zeros([9, 2]);
    await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(/Data cardinality is ambiguous.*'x' sizes: 10; 'y' sizes: 9/);
    dispose([x, y]);
    model.dispose();
  });

  it('a loss that does not fit the output shape names the loss, the output and both shapes', async () => {
    const model = mlp();
    model.compile({ optimizer: 'sgd', loss: 'categorical_crossentropy' });
    const x = ops.zeros([4, 3]);
    const y = ops.zeros([4, 5]);
    await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(
      /Could not compute loss "categorical_crossentropy" for output "dense_1": y_true has shape \[4, 5\] and y_pred has shape \[4, 2\]/,
    );
    dispose([x, y]);
    model.dispose();
  });

  it('unknown options, a missing loss, and mismatched loss records', async () => {
    const model = mlp();
    const x = ops.zeros([4, 3]);
    const y = ops.zeros([4, 2]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    await expect(model.fit(x, y, { batch_size: 4 } as never)).rejects.toThrow(/Unknown fit\(\) option: batch_size\. Accepted: batchSize/);
    model.compile({ optimizer: 'sgd' });
    await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(/No loss to compute\. Provide a `loss` argument in `compile\(\)`/);
    model.compile({ optimizer: 'sgd', loss: { nope: 'mse' } });
    await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(/Expected keys \["dense_1"\] in loss/);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: 'mae' as never })).toThrow(/Expected `metrics` to be a list/);
    dispose([x, y]);
    model.dispose();
  });
});

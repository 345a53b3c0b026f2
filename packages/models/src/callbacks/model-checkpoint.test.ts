/**
 * `ModelCheckpoint`: which epochs (or batches) save, under which Python-formatted names, and the files
 * `@strata/saving` writes — loaded back, they hold the weights the model had at that epoch.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { dispose, ops, random, tidy, type Tensor } from '@strata/core';
import { clearSession, Dense, Input } from '@strata/layers';
import { SGD } from '@strata/optimizers';
import { expectTensorsClose } from '@strata/test-utils';
import { LambdaCallback, Sequential, type Model } from '../index.js';
import { captureStdout, injector } from '../test-support/training-fixtures.js';
import { ModelCheckpoint, type CheckpointSaver } from './model-checkpoint.js';

const dir = mkdtempSync(join(tmpdir(), 'strata-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => clearSession());

/** A checkpoint that records what it would save instead of writing files. */
class RecordingCheckpoint extends ModelCheckpoint {
  saved: Array<{ kind: 'model' | 'weights'; path: string }> = [];
  protected override async loadSaver(): Promise<CheckpointSaver> {
    return {
      saveModel: async (_m: Model, path: string) => void this.saved.push({ kind: 'model', path }),
      saveWeights: async (_m: Model, path: string) => void this.saved.push({ kind: 'weights', path }),
    };
  }
}

function setup(): { model: Sequential; x: Tensor; y: Tensor } {
  const model = new Sequential({ layers: [Input({ shape: [3] }), new Dense({ units: 1 })], name: 'ckpt' });
  model.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: 'mse' });
  const { x, y } = tidy(() => {
    const xx = random.normal([8, 3], { seed: 4 });
    return { x: xx, y: ops.sum(xx, 1, true) };
  });
  return { model, x, y };
}

describe('ModelCheckpoint', () => {
  it('saves every epoch under the formatted name', async () => {
    const { model, x, y } = setup();
    const ckpt = new RecordingCheckpoint(join(dir, 'm-{epoch:02d}-{loss:.2f}.keras'));
    const losses: number[] = [];
    const rec = new LambdaCallback({ onEpochEnd: (_e, logs) => void losses.push(logs!.loss!) });
    await model.fit(x, y, { epochs: 3, verbose: 0, callbacks: [rec, ckpt] });
    expect(ckpt.saved).toEqual(losses.map((l, i) => ({ kind: 'model', path: join(dir, `m-0${i + 1}-${l.toFixed(2)}.keras`) })));
    dispose([x, y]);
    model.dispose();
  });

  it('saves only improvements with saveBestOnly, and says so with verbose 1', async () => {
    const { model, x, y } = setup();
    const ckpt = new RecordingCheckpoint(join(dir, 'best.weights.h5'), { saveBestOnly: true, saveWeightsOnly: true, verbose: 1 });
    const inject = await injector('val_loss', [0.5, 0.4, 0.45, 0.3]);
    const text = await captureStdout(() => model.fit(x, y, { epochs: 4, verbose: 0, callbacks: [inject, ckpt] }));
    expect(ckpt.saved.map((s) => s.kind)).toEqual(['weights', 'weights', 'weights']);
    const path = join(dir, 'best.weights.h5');
    expect(text).toBe(
      `\nEpoch 1: val_loss improved from None to 0.50000, saving model to ${path}\n\nEpoch 1: finished saving model to ${path}\n` +
        `\nEpoch 2: val_loss improved from 0.50000 to 0.40000, saving model to ${path}\n\nEpoch 2: finished saving model to ${path}\n` +
        '\nEpoch 3: val_loss did not improve from 0.40000\n' +
        `\nEpoch 4: val_loss improved from 0.40000 to 0.30000, saving model to ${path}\n\nEpoch 4: finished saving model to ${path}\n`,
    );
    dispose([x, y]);
    model.dispose();
  });

  it('saves every n batches with saveFreq, counting across epochs', async () => {
    const { model, x, y } = setup();
    const ckpt = new RecordingCheckpoint(join(dir, 'b-{epoch}-{batch}.keras'), { saveFreq: 3 });
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0, callbacks: [ckpt] });
    // 2 batches per epoch: the 3rd batch seen is epoch 2's first (batch 1, 1-based).
    expect(ckpt.saved.map((s) => s.path)).toEqual([join(dir, 'b-2-1.keras')]);
    dispose([x, y]);
    model.dispose();
  });

  it('checks the file extension', () => {
    expect(() => new ModelCheckpoint('model.ckpt')).toThrow(/must end in `\.keras`/);
    expect(() => new ModelCheckpoint('w.keras', { saveWeightsOnly: true })).toThrow(/must end in `\.weights\.h5`/);
    expect(() => new ModelCheckpoint('m.keras', { saveFreq: 'batch' as never })).toThrow(/Unrecognized saveFreq/);
  });

  it('writes .keras and .weights.h5 files through @strata/saving that load back with the epoch\'s weights', async () => {
    const saving = (await import('@strata/saving')) as unknown as {
      loadModel(path: string): Promise<Model>;
      loadWeights(model: Model, path: string): Promise<void>;
    };
    const { model, x, y } = setup();
    const snapshots: Tensor[][] = [];
    const snap = new LambdaCallback({ onEpochEnd: () => void snapshots.push(model.getWeights()) });
    await model.fit(x, y, {
      epochs: 2, verbose: 0,
      callbacks: [snap, new ModelCheckpoint(join(dir, 'real-{epoch:02d}.keras')), new ModelCheckpoint(join(dir, 'real-{epoch:02d}.weights.h5'), { saveWeightsOnly: true })],
    });
    expect(readdirSync(dir).filter((f) => f.startsWith('real-')).sort()).toEqual(['real-01.keras', 'real-01.weights.h5', 'real-02.keras', 'real-02.weights.h5']);
    const loaded = await saving.loadModel(join(dir, 'real-01.keras'));
    loaded.getWeights().forEach((w, i) => expectTensorsClose(w, snapshots[0]![i]!));
    const fresh = new Sequential({ layers: [Input({ shape: [3] }), new Dense({ units: 1 })], name: 'ckpt2' });
    await saving.loadWeights(fresh, join(dir, 'real-02.weights.h5'));
    fresh.getWeights().forEach((w, i) => expectTensorsClose(w, snapshots[1]![i]!));
    dispose([x, y, ...snapshots.flat()]);
    for (const m of [model, loaded, fresh]) m.dispose();
  });
});

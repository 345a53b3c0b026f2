// Parity with real Keras 3: Strata-written .keras, .h5 and .weights.h5 files load in Keras (Python) and predict what
// Strata predicted. Runs when a Python with Keras is found (KERAS_PYTHON, tools/keras-golden/.venv, .venv-keras
// beside or above the repository); otherwise it is reported as skipped. CI needs no Python.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tensor } from '@strata/core';
import { Dense, Input } from '@strata/layers';
import { Sequential } from '@strata/models';
import { encodeTensor } from '@strata/test-utils';
import { describe, expect, it } from 'vitest';
import { predictArrays } from '../test-support/fixtures.js';
import { inputsFor, STRATA_MODELS } from '../test-support/strata-models.js';
import { saveModel } from './save-model.js';
import { saveWeights } from './weights.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const SCRIPT = join(REPO, 'tools', 'keras-golden', 'saving_parity.py');
const PYTHON = [process.env.KERAS_PYTHON, join(REPO, 'tools/keras-golden/.venv/bin/python'), join(REPO, '.venv-keras/bin/python'), join(REPO, '../.venv-keras/bin/python')]
  .find((p): p is string => !!p && existsSync(p));
const SKIP = PYTHON ? '' : ' (skipped: no Python with Keras found; set KERAS_PYTHON)';

describe('Keras 3 reads Strata-written files', () => {
  it.skipIf(!PYTHON)(`.keras, .h5 and .weights.h5 written by Strata load in Keras 3 with the same predictions${SKIP}`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'strata-parity-'));
    try {
      const manifest: unknown[] = [];
      for (const [k, [, build]] of STRATA_MODELS.entries()) {
        const model = build();
        const xs = inputsFor(model);
        const inputs = await Promise.all(xs.map(async (t) => encodeTensor({ shape: t.shape, dtype: 'float32', data: (await t.data()) as Float32Array })));
        const predictions = predictArrays(model, xs).map((p) => encodeTensor({ shape: p.shape, dtype: 'float32', data: p.data }));
        for (const ext of ['.keras', '.h5']) {
          await saveModel(model, join(dir, `m${k}${ext}`));
          manifest.push({ file: `m${k}${ext}`, inputs, predictions });
        }
        await saveWeights(model, join(dir, `m${k}.weights.h5`));
        manifest.push({ file: `m${k}.weights.h5`, config_file: `m${k}.keras`, inputs, predictions });
        for (const t of xs) t.dispose();
        model.dispose();
      }
      // A compiled model trained two steps: Keras must accept its compile config and optimizer variables.
      const compiled = new Sequential([Input({ shape: [3] }), new Dense({ units: 4, activation: 'relu' }), new Dense({ units: 2, activation: 'softmax' })]);
      compiled.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
      const x = tensor([[1, 2, 3], [-1, 0.5, 2]]);
      const y = tensor([[1, 0], [0, 1]]);
      await compiled.trainOnBatch(x, y);
      await compiled.trainOnBatch(x, y);
      const inputs = [encodeTensor({ shape: x.shape, dtype: 'float32', data: x.dataSync() as Float32Array })];
      const predictions = predictArrays(compiled, [x]).map((p) => encodeTensor({ shape: p.shape, dtype: 'float32', data: p.data }));
      for (const ext of ['.keras', '.h5']) {
        await saveModel(compiled, join(dir, `compiled${ext}`));
        manifest.push({ file: `compiled${ext}`, inputs, predictions, optimizer_iterations: 2 });
      }
      compiled.optimizer?.dispose();
      compiled.dispose();
      x.dispose();
      y.dispose();
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
      const run = spawnSync(PYTHON!, [SCRIPT, dir], { encoding: 'utf8', env: { ...process.env, KERAS_BACKEND: 'jax' }, timeout: 300_000 });
      const last = run.stdout.trim().split('\n').at(-1) ?? '';
      expect(last.startsWith('{'), `saving_parity.py printed:\n${run.stdout}\n${run.stderr.slice(-2000)}`).toBe(true);
      const summary = JSON.parse(last) as { results: Array<{ file: string; ok: boolean; error?: string; max_abs_diff?: number }> };
      expect(summary.results.filter((r) => !r.ok), run.stdout).toEqual([]);
      expect(summary.results.length).toBe(11);
      console.log(run.stdout.split('\n').filter((l) => /^(ok|FAIL)/.test(l)).join('\n'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

// Parity section "files" of parity.mjs: @strata/saving against real Keras 3, both ways.
//   Strata -> Keras: the BUILT Strata packages build small models (Sequential; functional with two inputs, a shared
//     layer and two outputs; nested; convolutional with BatchNormalization, depthwise/separable convolutions, Add and
//     pooling; a compiled model trained two steps), save .keras, .h5 and .weights.h5, and saving_parity.py loads each
//     in Keras and compares Keras' predictions with Strata's (and the optimizer iterations of the compiled one).
//   Keras -> Strata: the Keras-written fixture files (packages/test-utils/fixtures/keras/files, gen_files.py) load in
//     Strata (.weights.h5 into the .keras model after zeroing its weights) and predict what Keras predicted.
// ok when max |diff| <= FILES_ATOL.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStrata } from './applications-parity.mjs';
import { maxAbsDiff } from './array-diff.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');

/** Every `{__ndarray__}` (common.py's encoding) inside `v` as { shape, data: Float32Array | Int32Array }. */
function decodeArrays(v) {
  if (Array.isArray(v)) return v.map(decodeArrays);
  if (v && typeof v === 'object') {
    if (typeof v.__ndarray__ === 'string') {
      const buf = Buffer.from(v.__ndarray__, 'base64');
      const data = v.dtype === 'int32' ? new Int32Array(buf.byteLength / 4) : new Float32Array(buf.byteLength / 4);
      new Uint8Array(data.buffer).set(buf);
      return { shape: v.shape, data };
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decodeArrays(x)]));
  }
  return v;
}

export const FILES_ATOL = 1e-5;

/** Float32 values as common.py's `enc` encodes them. */
function encode(shape, data) {
  return { __ndarray__: Buffer.from(new Float32Array(data).buffer).toString('base64'), dtype: 'float32', shape: [...shape] };
}

/** Small Strata models for the files section: Sequential, functional with shared layers, nested, convolutional. */
function filesModels({ layers: L, models: M }) {
  return [
    ['sequential', () => new M.Sequential([L.Input({ shape: [3, 2] }), new L.Flatten(), new L.Dense({ units: 5, activation: 'relu' }), new L.Dropout({ rate: 0.5 }), new L.Dense({ units: 4, useBias: false }), new L.Activation({ activation: 'softmax' })])],
    ['functional', () => {
      const a = L.Input({ shape: [4], name: 'a' });
      const b = L.Input({ shape: [4], name: 'b' });
      const shared = new L.Dense({ units: 3, activation: 'tanh' });
      return new M.Model({ inputs: [a, b], outputs: [new L.Dense({ units: 2 }).apply(shared.apply(a)), new L.Activation({ activation: 'sigmoid' }).apply(shared.apply(b))] });
    }],
    ['nested', () => {
      const i = L.Input({ shape: [5] });
      const inner = new M.Model({ inputs: i, outputs: new L.Dense({ units: 4 }).apply(new L.Dense({ units: 6, activation: 'relu' }).apply(i)) });
      const x = L.Input({ shape: [5] });
      return new M.Model({ inputs: x, outputs: new M.Sequential([L.Input({ shape: [4] }), new L.Dense({ units: 3 })]).apply(inner.apply(x)) });
    }],
    ['conv', () => {
      const x = L.Input({ shape: [9, 9, 3] });
      let y = new L.Conv2D({ filters: 4, kernelSize: 3, padding: 'same' }).apply(x);
      y = new L.BatchNormalization().apply(y);
      y = new L.DepthwiseConv2D({ kernelSize: 3, strides: 2 }).apply(new L.ReLU({ maxValue: 6 }).apply(y));
      y = new L.Add().apply([y, new L.SeparableConv2D({ filters: 4, kernelSize: 1 }).apply(y)]);
      return new M.Model({ inputs: x, outputs: new L.Dense({ units: 3, activation: 'softmax' }).apply(new L.GlobalAveragePooling2D().apply(y)) });
    }],
  ];
}

/** Strata writes .keras, .h5 and .weights.h5 files; saving_parity.py loads each in Keras and compares predictions. */
async function strataToKeras({ python, dir, seed }, s) {
  mkdirSync(dir, { recursive: true });
  const manifest = [];
  let state = (seed * 2654435761 + 12345) >>> 0;
  const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 31) - 1;
  s.core.setRandomSeed(seed);
  for (const [name, build] of filesModels(s)) {
    const model = build();
    const xs = model.inputs.map((t, k) => {
      const shape = [3, ...t.shape.slice(1)];
      const n = shape.reduce((p, q) => p * q, 1);
      return s.core.tensor(Array.from({ length: n }, uniform), shape);
    });
    const out = model.predict(xs.length === 1 ? xs[0] : xs);
    const outs = Array.isArray(out) ? out : [out];
    const inputs = xs.map((t) => encode(t.shape, t.dataSync()));
    const predictions = outs.map((t) => encode(t.shape, t.dataSync()));
    for (const ext of ['.keras', '.h5']) {
      await s.saving.saveModel(model, join(dir, `${name}${ext}`));
      manifest.push({ file: `${name}${ext}`, inputs, predictions });
    }
    await s.saving.saveWeights(model, join(dir, `${name}.weights.h5`));
    manifest.push({ file: `${name}.weights.h5`, config_file: `${name}.keras`, inputs, predictions });
    s.core.dispose([...xs, ...outs]);
    model.dispose();
  }
  // A compiled model trained two steps: Keras must accept its compile config and optimizer variables.
  const compiled = filesModels(s)[0][1]();
  compiled.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
  const x = s.core.tensor(Array.from({ length: 12 }, uniform), [2, 3, 2]);
  const y = s.core.tensor([[1, 0, 0, 0], [0, 0, 1, 0]]);
  for (let i = 0; i < 2; i++) await compiled.trainOnBatch(x, y);
  const p = compiled.predict(x);
  for (const ext of ['.keras', '.h5']) {
    await s.saving.saveModel(compiled, join(dir, `compiled${ext}`));
    manifest.push({ file: `compiled${ext}`, inputs: [encode(x.shape, x.dataSync())], predictions: [encode(p.shape, p.dataSync())], optimizer_iterations: 2 });
  }
  s.core.dispose([x, y, p]);
  compiled.optimizer?.dispose?.();
  compiled.dispose();
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const r = spawnSync(python, [join(HERE, 'saving_parity.py'), dir], {
    encoding: 'utf8',
    env: { ...process.env, KERAS_BACKEND: 'jax', PYTHONDONTWRITEBYTECODE: '1' },
    maxBuffer: 1 << 26,
  });
  const last = (r.stdout ?? '').trim().split('\n').at(-1) ?? '';
  if (!last.startsWith('{')) return [{ name: 'Strata -> Keras', detail: '', status: `ERROR: saving_parity.py: ${(r.stderr ?? '').trim().split('\n').at(-1)}` }];
  return JSON.parse(last).results.map((x) => ({
    name: 'Strata -> Keras',
    detail: x.file,
    diff: x.max_abs_diff ?? NaN,
    status: x.ok ? 'ok' : `FAIL${x.error ? `: ${x.error.slice(0, 200)}` : ''}`,
  }));
}

/** Keras-written files (the committed fixtures/keras/files, from gen_files.py) load in Strata and predict as Keras did. */
async function kerasToStrata(s) {
  const root = join(REPO, 'packages', 'test-utils', 'fixtures', 'keras', 'files');
  const rows = [];
  for (const json of readdirSync(root).filter((f) => f.endsWith('.json')).sort()) {
    const g = decodeArrays(JSON.parse(readFileSync(join(root, json), 'utf8')));
    for (const ext of ['.keras', '.h5', '.weights.h5']) {
      let model;
      const detail = `${json.replace(/\.json$/, '')}${ext}`;
      try {
        if (ext === '.weights.h5') {
          model = await s.saving.loadModel(join(root, g.files['.keras']));
          for (const w of model.weights) s.core.tidy(() => w.assign(s.core.ops.zerosLike(w.value)));
          await s.saving.loadWeights(model, join(root, g.files[ext]));
        } else model = await s.saving.loadModel(join(root, g.files[ext]));
        const xs = g.inputs.map((t) => s.core.tensor(t.data, t.shape, t.data instanceof Int32Array ? 'int32' : 'float32'));
        const out = model.predict(xs.length === 1 ? xs[0] : xs);
        const outs = Array.isArray(out) ? out : [out];
        const expected = Array.isArray(g.predictions) ? g.predictions : [g.predictions];
        const diffs = outs.map((t, k) => maxAbsDiff(t.dataSync(), expected[k]?.data ?? []));
        s.core.dispose([...xs, ...outs]);
        const diff = Math.max(...diffs);
        rows.push({ name: 'Keras -> Strata', detail, diff, status: outs.length === expected.length && diff <= FILES_ATOL ? 'ok' : 'FAIL' });
      } catch (e) {
        rows.push({ name: 'Keras -> Strata', detail, status: `ERROR: ${String(e?.message ?? e).split('\n')[0].slice(0, 200)}` });
      } finally {
        model?.dispose?.();
      }
    }
  }
  return rows;
}

/**
 * Both directions; rows { name, detail, diff, status } as parity.mjs prints them. `dir` receives Strata's files.
 *
 * @example
 * const rows = await runFilesParity({ python: '.venv/bin/python', dir: '/tmp/files', seed: 0 });
 */
export async function runFilesParity({ python, dir, seed = 0 }) {
  const s = await loadStrata(['core', 'layers', 'models', 'saving']);
  if (s.error) return [{ name: 'files', detail: '', status: `NOT RUN: ${s.error}` }];
  if (s.warnings.length) console.log(`files: WARNING: src is newer than dist in ${s.warnings.map((p) => `packages/${p}`).join(', ')}; run \`pnpm -w build\``);
  return [...(await strataToKeras({ python, dir, seed }, s)), ...(await kerasToStrata(s))];
}


#!/usr/bin/env node
// Applications parity: the six Keras applications, built by Keras 3.15.1 with weights=None (applications_parity.py),
// predicted by Strata through three paths on the same input, against Keras' predictions:
//   keras    loadModel('model.keras') from @strata/saving
//   h5       loadModel('model.h5')    (legacy HDF5 written by Keras' model.save)
//   builder  the @strata/applications builder (VGG16(...), ...) with weights: 'weights.h5', a file in the layout of
//            Keras' downloaded application weights, loaded by position as Keras does ("not built yet" until the
//            builder exists)
// Each row: max |diff| of the predictions (softmax, ok when <= 1e-4) and of the layer before the last (fc2,
// avg_pool, MobileNet's logits; ok when <= 1e-4 × max(1, max |Keras value|)), and the parameter count vs Keras'.
// Control (keras row): how far scaling the first kernel by 1.01 moves the layer before the last, relative to its
// largest value; it must be >= 1e-3 (10× the tolerance), or the row fails as "insensitive".
//
//   node tools/keras-golden/applications-parity.mjs [--models vgg16,resnet50] [--batch 2] [--seed 0]
//        [--dir DIR (reuse files written by applications_parity.py)] [--keep] [--python PATH]
//
// Uses the BUILT packages (packages/*/dist): run `pnpm -w build` (or `tsc -b packages/applications`) first. Writes the
// Keras files into a temp dir (~4.1 GB at full size, removed at the end unless --keep). Also run by parity.mjs
// (section "applications"). Exits 1 when a comparison that ran is outside tolerance.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { maxAbsDiff } from './array-diff.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const PRED_ATOL = 1e-4;
const FEATURE_RTOL = 1e-4;
export const APPLICATIONS = ['vgg16', 'vgg19', 'resnet50', 'xception', 'inception_v3', 'mobilenet'];
// Keras function name -> the source file of its Strata builder (packages/applications/src/<file>.ts).
const BUILDER_FILES = { VGG16: 'vgg16', VGG19: 'vgg19', ResNet50: 'resnet50', Xception: 'xception', InceptionV3: 'inception-v3', MobileNet: 'mobilenet' };
const PACKAGES = ['core', 'layers', 'models', 'saving', 'applications'];

// ---------------------------------------------------------------------------------------------
// Keras side

/** Runs applications_parity.py into `dir` (one sub-folder per model); throws with its stderr on failure. */
export function writeKerasFiles({ python, dir, models = APPLICATIONS, batch = 2, seed = 0, log = console.error }) {
  const script = join(HERE, 'applications_parity.py');
  const args = [script, dir, '--models', models.join(','), '--batch', String(batch), '--seed', String(seed)];
  log(`applications: Keras builds ${models.join(', ')} (weights=None) and saves .h5, .keras and weights files into ${dir}`);
  const r = spawnSync(python, args, {
    encoding: 'utf8',
    env: { ...process.env, KERAS_BACKEND: 'jax', JAX_PLATFORMS: 'cpu', PYTHONDONTWRITEBYTECODE: '1', TF_CPP_MIN_LOG_LEVEL: '3' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 26,
  });
  for (const line of (r.stdout ?? '').split('\n')) if (/^(ok|FAIL) /.test(line)) log(`  keras: ${line}`);
  if (r.status !== 0) throw new Error(`applications_parity.py exited ${r.status}:\n${r.stdout}\n${(r.stderr ?? '').slice(-3000)}`);
}

/** A case.json written by applications_parity.py, arrays decoded to Float32Array. */
function readCase(dir, name) {
  const doc = JSON.parse(readFileSync(join(dir, name, 'case.json'), 'utf8'));
  for (const k of ['x', 'y', 'features']) {
    const buf = Buffer.from(doc[k].__ndarray__, 'base64');
    const data = new Float32Array(buf.byteLength / 4);
    new Uint8Array(data.buffer).set(buf);
    doc[k] = { shape: doc[k].shape, data };
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Strata side (built packages)

/** Newest mtime (ms) of the .ts files under `dir`. */
function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Imports the built Strata packages (by folder name); `warnings` lists packages whose src is newer than their dist. */
export async function loadStrata(packages = PACKAGES) {
  const mods = {};
  const warnings = [];
  for (const pkg of packages) {
    const entry = join(REPO, 'packages', pkg, 'dist', 'index.js');
    if (!existsSync(entry)) return { error: `packages/${pkg} is not built (${entry} missing): run \`pnpm -w build\`` };
    const info = join(REPO, 'packages', pkg, 'dist', '.tsbuildinfo');
    const built = existsSync(info) ? statSync(info).mtimeMs : statSync(entry).mtimeMs;
    if (newestSource(join(REPO, 'packages', pkg, 'src')) > built) warnings.push(pkg);
    mods[pkg] = await import(pathToFileURL(entry).href);
  }
  return { ...mods, warnings };
}

/** The builder for a Keras function name: the package export (or `vgg16.VGG16`), else the built per-model module. */
async function findBuilder(strata, fn) {
  const apps = strata.applications;
  if (typeof apps[fn] === 'function') return apps[fn];
  for (const ns of Object.values(apps)) if (ns && typeof ns === 'object' && typeof ns[fn] === 'function') return ns[fn];
  const file = join(REPO, 'packages', 'applications', 'dist', `${BUILDER_FILES[fn]}.js`);
  if (!existsSync(file)) return undefined;
  const mod = await import(pathToFileURL(file).href);
  return typeof mod[fn] === 'function' ? mod[fn] : undefined;
}

function maxAbs(data) {
  let m = 0;
  for (let i = 0; i < data.length; i++) m = Math.max(m, Math.abs(data[i]));
  return m;
}

/**
 * Predictions and features of `model` on `c.x`, compared with Keras'. With `control`, then scales the model's first
 * weight (the first convolution's kernel) by 1.01 and measures how far that moves the features, relative to their
 * largest value: a comparison that cannot see this 1 % change in the first layer would prove little.
 */
function compareModel(strata, model, c, control) {
  const { core, models } = strata;
  const x = core.tensor(c.x.data, c.x.shape, 'float32');
  const y = model.predict(x, { batchSize: c.batch });
  const featureModel = new models.Model({ inputs: model.inputs, outputs: model.getLayer(c.feature_layer).output });
  const f = featureModel.predict(x, { batchSize: c.batch });
  const shapeOk = JSON.stringify(y.shape) === JSON.stringify(c.y.shape) && JSON.stringify(f.shape) === JSON.stringify(c.features.shape);
  const result = {
    pred: shapeOk ? maxAbsDiff(y.dataSync(), c.y.data) : Infinity,
    feat: shapeOk ? maxAbsDiff(f.dataSync(), c.features.data) : Infinity,
    featScale: maxAbs(c.features.data),
    params: model.countParams(),
    shapes: shapeOk ? '' : `shape ${JSON.stringify(y.shape)} vs Keras ${JSON.stringify(c.y.shape)}`,
  };
  if (control) {
    const w = model.weights[0];
    core.tidy(() => w.assign(core.ops.mul(w.value, 1.01)));
    const g = featureModel.predict(x, { batchSize: c.batch });
    result.control = maxAbsDiff(g.dataSync(), f.dataSync()) / Math.max(result.featScale, 1e-30);
    result.controlWeight = w.path;
    core.dispose(g);
  }
  core.dispose([x, y, f]);
  return result;
}

function row(c, path, r, seconds) {
  const featTol = FEATURE_RTOL * Math.max(1, r.featScale);
  const problems = [];
  if (r.shapes) problems.push(r.shapes);
  if (!(r.pred <= PRED_ATOL)) problems.push('predictions');
  if (!(r.feat <= featTol)) problems.push(`${c.feature_layer} (tol ${featTol.toExponential(1)})`);
  if (r.params !== c.count_params) problems.push(`params ${r.params} vs Keras ${c.count_params}`);
  // The control must move the features well past the tolerance, or the comparison could not see a wrong layer.
  if (r.control !== undefined && !(r.control >= 10 * FEATURE_RTOL)) problems.push(`insensitive: ${r.controlWeight} x1.01 moved ${c.feature_layer} by only ${r.control.toExponential(1)} (relative)`);
  return {
    name: c.model,
    detail: path,
    diff: r.pred,
    diff2: r.feat,
    params: r.params,
    scale: r.featScale,
    control: r.control,
    seconds,
    status: problems.length ? `FAIL: ${problems.join('; ')}` : 'ok',
  };
}

/** One path for one model: load or build, compare, dispose. */
async function runPath(strata, dir, c, path) {
  const t0 = performance.now();
  let model;
  try {
    if (path === 'keras' || path === 'h5') {
      model = await strata.saving.loadModel(join(dir, c.model, c.files[path]));
    } else {
      const build = await findBuilder(strata, c.function);
      if (!build) return { name: c.model, detail: path, status: `not built yet (no ${c.function} in @strata/applications dist)` };
      model = await build({ weights: join(dir, c.model, c.files.weights) });
    }
    const r = compareModel(strata, model, c, path === 'keras');
    return row(c, path, r, (performance.now() - t0) / 1000);
  } catch (e) {
    return { name: c.model, detail: path, status: `ERROR: ${String(e?.message ?? e).split('\n')[0].slice(0, 300)}` };
  } finally {
    model?.dispose?.();
  }
}

/**
 * The whole check: Keras writes the files (unless `dir` already holds them), then Strata compares every path.
 * Returns rows { name, detail, diff, diff2, status, ... } (the shape parity.mjs prints).
 */
export async function runApplicationsParity({ python, dir, models = APPLICATIONS, batch = 2, seed = 0, keep = false, log = console.error, strata }) {
  strata ??= await loadStrata();
  if (strata.error) return [{ name: 'applications', detail: '', status: `NOT RUN: ${strata.error}` }];
  if (strata.warnings.length) {
    log(`applications: WARNING: src is newer than dist in ${strata.warnings.map((p) => `packages/${p}`).join(', ')}; run \`pnpm -w build\` to test the current code`);
  }
  const own = !dir;
  dir ??= mkdtempSync(join(tmpdir(), 'strata-applications-'));
  const rows = [];
  try {
    if (!existsSync(join(dir, 'manifest.json'))) {
      try {
        writeKerasFiles({ python, dir, models, batch, seed, log });
      } catch (e) {
        return [{ name: 'applications', detail: 'Keras side', status: `ERROR: ${String(e?.message ?? e).split('\n').slice(0, 3).join(' ')}` }];
      }
    }
    const written = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).models;
    for (const name of models) {
      if (!written.includes(name)) {
        rows.push({ name, detail: '', status: `NOT RUN: ${dir} has no files for it (written: ${written.join(', ')})` });
        continue;
      }
      const c = readCase(dir, name);
      for (const path of ['keras', 'h5', 'builder']) {
        const r = await runPath(strata, dir, c, path);
        const rss = (process.memoryUsage().rss / 2 ** 30).toFixed(1);
        log(`  strata: ${name} ${path}: ${r.status}${r.seconds ? ` (${r.seconds.toFixed(1)} s, rss ${rss} GiB)` : ''}`);
        rows.push(r);
      }
    }
  } finally {
    if (own && !keep) rmSync(dir, { recursive: true, force: true });
    else if (own) log(`applications: files kept in ${dir}`);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Standalone

function findPython(explicit) {
  return [explicit, process.env.KERAS_PYTHON, join(HERE, '.venv', 'bin', 'python'), join(REPO, '.venv-keras', 'bin', 'python'), join(REPO, '..', '.venv-keras', 'bin', 'python')]
    .filter(Boolean)
    .find((p) => existsSync(p));
}

const fmt = (v) => (v === undefined ? '' : Number.isFinite(v) ? (v === 0 ? '0' : v.toExponential(2)) : String(v));

/** The rows as a markdown table. */
export function markdownTable(rows) {
  const lines = [
    '| model | path | params | max abs diff, predictions | max abs diff, layer before last (max abs value) | control | status |',
    '|---|---|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const feat = r.diff2 === undefined ? '' : `${fmt(r.diff2)} (${fmt(r.scale)})`;
    lines.push(`| ${r.name} | ${r.detail} | ${r.params?.toLocaleString('en-US') ?? ''} | ${fmt(r.diff)} | ${feat} | ${fmt(r.control)} | ${r.status} |`);
  }
  return lines.join('\n');
}

async function main() {
  const args = { models: APPLICATIONS, batch: 2, seed: 0, keep: false };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--models') args.models = argv[++i].split(',').filter(Boolean);
    else if (a === '--batch') args.batch = Number(argv[++i]);
    else if (a === '--seed') args.seed = Number(argv[++i]);
    else if (a === '--dir') args.dir = argv[++i];
    else if (a === '--keep') args.keep = true;
    else if (a === '--python') args.python = argv[++i];
    else {
      console.log('usage: node tools/keras-golden/applications-parity.mjs [--models a,b] [--batch 2] [--seed 0] [--dir DIR] [--keep] [--python PATH]');
      process.exit(a === '--help' || a === '-h' ? 0 : 2);
    }
  }
  const bad = args.models.filter((m) => !APPLICATIONS.includes(m));
  if (bad.length) throw new Error(`unknown model(s) ${bad.join(', ')}; expected some of ${APPLICATIONS.join(', ')}`);
  const python = findPython(args.python);
  if (!python && !(args.dir && existsSync(join(args.dir, 'manifest.json')))) {
    console.log('applications-parity: no Python with Keras found (--python, $KERAS_PYTHON, tools/keras-golden/.venv, .venv-keras); nothing compared.');
    return;
  }
  const strata = await loadStrata();
  if (!strata.error) console.error(`applications-parity: Strata backend ${strata.core.getBackend?.()?.name ?? '?'}`);
  const rows = await runApplicationsParity({ ...args, python, strata });
  console.log(markdownTable(rows));
  const failed = rows.filter((r) => /^(FAIL|ERROR|NOT RUN)/.test(r.status)).length;
  console.log(`\napplications-parity: ${rows.length - failed} ok or not built yet, ${failed} failing`);
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();

#!/usr/bin/env node
// Parity check: real Keras 3 (Python, tools/keras-golden/parity.py) against Strata (the BUILT
// @strata/core in packages/core/dist), on fresh random inputs. Run from the repository root:
//
//   pnpm parity                      (builds @strata/core first, then runs this file)
//   node tools/keras-golden/parity.mjs [--seed N] [--strict] [--python /path/to/python]
//
// Finds Python with Keras in: --python, $KERAS_PYTHON, tools/keras-golden/.venv, .venv-keras (repo or
// its parent). Without Keras it says how to install it and exits 0 (1 with --strict). Exits 1 when a
// check that ran is outside tolerance.
//
// Sections: tensors, activations; files (files-parity.mjs: Strata-written .keras/.h5/.weights.h5 read by Keras
// through saving_parity.py, and Keras-written fixture files read by Strata); applications (the six Keras applications
// through .keras, .h5 and the builders with a Keras weights file: applications-parity.mjs, which needs the BUILT
// packages/{layers,models,saving,applications}: `pnpm -w build`); models (NOT YET AVAILABLE: a stub row).
// --only files,applications runs some sections; --skip applications leaves the slow one out (7–15 min, ~4 GB disk);
// --apps mobilenet,resnet50 limits the applications section to some models.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runApplicationsParity } from './applications-parity.mjs';
import { FILES_ATOL, runFilesParity } from './files-parity.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');

// Same bounds as GOLDEN_TOLERANCE['activations'] in packages/test-utils/src/golden/tolerance.ts.
const TOL = { value: { atol: 1e-5, rtol: 1e-5 }, grad: { atol: 1e-4, rtol: 1e-4 } };
const TOL_LOOSE = { gelu: { value: { atol: 1e-5, rtol: 1e-4 }, grad: { atol: 1e-4, rtol: 1e-3 } } };

function parseArgs(argv) {
  const args = { seed: 0, strict: false, python: undefined, only: undefined, skip: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seed') args.seed = Number(argv[++i]);
    else if (a === '--only') args.only = argv[++i].split(',');
    else if (a === '--skip') args.skip = argv[++i].split(',');
    else if (a === '--apps') args.apps = argv[++i].split(',');
    else if (a === '--strict') args.strict = true;
    else if (a === '--python') args.python = argv[++i];
    else if (a === '--help' || a === '-h') {
      console.log('usage: node tools/keras-golden/parity.mjs [--seed N] [--strict] [--python PATH] [--only s1,s2] [--skip s1,s2] [--apps vgg16,mobilenet]');
      console.log('sections: tensors, activations, models, files, applications');
      process.exit(0);
    } else throw new Error(`parity: unknown argument ${a}`);
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Python side

function findPython(explicit) {
  const candidates = [
    explicit,
    process.env.KERAS_PYTHON,
    join(HERE, '.venv', 'bin', 'python'),
    join(REPO, '.venv-keras', 'bin', 'python'),
    join(REPO, '..', '.venv-keras', 'bin', 'python'),
  ].filter(Boolean);
  for (const py of candidates) {
    if (!existsSync(py)) continue;
    const r = runPython(py, ['probe']);
    if (r.status === 0) return { python: py, info: JSON.parse(r.stdout.trim().split('\n').pop()) };
  }
  return undefined;
}

function runPython(python, args) {
  return spawnSync(python, [join(HERE, 'parity.py'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, KERAS_BACKEND: 'jax', PYTHONDONTWRITEBYTECODE: '1' },
    maxBuffer: 1 << 28,
  });
}

function keras(python, tmp, section, seed) {
  const out = join(tmp, `${section}.json`);
  const r = runPython(python, [section, '--seed', String(seed), '--out', out]);
  if (r.status !== 0) throw new Error(`parity.py ${section} failed:\n${r.stderr}`);
  return decode(JSON.parse(readFileSync(out, 'utf8')));
}

// The fixture encoding (tools/keras-golden/common.py enc): base64 of little-endian values.
function decode(v) {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    if (typeof v.__ndarray__ === 'string') {
      const buf = Buffer.from(v.__ndarray__, 'base64');
      const ab = new ArrayBuffer(buf.byteLength);
      new Uint8Array(ab).set(buf);
      const data = v.dtype === 'int32' ? new Int32Array(ab) : new Float32Array(ab);
      return { shape: v.shape, dtype: v.dtype, data };
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Strata side

async function loadStrataCore() {
  const entry = join(REPO, 'packages', 'core', 'dist', 'index.js');
  if (!existsSync(entry)) {
    return { error: `@strata/core is not built (${entry} missing): run \`pnpm -w build\`` };
  }
  try {
    return { core: await import(pathToFileURL(entry).href) };
  } catch (e) {
    return { error: `importing @strata/core failed: ${e?.message ?? e}` };
  }
}

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/**
 * Finds Strata's activation for a Keras name. With extra arguments the named export is needed
 * (`activations.leakyRelu(x, 0.1)`): `activations.get(name)` returns a one-argument function.
 */
function findActivation(core, name, hasKwargs) {
  const ns = core.activations;
  const direct = () => {
    for (const [where, obj] of [
      ['activations', ns],
      ['core', core],
    ]) {
      for (const key of [camel(name), name]) {
        if (obj && typeof obj[key] === 'function') return { fn: obj[key], where: `${where}.${key}` };
      }
    }
    return undefined;
  };
  if (hasKwargs) return direct();
  if (ns && typeof ns.get === 'function') {
    try {
      const fn = ns.get(name);
      if (typeof fn === 'function') return { fn, where: `activations.get('${name}')` };
    } catch {
      /* not registered under that name */
    }
  }
  return direct();
}

// How Strata's activations take Keras' extra arguments: an options object with camelCase keys
// (`relu(x, { negativeSlope, maxValue, threshold })`), or positional in Keras' order
// (`leakyRelu(x, 0.1)`, `elu(x, alpha)`, `gelu(x, approximate)`, `softmax(x, axis)`).
const OPTIONS_OBJECT = new Set(['relu']);
// Where Keras 3.15.1 itself departs from the function's definition, Strata follows the definition.
const KERAS_DEPARTURES = {
  sparsemax: 'differs: Keras 3.15 JAX sparsemax rows do not sum to 1 (sums cumsums over the support); Strata follows the definition',
};
// Keras' positional order where it has more than one extra argument (kwargs arrive with sorted keys).
const SIGNATURE = { threshold: ['threshold', 'default_value'] };

function callActivation(name, fn, x, kwargs) {
  const keys = SIGNATURE[name]?.filter((k) => k in kwargs) ?? Object.keys(kwargs);
  if (keys.length === 0) return fn(x);
  if (OPTIONS_OBJECT.has(name)) return fn(x, Object.fromEntries(keys.map((k) => [camel(k), kwargs[k]])));
  return fn(x, ...keys.map((k) => kwargs[k]));
}

/** Max |a - b| over finite pairs, and whether every element is within atol + rtol * |b| (NaN/inf must agree). */
function compare(actual, expected, tol) {
  if (actual.length !== expected.length) return { max: Infinity, ok: false };
  let max = 0;
  let ok = true;
  for (let i = 0; i < actual.length; i++) {
    const x = actual[i];
    const y = expected[i];
    if (Number.isNaN(x) || Number.isNaN(y) || !Number.isFinite(x) || !Number.isFinite(y)) {
      if (!Object.is(x, y) && !(Number.isNaN(x) && Number.isNaN(y))) ok = false;
      continue;
    }
    const d = Math.abs(x - y);
    if (d > max) max = d;
    if (d > tol.atol + tol.rtol * Math.abs(y)) ok = false;
  }
  return { max, ok };
}

// ---------------------------------------------------------------------------------------------
// Sections: each returns rows { name, detail, diff, diff2, status }.

async function sectionTensors({ python, tmp, seed, strata }) {
  if (strata.error) return [{ name: 'tensors', detail: '', status: `NOT RUN: ${strata.error}` }];
  const { core } = strata;
  const data = keras(python, tmp, 'tensors', seed);
  if (typeof core.tensor !== 'function') return [{ name: 'tensors', status: 'FAIL: @strata/core has no tensor()' }];
  return data.cases.map((c) => {
    const t = core.tensor(c.value.data, c.value.shape, c.value.dtype);
    const back = t.dataSync();
    const shapeOk = JSON.stringify(t.shape) === JSON.stringify(c.value.shape) && t.dtype === c.value.dtype;
    let same = back.length === c.value.data.length;
    for (let i = 0; same && i < back.length; i++) if (!Object.is(back[i], c.value.data[i])) same = false;
    t.dispose?.();
    return {
      name: `tensor ${c.dtype} [${c.shape.join(',')}]`,
      detail: 'bit-exact',
      diff: same ? 0 : NaN,
      status: shapeOk && same ? 'ok' : 'FAIL',
    };
  });
}

async function sectionActivations({ python, tmp, seed, strata }) {
  if (strata.error) return [{ name: 'activations', detail: '', status: `NOT RUN: ${strata.error}` }];
  const { core } = strata;
  const data = keras(python, tmp, 'activations', seed);
  const x = core.tensor(data.x.data, data.x.shape, 'float32');
  const grad = core.grad ?? core.ops?.grad;
  const rows = [];
  for (const c of data.cases) {
    const found = findActivation(core, c.activation, Object.keys(c.kwargs).length > 0);
    const detail = JSON.stringify(c.kwargs) === '{}' ? '' : JSON.stringify(c.kwargs);
    if (!found) {
      rows.push({
        name: c.case,
        detail,
        status: c.extra ? 'missing in @strata/core (extra: beyond the issue list)' : 'missing in @strata/core',
      });
      continue;
    }
    const tol = TOL_LOOSE[c.activation] ?? TOL;
    let v;
    try {
      const y = callActivation(c.activation, found.fn, x, c.kwargs);
      v = compare(y.dataSync(), c.y.data, tol.value);
    } catch (e) {
      rows.push({ name: c.case, detail, status: `ERROR: ${String(e?.message ?? e).split('\n')[0]}` });
      continue;
    }
    let g = { max: undefined, ok: true };
    let gradError;
    if (typeof grad === 'function') {
      try {
        const dy = core.tensor(c.cotangent.data, c.cotangent.shape, 'float32');
        const dx = grad((t) => callActivation(c.activation, found.fn, t, c.kwargs))(x, dy);
        g = compare(dx.dataSync(), c.grad.data, tol.grad);
      } catch (e) {
        gradError = String(e?.message ?? e).split('\n')[0];
      }
    }
    rows.push({
      name: c.case,
      detail,
      diff: v.max,
      diff2: g.max,
      status: gradError
        ? `FAIL (grad threw: ${gradError.slice(0, 90)})`
        : v.ok && g.ok
          ? 'ok'
          : KERAS_DEPARTURES[c.activation] ?? 'FAIL',
    });
  }
  return rows;
}

// NOT YET AVAILABLE sections. Each will: export a model/file from Keras (parity.py <section>), load it
// in Strata and compare predictions; then save from Strata and have Keras load it and compare.
function notYet(section, what) {
  return async () => [{ name: section, detail: what, status: 'not yet available' }];
}

async function sectionFiles({ python, tmp, seed }) {
  return runFilesParity({ python, dir: join(tmp, 'files'), seed });
}

async function sectionApplications({ python, tmp, seed, apps }) {
  const rows = await runApplicationsParity({ python, dir: join(tmp, 'applications'), seed, models: apps, log: (m) => console.log(m) });
  return rows.map((r) => (r.control === undefined ? r : { ...r, detail: `${r.detail} (control ${fmt(r.control)})` }));
}

const SECTIONS = [
  { name: 'tensors', title: 'Tensors (Keras arrays -> @strata/core tensor -> values)', run: sectionTensors, cols: ['max |diff|'] },
  {
    name: 'activations',
    title: 'Activations (random input; gradients of sum(f(x) * cotangent))',
    run: sectionActivations,
    cols: ['max |diff| y', 'max |diff| grad'],
  },
  {
    name: 'models',
    title: 'Models: Keras model -> Strata predict, Strata model -> Keras predict',
    run: notYet('models', 'needs @strata/models'),
    cols: [],
  },
  {
    name: 'files',
    title: `Files: .keras / .h5 / .weights.h5 both ways (Strata-written read by Keras via saving_parity.py; Keras-written fixtures read by Strata; ok when <= ${FILES_ATOL})`,
    run: sectionFiles,
    cols: ['max |diff|'],
  },
  {
    name: 'applications',
    title: 'Applications: Keras-built (weights=None, random BN/bias values), Strata via .keras / .h5 / builder + Keras weights file; ok when predictions <= 1e-4 and layer before last <= 1e-4 x max(1, |value|)',
    run: sectionApplications,
    cols: ['max |diff| pred', 'max |diff| before last'],
  },
];

function fmt(v) {
  if (v === undefined) return 'n/a';
  if (Number.isNaN(v)) return 'NaN';
  if (v === 0) return '0';
  return v.toExponential(2);
}

function printTable(title, cols, rows) {
  console.log(`\n${title}`);
  const header = ['case', 'args', ...cols, 'status'];
  const body = rows.map((r) => [
    r.name,
    r.detail ?? '',
    ...cols.map((_, i) => (r.status.startsWith('ok') || r.status.startsWith('FAIL') ? fmt(i === 0 ? r.diff : r.diff2) : '')),
    r.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const found = findPython(args.python);
  if (!found) {
    console.log(
      'parity: no Python with Keras 3.15.1 found (looked at --python, $KERAS_PYTHON, tools/keras-golden/.venv, .venv-keras).\n' +
        'Install it with tools/keras-golden/setup.sh, or set KERAS_PYTHON. Nothing was compared.',
    );
    process.exit(args.strict ? 1 : 0);
  }
  console.log(
    `parity: Keras ${found.info.keras} (${found.info.backend}, jax ${found.info.jax}) via ${found.python}; seed ${args.seed}`,
  );
  const strata = await loadStrataCore();
  if (strata.core) console.log(`parity: Strata from packages/core/dist (backend: ${strata.core.getBackend?.()?.name ?? '?'})`);
  const tmp = mkdtempSync(join(tmpdir(), 'strata-parity-'));
  let failed = 0;
  let notRun = 0;
  try {
    for (const s of SECTIONS) {
      if ((args.only && !args.only.includes(s.name)) || args.skip.includes(s.name)) continue;
      const rows = await s.run({ python: found.python, tmp, seed: args.seed, strata, apps: args.apps });
      printTable(s.title, s.cols, rows);
      failed += rows.filter((r) => /^(FAIL|ERROR)/.test(r.status)).length;
      notRun += rows.filter((r) => /^(NOT RUN|missing|not built)/.test(r.status)).length;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\nparity: ${failed} failing, ${notRun} not run or missing in Strata`);
  if (failed > 0 || (args.strict && notRun > 0)) process.exit(1);
}

await main();

/**
 * Test support for the application builders (not built, not published): the Keras 3.15.1 architecture fixtures
 * (`packages/test-utils/fixtures/keras/applications/architectures/<case>.json`, written by
 * tools/keras-golden/applications_golden.py with `weights=None`) compared with a Strata model; Keras' kwargs as
 * builder options; and legacy Keras weight files in the layout of Keras' application `.h5` files, written from a
 * fixture's layer list with values that encode where each value belongs, then checked in the model.
 *
 * @example
 * const fx = architectureFixture('xception');
 * const model = await Xception({ ...optionsFromKwargs(fx.kwargs), weights: null });
 * expectArchitecture(model, fx);
 * expectKerasConfig(model, fx);
 * const loaded = await Xception({ weights: await writeApplicationWeights(fx.layers, { keras2AutoNames: true }) });
 * expectKnownWeights(loaded, fx.layers);
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispose, ops, random, toSnakeCase, type Tensor } from '@strata/core';
import { clearSession, Dense, kerasClassName, type KerasTensor } from '@strata/layers';
import { Model, type Functional } from '@strata/models';
import { H5Writer } from '@strata/saving';
import { expectNoLeaks, kerasGolden } from '@strata/test-utils';
import type { ApplicationOptions } from '../builder/application-options.js';
import { TestServer } from './server.js';

/** One layer of a fixture: name, Keras class, and `[variable.path, shape]` of each weight in `layer.weights` order. */
export interface FixtureLayer {
  name: string;
  class_name: string;
  weights: Array<[string, number[]]>;
}

/** One layer of Keras' functional config (`model.to_json()`), as far as the comparison needs to know it. */
export interface KerasLayerConfig {
  class_name: string;
  name: string;
  inbound_nodes: Array<{ args: unknown; kwargs: Record<string, unknown> }>;
  [key: string]: unknown;
}

/** `json.loads(model.to_json())`: the model's envelope, with its layers inside `config`. */
export interface KerasModelJson {
  config: { layers: KerasLayerConfig[]; [key: string]: unknown };
  [key: string]: unknown;
}

/** What `applications_golden.py` records for one Keras application build. */
export interface ArchitectureFixture {
  function: string;
  kwargs: Record<string, unknown>;
  model_name: string;
  count_params: number;
  trainable_params: number;
  num_weight_arrays: number;
  weight_shapes: number[][];
  input_shape: Array<number | null>;
  output_shape: Array<number | null>;
  layers: FixtureLayer[];
  /** For the full variants. */
  config?: KerasModelJson;
}

const fixtures = new Map<string, ArchitectureFixture>();

/** The fixture `applications/architectures/<name>`, read once per test file (treat it as read-only). */
export function architectureFixture(name: string): ArchitectureFixture {
  if (!fixtures.has(name)) fixtures.set(name, kerasGolden(`applications/architectures/${name}`) as unknown as ArchitectureFixture);
  return fixtures.get(name)!;
}

/** A fixture's Keras kwargs (`include_top`, `input_shape`…) as builder options (`includeTop`, `inputShape`…). */
export function optionsFromKwargs<T = Record<string, unknown>>(kwargs: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v])) as T;
}

/**
 * Builds each fixture case at most once (after resetting names, as Keras' generator ran each build in a fresh
 * session), so the checks of one case share one model; `disposeAll` goes in `afterAll`.
 */
function buildOncePerCase<M extends Model>(build: (fx: ArchitectureFixture) => Promise<M>): {
  get(name: string): Promise<M>;
  disposeAll(): Promise<void>;
} {
  const built = new Map<string, Promise<M>>();
  return {
    get(name) {
      if (!built.has(name)) {
        const fx = architectureFixture(name);
        clearSession();
        built.set(name, build(fx));
      }
      return built.get(name)!;
    },
    async disposeAll() {
      for (const m of built.values()) (await m.catch(() => null))?.dispose();
      built.clear();
    },
  };
}

/**
 * The fixture tests of one builder, Keras' function `fn`: each of `cases` is built once with `weights: null` and the
 * case's kwargs, and checked with {@link expectArchitecture}; each of `withConfig` (the full variants) also with
 * {@link expectKerasConfig}.
 *
 * @example
 * describeKerasFixtures('VGG16', { cases: ['vgg16', 'vgg16_notop'], withConfig: ['vgg16'] }, VGG16);
 */
export function describeKerasFixtures<O extends ApplicationOptions>(
  fn: string,
  names: { cases: readonly string[]; withConfig: readonly string[] },
  build: (options: O) => Promise<Model>,
): void {
  describe(`${fn} matches Keras 3.15.1's builds (architecture fixtures)`, () => {
    const cases = buildOncePerCase((fx) => build({ ...optionsFromKwargs<O>(fx.kwargs), weights: null }));
    afterAll(() => cases.disposeAll());

    it.each(names.cases)('%s: model name, layers and classes, weight paths and shapes, parameter counts, input and output shapes', async (name) => {
      const fx = architectureFixture(name);
      expect(fx.function).toBe(fn);
      expectArchitecture(await cases.get(name), fx);
    });

    it.each(names.withConfig)("%s: the model's config is Keras' to_json, layer by layer", async (name) => {
      expectKerasConfig(await cases.get(name), architectureFixture(name));
    });
  });
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Asserts the model is the fixture's build: model name, every layer's name and Keras class in order, every
 * layer's weight paths and shapes, `model.weights` in Keras' order (paths and shapes), parameter counts (all and
 * trainable), input and output shapes.
 */
export function expectArchitecture(model: Model, fx: ArchitectureFixture): void {
  const symbolic = (x: unknown) => [...((Array.isArray(x) ? x[0] : x) as { shape: Array<number | null> }).shape];
  const ours = {
    model_name: model.name,
    count_params: model.countParams(),
    trainable_params: model.trainableWeights.reduce((n, w) => n + size(w.shape), 0),
    num_weight_arrays: model.weights.length,
    weight_shapes: model.weights.map((w) => [...w.shape]),
    input_shape: symbolic(model.input),
    output_shape: symbolic(model.output),
    layers: model.layers.map((l) => ({ name: l.name, class_name: kerasClassName(l), weights: l.weights.map((w) => [w.path, [...w.shape]]) })),
  };
  const { model_name, count_params, trainable_params, num_weight_arrays, weight_shapes, input_shape, output_shape, layers } = fx;
  expect(ours).toEqual({ model_name, count_params, trainable_params, num_weight_arrays, weight_shapes, input_shape, output_shape, layers });
  expect(model.weights.map((w) => [w.path, [...w.shape]])).toEqual(fx.layers.flatMap((l) => l.weights));
}

/**
 * Asserts `model.toJson()` is the fixture's `config` (Keras' `to_json()`) exactly: the envelope, the functional
 * config without its layers, then layer by layer (class, name, config, inbound nodes with their call arguments).
 */
export function expectKerasConfig(model: Model, fx: ArchitectureFixture): void {
  expect(fx.config, `fixture of ${fx.model_name} has a config`).toBeDefined();
  const ours = JSON.parse(model.toJson()) as KerasModelJson;
  const { config: { layers: ourLayers, ...ourRest }, ...ourOuter } = ours;
  const { config: { layers: kerasLayers, ...kerasRest }, ...kerasOuter } = fx.config!;
  expect(ourOuter).toEqual(kerasOuter);
  expect(ourRest).toEqual(kerasRest);
  expect(ourLayers).toHaveLength(kerasLayers.length);
  ourLayers.forEach((layer, i) => {
    expect(layer, `layer ${i} (${kerasLayers[i]!.name})`).toEqual(kerasLayers[i]);
  });
}

/**
 * The period P of {@link knownValue} for `arrays` arrays: the largest power of two that keeps every value an exact
 * float32 integer ((arrays + 1) · P ≤ 2²⁴).
 */
function knownPeriod(arrays: number): number {
  return 2 ** (24 - Math.ceil(Math.log2(arrays + 1)));
}

/**
 * The value at `element` of weight array `array` (0-based, in Keras' weight order) among `arrays` arrays:
 * `(array + 1) · P + element mod P` (P from {@link knownPeriod}). No value is 0, and a value tells both its array and
 * its place in it.
 */
export function knownValue(array: number, element: number, arrays: number): number {
  const period = knownPeriod(arrays);
  return (array + 1) * period + (element % period);
}

/** Array `array` of `arrays`, of `shape`, filled with {@link knownValue}. */
export function knownValues(array: number, shape: readonly number[], arrays: number): Float32Array {
  const out = new Float32Array(size(shape));
  const period = knownPeriod(arrays);
  const first = Math.min(period, out.length);
  for (let e = 0; e < first; e++) out[e] = (array + 1) * period + e;
  for (let filled = first; filled < out.length; filled *= 2) out.copyWithin(filled, 0, Math.min(filled, out.length - filled));
  return out;
}

/** How {@link writeApplicationWeights} names groups and datasets. */
export interface ApplicationWeightsLayout {
  /**
   * `'keras2'` (default): `<group>/kernel:0` under each group, as Keras 2 wrote the ResNet50, Xception, InceptionV3
   * and MobileNet files; `'keras1'`: flat `block1_conv1_W_1:0`, `block1_conv1_b_1:0`, as in the VGG files (which
   * have no `backend` or `keras_version` attribute).
   */
  weightNames?: 'keras1' | 'keras2';
  /**
   * Give Keras 3's auto-named layers (`input_layer`, `conv2d`, `conv2d_1`…) Keras 2's 1-based names (`input_1`,
   * `conv2d_1`, `conv2d_2`…), as in Keras' Xception and InceptionV3 files: only position can pair those groups.
   */
  keras2AutoNames?: boolean;
}

function keras2AutoName(layer: FixtureLayer): string {
  const prefix = layer.class_name === 'InputLayer' ? 'input_layer' : toSnakeCase(layer.class_name);
  const m = /^(.*?)(?:_(\d+))?$/.exec(layer.name)!;
  if (m[1] !== prefix) return layer.name;
  return `${prefix === 'input_layer' ? 'input' : prefix}_${Number(m[2] ?? 0) + 1}`;
}

function datasetName(group: string, path: string, naming: 'keras1' | 'keras2'): string {
  const leaf = path.slice(path.lastIndexOf('/') + 1);
  if (naming === 'keras2') return `${group}/${leaf}:0`;
  return `${group}_${leaf === 'kernel' ? 'W' : leaf === 'bias' ? 'b' : leaf}_1:0`;
}

/**
 * Writes a legacy Keras weights `.h5` in the layout of Keras' application files (a `save_weights` file: root
 * attribute `layer_names` listing every layer, one group per layer with attribute `weight_names`, datasets at those
 * relative paths, fixed-length byte strings) from a fixture's layer list; array k holds `knownValues(k, …)`.
 */
export async function writeApplicationWeights(layers: readonly FixtureLayer[], layout: ApplicationWeightsLayout = {}): Promise<Uint8Array> {
  const naming = layout.weightNames ?? 'keras2';
  const arrays = layers.reduce((n, l) => n + l.weights.length, 0);
  const groups = layers.map((l) => (layout.keras2AutoNames ? keras2AutoName(l) : l.name));
  const w = await H5Writer.create('application-weights');
  try {
    w.stringListAttr('', 'layer_names', groups, 'fixed');
    if (naming === 'keras2') {
      w.stringAttr('', 'backend', 'tensorflow', 'fixed');
      w.stringAttr('', 'keras_version', '2.2.4', 'fixed');
    }
    let k = 0;
    layers.forEach((layer, i) => {
      const group = groups[i]!;
      const names = layer.weights.map(([path]) => datasetName(group, path, naming));
      w.group(group);
      w.stringListAttr(group, 'weight_names', names, 'fixed');
      layer.weights.forEach(([, shape], j) => {
        w.dataset(`${group}/${names[j]}`, { dtype: 'float32', shape, data: knownValues(k, shape, arrays) });
        k++;
      });
    });
    return w.finish();
  } catch (e) {
    w.abort();
    throw e;
  }
}

/**
 * Asserts `model.getWeights()` holds what {@link writeApplicationWeights} wrote for `layers`: the same number of
 * arrays with the same shapes, every element equal, array by array in Keras' order. Disposes what it reads.
 */
export function expectKnownWeights(model: Model, layers: readonly FixtureLayer[]): void {
  const shapes = layers.flatMap((l) => l.weights.map(([, shape]) => shape));
  const values = model.getWeights();
  try {
    expect(values.map((t) => t.shape)).toEqual(shapes);
    values.forEach((t, k) => {
      const data = t.dataSync();
      const period = knownPeriod(shapes.length);
      // One assertion per array (toEqual on millions of floats is slow); the first differing element names the bug.
      let bad = -1;
      for (let e = 0; e < data.length && bad < 0; e++) if (data[e] !== (k + 1) * period + (e % period)) bad = e;
      expect(bad, `array ${k} (${model.weights[k]!.path}) differs at element ${bad}`).toBe(-1);
    });
  } finally {
    dispose(values);
  }
}

/** Keras' message as a whole-message pattern with runs of spaces collapsed (Keras writes two after some full stops). */
export function kerasMessage(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&').replace(/ +/g, ' +')}$`);
}

/**
 * Serves `body` as Keras' ImageNet file `<subdir>/<fname>` from a local mirror with its MD5 in `download.hashes`,
 * runs `build` with those download options and a fresh cache, and asserts the file was fetched once from the
 * bucket's layout and is the only file in the cache. Returns what `build` returned.
 *
 * @example
 * const model = await fromImagenetMirror('vgg19', fname, bytes, (download) => VGG19({ includeTop: false, download }));
 */
export async function fromImagenetMirror<M>(
  subdir: string, fname: string, body: Uint8Array, build: (download: NonNullable<ApplicationOptions['download']>) => Promise<M>,
): Promise<M> {
  const server = await TestServer.start();
  const cacheDir = await mkdtemp(join(tmpdir(), `strata-${subdir}-`));
  try {
    server.route(`/mirror/${subdir}/${fname}`, { body });
    const hashes = { [fname]: createHash('md5').update(body).digest('hex') };
    const result = await build({ baseUrl: server.url('/mirror/'), cacheDir, progressBar: false, hashes });
    expect(server.requests).toEqual([`/mirror/${subdir}/${fname}`]);
    expect(await readdir(join(cacheDir, 'models'))).toEqual([fname]);
    return result;
  } finally {
    await server.close();
    await rm(cacheDir, { recursive: true, force: true });
  }
}

/**
 * Fine-tuning, as the Keras guide does it: `base` (a notop model with pooling) plus a new softmax Dense head named
 * `head`, one SGD `fit` step on a batch of 4 random images with sparse labels. Asserts the loss is finite and
 * positive and that the head's kernel and every weight in `watched` (paths such as `conv1/kernel`) changed.
 * Disposes the model.
 */
export async function expectFineTuneStep(base: Functional, watched: readonly string[]): Promise<void> {
  const head = new Dense({ units: 3, activation: 'softmax', name: 'head' }).apply(base.outputs[0]!) as KerasTensor;
  const model = new Model({ inputs: base.inputs, outputs: head });
  model.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
  const [, rows, cols, channels] = base.inputs[0]!.shape as number[];
  const x = random.uniform([4, rows!, cols!, channels!], { minval: -1, maxval: 1, seed: 3 });
  const y = ops.tensor([0, 1, 2, 1], [4], 'int32');
  const variables = [...watched, 'head/kernel'].map((path) => {
    const v = model.weights.find((w) => w.path === path);
    expect(v, `a weight at ${path}`).toBeDefined();
    return v!;
  });
  const before = variables.map((v) => (v.value as Tensor).dataSync().slice());
  try {
    const history = await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    const loss = history.history.loss![0]!;
    expect(Number.isFinite(loss)).toBe(true);
    expect(loss).toBeGreaterThan(0);
    variables.forEach((v, i) => {
      const after = (v.value as Tensor).dataSync();
      expect(after.some((value, j) => value !== before[i]![j]), `${v.path} changed`).toBe(true);
    });
  } finally {
    dispose([x, y]);
    model.dispose();
  }
}

/**
 * Asserts `model` (with its softmax top) predicts a batch of 2 random images as rows of `classes` finite,
 * non-negative probabilities summing to 1, leaving no tensor behind.
 */
export async function expectSoftmaxPredictions(model: Functional, classes: number): Promise<void> {
  const [, rows, cols, channels] = model.inputs[0]!.shape as number[];
  const x = random.uniform([2, rows!, cols!, channels!], { minval: -1, maxval: 1, seed: 2 });
  try {
    await expectNoLeaks(async () => {
      const y = model.predict(x) as Tensor;
      const sums = ops.sum(y, -1);
      try {
        expect(y.shape).toEqual([2, classes]);
        expect((await y.data()).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
        for (const s of await sums.data()) expect(Math.abs(s - 1)).toBeLessThan(1e-5);
      } finally {
        dispose([y, sums]);
      }
    });
  } finally {
    dispose(x);
  }
}

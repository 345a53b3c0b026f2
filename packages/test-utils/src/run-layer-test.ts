/**
 * `runLayerTest`: the standard checks every layer gets, in the spirit of Keras' `run_layer_test`: config and
 * serialization round-trips, build, symbolic call, eager call (per training mode), same output after a config
 * round-trip with the same weights, numerical gradient checks with respect to the inputs and the trainable weights,
 * and no leaked tensors.
 */
import { expect } from 'vitest';
import {
  fromKerasJson, grads, numTensors, ops, random, Tensor, tidy, toKerasJson, variableGrads,
  type CustomObjects, type DataType,
} from '@strata/core';
import { deserialize, getKerasMask, KerasTensor, Layer, serialize, tree, type CallArgs, type SerializedLayer } from '@strata/layers';
import { expectTensorsClose, type Tolerance } from './expect-tensors.js';
import { cotangentAt } from './gradient-check.js';

type Shape = number[];
type ShapeLike = Array<number | null>;
type LayerClass<L extends Layer> = (new (args: any) => L) & { fromConfig(config: Record<string, unknown>, customObjects?: CustomObjects): L };

/** Options of `runLayerTest`: give `layerClass` + `init` (or a `layer` factory), and `inputShape` or `inputData`. */
export interface RunLayerTestOptions<L extends Layer = Layer> {
  /** The class under test, constructed with `init`. */
  layerClass?: LayerClass<L>;
  /** Constructor options for `layerClass`. */
  init?: Record<string, unknown>;
  /** Or: a layer (fresh copies are made with `fromConfig(layer.getConfig())`), or a factory of fresh layers. */
  layer?: L | (() => L);
  /** Concrete input shape, batch included (or a list of shapes for several inputs). */
  inputShape?: Shape | Shape[];
  /** Input dtype for `inputShape` (default float32). */
  inputDtype?: DataType;
  /** Or: the input tensor(s); the caller keeps ownership. */
  inputData?: Tensor | Tensor[];
  /** Extra keyword arguments for `apply`. */
  callKwargs?: CallArgs;
  /** Expected output shape (null matches any size), or one per output. */
  expectedOutputShape?: ShapeLike | ShapeLike[];
  expectedOutputDtype?: DataType;
  /** Expected eager output in inference mode (needs `inputData`). */
  expectedOutput?: Tensor | number[] | number[][] | number[][][];
  outputTolerance?: Tolerance;
  expectedTrainableWeights?: number;
  expectedNonTrainableWeights?: number;
  /** `layer.losses.length` after an eager call. */
  expectedNumLosses?: number;
  supportsMasking?: boolean;
  /** Training modes to run the eager call in (default `[false]`; add `true` for layers that differ). */
  trainingModes?: boolean[];
  /** Whether a layer without weights should be built right after construction. */
  assertBuiltAfterInstantiation?: boolean;
  /** Numerical gradient checks w.r.t. inputs and trainable weights (default: on for float inputs). */
  runGradientCheck?: boolean;
  gradientTolerance?: Tolerance & { eps?: number };
  /** Most elements per tensor the numerical gradient perturbs (default 48). */
  maxGradientElements?: number;
  customObjects?: CustomObjects;
}

function normalize(config: unknown): unknown {
  return JSON.parse(JSON.stringify(config));
}

function flatTensors(x: unknown): Tensor[] {
  return tree.flatten<unknown>(x).filter((t): t is Tensor => t instanceof Tensor);
}

function verifyShape(expected: ShapeLike, actual: ReadonlyArray<number | null>): boolean {
  return expected.length === actual.length && expected.every((d, i) => d === null || d === actual[i]);
}

function checkOutputShapes(expected: ShapeLike | ShapeLike[] | undefined, outputs: unknown, label: string): void {
  if (!expected) return;
  const flat = tree.flatten<{ shape: ReadonlyArray<number | null> }>(outputs);
  const expectedList = expected.length && Array.isArray(expected[0]) ? (expected as ShapeLike[]) : [expected as ShapeLike];
  expect(flat.length, `${label}: number of outputs`).toBe(expectedList.length);
  flat.forEach((o, i) => {
    expect(verifyShape(expectedList[i]!, o.shape), `${label}: expected output shape ${JSON.stringify(expectedList[i])}, received ${JSON.stringify(o.shape)}`).toBe(true);
  });
}

/** Deterministic inputs for a shape: normal values away from zero (kinks), or small non-negative ints. */
function makeInputs(shape: Shape | Shape[], dtype: DataType): Tensor | Tensor[] {
  const one = (s: Shape, k: number): Tensor =>
    dtype === 'int32'
      ? random.randint(s, { minval: 0, maxval: 4, seed: 1234 + k })
      : tidy(() => {
        const n = random.normal(s, { seed: 1234 + k });
        return ops.add(n, ops.mul(ops.sign(n), 0.05));
      });
  return Array.isArray(shape[0]) ? (shape as Shape[]).map(one) : one(shape as Shape, 0);
}

function objective(out: unknown): Tensor {
  const ys = flatTensors(out);
  let total: Tensor | null = null;
  for (const y of ys) {
    const cot = tensorOfCotangents(y);
    const term = ops.sum(ops.mul(ops.cast(y, 'float32'), cot));
    total = total ? ops.add(total, term) : term;
  }
  return total ?? ops.scalar(0);
}

function tensorOfCotangents(like: Tensor): Tensor {
  const values = new Float32Array(like.size);
  for (let i = 0; i < values.length; i++) values[i] = cotangentAt(i);
  return ops.tensor(values, like.shape, 'float32');
}

/** Positions to perturb: every element, or an even spread of `max` of them. */
function probePositions(size: number, max: number): number[] {
  if (size <= max) return Array.from({ length: size }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor((i * size) / max));
}

function assertClose(analytic: Float32Array | Int32Array | Uint8Array, numeric: Map<number, number>, label: string, tol: Tolerance): void {
  const { rtol = 2e-2, atol = 2e-3 } = tol;
  for (const [i, n] of numeric) {
    const a = Number(analytic[i]);
    if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n))) {
      expect.fail(`${label}: gradient differs at flat index ${i}: analytic ${a}, numerical ${n} (rtol ${rtol}, atol ${atol})`);
    }
  }
}

function gradientCheck(layer: Layer, inputs: Tensor | Tensor[], kwargs: CallArgs, opts: RunLayerTestOptions<Layer>): void {
  const tol = opts.gradientTolerance ?? {};
  const eps = tol.eps ?? 1e-3;
  const max = opts.maxGradientElements ?? 48;
  const list = Array.isArray(inputs) ? inputs : [inputs];
  const run = (xs: Tensor[]): Tensor => objective(layer.apply(Array.isArray(inputs) ? xs : xs[0]!, { ...kwargs, training: false }));
  const value = (xs: Tensor[]): number => tidy(() => run(xs).dataSync()[0]!);

  // With respect to the (float) inputs.
  const floatInputs = list.every((x) => x.dtype === 'float32');
  if (floatInputs) {
    const analytic = tidy(() => grads((...xs: Tensor[]) => run(xs))(list)).map((g) => {
      const data = g.dataSync().slice();
      g.dispose();
      return data;
    });
    list.forEach((x, k) => {
      const host = Float32Array.from(x.dataSync());
      const numeric = new Map<number, number>();
      for (const i of probePositions(host.length, max)) {
        const at = (delta: number): number => {
          const copy = host.slice();
          copy[i] = host[i]! + delta;
          return tidy(() => value(list.map((y, j) => (j === k ? ops.tensor(copy, y.shape, 'float32') : y))));
        };
        numeric.set(i, (at(eps) - at(-eps)) / (2 * eps));
      }
      assertClose(analytic[k]!, numeric, `d output / d input ${k}`, tol);
    });
  }

  // With respect to the trainable weights.
  const weights = layer.trainableWeights;
  if (!weights.length) return;
  const { value: total, grads: g } = variableGrads(() => run(list) as never, weights.map((w) => w.value));
  total.dispose();
  const analytic = weights.map((w) => {
    const t = g[w.value.name]!;
    const data = t.dataSync().slice();
    return data;
  });
  for (const t of Object.values(g)) t.dispose();
  weights.forEach((w, k) => {
    const original = w.read();
    const host = Float32Array.from(original.dataSync());
    const numeric = new Map<number, number>();
    for (const i of probePositions(host.length, max)) {
      const at = (delta: number): number => {
        const copy = host.slice();
        copy[i] = host[i]! + delta;
        tidy(() => w.assign(ops.tensor(copy, w.shape, 'float32')));
        return value(list);
      };
      numeric.set(i, (at(eps) - at(-eps)) / (2 * eps));
    }
    w.assign(original);
    original.dispose();
    assertClose(analytic[k]!, numeric, `d output / d weight "${w.path}"`, tol);
  });
}

/**
 * Runs the standard layer checks and fails the current test with a message naming the check.
 *
 * @example
 * runLayerTest({
 *   layerClass: Dense, init: { units: 3 }, inputShape: [2, 4],
 *   expectedOutputShape: [2, 3], expectedTrainableWeights: 2, expectedNonTrainableWeights: 0,
 * });
 */
export function runLayerTest<L extends Layer>(opts: RunLayerTestOptions<L>): void {
  if (opts.inputShape && opts.inputData) throw new Error('runLayerTest: give inputShape or inputData, not both.');
  if (opts.expectedOutput && !opts.inputData) throw new Error('runLayerTest: expectedOutput needs inputData.');
  if (!opts.layerClass && !opts.layer) throw new Error('runLayerTest: give layerClass (+ init) or a layer factory.');
  const given = opts.layer;
  const instance = given instanceof Layer ? given : null;
  const cls = (opts.layerClass ?? (instance ?? (given as () => L)()).constructor) as unknown as LayerClass<L>;
  const make = (): L => {
    if (opts.layerClass) return new opts.layerClass({ ...(opts.init ?? {}) });
    return instance ? cls.fromConfig(instance.getConfig(), opts.customObjects) : (given as () => L)();
  };
  const before = numTensors();
  const ownedInputs = opts.inputData ? null : opts.inputShape ? makeInputs(opts.inputShape, opts.inputDtype ?? 'float32') : null;
  const inputs = opts.inputData ?? ownedInputs;
  const kwargs = opts.callKwargs ?? {};
  const modes = opts.trainingModes ?? [false];
  const made: Layer[] = [];
  const track = <T extends Layer>(l: T): T => {
    made.push(l);
    return l;
  };

  try {
    // 1. Config and serialization round-trips.
    const layer = track(make());
    const config = normalize(layer.getConfig());
    const revived = track(cls.fromConfig(layer.getConfig(), opts.customObjects));
    expect(normalize(revived.getConfig()), 'fromConfig(getConfig()) gives the same config').toEqual(config);
    const json = JSON.stringify(toKerasJson(serialize(layer)));
    const fromJson = track(deserialize(fromKerasJson(JSON.parse(json)) as unknown as SerializedLayer, opts.customObjects));
    expect(normalize(fromJson.getConfig()), 'deserialize(serialize()) through Keras JSON gives the same config').toEqual(config);
    if (opts.supportsMasking !== undefined) expect(layer.supportsMasking, 'supportsMasking').toBe(opts.supportsMasking);
    if (opts.assertBuiltAfterInstantiation) expect(layer.built, 'a stateless layer is built after instantiation').toBe(true);

    if (!inputs) return;
    const inputList = Array.isArray(inputs) ? inputs : [inputs];
    const shapes = inputList.map((x) => [...x.shape]);
    const buildShape = Array.isArray(inputs) ? shapes : shapes[0]!;
    const assertWeights = (l: Layer, label: string): void => {
      expect(l.built, `${label}: built`).toBe(true);
      if (opts.expectedTrainableWeights !== undefined) expect(l.trainableWeights.length, `${label}: trainable weights`).toBe(opts.expectedTrainableWeights);
      if (opts.expectedNonTrainableWeights !== undefined) expect(l.nonTrainableWeights.length, `${label}: non-trainable weights`).toBe(opts.expectedNonTrainableWeights);
    };

    // 2. Build.
    const built = track(make());
    built.build(buildShape);
    assertWeights(built, 'build(inputShape)');

    // 3. Symbolic call, with the given shapes and with an unknown batch size.
    for (const unknownBatch of [false, true]) {
      const symbolic = track(make());
      const sym = inputList.map((x, i) => new KerasTensor(unknownBatch ? [null, ...shapes[i]!.slice(1)] : shapes[i]!, { dtype: x.dtype }));
      const out = symbolic.apply(Array.isArray(inputs) ? sym : sym[0]!, kwargs);
      for (const o of tree.flatten(out)) expect(o, 'symbolic outputs are KerasTensors').toBeInstanceOf(KerasTensor);
      assertWeights(symbolic, 'symbolic call');
      const expected = opts.expectedOutputShape;
      const expectedFor = unknownBatch && expected
        ? (Array.isArray(expected[0]) ? (expected as ShapeLike[]).map((s) => [null, ...s.slice(1)]) : [null, ...(expected as ShapeLike).slice(1)])
        : expected;
      checkOutputShapes(expectedFor as ShapeLike | ShapeLike[] | undefined, out, `symbolic call${unknownBatch ? ' (unknown batch)' : ''}`);
      if (opts.expectedOutputDtype) for (const o of tree.flatten<KerasTensor>(out)) expect(o.dtype, 'symbolic output dtype').toBe(opts.expectedOutputDtype);
    }

    // 4. Eager calls: shapes, values, losses, and no tensor left behind but the outputs.
    const eager = track(make());
    for (const training of modes) {
      const first = eager.apply(inputs, { ...kwargs, training });
      for (const t of withMasks(flatTensors(first))) if (!inputList.includes(t)) t.dispose();
      const start = numTensors();
      const out = eager.apply(inputs, { ...kwargs, training });
      const fresh = withMasks(flatTensors(out)).filter((t) => !inputList.includes(t));
      expect(numTensors() - start, `eager call (training=${training}) leaves only its outputs and their masks`).toBe(fresh.length);
      assertWeights(eager, 'eager call');
      checkOutputShapes(opts.expectedOutputShape, out, `eager call (training=${training})`);
      if (opts.expectedOutputDtype) for (const o of flatTensors(out)) expect(o.dtype, 'eager output dtype').toBe(opts.expectedOutputDtype);
      if (!training && opts.expectedOutput !== undefined) expectTensorsClose(flatTensors(out)[0]!, opts.expectedOutput as never, opts.outputTolerance);
      // Weight penalties are computed when `losses` is read: count them inside a tidy so they are freed.
      if (opts.expectedNumLosses !== undefined) tidy(() => void expect(eager.losses.length, 'number of losses').toBe(opts.expectedNumLosses));
      for (const t of fresh) t.dispose();
    }

    // 5. Same output from a layer rebuilt from its config with the same weights.
    const copy = track(cls.fromConfig(eager.getConfig(), opts.customObjects));
    tidy(() => {
      copy.apply(inputs, { ...kwargs, training: false });
      const weights = eager.getWeights();
      copy.setWeights(weights);
      const a = flatTensors(eager.apply(inputs, { ...kwargs, training: false }));
      const b = flatTensors(copy.apply(inputs, { ...kwargs, training: false }));
      expect(b.length).toBe(a.length);
      a.forEach((t, i) => {
        try {
          expectTensorsClose(b[i]!, t, { rtol: 1e-6, atol: 1e-6 });
        } catch (e) {
          expect.fail(`a layer rebuilt with fromConfig(getConfig()) and the same weights gives different outputs: ${(e as Error).message}`);
        }
      });
    });

    // 6. Gradients w.r.t. inputs and trainable weights match central differences.
    const floatOut = tidy(() => flatTensors(eager.apply(inputs, { ...kwargs, training: false })).every((t) => t.dtype === 'float32'));
    if (opts.runGradientCheck ?? floatOut) gradientCheck(eager, inputs, kwargs, opts as RunLayerTestOptions<Layer>);
  } finally {
    for (const l of made) l.dispose();
    if (ownedInputs) for (const t of Array.isArray(ownedInputs) ? ownedInputs : [ownedInputs]) t.dispose();
  }
  expect(numTensors() - before, 'runLayerTest leaked tensors').toBe(0);
}

/** The tensors plus the Keras masks attached to them (a masking layer's outputs carry one each). */
function withMasks(tensors: Tensor[]): Tensor[] {
  const masks = tensors.map((t) => getKerasMask(t)).filter((m): m is Tensor => m instanceof Tensor && !tensors.includes(m));
  return [...tensors, ...new Set(masks)];
}

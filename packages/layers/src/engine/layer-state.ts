/**
 * The state side of `Layer`: creating weights (`addWeight`), listing them in Keras' order, assigning them with
 * shape checks, and discovering sub-layers held by properties.
 */
import { keep, ops, standardizeDtype, tidy, ValueError, type Tensor } from '@strata/core';
import * as initializers from '@strata/initializers';
import * as constraints from '../constraints/index.js';
import * as regularizers from '../regularizers/index.js';
import { isTracing } from './call-context.js';
import { isKerasTensor, type KerasTensor } from './keras-tensor.js';
import type { Layer } from './layer.js';
import type { AddWeightOptions } from './layer-types.js';
import { currentPath, withNameScope } from './name-scope.js';
import { flatten, isPlainObject } from './nest.js';
import { shapeSize, shapeToString, type ShapeStructure } from './shape.js';
import { KerasVariable } from './variable.js';

/** A symbol set on every `Layer`, so tracking recognises layers without importing the class. */
export const LAYER_BRAND = Symbol.for('strata.layer');

/** Whether `x` is a layer. */
export function isLayer(x: unknown): x is Layer {
  return typeof x === 'object' && x !== null && (x as { [LAYER_BRAND]?: boolean })[LAYER_BRAND] === true;
}

/** Properties never scanned for sub-layers (the engine's own bookkeeping). */
const UNTRACKED = new Set(['_trackedLayers', 'inboundNodes', 'outboundNodes']);

/** Appends to `layer._trackedLayers` the layers held by its properties (directly, or in arrays and records). */
export function discoverLayers(layer: Layer): void {
  const tracked = layer._trackedLayers;
  const seen = new Set<Layer>(tracked);
  const visit = (value: unknown, depth: number): void => {
    if (isLayer(value)) {
      if (value !== layer && !seen.has(value)) {
        seen.add(value);
        tracked.push(value);
      }
    } else if (depth < 4 && Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
    } else if (depth < 4 && isPlainObject(value)) {
      for (const v of Object.values(value)) visit(v, depth + 1);
    }
  };
  for (const key of Object.keys(layer)) {
    if (!UNTRACKED.has(key)) visit((layer as unknown as Record<string, unknown>)[key], 0);
  }
}

/** Self and descendants in Keras' `_flatten_layers` order (each sub-tree visited right after its root). */
export function flattenLayers(layer: Layer, includeSelf: boolean, recursive: boolean): Layer[] {
  const out: Layer[] = includeSelf ? [layer] : [];
  const seen = new Set<Layer>();
  const deque: Layer[] = [...layer._layers];
  while (deque.length) {
    const next = deque.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    out.push(next);
    if (recursive) deque.unshift(...[...next._layers].reverse());
  }
  return out;
}

/**
 * Wraps the instance's `build` (as Keras' `build_wrapper`): whoever calls it, it runs in the layer's name scope,
 * records the layer's path and build shape, marks it built and locks its state.
 */
export function installBuildWrapper(layer: Layer): void {
  const userBuild = layer.build as (...args: unknown[]) => void;
  const wrapper = (inputShape: ShapeStructure | null = null, ...rest: unknown[]): void => {
    withNameScope(layer, () => {
      layer._path = currentPath();
      userBuild.call(layer, inputShape, ...rest);
    });
    const shapesDict = rest[0] as Record<string, ShapeStructure | null> | undefined;
    layer._buildShapesDict = shapesDict ? { inputShape: inputShape ?? null, ...shapesDict } : { inputShape: inputShape ?? null };
    layer.built = true;
    layer._lockState();
  };
  Object.defineProperty(layer, 'build', { value: wrapper, enumerable: false, writable: true, configurable: true });
}

/** Creates and tracks a weight of `layer`, as Keras' `add_weight`; its path is `<scope>/<name>`. */
export function createWeight(layer: Layer, options: AddWeightOptions): KerasVariable {
  if (layer._locked) {
    throw new ValueError(
      `You cannot add new elements of state (variables or sub-layers) to a layer that is already built ("${layer.name}"). ` +
        'All state must be created in the constructor or in the build() method.',
    );
  }
  const { name } = options;
  if (typeof name !== 'string' || !name || name.includes('/')) {
    throw new ValueError(`addWeight() needs a "name" without "/". Received: ${JSON.stringify(name)}`);
  }
  const shape = [...(options.shape ?? [])];
  const dtype = options.dtype != null ? standardizeDtype(options.dtype) : layer.variableDtype;
  const initializer = initializers.get(options.initializer ?? (dtype === 'float32' ? 'glorot_uniform' : 'zeros'));
  const trainable = options.trainable ?? true;
  const variable = withNameScope(layer, () => {
    const path = `${currentPath()}/${name}`;
    const initial = tidy(() => {
      const t = initializer.call(shape, dtype);
      if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
        throw new ValueError(`Initializer for weight "${path}" returned shape ${shapeToString(t.shape)}, expected ${shapeToString(shape)}.`);
      }
      return t.dtype === dtype ? t : ops.cast(t, dtype);
    });
    const v = new KerasVariable(initial, {
      name, path, trainable,
      regularizer: regularizers.get(options.regularizer ?? null),
      constraint: constraints.get(options.constraint ?? null),
      overwriteWithGradient: options.overwriteWithGradient ?? false,
    });
    initial.dispose();
    return v;
  });
  (trainable ? layer._trainableVariables : layer._nonTrainableVariables).push(variable);
  if (!layer.trainable) variable.trainable = false;
  return variable;
}

/** Own variables (trainable, then non-trainable), then each sub-layer's weights, de-duplicated: Keras' order. */
export function collectWeights(layer: Layer): KerasVariable[] {
  const out: KerasVariable[] = [];
  const seen = new Set<KerasVariable>();
  const add = (v: KerasVariable): void => {
    if (!seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  };
  for (const v of layer._trainableVariables) add(v);
  for (const v of layer._nonTrainableVariables) add(v);
  for (const sub of layer._layers) for (const v of sub.weights) add(v);
  return out;
}

/** Assigns `values` to `weights` after checking the count and every shape (errors name the layer and weight). */
export function assignWeights(layer: Layer, weights: KerasVariable[], values: ReadonlyArray<Tensor>): void {
  if (weights.length !== values.length) {
    throw new ValueError(
      `You called setWeights(weights) on layer "${layer.name}" with a weight list of length ${values.length}, ` +
        `but the layer was expecting ${weights.length} weights.`,
    );
  }
  weights.forEach((v, i) => {
    const value = values[i]!;
    if (value.shape.length !== v.shape.length || value.shape.some((d, j) => d !== v.shape[j])) {
      throw new ValueError(
        `Layer "${layer.name}" weight "${v.path}" has shape ${shapeToString(v.shape)}, ` +
          `which is not compatible with the provided weight of shape ${shapeToString(value.shape)}.`,
      );
    }
  });
  weights.forEach((v, i) => v.assign(values[i]!));
}

/** Keeps each loss tensor on `layer` until its next outermost call (ignored while tracing shapes). */
export function addLosses(layer: Layer, loss: Tensor | Tensor[]): void {
  for (const x of flatten<unknown>(loss)) {
    if (isKerasTensor(x) || !x || typeof x !== 'object' || !('dataId' in x)) {
      throw new ValueError(`addLoss() can only be called from inside build() or call(), on a tensor input. Received invalid value: ${String(x)}`);
    }
    if (isTracing()) continue;
    layer._losses.push(keep(x as Tensor));
  }
}

/** Own losses, every descendant's, then one penalty per regularized trainable weight (computed now). */
export function collectLosses(layer: Layer): Tensor[] {
  const out = [...layer._losses];
  for (const sub of layer._flattenLayers(false)) out.push(...sub._losses);
  for (const v of layer.trainableWeights) if (v.regularizer) out.push(v.regularizer.call(v.value));
  return out;
}

/** Disposes the kept losses of `layer` and of its sub-layers. */
export function clearLosses(layer: Layer): void {
  for (const t of layer._losses) t.dispose();
  layer._losses = [];
  for (const sub of layer._layers) sub._clearLosses();
}

/** Assigns `own` (a layer's own variables) from `store` (keys `"0"`, `"1"`…), as Keras' `load_own_variables`. */
export function loadOwnVariablesFrom(layer: Layer, own: KerasVariable[], store: Record<string, Tensor>): void {
  const keys = Object.keys(store);
  if (keys.length !== own.length) {
    throw new ValueError(
      `Layer "${layer.name}" expected ${own.length} variables, but received ${keys.length} variables during loading. ` +
        `Expected: ${JSON.stringify(own.map((v) => v.name))}`,
    );
  }
  assignWeights(layer, own, own.map((_, i) => store[String(i)]!));
}

/** A layer's own variables: trainable, then non-trainable, each in creation order (Keras' `vars/<i>` order). */
export function ownVariables(layer: Layer): KerasVariable[] {
  return [...layer._trainableVariables, ...layer._nonTrainableVariables];
}

/** Writes `ownVariables(layer)` into `store` under the keys `"0"`, `"1"`…, as Keras' `save_own_variables`. */
export function saveOwnVariablesTo(layer: Layer, store: Record<string, Tensor>): void {
  ownVariables(layer).forEach((v, i) => {
    store[String(i)] = v.value;
  });
}

/** The weights training updates: the trainable ones, or none when the layer is frozen. */
export function trainableWeightsOf(layer: Layer): KerasVariable[] {
  return layer.trainable ? layer.weights.filter((v) => v.trainable) : [];
}

/** The weights training leaves alone: the non-trainable ones, or all of them when the layer is frozen. */
export function nonTrainableWeightsOf(layer: Layer): KerasVariable[] {
  return layer.trainable ? layer.weights.filter((v) => !v.trainable) : layer.weights;
}

/** Sets `trainable` on the layer's own trainable variables and on every sub-layer. */
export function propagateTrainable(layer: Layer, trainable: boolean): void {
  for (const v of layer._trainableVariables) v.trainable = trainable;
  for (const sub of layer._layers) sub.trainable = trainable;
}

/** The number of scalars in the layer's weights; throws when the layer is not built. */
export function countParamsOf(layer: Layer): number {
  if (!layer.built) {
    throw new ValueError(
      `You tried to call countParams on layer "${layer.name}", but the layer isn't built. ` +
        'You can build it manually via: layer.build(inputShape).',
    );
  }
  return layer.weights.reduce((n, v) => n + shapeSize(v.shape), 0);
}

/** Tracks `sub` as a sub-layer of `layer` (after discovering those held by properties), unless it is already. */
export function trackSubLayer<T extends Layer>(layer: Layer, sub: T): T {
  layer._discoverLayers();
  if (sub !== layer && !layer._trackedLayers.includes(sub)) layer._trackedLayers.push(sub);
  return sub;
}

/**
 * The input or output tensors of the layer's first symbolic call (one tensor unwrapped); throws when it was never
 * called symbolically.
 */
export function nodeAttribute(layer: Layer, attr: 'inputTensors' | 'outputTensors', label: string): KerasTensor | KerasTensor[] {
  const node = layer.inboundNodes[0];
  if (!node) throw new ValueError(`The layer ${layer.name} has never been called and thus has no defined ${label}.`);
  const values = node[attr];
  return values.length === 1 ? values[0]! : values;
}

/** The layer's direct sub-layers in tracking order, after discovering those its properties hold. */
export function discoveredLayers(layer: Layer): Layer[] {
  layer._discoverLayers();
  return layer._trackedLayers;
}

/** Disposes the weights of `layer` and its sub-layers, then its pending losses. */
export function disposeLayer(layer: Layer): void {
  for (const v of layer.weights) v.dispose();
  layer._clearLosses();
}

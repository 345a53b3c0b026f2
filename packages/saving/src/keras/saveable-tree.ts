/**
 * Where each object's variables live in a Keras 3 weights file (`saving_lib.py` `_save_state` / `_walk_saveable`):
 * the model's own variables at `vars`, then — for Sequential and Functional models — every layer under
 * `layers/<snake_case class name>[_n]` (numbered per container, never by the layer's `.name`), then the other
 * attributes holding layers, lists of layers or an optimizer, in name order with private `_x` names last. An object
 * reached twice (a shared layer) is stored once, under its first path.
 */
import { camelToSnake, toSnakeCase, type Tensor } from '@strata/core';
import { kerasClassName, Layer, tree } from '@strata/layers';
import { Functional, Sequential } from '@strata/models';

/** An optimizer as saving sees it: its variables in Keras' order, and a way to create them. */
export interface OptimizerLike {
  readonly name: string;
  readonly built: boolean;
  readonly variables: ReadonlyArray<{ readonly value: Tensor }>;
  build(vars: unknown[]): void;
  setWeights(weights: Tensor[]): void;
}

/** One object with its own variables, at its path in the file. */
export interface SaveableEntry {
  /** `''` for the root, else `layers/dense_1`, `optimizer`, … */
  path: string;
  /** The object's `.name` (written as the `vars` group's `name` attribute). */
  name: string;
  /** A layer (or model), or the optimizer. */
  layer: Layer | null;
  optimizer: OptimizerLike | null;
}

/** Keys of a layer that hold engine bookkeeping, never saveable children. */
const SKIPPED = new Set([
  '_trackedLayers', 'inboundNodes', 'outboundNodes', '_layerList', '_functional', '_operations', '_nodes', '_nodesByDepth',
  '_inputsStruct', '_outputsStruct', '_inputs', '_outputs', '_losses', '_trainableVariables', '_nonTrainableVariables',
  'optimizer', 'compiled', '_compileConfig',
]);

/** A layer can name its children explicitly (for Keras attribute names that differ from its own properties). */
interface WithSaveableChildren {
  saveableChildren(): Array<[string, unknown]>;
}

function isOptimizerLike(x: unknown): x is OptimizerLike {
  return typeof x === 'object' && x !== null && !(x instanceof Layer) && Array.isArray((x as OptimizerLike).variables) &&
    typeof (x as OptimizerLike).setWeights === 'function' && typeof (x as OptimizerLike).build === 'function';
}

function isSaveable(x: unknown): x is Layer | OptimizerLike {
  return x instanceof Layer || isOptimizerLike(x);
}

/** `_name_key`: private names sort last. */
function nameKey(name: string): string {
  return name.startsWith('_') ? `~${name}` : name;
}

function containsSaveables(x: unknown, depth = 0): boolean {
  if (depth > 3) return false;
  if (isSaveable(x)) return true;
  if (Array.isArray(x)) return x.some((v) => containsSaveables(v, depth + 1));
  if (tree.isPlainObject(x)) return Object.values(x).some((v) => containsSaveables(v, depth + 1));
  return false;
}

function childrenOf(obj: Layer): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  if (obj instanceof Functional || obj instanceof Sequential) out.push(['layers', obj.layers]);
  const explicit = (obj as unknown as Partial<WithSaveableChildren>).saveableChildren;
  if (typeof explicit === 'function') {
    out.push(...explicit.call(obj));
  } else if (!(obj instanceof Functional || obj instanceof Sequential)) {
    const attrs = Object.keys(obj)
      .filter((k) => !SKIPPED.has(k) && containsSaveables((obj as unknown as Record<string, unknown>)[k]))
      .map((k) => [k.startsWith('_') ? `_${camelToSnake(k.slice(1))}` : camelToSnake(k), (obj as unknown as Record<string, unknown>)[k]] as [string, unknown]);
    attrs.sort((a, b) => (nameKey(a[0]) < nameKey(b[0]) ? -1 : nameKey(a[0]) > nameKey(b[0]) ? 1 : 0));
    out.push(...attrs);
  }
  const optimizer = (obj as unknown as { optimizer?: unknown }).optimizer;
  if (isOptimizerLike(optimizer)) out.push(['optimizer', optimizer]);
  return out;
}

/** Keras' `_get_unique_name`: `name`, then `name_1`, `name_2`… within one container. */
function uniqueName(name: string, used: Map<string, number>): string {
  const n = used.get(name);
  if (n === undefined) {
    used.set(name, 0);
    return name;
  }
  used.set(name, n + 1);
  return `${name}_${n + 1}`;
}

function join(a: string, b: string): string {
  return a ? `${a}/${b}` : b;
}

/**
 * Every saveable object of `model` with its path, in Keras' traversal order.
 *
 * @example
 * saveableEntries(model).map((e) => e.path); // ['', 'layers/input_layer', 'layers/dense', 'layers/dense_1', 'optimizer']
 */
export function saveableEntries(model: Layer): SaveableEntry[] {
  const out: SaveableEntry[] = [];
  const visited = new Set<unknown>();
  const visit = (obj: Layer | OptimizerLike, path: string): void => {
    if (visited.has(obj)) return;
    visited.add(obj);
    if (obj instanceof Layer) {
      out.push({ path, name: obj.name, layer: obj, optimizer: null });
      for (const [attr, child] of childrenOf(obj)) visitChild(child, join(path, attr));
    } else {
      out.push({ path, name: obj.name, layer: null, optimizer: obj });
    }
  };
  const visitContainer = (items: unknown[], path: string, seen: Set<unknown>): void => {
    if (seen.has(items)) return;
    seen.add(items);
    const used = new Map<string, number>();
    for (const item of items) {
      if (isSaveable(item)) {
        const cls = item instanceof Layer ? kerasClassName(item) : kerasClassName(item as object);
        visit(item, join(path, uniqueName(toSnakeCase(cls), used)));
      } else if (Array.isArray(item) || tree.isPlainObject(item)) {
        visitContainer(Array.isArray(item) ? item : Object.values(item), join(path, uniqueName('container', used)), seen);
      }
    }
  };
  const visitChild = (child: unknown, path: string): void => {
    if (isSaveable(child)) visit(child, path);
    else if (Array.isArray(child)) visitContainer(child, path, new Set());
    else if (tree.isPlainObject(child)) visitContainer(Object.values(child), path, new Set());
  };
  visit(model, '');
  return out;
}

/** The variables a layer stores itself (trainable then non-trainable, creation order), as `save_own_variables`. */
export function ownVariables(layer: Layer): Tensor[] {
  const store: Record<string, Tensor> = {};
  layer.saveOwnVariables(store);
  return Object.keys(store).sort((a, b) => Number(a) - Number(b)).map((k) => store[k]!);
}

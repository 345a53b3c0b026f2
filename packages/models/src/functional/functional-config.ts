/**
 * Functional model configs, Keras 3's layout (`models/functional.py` `get_config`, `functional_from_config`), in
 * camelCase: `{ name, trainable, layers: [{ …envelope, name, inboundNodes: [{ args, kwargs }] }], inputLayers,
 * outputLayers }`, with graph tensors written as `{ className: '__keras_tensor__', config: { shape, dtype,
 * kerasHistory: [layer, node, tensor] } }`.
 */
import { ValueError, type CustomObjects } from '@strata/core';
import {
  deserialize, isKerasTensor, serialize, tree,
  type KerasTensor, type Layer, type Node, type SerializedLayer,
} from '@strata/layers';
import { _setFunctionalFromConfig, Model, type SymbolicStructure } from '../model.js';
import { Functional } from './functional.js';

const KERAS_TENSOR = '__keras_tensor__';

/** A serialized graph tensor. */
interface SerializedKerasTensor {
  className: typeof KERAS_TENSOR;
  config: { shape: Array<number | null>; dtype: string; kerasHistory: [string, number, number] };
}

function isSerializedKerasTensor(x: unknown): x is SerializedKerasTensor {
  return tree.isPlainObject(x) && x.className === KERAS_TENSOR && tree.isPlainObject(x.config);
}

/** Functional models count an implicit node 0 in `inputLayers`/`outputLayers` (a Keras 2 legacy). */
function startsWithImplicitNode(op: Layer): boolean {
  return op instanceof Functional;
}

/** The node index of a tensor counting only nodes of this model. */
function ownNodeIndex(op: Layer, nodeIndex: number, own: Set<Node>): number {
  let skipped = 0;
  for (let i = 0; i < nodeIndex; i++) if (!own.has(op.inboundNodes[i]!)) skipped++;
  return nodeIndex - skipped;
}

function serializeNode(node: Node, own: Set<Node>): Record<string, unknown> | null {
  if (node.inputTensors.length === 0) return null;
  const swap = (x: unknown): unknown => {
    if (!isKerasTensor(x)) return x;
    const h = x.kerasHistory!;
    return {
      className: KERAS_TENSOR,
      config: { shape: [...x.shape], dtype: x.dtype, kerasHistory: [h.operation.name, ownNodeIndex(h.operation, h.nodeIndex, own), h.tensorIndex] },
    } satisfies SerializedKerasTensor;
  };
  return { args: tree.mapStructure(swap, node.args), kwargs: tree.mapStructure(swap, node.kwargs) };
}

/** The config of a functional model (Keras 3 layout, camelCase). */
export function functionalGetConfig(model: Functional): Record<string, unknown> {
  const own = model._nodes;
  const reindex = new Map<Node, number>();
  for (const op of model._operations) {
    let kept = startsWithImplicitNode(op) ? 1 : 0;
    for (const node of op.inboundNodes) if (own.has(node)) reindex.set(node, kept++);
  }
  const layers = model._operations.map((op) => {
    const inboundNodes = op.inboundNodes.filter((n) => own.has(n)).map((n) => serializeNode(n, own)).filter((n) => n !== null);
    return { ...serialize(op), name: op.name, inboundNodes };
  });
  const tensorConfig = (x: KerasTensor): [string, number, number] => {
    const h = x.kerasHistory!;
    const node = h.operation.inboundNodes[h.nodeIndex]!;
    if (!reindex.has(node)) throw new ValueError(`Internal error: could not find the node of tensor ${x.name} in model "${model.name}".`);
    return [h.operation.name, reindex.get(node)!, h.tensorIndex];
  };
  return {
    name: model.name,
    trainable: model.trainable,
    layers,
    inputLayers: tree.mapStructure(tensorConfig, model._inputsStruct),
    outputLayers: tree.mapStructure(tensorConfig, model._outputsStruct),
  };
}

/** Creates the layer of one `layers` entry. */
export type LayerFactory = (layerData: SerializedLayer & { name: string }) => Layer;

/** Retried when a node needs a tensor that another layer's node has not produced yet. */
class NodeNotReady extends Error {}

function isLeaf(x: unknown): x is [string, number, number] {
  return Array.isArray(x) && x.length === 3 && typeof x[0] === 'string';
}

/**
 * Rebuilds a functional model from its config: creates every layer, then replays their calls in order, retrying
 * calls whose inputs are not ready yet, as Keras' `functional_from_config`.
 */
export function functionalFromConfig(
  cls: (new (args: { inputs: SymbolicStructure; outputs: SymbolicStructure; name?: string; trainable?: boolean }) => Model) | null,
  config: Record<string, unknown>,
  customObjects?: CustomObjects,
  createLayer: LayerFactory = (data) => deserialize(data, customObjects),
): Model {
  const created = new Map<string, Layer>();
  const pending = new Map<Layer, unknown[]>();
  const layersData = config.layers as Array<SerializedLayer & { name: string; inboundNodes?: unknown[] }>;
  if (!Array.isArray(layersData)) throw new ValueError(`A functional config needs a "layers" list. Received: ${JSON.stringify(config.layers)}`);

  const tensorAt = (name: string, nodeIndex: number, tensorIndex: number, implicitOffset: boolean): KerasTensor => {
    const layer = created.get(name);
    if (!layer) throw new ValueError(`Invalid functional model configuration: unknown layer "${name}".`);
    const index = implicitOffset && startsWithImplicitNode(layer) ? nodeIndex - 1 : nodeIndex;
    const node = layer.inboundNodes[index];
    if (!node) throw new NodeNotReady(name);
    return node.outputTensors[tensorIndex]!;
  };

  const processNode = (layer: Layer, nodeData: unknown): void => {
    let args: unknown[];
    let kwargs: Record<string, unknown> = {};
    if (Array.isArray(nodeData)) {
      // Keras 2: a list of [layer, node, tensor, kwargs?] entries; one entry is passed unwrapped.
      const tensors = nodeData.map((entry: unknown[]) => {
        if (entry.length === 4) kwargs = (entry[3] ?? {}) as Record<string, unknown>;
        else if (entry.length !== 3) throw new ValueError('Cannot deserialize the model (invalid inbound node data).');
        return tensorAt(entry[0] as string, entry[1] as number, entry[2] as number, false);
      });
      args = [tensors.length === 1 ? tensors[0] : tensors];
    } else {
      const data = nodeData as { args?: unknown[]; kwargs?: Record<string, unknown> };
      const revive = (x: unknown): unknown => {
        if (isSerializedKerasTensor(x)) {
          const [name, node, tensor] = x.config.kerasHistory;
          return tensorAt(name, node, tensor, false);
        }
        if (Array.isArray(x)) return x.map(revive);
        if (tree.isPlainObject(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, revive(v)]));
        return x;
      };
      args = revive(data.args ?? []) as unknown[];
      kwargs = revive(data.kwargs ?? {}) as Record<string, unknown>;
    }
    layer.apply(args[0], kwargs);
  };

  for (const data of layersData) {
    const { inboundNodes = [], ...envelope } = data;
    const layer = createLayer(envelope as SerializedLayer & { name: string });
    created.set(data.name, layer);
    if (inboundNodes.length) pending.set(layer, [...inboundNodes]);
  }
  while (pending.size) {
    let progress = false;
    for (const data of layersData) {
      const layer = created.get(data.name)!;
      const queue = pending.get(layer);
      if (!queue) continue;
      let i = 0;
      for (; i < queue.length; i++) {
        try {
          processNode(layer, queue[i]);
        } catch (e) {
          if (e instanceof NodeNotReady) break;
          throw e;
        }
      }
      if (i > 0) progress = true;
      if (i >= queue.length) pending.delete(layer);
      else pending.set(layer, queue.slice(i));
    }
    if (!progress) {
      throw new ValueError(
        `Invalid functional model configuration. The graph of the functional model either has loops or disconnected nodes. ` +
          `The following layers' calls failed to be resolved: ${JSON.stringify([...pending.keys()].map((l) => l.name))}`,
      );
    }
  }
  const mapTensors = (x: unknown): any => {
    if (isLeaf(x)) return tensorAt(x[0], x[1], x[2], true);
    if (Array.isArray(x)) return x.map(mapTensors);
    if (tree.isPlainObject(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, mapTensors(v)]));
    throw new ValueError(`Invalid input/output layer spec in a functional config: ${JSON.stringify(x)}`);
  };
  const inputs = mapTensors(config.inputLayers);
  const outputs = mapTensors(config.outputLayers);
  const args = { inputs, outputs, name: config.name as string | undefined, trainable: config.trainable as boolean | undefined };
  return cls ? new cls(args) : new Functional(args);
}

_setFunctionalFromConfig((cls, config, customObjects) =>
  functionalFromConfig(cls as never, config, customObjects),
);

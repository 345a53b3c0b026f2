/**
 * Functional models built from intermediate tensors (`new Model({ inputs: hidden, outputs })`): the graph between
 * them is copied onto fresh `Input`s, as Keras' `clone_graph_nodes`. The layers (and weights) stay shared.
 */
import { Input, InputLayer, isKerasTensor, KerasTensor, Node, tree } from '@strata/layers';
import { buildMap } from './map-graph.js';

/** Whether `x` comes straight from an `Input` (its producing node has no inputs). */
export function isInputKerasTensor(x: KerasTensor): boolean {
  const h = x.kerasHistory;
  return Boolean(h && h.operation.inboundNodes[h.nodeIndex]?.isInput);
}

/** New inputs and outputs whose history replays the nodes between `inputs` and `outputs`. */
export function cloneGraphNodes(inputs: unknown, outputs: unknown): [any, any] {
  const flatInputs = tree.flatten<KerasTensor>(inputs);
  const flatOutputs = tree.flatten<KerasTensor>(outputs);
  const { nodesInDecreasingDepth } = buildMap(flatInputs, flatOutputs);
  const mapping = new Map<KerasTensor, KerasTensor>();
  const opMapping = new Map<unknown, unknown>();

  const clonedInputs = flatInputs.map((x) => {
    if (isInputKerasTensor(x)) {
      mapping.set(x, x);
      return x;
    }
    const source = x.kerasHistory?.operation;
    const input = Input({
      batchShape: x.shape, dtype: x.dtype, name: `${x.name}CLONE`,
      optional: source instanceof InputLayer ? source.optional : false,
    });
    mapping.set(x, input);
    if (source) opMapping.set(source, input.kerasHistory!.operation);
    return input;
  });
  const clonedOutputs = flatOutputs.map((x) => {
    const copy = new KerasTensor(x.shape, { dtype: x.dtype, name: `${x.name}_clone` });
    copy.kerasHistory = x.kerasHistory;
    mapping.set(x, copy);
    return copy;
  });
  const swap = (x: unknown): unknown => {
    if (!isKerasTensor(x)) return x;
    let y = mapping.get(x);
    if (!y) {
      y = new KerasTensor(x.shape, { dtype: x.dtype, name: `${x.name}_clone` });
      mapping.set(x, y);
    }
    return y;
  };
  for (const node of nodesInDecreasingDepth) {
    const operation = (opMapping.get(node.operation) ?? node.operation) as Node['operation'];
    const outputsCopy = tree.mapStructure(swap, node.outputs);
    if (operation instanceof InputLayer) new Node(operation, [], {}, outputsCopy);
    else new Node(operation, tree.mapStructure(swap, node.args), tree.mapStructure(swap, node.kwargs), outputsCopy);
  }
  return [tree.packSequenceAs(inputs, clonedInputs), tree.packSequenceAs(outputs, clonedOutputs)];
}

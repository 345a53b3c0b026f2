/**
 * The topology of a functional graph, as Keras' `ops/function.py` `map_graph`: which nodes and layers lie between
 * the inputs and the outputs, their depths, and the order of `model.layers` (decreasing depth, ties broken by the
 * order a depth-first walk from the outputs first met each layer). Saving and applications rely on that order.
 */
import { ValueError } from '@strata/core';
import type { KerasTensor, Layer, Node } from '@strata/layers';

/** What `mapGraph` finds. */
export interface GraphMap {
  /** The nodes that belong to the graph. */
  nodes: Set<Node>;
  /** Nodes by depth (0 = the outputs' nodes). */
  nodesByDepth: Map<number, Node[]>;
  /** The layers in Keras' order: inputs first. */
  operations: Layer[];
  /** Layers by depth. */
  operationsByDepth: Map<number, Layer[]>;
  /** Every tensor the inputs determine. */
  computable: Set<KerasTensor>;
}

function describe(t: KerasTensor): string {
  return t.toString();
}

/**
 * Walks the graph back from `outputs` to `inputs`; throws `Graph disconnected…` when an output needs a tensor the
 * inputs do not provide, and rejects duplicate layer names.
 */
export function mapGraph(inputs: KerasTensor[], outputs: KerasTensor[]): GraphMap {
  const { nodesInDecreasingDepth, operationIndices } = buildMap(inputs, outputs);
  const nodesInGraph = new Set(nodesInDecreasingDepth);
  const nodes = new Set(nodesInDecreasingDepth);
  const nodeDepths = new Map<Node, number>();
  const operationDepths = new Map<Layer, number>();

  for (let i = nodesInDecreasingDepth.length - 1; i >= 0; i--) {
    const node = nodesInDecreasingDepth[i]!;
    if (!nodeDepths.has(node)) nodeDepths.set(node, 0);
    const depth = Math.max(nodeDepths.get(node)!, operationDepths.get(node.operation) ?? 0);
    operationDepths.set(node.operation, depth);
    nodeDepths.set(node, depth);
    for (const parent of node.parentNodes) {
      if (!nodesInGraph.has(parent)) continue;
      nodeDepths.set(parent, Math.max(depth + 1, nodeDepths.get(parent) ?? 0));
    }
  }

  // Inputs the outputs do not use still belong to the model (they may feed losses or metrics).
  for (const input of inputs) {
    const history = input.kerasHistory;
    if (!history || operationDepths.has(history.operation)) continue;
    const node = history.operation.inboundNodes[history.nodeIndex]!;
    if (node.isInput) {
      operationDepths.set(history.operation, 0);
      operationIndices.set(history.operation, -1);
      nodeDepths.set(node, 0);
      nodes.add(node);
    }
  }

  const nodesByDepth = new Map<number, Node[]>();
  for (const [node, depth] of nodeDepths) {
    if (!nodesByDepth.has(depth)) nodesByDepth.set(depth, []);
    nodesByDepth.get(depth)!.push(node);
  }
  const operationsByDepth = new Map<number, Layer[]>();
  for (const [op, depth] of operationDepths) {
    if (!operationsByDepth.has(depth)) operationsByDepth.set(depth, []);
    operationsByDepth.get(depth)!.push(op);
  }

  const operations: Layer[] = [];
  for (const depth of [...operationsByDepth.keys()].sort((a, b) => b - a)) {
    const ops = operationsByDepth.get(depth)!;
    ops.sort((a, b) => operationIndices.get(a)! - operationIndices.get(b)!);
    operations.push(...ops);
  }

  // Every tensor a node needs must be computable from the inputs.
  const computable = new Set<KerasTensor>(inputs);
  const reached: string[] = [];
  for (const depth of [...nodesByDepth.keys()].sort((a, b) => b - a)) {
    for (const node of nodesByDepth.get(depth)!) {
      // An Input that is not among the model's inputs provides nothing.
      if (node.isInput && !node.outputs.every((o) => computable.has(o))) continue;
      for (const x of node.inputTensors) {
        if (!computable.has(x)) {
          const source = x.kerasHistory?.operation;
          const hint = source && source.inboundNodes[x.kerasHistory!.nodeIndex]?.isInput
            ? ` It comes from the Input "${source.name}", which is not among the model's inputs: add it to "inputs".`
            : '';
          throw new ValueError(
            `Graph disconnected: cannot find parent for tensor ${describe(x)} at operation "${node.operation.name}". ` +
              `The following previous operations were accessed without issue: ${JSON.stringify(reached)}.${hint}`,
          );
        }
      }
      reached.push(node.operation.name);
      for (const x of node.outputs) computable.add(x);
    }
  }

  const names = operations.map((op) => op.name);
  for (const name of names) {
    const count = names.filter((n) => n === name).length;
    if (count !== 1) throw new ValueError(`The name "${name}" is used ${count} times in the model. All operation names should be unique.`);
  }
  return { nodes, nodesByDepth, operations, operationsByDepth, computable };
}

/** Nodes from the inputs to `outputs` in topological order, and the order each layer was first met. */
export function buildMap(inputs: KerasTensor[], outputs: KerasTensor[]): { nodesInDecreasingDepth: Node[]; operationIndices: Map<Layer, number> } {
  const finished = new Set<Node>();
  const inProgress = new Set<Node>();
  const nodesInDecreasingDepth: Node[] = [];
  const operationIndices = new Map<Layer, number>();
  const inputSet = new Set(inputs);

  const visit = (tensor: KerasTensor): void => {
    const history = tensor.kerasHistory;
    if (!history) return;
    const { operation, nodeIndex } = history;
    const node = operation.inboundNodes[nodeIndex]!;
    if (finished.has(node)) return;
    // A declared input produced by a layer (not an Input) stops the walk: its producer is outside the graph.
    if (!node.isInput && inputSet.has(tensor)) {
      finished.add(node);
      return;
    }
    if (inProgress.has(node)) throw new ValueError(`Tensor ${describe(tensor)} from operation "${operation.name}" is part of a cycle.`);
    if (!operationIndices.has(operation)) operationIndices.set(operation, operationIndices.size);
    inProgress.add(node);
    if (!node.isInput) for (const x of node.inputTensors) visit(x);
    finished.add(node);
    inProgress.delete(node);
    nodesInDecreasingDepth.push(node);
  };
  for (const output of outputs) visit(output);
  return { nodesInDecreasingDepth, operationIndices };
}

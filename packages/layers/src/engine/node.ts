/**
 * `Node`: one call of a layer on symbolic tensors, as Keras' `ops/node.py`. A layer called three times has three
 * inbound nodes; the graph of a functional model is the DAG of these nodes, with KerasTensors as edges.
 */
import { ValueError } from '@strata/core';
import { isKerasTensor, type KerasTensor } from './keras-tensor.js';
import type { Layer } from './layer.js';
import { flatten, mapStructure } from './nest.js';

/**
 * Records `operation.apply(args[0], kwargs)` → `outputs` and wires it into the graph: it joins the operation's
 * `inboundNodes` and the `outboundNodes` of every producer, and sets each output's `kerasHistory`.
 */
export class Node {
  readonly operation: Layer;
  /** The positional arguments (`[inputs]`), KerasTensors included as they were passed. */
  readonly args: unknown[];
  /** The keyword arguments given to `apply` (`{ training: true }`…), possibly holding KerasTensors. */
  readonly kwargs: Record<string, unknown>;
  /** The flat list of output KerasTensors. */
  readonly outputs: KerasTensor[];
  /** Whether this node has no symbolic inputs (an `InputLayer`'s node). */
  readonly isInput: boolean;

  constructor(operation: Layer, args: unknown[] = [], kwargs: Record<string, unknown> = {}, outputs: unknown = []) {
    this.operation = operation;
    this.args = args;
    this.kwargs = kwargs;
    this.outputs = flatten(outputs);
    for (const x of this.outputs) {
      if (!isKerasTensor(x)) {
        throw new ValueError(`All operation outputs must be tensors. Layer "${operation.name}" returned a non-tensor: ${String(x)}.`);
      }
    }
    const inputs = this.inputTensors;
    operation.inboundNodes.push(this);
    for (const kt of inputs) kt.kerasHistory?.operation.outboundNodes.push(this);
    const nodeIndex = operation.inboundNodes.length - 1;
    this.outputs.forEach((t, tensorIndex) => {
      t.kerasHistory = { operation, nodeIndex, tensorIndex };
    });
    this.isInput = inputs.length === 0;
  }

  /** Every KerasTensor among the arguments, positional first, in flatten order. */
  get inputTensors(): KerasTensor[] {
    return [...flatten(this.args), ...flatten(this.kwargs)].filter(isKerasTensor) as KerasTensor[];
  }

  /** The output KerasTensors. */
  get outputTensors(): KerasTensor[] {
    return this.outputs;
  }

  /** The nodes that produced this node's inputs. */
  get parentNodes(): Node[] {
    const out: Node[] = [];
    for (const kt of this.inputTensors) {
      const h = kt.kerasHistory;
      if (h) out.push(h.operation.inboundNodes[h.nodeIndex]!);
    }
    return out;
  }

  /** The arguments with each KerasTensor replaced by its value in `values` (what running the graph does). */
  fillIn(values: Map<KerasTensor, unknown>): { args: unknown[]; kwargs: Record<string, unknown> } {
    const swap = (x: unknown): unknown => (isKerasTensor(x) ? values.get(x) : x);
    return { args: mapStructure(swap, this.args), kwargs: mapStructure(swap, this.kwargs) };
  }

  toString(): string {
    return `<Node operation=${this.operation.name}>`;
  }
}

/**
 * `Functional`: a model defined as a graph of layers applied to `Input`s, as Keras 3's `models/functional.py`.
 * `new Model({ inputs, outputs })` returns one.
 */
import { NotImplementedError, ops, Tensor, ValueError } from '@strata/core';
import {
  InputLayer, InputSpec, isKerasTensor, KerasTensor, setKerasMask, shapesEqual, shapeToString, tree,
  type CallArgs, type Layer, type Node, type Shape,
} from '@strata/layers';
import { _setFunctionalFactory, Model, type FunctionalArgs, type SymbolicStructure } from '../model.js';
import { cloneGraphNodes, isInputKerasTensor } from './clone-graph-nodes.js';
import { functionalGetConfig } from './functional-config.js';
import { mapGraph } from './map-graph.js';

/** Applies one layer of the graph to its filled-in arguments. */
type OperationFn = (operation: Layer, args: unknown[], kwargs: Record<string, unknown>) => unknown;

function structureToString(structure: unknown): string {
  return JSON.stringify(tree.mapStructure((x: unknown) => (x == null ? 'None' : isKerasTensor(x) ? x.name : x instanceof Tensor ? `Tensor(shape=${shapeToString(x.shape)})` : String(x)), structure));
}

/**
 * A model whose `call` runs a graph of layers, as Keras' `Functional`. Inputs and outputs may be single tensors,
 * lists, or records keyed by name; layers may be shared (applied several times) and models may be nested.
 *
 * @example
 * const a = Input({ shape: [8], name: 'a' }), b = Input({ shape: [8], name: 'b' });
 * const shared = new Dense({ units: 4 });
 * const model = new Model({ inputs: [a, b], outputs: [shared.apply(a), shared.apply(b)] });
 * model.layers.map((l) => l.name); // ['a', 'b', 'dense']
 */
export class Functional extends Model {
  static override className = 'Functional';
  static override kerasModule = 'keras.src.models.functional';
  static kerasRegisteredName = 'Functional';
  static override _functionalClass = true;

  /** The inputs as given (single, list or record). */
  readonly _inputsStruct: SymbolicStructure;
  /** The outputs as given. */
  readonly _outputsStruct: SymbolicStructure;
  /** Flat list of the symbolic inputs. */
  readonly _inputs: KerasTensor[];
  /** Flat list of the symbolic outputs. */
  readonly _outputs: KerasTensor[];
  /** @internal The nodes of this graph. */
  readonly _nodes: Set<Node>;
  /** @internal Nodes by depth (0 = outputs). */
  readonly _nodesByDepth: Map<number, Node[]>;
  /** @internal Every layer of the graph, in Keras' order (InputLayers included). */
  readonly _operations: Layer[];
  /** The names of the layers producing the outputs. */
  readonly outputNames: string[];
  private manualInputSpec: InputSpec | Array<InputSpec | null> | null | undefined = undefined;

  constructor(args: FunctionalArgs) {
    super(args);
    let { inputs, outputs } = args;
    for (const [label, value] of [['inputs', inputs], ['outputs', outputs]] as const) {
      for (const x of tree.flatten(value)) {
        if (!isKerasTensor(x)) {
          throw new ValueError(`All "${label}" values must be KerasTensors (from Input() or a layer applied to one). Received ${label} including invalid value ${String(x)} of type ${typeof x}.`);
        }
      }
    }
    if (tree.isPlainObject(inputs)) {
      for (const [k, v] of Object.entries(inputs)) {
        if (isKerasTensor(v) && k !== v.name) {
          console.warn(`When providing "inputs" as a record, all keys must match the names of the corresponding tensors. Received key "${k}" mapping to a tensor named "${v.name}". Change the tensor name to "${k}" (via Input({ ..., name: '${k}' })).`);
        }
      }
    }
    if (!tree.flatten<KerasTensor>(inputs).every(isInputKerasTensor)) [inputs, outputs] = cloneGraphNodes(inputs, outputs);
    this._inputsStruct = tree.mapStructure((x: unknown) => x, inputs);
    this._outputsStruct = tree.mapStructure((x: unknown) => x, outputs);
    this._inputs = tree.flatten(inputs);
    this._outputs = tree.flatten(outputs);
    if (!this._inputs.length) throw new ValueError('"inputs" argument cannot be empty.');
    if (!this._outputs.length) throw new ValueError('"outputs" argument cannot be empty.');

    const graph = mapGraph(this._inputs, this._outputs);
    this._outputs.forEach((x, i) => {
      if (!graph.computable.has(x)) {
        throw new ValueError(`Graph disconnected: output ${i} (${x.toString()}) is not connected to the model's inputs [${this._inputs.map((t) => t.name).join(', ')}].`);
      }
    });
    this._nodes = graph.nodes;
    this._nodesByDepth = graph.nodesByDepth;
    this._operations = graph.operations;
    this._trackedLayers.push(...graph.operations);
    if (args.trainable === false) this.trainable = false;
    this.build(null);
    this._allowNonTensorPositionalArgs = true;
    this._callHasMaskArg = true;
    this.outputNames = this._outputs.map((x) => x.kerasHistory!.operation.name);
  }

  override _lockState(): void {
    // Functional models stay mutable after build.
  }

  /** The graph's layers, in Keras' order: depth-first from the outputs, deepest first (InputLayers included). */
  override get layers(): Layer[] {
    return [...this._operations];
  }

  /** The graph's layers (Keras' `operations`). */
  get operations(): Layer[] {
    return [...this._operations];
  }

  override build(_inputShape: unknown): void {
    // Built at construction: every layer was built when applied to the inputs.
  }

  /** The symbolic inputs, as given to the constructor. */
  get inputs(): KerasTensor[] {
    return [...this._inputs];
  }

  /** The symbolic outputs, flat. */
  get outputs(): KerasTensor[] {
    return [...this._outputs];
  }

  override get input(): any {
    return this._inputsStruct;
  }

  override get output(): any {
    return this._outputsStruct;
  }

  /** The input shape(s) (one shape for a single input). */
  get inputShape(): Shape | Shape[] {
    const shapes = this._inputs.map((x) => x.shape);
    return shapes.length === 1 ? shapes[0]! : shapes;
  }

  /** The output shape(s) (one shape for a single output). */
  get outputShape(): Shape | Shape[] {
    const shapes = this._outputs.map((x) => x.shape);
    return shapes.length === 1 ? shapes[0]! : shapes;
  }

  /** One spec per input: its shape with an unknown batch size, named after its `InputLayer`. */
  override get inputSpec(): InputSpec | Array<InputSpec | null> | null {
    if (this.manualInputSpec !== undefined) return this.manualInputSpec;
    const spec = (x: KerasTensor, name?: string): InputSpec => {
      const op = x.kerasHistory!.operation;
      return new InputSpec({
        shape: x.shape.map((d, i) => (i === 0 ? null : d)),
        allowLastAxisSqueeze: true,
        name: name ?? op.name,
        optional: op instanceof InputLayer ? op.optional : false,
      });
    };
    const struct = this._inputsStruct;
    if (tree.isPlainObject(struct)) {
      if (Object.values(struct).every(isKerasTensor)) return Object.keys(struct).sort().map((k) => spec((struct as Record<string, KerasTensor>)[k]!, k));
      return null;
    }
    return this._inputs.map((x) => spec(x));
  }

  override set inputSpec(value: InputSpec | Array<InputSpec | null> | null) {
    this.manualInputSpec = value;
  }

  override _assertInputCompatibility(inputs: unknown): void {
    const flat = tree.flatten(inputs);
    flat.forEach((x, i) => {
      const ref = this._inputs[i];
      const op = ref?.kerasHistory?.operation;
      if (x == null && ref && op instanceof InputLayer && !op.optional) {
        throw new ValueError(`The input "${ref.name}" is not optional, but null was passed. Please provide a valid tensor.`);
      }
    });
    super._assertInputCompatibility(inputs);
  }

  /** Keras 3's functional config (camelCase): layers with their inbound nodes, input and output layers. */
  override getConfig(): Record<string, unknown> {
    return functionalGetConfig(this);
  }

  override addLoss(): void {
    throw new NotImplementedError('Functional models do not support addLoss(); add losses from the layers inside the model.');
  }

  override call(inputs: unknown, kwargs: CallArgs = {}): any {
    const flat = this.standardizeInputs(inputs);
    if (kwargs.mask != null) {
      const masks = tree.flatten(kwargs.mask);
      flat.forEach((x, i) => {
        if (x && masks[i] != null) setKerasMask(x, masks[i] as Tensor);
      });
    }
    const { training } = kwargs;
    const outputs = this.runThroughGraph(flat, (op, args, kw) => op.apply(args[0], training !== undefined ? { ...kw, training } : kw));
    return unpackSingleton(outputs);
  }

  override computeOutputSpec(inputs: unknown): any {
    const flat = this.flattenInputs(inputs);
    this.assertStructure(flat);
    if (flat.every((x, i) => isKerasTensor(x) && shapesEqual(x.shape, this._inputs[i]!.shape))) {
      return tree.mapStructure((x: KerasTensor) => new KerasTensor(x.shape, { dtype: x.dtype }), this._outputsStruct);
    }
    return unpackSingleton(this.runThroughGraph(flat, (op, args, kw) => op.computeOutputSpec(args[0], kw)));
  }

  override computeOutputShape(inputShape: unknown): any {
    let shapes: Shape[];
    if (this._inputs.length === 1) shapes = [inputShape as Shape];
    else if (Array.isArray(inputShape)) shapes = inputShape as Shape[];
    else shapes = Object.keys(inputShape as object).sort().map((k) => (inputShape as Record<string, Shape>)[k]!);
    const specs = shapes.map((s, i) => new KerasTensor(s, { dtype: this._inputs[i]?.dtype, name: 'shape' }));
    return tree.mapStructure((x: KerasTensor) => x.shape, this.computeOutputSpec(specs.length === 1 ? specs[0] : specs));
  }

  /** Runs the graph on `flatInputs` (one value per input), applying `fn` to each layer call, deepest first. */
  runThroughGraph(flatInputs: unknown[], fn: OperationFn): any {
    const values = new Map<KerasTensor, unknown>();
    this._inputs.forEach((x, i) => values.set(x, flatInputs[i]));
    for (const depth of [...this._nodesByDepth.keys()].sort((a, b) => b - a)) {
      for (const node of this._nodesByDepth.get(depth)!) {
        if (node.isInput) continue;
        if (node.inputTensors.some((x) => !values.has(x))) continue;
        const { args, kwargs } = node.fillIn(values);
        const out = tree.flatten(fn(node.operation, args, kwargs));
        node.outputs.forEach((x, i) => values.set(x, out[i]));
      }
    }
    const outputs = this._outputs.map((x, i) => {
      if (!values.has(x)) throw new ValueError(`Output with path "${i}" is not connected to the inputs.`);
      return values.get(x);
    });
    return tree.packSequenceAs(this._outputsStruct, outputs);
  }

  /** Maps what the caller passed (a tensor, a list, a record by input name) onto the flat list of inputs. */
  private flattenInputs(inputs: unknown): unknown[] {
    const struct = this._inputsStruct;
    let x = inputs;
    if (Array.isArray(struct) && struct.length === 1 && (x instanceof Tensor || isKerasTensor(x))) {
      x = [x];
    } else if (tree.isPlainObject(x) && !tree.isPlainObject(struct)) {
      const given = x;
      const expected = Array.isArray(struct) ? struct.map((t) => t.name) : [(struct as KerasTensor).name];
      if (!expected.every((n) => n in given)) this.structureError(inputs);
      x = expected.map((n) => given[n]);
    }
    const flat = tree.flatten(x);
    if (flat.length !== this._inputs.length) this.structureError(inputs);
    return flat;
  }

  private structureError(inputs: unknown): never {
    throw new ValueError(
      `The structure of "inputs" doesn't match the expected structure.\nExpected: ${structureToString(this._inputsStruct)}\nReceived: inputs=${structureToString(inputs)}`,
    );
  }

  private assertStructure(flat: unknown[]): void {
    flat.forEach((x, i) => {
      const ref = this._inputs[i]!;
      const shape = (x as { shape?: Shape } | null)?.shape;
      if (!shape) return;
      const compatible = shape.length === ref.shape.length && shape.every((d, j) => d === null || ref.shape[j] === null || d === ref.shape[j]);
      if (!compatible) {
        throw new ValueError(`Functional was passed incompatible inputs. For input "${ref.name}", expected shape ${shapeToString(ref.shape)}, but received instead a tensor with shape ${shapeToString(shape)}.`);
      }
    });
  }

  /** Flattens, casts to each Input's dtype and fixes a rank off by a trailing 1 (Keras' `_standardize_inputs`). */
  private standardizeInputs(inputs: unknown): Array<Tensor | null> {
    const flat = this.flattenInputs(inputs);
    return flat.map((x, i) => {
      const ref = this._inputs[i]!;
      if (x == null) return null;
      if (!(x instanceof Tensor)) throw new ValueError(`Input "${ref.name}" must be a tensor. Received: ${String(x)}`);
      let t = x.dtype === ref.dtype ? x : ops.cast(x, ref.dtype);
      const rank = t.rank;
      const refRank = ref.shape.length;
      if (rank === refRank + 1 && t.shape[rank - 1] === 1) t = ops.squeeze(t, [rank - 1]);
      else if (rank === refRank - 1 && ref.shape[refRank - 1] === 1) t = ops.expandDims(t, -1);
      else if (rank !== refRank) {
        throw new ValueError(`Invalid input shape for input ${shapeToString(x.shape)} with name "${ref.name}". Expected shape ${shapeToString(ref.shape)}, but input has incompatible shape ${shapeToString(x.shape)}`);
      }
      return t;
    });
  }
}

/** A one-element list becomes its element (Keras' `unpack_singleton`). */
export function unpackSingleton(x: unknown): any {
  return Array.isArray(x) && x.length === 1 ? x[0] : x;
}

_setFunctionalFactory((args) => new Functional(args));

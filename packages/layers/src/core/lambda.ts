import { serialization, ValueError, type CustomObjects, type Tensor } from '@strata/core';
import { KerasTensor } from '../engine/keras-tensor.js';
import { kerasTensorsForShapes, traceOutputSpec } from '../engine/layer-call.js';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer.js';
import { mapStructure } from '../engine/nest.js';
import { isShape, type Shape, type ShapeStructure } from '../engine/shape.js';
import { registerLayer } from '../serialization.js';

/** The function a `Lambda` wraps: it gets the inputs and `{ ...arguments, mask, training }`. */
export type LambdaFunction = (inputs: any, args: Record<string, unknown> & { mask?: unknown; training?: boolean }) => any;

/** Options of `Lambda`. */
export interface LambdaArgs extends LayerArgs {
  /** The computation, with `@strata/core` ops. Register it with `registerKerasSerializable(fn, { package, name })` to
   * make the layer serializable. */
  function: LambdaFunction;
  /** The output shape without the batch axis, or a function of the full input shape (default: inferred by tracing). */
  outputShape?: ShapeStructure | ((inputShape: any) => ShapeStructure) | null;
  /** The output mask: a function `(inputs, mask) => mask`, or a fixed mask tensor (default: none). */
  mask?: ((inputs: any, mask: unknown) => Tensor | null) | Tensor | null;
  /** Extra keyword arguments passed to `function` (JSON values). */
  arguments?: Record<string, unknown> | null;
}

/**
 * Wraps a TypeScript function as a layer, as `keras.layers.Lambda`. Configs name the function; a file can only be
 * loaded when a function of that name is registered (`registerKerasSerializable`) or passed in `customObjects`:
 * Strata never executes code found in files, so Keras' serialized Python lambdas fail with an explanation.
 *
 * Arguments: `function`, `outputShape`, `mask`, `arguments`.
 *
 * Input shape: any. Output shape: `outputShape`, or what the function returns.
 *
 * @example
 * const square = (x: Tensor) => ops.square(x);
 * registerKerasSerializable(square, { package: 'MyApp', name: 'square' });
 * new Lambda({ function: square }).apply(ops.tensor([[2, 3]])); // [[4, 9]]
 */
export class Lambda extends Layer {
  static override className = 'Lambda';

  readonly function: LambdaFunction;
  readonly outputShape: ShapeStructure | ((inputShape: any) => ShapeStructure) | null;
  readonly mask: ((inputs: any, mask: unknown) => Tensor | null) | Tensor | null;
  readonly arguments: Record<string, unknown>;

  constructor(args: LambdaArgs) {
    if (typeof args?.function !== 'function') {
      throw new ValueError(`Argument "function" of Lambda must be a function. Received: ${typeof args?.function}`);
    }
    super(args);
    this._callHasMaskArg = true;
    this.function = args.function;
    this.outputShape = args.outputShape ?? null;
    this.mask = args.mask ?? null;
    this.arguments = { ...(args.arguments ?? {}) };
    this.supportsMasking = this.mask !== null;
  }

  override call(inputs: unknown, kwargs: CallArgs = {}): unknown {
    return this.function(inputs, { ...this.arguments, mask: kwargs.mask, training: kwargs.training });
  }

  override computeOutputShape(inputShape: ShapeStructure): ShapeStructure {
    if (this.outputShape === null) {
      const symbolic = mapStructureOfShapes(inputShape, (s) => new KerasTensor(s, { dtype: this.computeDtype }));
      return mapStructure((x: KerasTensor) => [...x.shape], traceOutputSpec(this, symbolic, {}));
    }
    if (typeof this.outputShape === 'function') return this.outputShape(inputShape);
    const shapes: Shape[] = [];
    mapStructureOfShapes(inputShape, (s) => shapes.push(s));
    const batch = shapes[0]?.[0] ?? null;
    return mapStructureOfShapes(this.outputShape, (s) => [batch, ...s]);
  }

  override computeOutputSpec(inputs: unknown, kwargs: CallArgs = {}): unknown {
    if (this.outputShape === null) return traceOutputSpec(this, inputs, kwargs);
    const shapes = mapStructure((x: KerasTensor) => [...x.shape], inputs);
    return kerasTensorsForShapes(this.computeOutputShape(shapes), this.computeDtype);
  }

  override computeMask(inputs: unknown, previousMask: unknown): unknown {
    void previousMask;
    if (typeof this.mask === 'function') return this.mask(inputs, previousMask);
    return this.mask;
  }

  override getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { ...super.getConfig(), function: serializeFunction(this.function) };
    if (this.outputShape !== null) {
      config.outputShape = typeof this.outputShape === 'function' ? serializeFunction(this.outputShape) : this.outputShape;
    }
    if (typeof this.mask === 'function') config.mask = serializeFunction(this.mask);
    config.arguments = { ...this.arguments };
    return config;
  }

  /**
   * Rebuilds a Lambda from its config, resolving `function` (and a function `outputShape` or `mask`) by name in
   * `customObjects` or the functions registered with `registerKerasSerializable`.
   */
  static override fromConfig<T extends Layer>(
    this: new (args: any) => T,
    config: Record<string, unknown>,
    customObjects?: CustomObjects,
  ): T {
    const {
      function: fn, outputShape, mask, arguments: extra,
      functionType: _ft, module: _m, outputShapeType: _ot, outputShapeModule: _om, ...rest
    } = config;
    const name = String(config.name ?? 'lambda');
    const args: Record<string, unknown> = { ...rest, function: resolveFunction(fn, 'function', name, customObjects) };
    if (outputShape != null) {
      args.outputShape = Array.isArray(outputShape) || (typeof outputShape === 'object' && !isFunctionEnvelope(outputShape))
        ? outputShape
        : resolveFunction(outputShape, 'outputShape', name, customObjects);
    }
    if (mask != null) args.mask = resolveFunction(mask, 'mask', name, customObjects);
    if (extra != null) args.arguments = extra;
    return new this(args);
  }
}
registerLayer(Lambda);

/** Applies `fn` to every shape of a structure of shapes. */
function mapStructureOfShapes<T>(structure: unknown, fn: (s: Shape) => T): any {
  if (isShape(structure)) return fn(structure);
  if (Array.isArray(structure)) return structure.map((s) => mapStructureOfShapes(s, fn));
  if (structure && typeof structure === 'object') {
    return Object.fromEntries(Object.entries(structure).map(([k, v]) => [k, mapStructureOfShapes(v, fn)]));
  }
  return structure;
}

/** Keras' envelope for a named function: `{ module: 'builtins', className: 'function', config: name, … }`. */
function serializeFunction(fn: (...args: any[]) => unknown): Record<string, unknown> {
  const name = serialization.getRegisteredName(fn) ?? (fn.name || '<anonymous>');
  return { module: 'builtins', className: 'function', config: name, registeredName: 'function' };
}

function isFunctionEnvelope(x: unknown): boolean {
  return !!x && typeof x === 'object' && typeof (x as { className?: unknown }).className === 'string';
}

/** Finds the function a config names; a serialized Python lambda or an unknown name is refused with the fix. */
function resolveFunction(spec: unknown, what: string, layerName: string, customObjects?: CustomObjects): (...args: any[]) => any {
  const where = `Lambda layer "${layerName}"`;
  const isPythonCode = Array.isArray(spec) || (isFunctionEnvelope(spec) && (spec as { className: string }).className === '__lambda__');
  if (isPythonCode) {
    throw new ValueError(
      `${where}: its "${what}" is a Python lambda stored as bytecode. Strata never executes code from files. ` +
        'Rewrite the function in TypeScript and rebuild the layer, or define it as a named function in Keras and register ' +
        'a TypeScript function under the same name with registerKerasSerializable() or customObjects.',
    );
  }
  let name: string | null = null;
  if (typeof spec === 'string') name = spec;
  else if (isFunctionEnvelope(spec) && typeof (spec as { config?: unknown }).config === 'string') name = (spec as { config: string }).config;
  else if (typeof spec === 'function') return spec as (...args: any[]) => any;
  if (name === null) throw new ValueError(`${where}: cannot read its "${what}" from ${JSON.stringify(spec)}.`);
  const candidates = [name, name.includes('>') ? name.slice(name.indexOf('>') + 1) : null].filter((n): n is string => !!n);
  for (const candidate of candidates) {
    const found = serialization.getCustomObject(candidate, customObjects);
    if (typeof found === 'function') return found as (...args: any[]) => any;
  }
  throw new ValueError(
    `${where}: the function "${name}" (its "${what}") is not registered. Strata never executes code from files: register a ` +
      `TypeScript implementation with registerKerasSerializable(fn, { package, name }) or pass it in customObjects as { "${name}": fn }.`,
  );
}

/**
 * What `layer.apply(inputs, kwargs)` does, step by step, as Keras 3's `Layer.__call__`: check the inputs, build,
 * resolve `training` from the call context, fill in masks, run `call` (eagerly inside `tidy`, or symbolically via
 * `computeOutputSpec`), add activity-regularization losses, attach output masks, and record a graph node for
 * symbolic calls.
 */
import { ops, Tensor, tidy, ValueError } from '@strata/core';
import { enterCallContext, exitCallContext, isTracing, withTracing } from './call-context.js';
import { isKerasTensor, KerasTensor } from './keras-tensor.js';
import type { CallArgs, Layer } from './layer.js';
import { getKerasMask, setKerasMask } from './masking.js';
import { withNameScope } from './name-scope.js';
import { flatten, isPlainObject, mapStructure, packSequenceAs } from './nest.js';
import { Node } from './node.js';
import { isShape, type Shape, type ShapeStructure } from './shape.js';

/** Dimension sizes substituted for unknown ones when a call has to be traced on concrete tensors (as Keras). */
const TRACE_FILLS = [83, 89] as const;

/** While building before an eager call, a failed symbolic trace is abandoned: the eager call builds the rest. */
let eagerBuildTrace = false;

function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

/** The shape of a tensor, or the structure of shapes of a structure of tensors. */
export function shapeStructureOf(inputs: unknown): ShapeStructure | null {
  return mapStructure((x: unknown) => (isTensor(x) || isKerasTensor(x) ? [...x.shape] : null), inputs);
}

/** Output KerasTensors for an output shape or structure of shapes. */
export function kerasTensorsForShapes(shapes: unknown, dtype: string): any {
  if (isShape(shapes)) return new KerasTensor(shapes, { dtype });
  if (Array.isArray(shapes)) return shapes.map((s) => kerasTensorsForShapes(s, dtype));
  if (isPlainObject(shapes)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(shapes)) out[k] = kerasTensorsForShapes(v, dtype);
    return out;
  }
  throw new ValueError(`computeOutputShape() must return a shape (an array of sizes and nulls) or a structure of shapes. Received: ${JSON.stringify(shapes)}`);
}

/** Runs `layer.apply(inputs, kwargs)`. */
export function callLayer(layer: Layer, inputs: unknown, kwargs: CallArgs): any {
  const flatInputs = flatten(inputs);
  if (!layer._allowNonTensorPositionalArgs) {
    for (const x of flatInputs) {
      if (!(x === null || isTensor(x) || isKerasTensor(x))) {
        throw new ValueError(
          `Only input tensors may be passed as the inputs of layer "${layer.name}". The following value should be passed ` +
            `in the keyword arguments instead: ${String(x)} (of type ${typeof x})`,
        );
      }
    }
  }
  const { training: _t, mask: _m, ...otherKwargs } = kwargs;
  const symbolic = flatInputs.some(isKerasTensor) || flatten(otherKwargs).some(isKerasTensor);

  layer._assertInputCompatibility(inputs);
  withNameScope(layer, () => maybeBuild(layer, inputs, kwargs, symbolic));

  const { context, opened } = enterCallContext(layer);
  if (opened) layer._clearLosses();
  let outputs: any;
  try {
    const callKwargs: CallArgs = { ...kwargs };
    const training = kwargs.training ?? context.training;
    context.training = training;
    if (training === undefined) delete callKwargs.training;
    else callKwargs.training = training;
    if (callKwargs.mask == null) {
      const masks = mapStructure((x: unknown) => getKerasMask(x), inputs);
      callKwargs.mask = flatten(masks).some((m) => m !== null) ? masks : null;
    }
    const previousMask = callKwargs.mask;
    outputs = withNameScope(layer, () => (symbolic ? symbolicCall(layer, inputs, callKwargs) : eagerCall(layer, inputs, callKwargs, previousMask)));
    layer.built = true;
  } finally {
    exitCallContext(layer);
  }

  if (symbolic && !isTracing()) {
    const nodeKwargs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(kwargs)) if (v !== undefined) nodeKwargs[k] = v;
    if (layer._callHasMaskArg && nodeKwargs.mask === undefined) nodeKwargs.mask = mapStructure(() => null, inputs);
    // Keras records the resolved `training` of layers whose `call` defaults it to False (Dropout: `{training: false}`).
    if (layer._callTrainingDefault !== undefined && nodeKwargs.training === undefined) nodeKwargs.training = layer._callTrainingDefault;
    new Node(layer, [inputs], nodeKwargs, outputs);
  }
  return outputs;
}

function symbolicCall(layer: Layer, inputs: unknown, kwargs: CallArgs): any {
  const outputs = layer.computeOutputSpec(inputs, kwargs);
  const given = new Set(flatten(inputs));
  // A symbolic output must be a new tensor: its history will point at this call.
  return mapStructure((x: unknown) => (isKerasTensor(x) && given.has(x) ? new KerasTensor(x.shape, { dtype: x.dtype, sparse: x.sparse }) : x), outputs);
}

function eagerCall(layer: Layer, inputs: unknown, kwargs: CallArgs, previousMask: unknown): any {
  let masks: unknown = null;
  const result = tidy(() => {
    const out = layer.call(inputs, kwargs);
    const flatOut = flatten(out);
    if (layer.activityRegularizer && !isTracing()) {
      for (const o of flatOut) {
        if (!isTensor(o)) continue;
        let loss = layer.activityRegularizer.call(o);
        if (o.rank > 0) loss = ops.divNoNan(loss, ops.scalar(o.shape[0]!, loss.dtype));
        layer.addLoss(loss);
      }
    }
    if (layer.supportsMasking) {
      if (!flatOut.every((o) => getKerasMask(o) !== null)) masks = layer.computeMask(inputs, previousMask);
    } else if (flatten(previousMask).some((m) => m != null) && !layer._maskWarned) {
      layer._maskWarned = true;
      console.warn(
        `Layer "${layer.name}" (of type ${layer.constructor.name}) was passed an input with a mask attached to it. ` +
          'However, this layer does not support masking and will therefore destroy the mask information. ' +
          'Downstream layers will not see the mask.',
      );
    }
    return { out, masks } as any;
  }) as unknown as { out: unknown };
  if (masks != null) {
    const flatOut = flatten(result.out);
    const flatMasks = flatten(masks);
    flatOut.forEach((o, i) => {
      const m = flatMasks[i];
      if (o && typeof o === 'object' && getKerasMask(o) === null && m != null) setKerasMask(o, m as Tensor);
    });
  }
  return result.out;
}

/** Builds `layer` for `inputs` if needed (Keras' `_maybe_build`). */
function maybeBuild(layer: Layer, inputs: unknown, kwargs: CallArgs, symbolic: boolean): void {
  if (layer.built) return;
  const shape = shapeStructureOf(inputs);
  // Other tensor arguments (`value` of an attention layer…) reach `build` as `{ valueShape: […] }`.
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kwargs)) {
    if (k !== 'mask' && k !== 'training' && flatten(v).some((x) => isTensor(x) || isKerasTensor(x))) extra[`${k}Shape`] = shapeStructureOf(v);
  }
  const shapesDict = Object.keys(extra).length ? extra : undefined;
  if (layer._buildOverridden) {
    layer.build(shape, shapesDict);
    layer._assertInputCompatibility(inputs);
    return;
  }
  // No build of its own but unbuilt sub-layers: trace `call` symbolically so they build with the right shapes.
  if (layer._layers.some((l) => !l.built)) {
    try {
      const sym = mapStructure((x: unknown) => (isTensor(x) ? new KerasTensor(x.shape, { dtype: x.dtype, name: 'traced' }) : x), inputs);
      const { mask: _mask, ...rest } = kwargs;
      const symKwargs = mapStructure((x: unknown) => (isTensor(x) ? new KerasTensor(x.shape, { dtype: x.dtype, name: 'traced' }) : x), rest);
      const previous = eagerBuildTrace;
      eagerBuildTrace = !symbolic;
      try {
        withTracing(() => layer.call(sym, { ...symKwargs, mask: null }));
      } finally {
        eagerBuildTrace = previous;
      }
    } catch (e) {
      // An eager call builds the sub-layers itself; a symbolic one falls back to tracing on concrete tensors.
      if (symbolic) {
        console.warn(
          `Layer "${layer.name}" looks like it has unbuilt state, but Strata is not able to trace the layer call() ` +
            `symbolically in order to build it automatically; implement build(inputShape) to create it. Error: ${(e as Error).message}`,
        );
      }
    }
  }
  layer.build(shape, shapesDict);
}

/** The output spec of a symbolic call: from `computeOutputShape` when the layer overrides it, else by tracing `call`. */
export function outputSpecFor(layer: Layer, inputs: unknown, kwargs: CallArgs): any {
  if (layer._computeOutputShapeOverridden) {
    const inputShape = shapeStructureOf(inputs);
    return kerasTensorsForShapes(layer.computeOutputShape(inputShape), layer.computeDtype);
  }
  return traceOutputSpec(layer, inputs, kwargs);
}

/**
 * Infers the outputs of `layer.call` on symbolic inputs: first by calling it on the KerasTensors themselves (works
 * when `call` only applies other layers), else by calling it on tensors of ones with unknown dimensions set to 83
 * and then 89 (a dimension that differs between the two runs is unknown), as Keras' torch backend does.
 */
export function traceOutputSpec(layer: Layer, inputs: unknown, kwargs: CallArgs): any {
  const { mask: _mask, ...rest } = kwargs;
  try {
    const out = withTracing(() => layer.call(inputs, { ...rest, mask: null }));
    const flat = flatten(out);
    if (flat.every(isKerasTensor)) {
      return mapStructure((x: unknown) => new KerasTensor((x as KerasTensor).shape, { dtype: (x as KerasTensor).dtype }), out);
    }
    for (const x of flat) if (isTensor(x)) x.dispose();
  } catch (e) {
    if (eagerBuildTrace) throw e;
    // Fall through to the concrete trace below, whose error (if any) is more telling.
  }
  const runs = TRACE_FILLS.map((fill) => concreteRun(layer, inputs, rest, fill));
  const hasUnknown = flatten(inputs).concat(flatten(rest)).some((x) => isKerasTensor(x) && x.shape.includes(null));
  const [first, second] = runs as [ConcreteResult, ConcreteResult];
  const specs = first.specs.map((s, i) => {
    const other = second.specs[i]!;
    const shape: Shape = s.shape.map((d, j) => (hasUnknown && other.shape[j] !== d ? null : d));
    return new KerasTensor(shape, { dtype: s.dtype });
  });
  return packSequenceAs(first.structure, specs);
}

interface ConcreteResult {
  structure: unknown;
  specs: Array<{ shape: number[]; dtype: string }>;
}

function concreteRun(layer: Layer, inputs: unknown, kwargs: Record<string, unknown>, fill: number): ConcreteResult {
  const concrete = (x: unknown): unknown => (isKerasTensor(x) ? ops.ones(x.shape.map((d) => d ?? fill), x.dtype) : x);
  let result: ConcreteResult | null = null;
  tidy(() => {
    const out = withTracing(() => layer.call(mapStructure(concrete, inputs), { ...mapStructure(concrete, kwargs), mask: null }));
    const flat = flatten(out);
    result = {
      structure: mapStructure(() => 0, out),
      specs: flat.map((t) => {
        if (!isTensor(t)) throw new ValueError(`Layer "${layer.name}" returned a non-tensor output: ${String(t)}.`);
        return { shape: [...t.shape], dtype: t.dtype };
      }),
    };
  });
  return result!;
}

/**
 * `@strata/layers`: the layer engine (`Layer`, `InputSpec`, `KerasTensor`, `Input`) and Keras' layers, with the
 * `get` / `serialize` / `deserialize` trio, plus the `regularizers` and `constraints` namespaces.
 *
 * @example
 * import { Input, Dense, Dropout } from '@strata/layers';
 * const x = Input({ shape: [784] });
 * const y = new Dense({ units: 10, activation: 'softmax' }).apply(new Dropout({ rate: 0.2 }).apply(x));
 * y.shape; // [null, 10]
 */
export { Layer } from './engine/layer.js';
export type { LayerArgs, CallArgs, AddWeightOptions, SymbolicInput, EagerInput, DTypeLike } from './engine/layer.js';
export { InputSpec, assertInputCompatibility } from './engine/input-spec.js';
export type { InputSpecOptions } from './engine/input-spec.js';
export { KerasTensor, isKerasTensor } from './engine/keras-tensor.js';
export type { KerasHistory, KerasTensorOptions } from './engine/keras-tensor.js';
export { Node } from './engine/node.js';
export { KerasVariable } from './engine/variable.js';
export type { KerasVariableOptions, WeightRegularizer, WeightConstraint } from './engine/variable.js';
export { getKerasMask, setKerasMask } from './engine/masking.js';
export { clearSession } from './engine/session.js';
export { autoName, uniquify, getUid, resetUids, toSnakeCase, kerasClassName } from './engine/naming.js';
export { currentPath, withNameScope, withPlainNameScope } from './engine/name-scope.js';
export type { ScopeOwner } from './engine/name-scope.js';
export { getCallContext, isTracing, withTracing } from './engine/call-context.js';
export { shapeStructureOf, kerasTensorsForShapes, traceOutputSpec } from './engine/layer-call.js';
export {
  standardizeShape, shapeToString, formatKerasShape, shapesEqual, shapeCompatible, shapeSize, isShape,
} from './engine/shape.js';
export type { Dim, Shape, ShapeStructure } from './engine/shape.js';
export * as tree from './engine/nest.js';
export { serializePolicy, policyName } from './engine/dtype-policy.js';

export { registry, registerLayer, get, serialize, deserialize } from './serialization.js';
export type { LayerIdentifier, SerializedLayer } from './serialization.js';

export { InputLayer, Input } from './core/input-layer.js';
export type { InputLayerArgs, InputArgs } from './core/input-layer.js';
export { Dense } from './core/dense.js';
export type { DenseArgs } from './core/dense.js';
export { Activation } from './activations/activation.js';
export type { ActivationArgs } from './activations/activation.js';
export { Dropout } from './regularization/dropout.js';
export type { DropoutArgs } from './regularization/dropout.js';
export { Flatten } from './reshaping/flatten.js';
export type { FlattenArgs } from './reshaping/flatten.js';

export * as regularizers from './regularizers/index.js';
export * as constraints from './constraints/index.js';

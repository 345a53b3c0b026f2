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

// Issue 6 layers
export { Reshape } from './reshaping/reshape.js';
export type { ReshapeArgs } from './reshaping/reshape.js';
export { Permute } from './reshaping/permute.js';
export type { PermuteArgs } from './reshaping/permute.js';
export { RepeatVector } from './reshaping/repeat-vector.js';
export type { RepeatVectorArgs } from './reshaping/repeat-vector.js';
export { Lambda } from './core/lambda.js';
export type { LambdaArgs, LambdaFunction } from './core/lambda.js';
export { Masking } from './core/masking.js';
export type { MaskingArgs } from './core/masking.js';
export { Identity } from './core/identity.js';
export type { IdentityArgs } from './core/identity.js';
export { Embedding } from './core/embedding.js';
export type { EmbeddingArgs } from './core/embedding.js';
export { ActivityRegularization } from './regularization/activity-regularization.js';
export type { ActivityRegularizationArgs } from './regularization/activity-regularization.js';
export { BaseSpatialDropout, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D } from './regularization/spatial-dropout.js';
export type { SpatialDropout1DArgs, SpatialDropout2DArgs, SpatialDropout3DArgs } from './regularization/spatial-dropout.js';
export { GaussianNoise } from './regularization/gaussian-noise.js';
export type { GaussianNoiseArgs } from './regularization/gaussian-noise.js';
export { GaussianDropout } from './regularization/gaussian-dropout.js';
export type { GaussianDropoutArgs } from './regularization/gaussian-dropout.js';
export { AlphaDropout } from './regularization/alpha-dropout.js';
export type { AlphaDropoutArgs } from './regularization/alpha-dropout.js';
export { Merge } from './merging/merge.js';
export type { MergeArgs } from './merging/merge.js';
export { Add } from './merging/add.js';
export type { AddArgs } from './merging/add.js';
export { Subtract } from './merging/subtract.js';
export type { SubtractArgs } from './merging/subtract.js';
export { Multiply } from './merging/multiply.js';
export type { MultiplyArgs } from './merging/multiply.js';
export { Average } from './merging/average.js';
export type { AverageArgs } from './merging/average.js';
export { Maximum } from './merging/maximum.js';
export type { MaximumArgs } from './merging/maximum.js';
export { Minimum } from './merging/minimum.js';
export type { MinimumArgs } from './merging/minimum.js';
export { Concatenate } from './merging/concatenate.js';
export type { ConcatenateArgs } from './merging/concatenate.js';
export { Dot } from './merging/dot.js';
export type { DotArgs } from './merging/dot.js';
export { ReLU } from './activations/relu.js';
export type { ReLUArgs } from './activations/relu.js';
export { LeakyReLU } from './activations/leaky-relu.js';
export type { LeakyReLUArgs } from './activations/leaky-relu.js';
export { PReLU } from './activations/prelu.js';
export type { PReLUArgs } from './activations/prelu.js';
export { ELU } from './activations/elu.js';
export type { ELUArgs } from './activations/elu.js';
export { Softmax } from './activations/softmax.js';
export type { SoftmaxArgs } from './activations/softmax.js';
export { ThresholdedReLU } from './activations/thresholded-relu.js';
export type { ThresholdedReLUArgs } from './activations/thresholded-relu.js';
export { BatchNormalization } from './normalization/batch-normalization.js';
export type { BatchNormalizationArgs } from './normalization/batch-normalization.js';
export { LayerNormalization } from './normalization/layer-normalization.js';
export type { LayerNormalizationArgs } from './normalization/layer-normalization.js';
export { GroupNormalization } from './normalization/group-normalization.js';
export type { GroupNormalizationArgs } from './normalization/group-normalization.js';
export { UnitNormalization } from './normalization/unit-normalization.js';
export type { UnitNormalizationArgs } from './normalization/unit-normalization.js';


/**
 * `@strata/losses`: Keras 3's losses, as functions (per-sample values) and as `Loss` classes (weighted and reduced),
 * with the `get` / `serialize` / `deserialize` trio.
 *
 * @example
 * import { CategoricalCrossentropy, meanSquaredError, get } from '@strata/losses';
 * const cce = new CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1 });
 * const loss = cce.apply(oneHotLabels, logits, sampleWeight); // a scalar
 * const perSample = meanSquaredError(yTrue, yPred);            // shape [batch]
 * get('mse') === meanSquaredError;                              // true
 */
export { Loss } from './loss.js';
export type { LossOptions } from './loss.js';
export { LossFunctionWrapper } from './loss-function-wrapper.js';
export type { LossFunctionWrapperOptions } from './loss-function-wrapper.js';
export { MeanSquaredError } from './mean-squared-error.js';
export { MeanAbsoluteError } from './mean-absolute-error.js';
export { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
export { MeanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
export { CosineSimilarity } from './cosine-similarity.js';
export type { CosineSimilarityOptions } from './cosine-similarity.js';
export { Huber } from './huber.js';
export type { HuberOptions } from './huber.js';
export { LogCosh } from './log-cosh.js';
export { Hinge } from './hinge.js';
export { SquaredHinge } from './squared-hinge.js';
export { CategoricalHinge } from './categorical-hinge.js';
export { KLDivergence } from './kl-divergence.js';
export { Poisson } from './poisson.js';
export { BinaryCrossentropy } from './binary-crossentropy.js';
export type { BinaryCrossentropyOptions } from './binary-crossentropy.js';
export { BinaryFocalCrossentropy } from './binary-focal-crossentropy.js';
export type { BinaryFocalCrossentropyOptions } from './binary-focal-crossentropy.js';
export { CategoricalCrossentropy } from './categorical-crossentropy.js';
export type { CategoricalCrossentropyOptions } from './categorical-crossentropy.js';
export { CategoricalFocalCrossentropy } from './categorical-focal-crossentropy.js';
export type { CategoricalFocalCrossentropyOptions } from './categorical-focal-crossentropy.js';
export { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
export type { SparseCategoricalCrossentropyOptions } from './sparse-categorical-crossentropy.js';
export {
  meanSquaredError, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredLogarithmicError, cosineSimilarity, huber, logCosh,
} from './functions/regression.js';
export type { CosineSimilarityOptions as CosineSimilarityFunctionOptions, HuberOptions as HuberFunctionOptions } from './functions/regression.js';
export { hinge, squaredHinge, categoricalHinge } from './functions/hinge.js';
export { klDivergence, poisson } from './functions/probabilistic.js';
export { binaryCrossentropy, categoricalCrossentropy, sparseCategoricalCrossentropy } from './functions/crossentropy.js';
export type { CrossentropyOptions, SparseCategoricalCrossentropyOptions as SparseCategoricalCrossentropyFunctionOptions } from './functions/crossentropy.js';
export { binaryFocalCrossentropy, categoricalFocalCrossentropy } from './functions/focal.js';
export type {
  BinaryFocalCrossentropyOptions as BinaryFocalCrossentropyFunctionOptions,
  CategoricalFocalCrossentropyOptions as CategoricalFocalCrossentropyFunctionOptions,
} from './functions/focal.js';
export { reduceWeightedValues, reduceValues, applyMask, squeezeOrExpandToSameRank, standardizeReduction, REDUCTIONS } from './reduction.js';
export type { Reduction, ReduceOptions } from './reduction.js';
export { lossMask } from './mask.js';
export { EPSILON } from './epsilon.js';
export { functionRegistry, lossFunctionName, serializeLossFunction, isSerializedFunction, resolveLossFunction } from './function-registry.js';
export type { LossFunction, SerializedFunction } from './function-registry.js';
export { get, serialize, deserialize, registry, acceptedLossNames } from './serialization.js';
export type { LossIdentifier } from './serialization.js';
export { resolveLoss, isBinaryOrSparseCategorical } from './resolve-loss.js';
export type { TargetShapes } from './resolve-loss.js';

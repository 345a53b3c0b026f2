/**
 * `@strata/metrics`: Keras 3's metrics — stateful `Metric` objects whose state lives in tfjs variables, the metric
 * functions, `resolveMetric` (compile's `'accuracy'` rule), and the `get` / `serialize` / `deserialize` trio.
 *
 * @example
 * import { AUC, SparseCategoricalAccuracy, resolveMetric } from '@strata/metrics';
 * const acc = new SparseCategoricalAccuracy();
 * acc.updateState(labels, probabilities);   // no read back to the host
 * const value = await acc.result().data();  // read when you log
 * resolveMetric('accuracy', { yTrueShape: [32, 1], yPredShape: [32, 1] }); // BinaryAccuracy named 'accuracy'
 */
export { Metric } from './metric.js';
export type { MetricOptions } from './metric.js';
export { Mean } from './mean.js';
export { Sum } from './sum.js';
export { MeanMetricWrapper } from './mean-metric-wrapper.js';
export type { MeanMetricWrapperOptions } from './mean-metric-wrapper.js';
export { Accuracy } from './accuracy.js';
export { BinaryAccuracy } from './binary-accuracy.js';
export type { BinaryAccuracyOptions } from './binary-accuracy.js';
export { CategoricalAccuracy } from './categorical-accuracy.js';
export { SparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';
export { TopKCategoricalAccuracy } from './top-k-categorical-accuracy.js';
export type { TopKCategoricalAccuracyOptions } from './top-k-categorical-accuracy.js';
export { SparseTopKCategoricalAccuracy } from './sparse-top-k-categorical-accuracy.js';
export type { SparseTopKCategoricalAccuracyOptions } from './sparse-top-k-categorical-accuracy.js';
export { MeanSquaredError } from './mean-squared-error.js';
export { RootMeanSquaredError } from './root-mean-squared-error.js';
export { MeanAbsoluteError } from './mean-absolute-error.js';
export { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
export { MeanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
export { CosineSimilarity } from './cosine-similarity.js';
export type { CosineSimilarityOptions } from './cosine-similarity.js';
export { LogCoshError } from './log-cosh-error.js';
export { Hinge } from './hinge.js';
export { SquaredHinge } from './squared-hinge.js';
export { CategoricalHinge } from './categorical-hinge.js';
export { KLDivergence } from './kl-divergence.js';
export { Poisson } from './poisson.js';
export { BinaryCrossentropy } from './binary-crossentropy.js';
export type { BinaryCrossentropyOptions } from './binary-crossentropy.js';
export { CategoricalCrossentropy } from './categorical-crossentropy.js';
export type { CategoricalCrossentropyOptions } from './categorical-crossentropy.js';
export { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
export type { SparseCategoricalCrossentropyOptions } from './sparse-categorical-crossentropy.js';
export { AUC } from './auc.js';
export type { AUCOptions } from './auc.js';
export type { AucCurve, AucSummation } from './auc-integral.js';
export { Precision } from './precision.js';
export type { PrecisionOptions } from './precision.js';
export { Recall } from './recall.js';
export type { RecallOptions } from './recall.js';
export { FBetaScore } from './f-beta-score.js';
export type { FBetaScoreOptions, FBetaAverage } from './f-beta-score.js';
export { F1Score } from './f1-score.js';
export type { F1ScoreOptions } from './f1-score.js';
export {
  accuracy, binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy, topKCategoricalAccuracy, sparseTopKCategoricalAccuracy, inTopK,
} from './functions/accuracy.js';
export type { BinaryAccuracyOptions as BinaryAccuracyFunctionOptions, TopKOptions, SparseTopKOptions } from './functions/accuracy.js';
export { metricFunctionRegistry, metricFunctionName } from './function-registry.js';
export type { MetricFunction } from './function-registry.js';
export { get, serialize, deserialize, registry, metricObjectName } from './serialization.js';
export type { MetricIdentifier } from './serialization.js';
export { resolveMetric, metricFamily } from './resolve-metric.js';
export type { MetricContext } from './resolve-metric.js';

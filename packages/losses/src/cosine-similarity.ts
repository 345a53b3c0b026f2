import { cosineSimilarity } from './functions/regression.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/** Options of {@link CosineSimilarity}. */
export interface CosineSimilarityOptions extends LossOptions {
  /** The axis along which the similarity is computed. Defaults to -1. */
  axis?: number;
}

/**
 * Negative cosine similarity between labels and predictions, as `keras.losses.CosineSimilarity`
 * (Keras 2's `cosine_proximity`): values in [-1, 1], -1 when the vectors point the same way.
 *
 * Arguments: `axis` (default -1), `reduction`, `name` (default `'cosine_similarity'`), `dtype`.
 * `getConfig()` also records `axis`, which Keras 3 drops (Keras reads it back fine).
 *
 * @example
 * new CosineSimilarity({ axis: 1 }).apply(yTrue, yPred);
 */
export class CosineSimilarity extends LossFunctionWrapper {
  static override className = 'CosineSimilarity';
  readonly axis: number;

  constructor(options: CosineSimilarityOptions = {}) {
    const axis = options.axis ?? -1;
    super({ fn: cosineSimilarity, axis, reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'cosine_similarity' });
    this.axis = axis;
  }

  override getConfig(): Record<string, unknown> {
    return { ...Loss.prototype.getConfig.call(this), axis: this.axis };
  }
}

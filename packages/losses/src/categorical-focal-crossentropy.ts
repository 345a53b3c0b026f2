import { categoricalFocalCrossentropy } from './functions/focal.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/** Options of {@link CategoricalFocalCrossentropy}. */
export interface CategoricalFocalCrossentropyOptions extends LossOptions {
  /** A weighting factor for every class. Defaults to 0.25. */
  alpha?: number;
  /** The focusing exponent. Defaults to 2. */
  gamma?: number;
  /** Whether `y_pred` holds logits. Defaults to false. */
  fromLogits?: boolean;
  /** Smooths labels towards `1 / num_classes`. Defaults to 0. */
  labelSmoothing?: number;
  /** The class axis. Defaults to -1. */
  axis?: number;
}

/**
 * Categorical focal crossentropy, as `keras.losses.CategoricalFocalCrossentropy`: categorical crossentropy scaled
 * by `alpha * (1 - p)^gamma`, for imbalanced multi-class problems.
 *
 * Arguments: `alpha` (0.25), `gamma` (2), `fromLogits` (false), `labelSmoothing` (0), `axis` (-1), `reduction`,
 * `name` (default `'categorical_focal_crossentropy'`), `dtype`.
 *
 * @example
 * new CategoricalFocalCrossentropy({ alpha: 0.5, gamma: 1 }).apply(oneHotLabels, probabilities);
 */
export class CategoricalFocalCrossentropy extends LossFunctionWrapper {
  static override className = 'CategoricalFocalCrossentropy';
  readonly alpha: number;
  readonly gamma: number;
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(options: CategoricalFocalCrossentropyOptions = {}) {
    const { alpha = 0.25, gamma = 2, fromLogits = false, labelSmoothing = 0, axis = -1 } = options;
    super({
      fn: categoricalFocalCrossentropy, alpha, gamma, fromLogits, labelSmoothing, axis,
      reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'categorical_focal_crossentropy',
    });
    this.alpha = alpha;
    this.gamma = gamma;
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = axis;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...Loss.prototype.getConfig.call(this), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis,
      alpha: this.alpha, gamma: this.gamma,
    };
  }
}

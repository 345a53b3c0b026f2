import { binaryFocalCrossentropy } from './functions/focal.js';
import { Loss, type LossOptions } from './loss.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';

/** Options of {@link BinaryFocalCrossentropy}. */
export interface BinaryFocalCrossentropyOptions extends LossOptions {
  /** Weight positives by `alpha` and negatives by `1 - alpha`. Defaults to false. */
  applyClassBalancing?: boolean;
  /** The positive class's balancing weight. Defaults to 0.25. */
  alpha?: number;
  /** The focusing exponent; 0 gives binary crossentropy. Defaults to 2. */
  gamma?: number;
  /** Whether `y_pred` holds logits. Defaults to false. */
  fromLogits?: boolean;
  /** Smooths labels towards 0.5. Defaults to 0. */
  labelSmoothing?: number;
  /** The axis the mean runs along. Defaults to -1. */
  axis?: number;
}

/**
 * Binary focal crossentropy, as `keras.losses.BinaryFocalCrossentropy`: binary crossentropy scaled by
 * `(1 - p_t)^gamma` so confident, correct predictions count less (Lin et al., 2017).
 *
 * Arguments: `applyClassBalancing` (default false), `alpha` (0.25), `gamma` (2), `fromLogits` (false),
 * `labelSmoothing` (0), `axis` (-1), `reduction`, `name` (default `'binary_focal_crossentropy'`), `dtype`.
 *
 * @example
 * new BinaryFocalCrossentropy({ gamma: 3, fromLogits: true }).apply(labels, logits);
 */
export class BinaryFocalCrossentropy extends LossFunctionWrapper {
  static override className = 'BinaryFocalCrossentropy';
  readonly applyClassBalancing: boolean;
  readonly alpha: number;
  readonly gamma: number;
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(options: BinaryFocalCrossentropyOptions = {}) {
    const { applyClassBalancing = false, alpha = 0.25, gamma = 2, fromLogits = false, labelSmoothing = 0, axis = -1 } = options;
    super({
      fn: binaryFocalCrossentropy, applyClassBalancing, alpha, gamma, fromLogits, labelSmoothing, axis,
      reduction: options.reduction, dtype: options.dtype, name: options.name ?? 'binary_focal_crossentropy',
    });
    this.applyClassBalancing = applyClassBalancing;
    this.alpha = alpha;
    this.gamma = gamma;
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = axis;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...Loss.prototype.getConfig.call(this), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis,
      applyClassBalancing: this.applyClassBalancing, alpha: this.alpha, gamma: this.gamma,
    };
  }
}

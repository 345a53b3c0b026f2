import { ValueError, ops, tidy, type Tensor } from '@strata/core';
import { Regularizer, validatePenalty } from './regularizer.js';

/** Keras' default fuzz factor (`keras.config.epsilon()`). */
const EPSILON = 1e-7;

/** Options of {@link OrthogonalRegularizer}. */
export interface OrthogonalRegularizerOptions {
  /** The penalty factor (default 0.01). */
  factor?: number;
  /** `'rows'` (default) makes the rows orthogonal, `'columns'` the columns. */
  mode?: 'rows' | 'columns';
}

/**
 * Encourages the rows (or columns) of a rank-2 weight to be orthogonal, as `keras.regularizers.OrthogonalRegularizer`:
 * `factor * 0.5 * sum(|off-diagonal of V Vᵀ|) / (n (n − 1) / 2)` where `V` holds the L2-normalised rows (or columns)
 * and `n` their number.
 *
 * Arguments: `factor` (default 0.01), `mode` (`'rows'` or `'columns'`).
 *
 * @example
 * new OrthogonalRegularizer({ factor: 0.01 }).call(kernel); // 0 when the rows are orthogonal
 */
export class OrthogonalRegularizer extends Regularizer {
  static override className = 'OrthogonalRegularizer';
  readonly factor: number;
  readonly mode: 'rows' | 'columns';

  constructor(options: OrthogonalRegularizerOptions = {}) {
    super();
    this.factor = validatePenalty(options.factor ?? 0.01, 'factor');
    const mode = options.mode ?? 'rows';
    if (mode !== 'rows' && mode !== 'columns') {
      throw new ValueError(`Invalid value for argument \`mode\`. Expected one of {"rows", "columns"}. Received: mode=${String(mode)}.`);
    }
    this.mode = mode;
  }

  call(x: Tensor): Tensor {
    if (x.rank !== 2) {
      throw new ValueError(`Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape=[${x.shape.join(', ')}].`);
    }
    return tidy(() => {
      const axis = this.mode === 'rows' ? 1 : 0;
      const invNorm = ops.minimum(ops.rsqrt(ops.sum(ops.square(x), axis, true)), 1 / EPSILON);
      const v = ops.mul(x, invNorm);
      const product = this.mode === 'rows' ? ops.matMul(v, v, false, true) : ops.matMul(v, v, true, false);
      const size = x.shape[this.mode === 'rows' ? 0 : 1]!;
      const offDiagonal = ops.mul(product, ops.sub(1, ops.eye(size, size, undefined, x.dtype)));
      const numPairs = (size * (size - 1)) / 2;
      return ops.div(ops.mul(ops.sum(ops.abs(offDiagonal)), this.factor * 0.5), numPairs);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { factor: this.factor, mode: this.mode };
  }
}

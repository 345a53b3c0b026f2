import { ValueError, ops, standardizeDtype, tidy, type DataType, type Tensor } from '@strata/core';
import { Initializer } from './initializer.js';

/** Options of {@link Identity}. */
export interface IdentityOptions {
  /** Multiplies the identity matrix (default 1). */
  gain?: number;
}

/**
 * The identity matrix times `gain`, as `keras.initializers.Identity` (also registered as `IdentityInitializer`, its
 * Keras 2 name). 2D shapes only; a non-square shape gets ones on the main diagonal.
 *
 * Arguments: `gain` — multiplicative factor (default 1).
 *
 * @example
 * new Identity({ gain: 2 }).call([2, 3]); // [[2, 0, 0], [0, 2, 0]]
 */
export class Identity extends Initializer {
  static override className = 'Identity';
  readonly gain: number;

  constructor(options: IdentityOptions = {}) {
    super();
    this.gain = options.gain ?? 1;
  }

  call(shape: number[], dtype?: DataType): Tensor {
    if (shape.length !== 2) {
      throw new ValueError(
        `Identity matrix initializer can only be used for 2D matrices. Received: shape=[${shape.join(', ')}] of rank ${shape.length}.`,
      );
    }
    const dt = standardizeDtype(dtype);
    return tidy(() => ops.mul(ops.eye(shape[0]!, shape[1]!, undefined, dt), ops.scalar(this.gain, dt)));
  }

  override getConfig(): Record<string, unknown> {
    return { gain: this.gain };
  }
}

import { ValueError, ops, standardizeDtype, type DataType, type Tensor } from '@strata/core';
import { Initializer } from './initializer.js';

/** Options of {@link Constant}. */
export interface ConstantOptions {
  /** The scalar every element gets (default 0). */
  value?: number;
}

/**
 * Fills with a scalar, as `keras.initializers.Constant`.
 *
 * Arguments: `value` — a number (default 0).
 *
 * @example
 * new Constant({ value: 0.5 }).call([2, 2]); // [[0.5, 0.5], [0.5, 0.5]]
 */
export class Constant extends Initializer {
  static override className = 'Constant';
  readonly value: number;

  constructor(options: ConstantOptions = {}) {
    super();
    const value = options.value ?? 0;
    if (typeof value !== 'number') {
      throw new ValueError(`Constant initializer expects a scalar number as \`value\`. Received: value=${JSON.stringify(value)}.`);
    }
    this.value = value;
  }

  call(shape: number[], dtype?: DataType): Tensor {
    return ops.fill(shape, this.value, standardizeDtype(dtype));
  }

  override getConfig(): Record<string, unknown> {
    return { value: this.value };
  }
}

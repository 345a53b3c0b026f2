/**
 * Global numeric settings, as `keras.config`: the fuzz factor `epsilon` (default 1e-7) that losses and
 * normalization layers use.
 *
 * @example
 * import { epsilon, setEpsilon } from '@strata/core';
 * epsilon(); // 1e-7
 */
let fuzz = 1e-7;

/** The fuzz factor used in numeric expressions (Keras' `keras.config.epsilon()`). */
export function epsilon(): number {
  return fuzz;
}

/** Sets the fuzz factor (Keras' `keras.config.set_epsilon`). */
export function setEpsilon(value: number): void {
  if (!(value > 0)) throw new Error(`setEpsilon: expected a positive number, received ${value}.`);
  fuzz = value;
}

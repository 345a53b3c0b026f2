/**
 * Keras' fuzz factor (`keras.config.epsilon()`): probabilities are clipped to `[EPSILON, 1 - EPSILON]` before a log,
 * and divisors are kept away from zero with it.
 */
export const EPSILON = 1e-7;

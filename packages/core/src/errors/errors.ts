/**
 * Errors Strata raises, named as Keras' Python exceptions so messages read the same.
 *
 * @example
 * throw new ValueError('Input 0 of layer "dense" is incompatible: expected axis -1 to have value 784, received shape [32, 28, 28]');
 */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** Something Keras has that Strata does not (yet) implement. */
export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
}

/** An object was used in a state that does not allow it (for example `fit` before `compile`). */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

/**
 * `strata`: every Strata package under its Keras namespace name.
 *
 * @example
 * import * as strata from 'strata';
 * strata.activations.get('relu')(strata.ops.tensor([-1, 2])).print(); // [0, 2]
 */
export { ops, activations, random, serialization } from '@strata/core';
export {
  Tensor, Variable, tensor, scalar, variable, grad, grads, valueAndGrad, valueAndGrads, variableGrads, customGrad,
  tidy, dispose, keep, memory, numTensors, getBackend, setBackend, ready, setRandomSeed, SeedGenerator, toCategorical,
  ValueError, NotImplementedError, RuntimeError, registerKerasSerializable,
} from '@strata/core';

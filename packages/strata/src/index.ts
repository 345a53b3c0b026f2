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
export * as initializers from '@strata/initializers';
export * as losses from '@strata/losses';
export * as metrics from '@strata/metrics';
export * as optimizers from '@strata/optimizers';
export * as applications from '@strata/applications';
export * as layers from '@strata/layers';
export { regularizers, constraints, Input } from '@strata/layers';
export * as models from '@strata/models';
export * as saving from '@strata/saving';
export { loadModel, saveModel } from '@strata/saving';
export { Model, Sequential, callbacks } from '@strata/models';

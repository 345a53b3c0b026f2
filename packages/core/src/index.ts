/**
 * `@strata/core`: tensors and ops, activations, dtypes, seeded randomness, the serialization registry and errors.
 * Importing it starts the default backend (WebAssembly), so code after the import runs ops synchronously.
 *
 * @example
 * import { ops, grad, getBackend } from '@strata/core';
 * const dSquare = grad((x) => ops.sum(ops.square(x)));
 * dSquare(ops.tensor([1, 2, 3])).print(); // [2, 4, 6]
 * getBackend().capabilities; // { simd: true, threads: 1 }
 */
import '@strata/backend-wasm';
import '#register-gradients';
import './gradients/zero-gradients.js';
import './gradients/fast/index.js';
import { startDefaultBackend } from './backend.js';

export { getBackend, setBackend, ready, listBackends, registerBackend } from '@strata/backend';
export type { BackendInfo, BackendProvider, Capabilities } from '@strata/backend';
export { Tensor, Variable, tensor, scalar, variable } from '@tensorflow/tfjs-core';
export type { DataType, Rank, TensorLike, NamedTensorMap, Tensor1D, Tensor2D, Tensor3D, Tensor4D, Tensor5D } from '@tensorflow/tfjs-core';
export { grad, grads, valueAndGrad, valueAndGrads, variableGrads, customGrad } from '@tensorflow/tfjs-core';
export { tidy, dispose, keep, memory, numTensors } from './memory/memory.js';
export { ValueError, NotImplementedError, RuntimeError } from './errors/errors.js';
export { standardizeDtype, isFloatDtype } from './dtypes.js';
export type { DType } from './dtypes.js';
export { toCategorical } from './to-categorical.js';
export { epsilon, setEpsilon } from './config.js';
export { toSnakeCase, uniquifyName, resetNames } from './naming.js';
export { SeedGenerator, setRandomSeed } from './random/seed-generator.js';
export * as random from './random/index.js';
export * as ops from './ops/index.js';
export * as activations from './activations/index.js';
export * as serialization from './serialization/index.js';
export {
  Registry, classNameOf, registerKerasSerializable, toKerasJson, fromKerasJson, camelToSnake, snakeToCamel, parseJsonSafely,
} from './serialization/index.js';
export type { CustomObjects, Serializable, SerializableClass, SerializedObject, Json } from './serialization/index.js';

await startDefaultBackend();

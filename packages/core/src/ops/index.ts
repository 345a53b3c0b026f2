/**
 * The ops every Strata package computes with (like `keras.ops`): tensor creation and shape ops, math,
 * neural-network ops, image and linear algebra. Names follow tfjs, with Keras' names as aliases
 * (`subtract`, `multiply`, `matmul`, `concatenate`, `clip`…).
 *
 * @example
 * import { ops } from '@strata/core';
 * const y = ops.matmul(ops.ones([2, 3]), ops.ones([3, 4])); // shape [2, 4], every value 3
 */
export * from './core.js';
export * from './math.js';
export * from './nn.js';
export * from './image.js';
export { linalg, qr, gramSchmidt } from './linalg.js';
export { softmax, logSoftmax } from './softmax.js';
export { batchNormTraining, type BatchNormTrainingArgs, type BatchNormTrainingResult } from './batch-norm-training.js';

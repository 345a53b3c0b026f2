/**
 * Strata's fast gradients: registered over tfjs' own after them, each runs one fused kernel where the active
 * backend has it (wasm, from `@strata/backend-wasm`) and the fast kernels are on, and tfjs' composed gradient
 * otherwise. `@strata/core` imports this once.
 *
 * @example
 * import '@strata/core'; // tf.grad(x => tf.sum(tf.relu(x))) now runs StrataReluGrad on wasm
 */
// tfjs' gradients first (in Node they load asynchronously: registering from this module's body waits for them).
import '#register-gradients';
import { registerActivationGradients } from './activation-gradients.js';
import { registerBatchNormGradient } from './batch-norm-gradients.js';

registerActivationGradients();
registerBatchNormGradient();

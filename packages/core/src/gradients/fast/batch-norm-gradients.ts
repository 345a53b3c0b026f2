// The gradient of `StrataBatchNormTraining` (ops.batchNormTraining's fused kernel on wasm): dx, dgamma and dbeta from
// one `StrataBatchNormGrad` kernel (two passes over dy and x), with the gradients reaching the returned mean and
// variance folded in. Composed from ops where that kernel cannot run, and while a tape records the backward pass
// (second derivatives): then the statistics are recomputed from the saved x, so the tape sees how they depend on it.
import * as tf from '@tensorflow/tfjs-core';
import { BATCH_NORM_TRAINING_KERNEL, batchNormGradComposed } from '../../ops/batch-norm-training.js';
import { canRunFast } from './dispatch.js';

const GRAD = 'StrataBatchNormGrad';

/** Registers the gradient of the fused training-mode batch normalization. */
export function registerBatchNormGradient(): void {
  tf.registerGradient({
    kernelName: BATCH_NORM_TRAINING_KERNEL,
    inputsToSave: ['x', 'gamma'],
    outputsToSave: [false, true, true],
    gradFunc: (dys, saved, attrs) => {
      const [dy, dmean, dvariance] = dys as tf.Tensor[];
      const [x, gamma, mean, variance] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const epsilon = attrs['epsilon'] as number;
      let grads: tf.Tensor[];
      if (!tf.engine().isTapeOn() && canRunFast(GRAD, dy!, x)) {
        grads = tf.engine().runKernel(GRAD, { dy: dy!, x, mean, variance, gamma, dmean: dmean!, dvariance: dvariance! }, { epsilon }) as tf.Tensor[];
      } else {
        const axes = [...Array(x.rank - 1).keys()];
        const moments = tf.moments(x, axes);
        const stats = { mean: moments.mean, variance: moments.variance, dmean: dmean!, dvariance: dvariance! };
        const { dx, dgamma, dbeta } = batchNormGradComposed(dy!, x, stats, gamma, axes, epsilon);
        grads = [dx, tf.reshape(dgamma, gamma.shape), tf.reshape(dbeta, gamma.shape)];
      }
      const [dx, dgamma, dbeta] = grads;
      return { x: () => dx!, gamma: () => dgamma!, beta: () => dbeta! };
    },
  });
}

// Gradients of the activations as one kernel each (`StrataReluGrad`, … from @strata/backend-wasm) where tfjs
// composes two to four elementwise kernels; tfjs' own gradient runs when the kernel is missing for the active backend
// or the fast kernels are off. The kernels have gradients too, so second derivatives keep working.
import * as tf from '@tensorflow/tfjs-core';
import { canRunFast, overrideGradient, runKernel } from './dispatch.js';

const RELU = 'StrataReluGrad';
const LEAKY = 'StrataLeakyReluGrad';
const SIGMOID = 'StrataSigmoidGrad';
const TANH = 'StrataTanhGrad';
const SOFTMAX = 'StrataSoftmaxGrad';

function band(lo: number, hi: number) {
  return ({ dy, saved: [x] }: { dy: tf.Tensor; saved: tf.Tensor[] }) =>
    canRunFast(RELU, dy, x!) ? { x: () => runKernel(RELU, { dy, x: x! }, { lo, hi }) } : null;
}

/** Registers the activation gradients over tfjs' (call once tfjs' own are registered). */
export function registerActivationGradients(): void {
  overrideGradient('Relu', band(0, Infinity));
  overrideGradient('Relu6', band(0, 6));
  overrideGradient('LeakyRelu', ({ dy, saved: [x], attrs }) =>
    canRunFast(LEAKY, dy, x!) ? { x: () => runKernel(LEAKY, { dy, x: x! }, { alpha: attrs['alpha'] as number }) } : null);
  overrideGradient('Sigmoid', ({ dy, saved: [y] }) => (canRunFast(SIGMOID, dy, y!) ? { x: () => runKernel(SIGMOID, { dy, y: y! }) } : null));
  overrideGradient('Tanh', ({ dy, saved: [y] }) => (canRunFast(TANH, dy, y!) ? { x: () => runKernel(TANH, { dy, y: y! }) } : null));
  overrideGradient('Softmax', ({ dy, saved: [y], attrs }) => {
    const dim = attrs['dim'] as number;
    const last = dim === -1 || dim === y!.rank - 1;
    return last && canRunFast(SOFTMAX, dy, y!) ? { logits: () => runKernel(SOFTMAX, { dy, y: y! }) } : null;
  });

  // Second derivatives: each kernel is linear in dy, with its own form for the saved tensor.
  tf.registerGradient({
    kernelName: RELU,
    inputsToSave: ['x'],
    gradFunc: (g, [x], attrs) => ({ dy: () => runKernel(RELU, { dy: g as tf.Tensor, x: x! }, attrs), x: () => tf.zerosLike(x!) }),
  });
  tf.registerGradient({
    kernelName: LEAKY,
    inputsToSave: ['x'],
    gradFunc: (g, [x], attrs) => ({ dy: () => runKernel(LEAKY, { dy: g as tf.Tensor, x: x! }, attrs), x: () => tf.zerosLike(x!) }),
  });
  tf.registerGradient({
    kernelName: SIGMOID,
    inputsToSave: ['dy', 'y'],
    gradFunc: (g, [dy, y]) => ({
      dy: () => runKernel(SIGMOID, { dy: g as tf.Tensor, y: y! }),
      y: () => tf.mul(g as tf.Tensor, tf.mul(dy!, tf.sub(1, tf.mul(2, y!)))),
    }),
  });
  tf.registerGradient({
    kernelName: TANH,
    inputsToSave: ['dy', 'y'],
    gradFunc: (g, [dy, y]) => ({
      dy: () => runKernel(TANH, { dy: g as tf.Tensor, y: y! }),
      y: () => tf.mul(g as tf.Tensor, tf.mul(dy!, tf.mul(-2, y!))),
    }),
  });
  tf.registerGradient({
    kernelName: SOFTMAX,
    inputsToSave: ['dy', 'y'],
    gradFunc: (gTensor, [dy, y]) => {
      const g = gTensor as tf.Tensor;
      return {
        dy: () => runKernel(SOFTMAX, { dy: g, y: y! }),
        // out = y·dy − y·s with s = Σ dy·y: ∂/∂y = g·(dy − s) − (Σ g·y)·dy.
        y: () => tf.sub(tf.mul(g, tf.sub(dy!, tf.sum(tf.mul(dy!, y!), -1, true))), tf.mul(tf.sum(tf.mul(g, y!), -1, true), dy!)),
      };
    },
  });
}

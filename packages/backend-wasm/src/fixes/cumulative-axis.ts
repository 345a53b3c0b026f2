// tfjs-backend-wasm 4.22's Cumsum and Cumprod kernels index with the axis as given: a negative axis (`cumsum(x, -1)`,
// which the cpu backend accepts) reads outside the tensor and corrupts the wasm heap ("memory access out of bounds").
// Re-register both with the axis normalised first, keeping tfjs' own kernel for the work.
import * as tf from '@tensorflow/tfjs-core';

for (const kernelName of ['Cumsum', 'Cumprod']) {
  const original = tf.getKernel(kernelName, 'wasm');
  if (!original) continue;
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const x = (args.inputs as { x: tf.TensorInfo }).x;
      const attrs = args.attrs as { axis: number };
      const rank = x.shape.length;
      if (attrs.axis < -rank || attrs.axis >= rank) {
        throw new Error(`${kernelName}: axis ${attrs.axis} is out of range for a tensor of rank ${rank}.`);
      }
      const axis = attrs.axis < 0 ? attrs.axis + rank : attrs.axis;
      return original.kernelFunc({ ...args, attrs: { ...attrs, axis } });
    },
  });
}

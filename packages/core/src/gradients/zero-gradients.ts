// tfjs registers no gradients for comparison and logical kernels, so any expression such as
// `where(less(x, 0), a, b)` fails to differentiate with "gradient function not found for Less". Keras (like
// TensorFlow) treats these ops as having zero gradient; register exactly that.
import * as tf from '@tensorflow/tfjs-core';

const BINARY = ['Equal', 'NotEqual', 'Less', 'LessEqual', 'Greater', 'GreaterEqual', 'LogicalAnd', 'LogicalOr', 'LogicalXor'];
const UNARY = ['LogicalNot', 'IsNan', 'IsInf', 'IsFinite', 'Any', 'All'];

for (const kernelName of BINARY) {
  if (tf.getGradient(kernelName) == null) {
    tf.registerGradient({
      kernelName,
      inputsToSave: ['a', 'b'],
      gradFunc: (_dy, saved) => {
        const [a, b] = saved as tf.Tensor[];
        return { a: () => tf.zeros(a!.shape, 'float32'), b: () => tf.zeros(b!.shape, 'float32') };
      },
    });
  }
}
for (const kernelName of UNARY) {
  if (tf.getGradient(kernelName) == null) {
    tf.registerGradient({
      kernelName,
      inputsToSave: ['x'],
      gradFunc: (_dy, saved) => {
        const [x] = saved as tf.Tensor[];
        return { x: () => tf.zeros(x!.shape, 'float32') };
      },
    });
  }
}

import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkGradients, expectNoLeaks, expectTensorsClose } from '@strata/test-utils';
import { setBackend } from '../../index.js';

const FLAG = 'STRATA_FAST_KERNELS';

/** Runs `fn` with the fast kernels on, then off (tfjs' composed gradients), and returns both results. */
function bothPaths<T>(fn: () => T): [fast: T, composed: T] {
  const fast = fn();
  tf.env().set(FLAG, false);
  try {
    return [fast, fn()];
  } finally {
    tf.env().set(FLAG, true);
  }
}

const activations: Array<[string, (x: tf.Tensor) => tf.Tensor, string]> = [
  ['relu', (x) => tf.relu(x), 'StrataReluGrad'],
  ['relu6', (x) => tf.relu6(tf.mul(x, 4)), 'StrataReluGrad'],
  ['leakyRelu', (x) => tf.leakyRelu(x, 0.2), 'StrataLeakyReluGrad'],
  ['sigmoid', (x) => tf.sigmoid(x), 'StrataSigmoidGrad'],
  ['tanh', (x) => tf.tanh(x), 'StrataTanhGrad'],
  ['softmax', (x) => tf.softmax(x), 'StrataSoftmaxGrad'],
];

/** Values away from the kinks (0 for ReLU, 6 for ReLU6) by more than the finite-difference step. */
function input(shape: number[], seed: number): tf.Tensor {
  const t = tf.randomUniform(shape, -2, 2, 'float32', seed);
  const v = Float32Array.from(t.dataSync(), (a) => (Math.abs(a) < 0.05 ? a + 0.1 : Math.abs(a * 4 - 6) < 0.2 ? a + 0.1 : a));
  t.dispose();
  return tf.tensor(v, shape);
}

type Engine = ReturnType<typeof tf.engine>;

/** Names of the kernels `fn` runs. */
function kernelsRun(fn: () => unknown): string[] {
  const names: string[] = [];
  const engine = tf.engine();
  const original = engine.runKernel;
  engine.runKernel = function (this: Engine, name: string, ...rest: unknown[]) {
    names.push(name);
    return (original as (...a: unknown[]) => ReturnType<Engine['runKernel']>).call(this, name, ...rest);
  } as Engine['runKernel'];
  try {
    tf.tidy(() => void fn());
  } finally {
    engine.runKernel = original;
  }
  return names;
}

describe('fast activation gradients (wasm)', () => {
  it.each(activations)('%s: one fused kernel, agreeing with tfjs\' composed gradient to float32 rounding', async (_, f, kernel) => {
    const x = input([3, 17], 1);
    const dy = tf.randomUniform([3, 17], -1, 1, 'float32', 2);
    const g = (a: tf.Tensor, d: tf.Tensor) => tf.grad(f)(a, d);
    await expectNoLeaks(() => {
      const [fast, composed] = bothPaths(() => g(x, dy));
      expectTensorsClose(fast, composed, { rtol: 1e-6, atol: 1e-7 });
      tf.dispose([fast, composed]);
    });
    expect(kernelsRun(() => g(x, dy))).toContain(kernel);
    const [, composedKernels] = bothPaths(() => kernelsRun(() => g(x, dy)));
    expect(composedKernels).not.toContain(kernel);
    tf.dispose([x, dy]);
  });

  it.each(activations)('%s: equals the numerical gradient', async (_, f) => {
    const x = input([2, 9], 3);
    await expectNoLeaks(() => checkGradients(f, [x], { eps: 1e-3, rtol: 1e-2, atol: 1e-3 }));
    x.dispose();
  });

  // tfjs cannot take second derivatives through gradients that read a saved output (sigmoid, tanh, softmax: "Cannot
  // compute gradient of y=f(x)"), with its own gradients or ours; those that read the saved input can.
  it.each(activations.slice(0, 3))('%s: second derivatives agree with tfjs\' composed ones', async (_, f) => {
    const x = input([2, 9], 4);
    const second = (a: tf.Tensor) => tf.grad((b: tf.Tensor) => tf.sum(tf.square(tf.grad(f)(b))))(a);
    await expectNoLeaks(() => {
      const [fast, composed] = bothPaths(() => second(x));
      expectTensorsClose(fast, composed, { rtol: 1e-5, atol: 1e-6 });
      tf.dispose([fast, composed]);
    });
    x.dispose();
  });

  it('falls back to tfjs\' gradient on a backend without the fused kernels (cpu)', async () => {
    const x = input([4, 5], 5);
    const onWasm = tf.grad((a: tf.Tensor) => tf.sigmoid(a))(x);
    await setBackend('cpu');
    try {
      const onCpu = tf.grad((a: tf.Tensor) => tf.sigmoid(a))(x);
      expectTensorsClose(onCpu, onWasm, { rtol: 1e-6, atol: 1e-7 });
      onCpu.dispose();
    } finally {
      await setBackend('wasm');
    }
    tf.dispose([x, onWasm]);
  });
});

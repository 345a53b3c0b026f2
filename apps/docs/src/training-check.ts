/**
 * A hidden check for the Chromium tests (apps/docs/test/training.test.ts), loaded only when they call
 * `window.strataTrainingCheck()`: one training step of a tiny CNN (conv, relu, max pooling, batch normalization,
 * dense, softmax cross-entropy) whose gradients are computed with Strata's fast wasm kernels on and then off, with
 * how many SIMD kernel calls each took.
 *
 * @example
 * const report = await runTrainingCheck();
 * report.fast.gradients.length; // 9: the input and every weight
 */
import { fastKernelCalls, fastKernelsActive, fastKernelsReady, setFastKernels } from '@strata/backend-wasm';
import { grads, ops, random, tidy, type Tensor, type Tensor4D } from '@strata/core';

/** The gradients of one run and what it ran on. */
export interface GradientRun {
  /** Whether the fast kernels were active during the run. */
  active: boolean;
  /** SIMD kernel calls the run made, by kernel. */
  simdCalls: Record<string, number>;
  /** Gradients of the loss with respect to the input and each weight, flattened. */
  gradients: number[][];
}

/** What {@link runTrainingCheck} reports. */
export interface TrainingCheckReport {
  /** `fastKernelsActive()` before anything was awaited (true when the backend's start waited for the module). */
  activeAtStart: boolean;
  /** What `fastKernelsReady()` resolved to. */
  ready: boolean;
  fast: GradientRun;
  composed: GradientRun;
}

const SHAPES = { x: [4, 10, 10, 2], w1: [3, 3, 2, 6], b1: [6], gamma: [6], beta: [6], wd: [96, 5], bd: [5] } as const;
const LABELS = [0, 3, 1, 4];

/** Keras' categorical cross-entropy of softmax(logits) (clipped to [ε, 1 − ε]) against one-hot labels, averaged. */
function loss(x: Tensor, w1: Tensor, b1: Tensor, gamma: Tensor, beta: Tensor, wd: Tensor, bd: Tensor): Tensor {
  const conv = ops.add(ops.conv2d(x as Tensor4D, w1 as Tensor4D, 1, 'valid'), b1) as Tensor4D;
  const h = ops.maxPool(ops.relu(conv), 2, 2, 'valid'); // [4, 4, 4, 6]
  const { output } = ops.batchNormTraining(h, { axes: [0, 1, 2], gamma, beta, epsilon: 1e-3 });
  const logits = ops.add(ops.matMul(ops.reshape(output, [4, 96]), wd), bd);
  const labels = ops.oneHot(ops.tensor(LABELS, [4], 'int32'), 5);
  const probabilities = ops.clipByValue(ops.softmax(logits), 1e-7, 1 - 1e-7);
  return ops.mean(ops.neg(ops.sum(ops.mul(labels, ops.log(probabilities)), -1)));
}

function gradientRun(params: Tensor[]): GradientRun {
  const before = fastKernelCalls();
  const active = fastKernelsActive();
  const gradients = tidy(() => grads((...p: Tensor[]) => loss(...(p as Parameters<typeof loss>)))(params).map((g) => Array.from(g.dataSync())));
  const after = fastKernelCalls();
  const simdCalls = Object.fromEntries(
    Object.entries(after).map(([k, n]) => [k, n - (before[k] ?? 0)]).filter(([, n]) => (n as number) > 0),
  ) as Record<string, number>;
  return { active, simdCalls, gradients };
}

/** Runs the step with the fast kernels on, then off (restoring them), and reports both. */
export async function runTrainingCheck(): Promise<TrainingCheckReport> {
  const activeAtStart = fastKernelsActive();
  const ready = await fastKernelsReady();
  const params = Object.values(SHAPES).map((shape, i) => random.uniform([...shape], { minval: -0.5, maxval: 0.5, seed: 100 + i }));
  try {
    const fast = gradientRun(params);
    setFastKernels(false);
    let composed: GradientRun;
    try {
      composed = gradientRun(params);
    } finally {
      setFastKernels(true);
    }
    return { activeAtStart, ready, fast, composed };
  } finally {
    for (const p of params) p.dispose();
  }
}

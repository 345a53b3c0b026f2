import type { GoldenTensor } from './types.js';

/** `|actual - expected| <= atol + rtol * |expected|`, element-wise (numpy's `allclose` rule). */
export interface Tolerance {
  atol: number;
  rtol: number;
}

export interface GoldenToleranceEntry extends Tolerance {
  /** Looser bound for gradients (`grad`, `grads`, `grads_training`). Defaults to the entry itself. */
  grad?: Tolerance;
  /** Why the bound is what it is. */
  reason: string;
}

/**
 * Tolerances for comparing Strata (float32, wasm or cpu backend) with Keras 3.15.1 (float32, JAX on
 * CPU), by case-name prefix; {@link goldenTolerance} picks the longest matching prefix. Exact
 * operations (reshapes, padding, cropping, pooling max, deterministic initializers) still use a
 * small bound so that accumulation order never matters.
 */
export const GOLDEN_TOLERANCE: Readonly<Record<string, GoldenToleranceEntry>> = {
  '': { atol: 1e-5, rtol: 1e-5, grad: { atol: 1e-4, rtol: 1e-4 }, reason: 'default float32' },
  activations: {
    atol: 1e-5,
    rtol: 1e-5,
    grad: { atol: 1e-4, rtol: 1e-4 },
    reason: 'transcendental functions differ by a few ulp between XLA and tfjs kernels',
  },
  'activations/gelu': {
    atol: 1e-5,
    rtol: 1e-4,
    grad: { atol: 1e-4, rtol: 1e-3 },
    reason: 'erf approximations differ',
  },
  'activations/exponential': {
    atol: 1e-5,
    rtol: 1e-5,
    grad: { atol: 1e-4, rtol: 1e-4 },
    reason: 'large magnitudes compared relatively (exp(88) ~ 1.6e38)',
  },
  initializers: { atol: 0, rtol: 0, reason: 'deterministic initializers are exact; random ones: see initializers:stats' },
  'initializers:stats': {
    atol: 0.05,
    rtol: 0.05,
    reason:
      'sample statistics of an independent draw vs the expected stddev/limit: ~3 standard errors for >=512 values',
  },
  losses: { atol: 1e-5, rtol: 1e-5, reason: 'reductions of a few float32 values; eps clipping as Keras (1e-7)' },
  metrics: { atol: 1e-5, rtol: 1e-5, reason: 'accumulated sums over two batches' },
  'metrics/auc': {
    atol: 1e-4,
    rtol: 1e-4,
    reason: 'threshold buckets are float32 linspace values; a value on a bucket edge may land one bucket over',
  },
  optimizers: {
    atol: 1e-6,
    rtol: 1e-5,
    reason: 'three update steps; sqrt/epsilon ordering differences stay within a few ulp',
  },
  'optimizers/schedules': { atol: 1e-7, rtol: 1e-6, reason: 'scalar formulas; cos/pow in float32' },
  layers: {
    atol: 1e-5,
    rtol: 1e-4,
    grad: { atol: 1e-4, rtol: 1e-4 },
    reason: 'dot products over small axes; summation order differs',
  },
  'layers/conv': {
    atol: 1e-4,
    rtol: 1e-4,
    grad: { atol: 2e-4, rtol: 1e-3 },
    reason: 'convolution accumulation order (XNNPACK/im2col vs XLA); transposed-conv gradients',
  },
  'layers/separable_conv': {
    atol: 1e-4,
    rtol: 1e-4,
    grad: { atol: 2e-4, rtol: 1e-3 },
    reason: 'two stacked convolutions',
  },
  'layers/depthwise_conv': {
    atol: 1e-4,
    rtol: 1e-4,
    grad: { atol: 2e-4, rtol: 1e-3 },
    reason: 'convolution accumulation order',
  },
  'layers/batch_normalization': {
    atol: 1e-4,
    rtol: 1e-4,
    grad: { atol: 1e-3, rtol: 1e-3 },
    reason: 'batch variance of 2-4 samples; rsqrt; training-mode gradients go through the batch moments',
  },
  'layers/group_normalization': {
    atol: 1e-4,
    rtol: 1e-4,
    grad: { atol: 1e-3, rtol: 1e-3 },
    reason: 'moments over groups',
  },
  'layers/layer_normalization': {
    atol: 1e-4,
    rtol: 1e-4,
    grad: { atol: 1e-3, rtol: 1e-3 },
    reason: 'moments over features',
  },
  'layers/up_sampling2d': {
    atol: 1e-5,
    rtol: 1e-4,
    grad: { atol: 1e-4, rtol: 1e-4 },
    reason: 'bilinear weights (half-pixel centers, as jax.image.resize)',
  },
  'models/fit': {
    atol: 1e-4,
    rtol: 1e-4,
    reason: 'five optimizer steps compound float32 differences',
  },
  models: { atol: 1e-5, rtol: 1e-4, reason: 'summary/config are compared as text; numbers as layers' },
  files: { atol: 1e-5, rtol: 1e-4, reason: 'predictions of small models through several layers' },
};

/**
 * The tolerance for a case (longest prefix of the case name in {@link GOLDEN_TOLERANCE}); pass
 * `kind: 'grad'` for gradients, `'stats'` for random-initializer statistics.
 */
export function goldenTolerance(name: string, kind: 'value' | 'grad' | 'stats' = 'value'): Tolerance {
  if (kind === 'stats') {
    const { atol, rtol } = GOLDEN_TOLERANCE['initializers:stats']!;
    return { atol, rtol };
  }
  let best = '';
  for (const prefix of Object.keys(GOLDEN_TOLERANCE)) {
    if (prefix.includes(':')) continue;
    if (name.startsWith(prefix) && prefix.length > best.length) best = prefix;
  }
  const entry = GOLDEN_TOLERANCE[best]!;
  if (kind === 'grad' && entry.grad) return { ...entry.grad };
  return { atol: entry.atol, rtol: entry.rtol };
}

export interface GoldenComparison {
  /** True when shapes match and every element is within the tolerance. */
  ok: boolean;
  maxAbsDiff: number;
  /** Index (flat, C order) of the element that exceeds the bound by most, or -1. */
  worstIndex: number;
  /** Human-readable summary for assertion messages. */
  message: string;
}

/**
 * Compares values with a golden tensor under a tolerance. NaN matches NaN and infinities must be
 * equal. `actual` is a flat, C-order array-like (e.g. `await t.data()`), with its shape.
 */
export function compareGolden(
  actual: ArrayLike<number>,
  actualShape: readonly number[],
  expected: GoldenTensor,
  tol: Tolerance,
): GoldenComparison {
  const shapeOk =
    actualShape.length === expected.shape.length && actualShape.every((d, i) => d === expected.shape[i]);
  if (!shapeOk || actual.length !== expected.data.length) {
    return {
      ok: false,
      maxAbsDiff: Number.POSITIVE_INFINITY,
      worstIndex: -1,
      message: `shape [${actualShape.join(', ')}] (${actual.length} values) != expected [${expected.shape.join(', ')}]`,
    };
  }
  let maxAbsDiff = 0;
  let worstIndex = -1;
  let worstExcess = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected.data[i]!;
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (Number.isNaN(e) !== Number.isNaN(a)) {
        maxAbsDiff = Number.NaN;
        worstIndex = i;
        worstExcess = Number.POSITIVE_INFINITY;
      }
      continue;
    }
    if (!Number.isFinite(e) || !Number.isFinite(a)) {
      if (a !== e) {
        maxAbsDiff = Number.POSITIVE_INFINITY;
        worstIndex = i;
        worstExcess = Number.POSITIVE_INFINITY;
      }
      continue;
    }
    const d = Math.abs(a - e);
    if (d > maxAbsDiff) maxAbsDiff = d;
    const excess = d - (tol.atol + tol.rtol * Math.abs(e));
    if (excess > worstExcess) {
      worstExcess = excess;
      worstIndex = i;
    }
  }
  const ok = worstIndex === -1;
  const message = ok
    ? `max |diff| ${maxAbsDiff.toExponential(2)} within atol ${tol.atol} + rtol ${tol.rtol}`
    : `element ${worstIndex}: got ${actual[worstIndex]}, Keras ${expected.data[worstIndex]} ` +
      `(max |diff| ${maxAbsDiff}; atol ${tol.atol}, rtol ${tol.rtol})`;
  return { ok, maxAbsDiff, worstIndex, message };
}

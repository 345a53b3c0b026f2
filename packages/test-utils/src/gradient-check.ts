import { expect } from 'vitest';
import { type Tensor, grads, ops, tensor, tidy } from '@strata/core';
import type { Tolerance } from './expect-tensors.js';

/** Central-difference gradient of `sum(f(xs) · cotangent)` with respect to each input, in float64 on the host. */
export function numericalGradients(f: (...xs: Tensor[]) => Tensor, xs: Tensor[], eps = 1e-3): Float64Array[] {
  const values = xs.map((x) => Float64Array.from(x.dataSync()));
  const objective = (vals: Float64Array[]): number =>
    tidy(() => {
      const out = f(...vals.map((v, i) => tensor(Float32Array.from(v), xs[i]!.shape, 'float32')));
      const data = out.dataSync();
      let s = 0;
      for (let i = 0; i < data.length; i++) s += Number(data[i]) * cotangentAt(i);
      return s;
    });
  return values.map((v, k) => {
    const g = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const orig = v[i]!;
      v[i] = orig + eps;
      const plus = objective(values);
      v[i] = orig - eps;
      const minus = objective(values);
      v[i] = orig;
      g[i] = (plus - minus) / (2 * eps);
    }
    void k;
    return g;
  });
}

/** A fixed, non-uniform cotangent so gradient checks see every output position weighted differently. */
export function cotangentAt(i: number): number {
  return 0.5 + ((i * 7919) % 13) / 13;
}

function cotangentLike(t: Tensor): Tensor {
  const out = new Float32Array(t.size);
  for (let i = 0; i < out.length; i++) out[i] = cotangentAt(i);
  return tensor(out, t.shape, 'float32');
}

/**
 * Checks the analytic gradients of `f` (through the engine's registered gradients) against central differences.
 * Inputs should be float32 and keep away from kinks (relu at 0, max ties) by more than `eps`.
 *
 * @example
 * checkGradients((x) => ops.tanh(x), [ops.tensor([0.1, -0.4, 2])]);
 */
export function checkGradients(f: (...xs: Tensor[]) => Tensor, xs: Tensor[], opts: Tolerance & { eps?: number } = {}): void {
  const { eps = 1e-3, rtol = 2e-2, atol = 2e-3 } = opts;
  const gradTensors = tidy(() =>
    grads((...args: Tensor[]) => {
      const y = f(...args);
      return ops.sum(ops.mul(y, cotangentLike(y)));
    })(xs),
  );
  const analytic = gradTensors.map((g) => Float64Array.from(g.dataSync()));
  gradTensors.forEach((g) => g.dispose());
  const numeric = numericalGradients(f, xs, eps);
  analytic.forEach((a, k) => {
    const n = numeric[k]!;
    expect(a.length).toBe(n.length);
    for (let i = 0; i < a.length; i++) {
      const tol = atol + rtol * Math.abs(n[i]!);
      if (!(Math.abs(a[i]! - n[i]!) <= tol)) {
        expect.fail(`gradient of input ${k} differs at flat index ${i}: analytic ${a[i]}, numerical ${n[i]} (rtol ${rtol}, atol ${atol})`);
      }
    }
  });
}

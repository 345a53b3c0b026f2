/** The Riemann sums of `keras.metrics.AUC.result()` (and its PR interpolation), from accumulated counts. */
import { ops, type Tensor } from '@strata/core';

export type AucCurve = 'ROC' | 'PR' | 'PRGAIN';
export type AucSummation = 'interpolation' | 'minoring' | 'majoring';

/** Rows `[0, n−1)` and `[1, n)` along axis 0. */
function pairs(x: Tensor): [Tensor, Tensor] {
  const n = x.shape[0]!;
  const size = [n - 1, ...x.shape.slice(1)];
  return [ops.slice(x, Array(x.rank).fill(0), size), ops.slice(x, [1, ...Array(x.rank - 1).fill(0)], size)];
}

/**
 * Davis & Goadrich's interpolation of the PR curve between thresholds (Keras' `interpolate_pr_auc`), summed over
 * axis 0: one value, or one per label.
 */
function interpolatePrAuc(tp: Tensor, fp: Tensor, fn: Tensor): Tensor {
  const [tpHead, tpTail] = pairs(tp);
  const p = ops.add(tp, fp);
  const [pHead, pTail] = pairs(p);
  const [, fnTail] = pairs(fn);
  const dtp = ops.sub(tpHead, tpTail);
  const dp = ops.sub(pHead, pTail);
  const precSlope = ops.divideNoNan(dtp, ops.maximum(dp, 0));
  const intercept = ops.sub(tpTail, ops.mul(precSlope, pTail));
  const bothPositive = ops.logicalAnd(ops.greater(pHead, 0), ops.greater(pTail, 0));
  const safePRatio = ops.where(bothPositive, ops.divideNoNan(pHead, ops.maximum(pTail, 0)), ops.onesLike(pTail));
  const increment = ops.divideNoNan(
    ops.mul(precSlope, ops.add(dtp, ops.mul(intercept, ops.log(safePRatio)))),
    ops.maximum(ops.add(tpTail, fnTail), 0),
  );
  return ops.sum(increment, 0);
}

/** The area under the curve from the counts at each threshold: a scalar, or one value per label (axis 1). */
export function aucFromCounts(tp: Tensor, fp: Tensor, tn: Tensor, fn: Tensor, curve: AucCurve, summation: AucSummation): Tensor {
  if (curve === 'PR' && summation === 'interpolation') return interpolatePrAuc(tp, fp, fn);
  const recall = ops.divideNoNan(tp, ops.add(tp, fn));
  let x: Tensor;
  let y: Tensor;
  if (curve === 'ROC') {
    x = ops.divideNoNan(fp, ops.add(fp, tn));
    y = recall;
  } else if (curve === 'PR') {
    x = recall;
    y = ops.divideNoNan(tp, ops.add(tp, fp));
  } else {
    const scaling = ops.divideNoNan(ops.add(tp, fn), ops.add(tn, fp));
    const noTp = ops.equal(tp, 0);
    const recallGain = ops.sub(1, ops.mul(scaling, ops.divideNoNan(fn, tp)));
    const precisionGain = ops.sub(1, ops.mul(scaling, ops.divideNoNan(fp, tp)));
    x = ops.maximum(ops.where(noTp, ops.zerosLike(recallGain), recallGain), 0);
    y = ops.where(noTp, ops.onesLike(precisionGain), precisionGain);
  }
  const [yHead, yTail] = pairs(y);
  const heights = summation === 'interpolation'
    ? ops.div(ops.add(yHead, yTail), 2)
    : summation === 'minoring' ? ops.minimum(yHead, yTail) : ops.maximum(yHead, yTail);
  const [xHead, xTail] = pairs(x);
  return ops.sum(ops.mul(ops.sub(xHead, xTail), heights), 0);
}

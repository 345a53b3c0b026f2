/**
 * Binary, categorical and sparse categorical crossentropy (keras/src/losses/losses.py and the backend's
 * `ops.*_crossentropy`). Probabilities are clipped to `[epsilon, 1 - epsilon]` before the log; with `fromLogits`
 * the log-sigmoid / log-softmax is used instead.
 */
import { ValueError, ops, tidy, type Tensor } from '@strata/core';
import { EPSILON } from '../epsilon.js';
import { attachLossMask } from '../mask.js';
import { assertSameShape, canonicalizeAxis, formatShape } from '../shape.js';
import { castInputs } from './cast-inputs.js';

/** Options of {@link binaryCrossentropy} and {@link categoricalCrossentropy}. */
export interface CrossentropyOptions {
  /** Whether `y_pred` holds logits rather than probabilities. Defaults to false. */
  fromLogits?: boolean;
  /** In [0, 1]: labels are smoothed towards 0.5 (binary) or `1 / num_classes` (categorical). Defaults to 0. */
  labelSmoothing?: number;
  /** The axis the mean (binary) or the class distribution (categorical) runs along. Defaults to -1. */
  axis?: number;
}

/** Elementwise binary crossentropy, as Keras' `ops.binary_crossentropy` (same shapes required). */
export function elementwiseBinaryCrossentropy(loss: string, target: Tensor, output: Tensor, fromLogits: boolean): Tensor {
  assertSameShape(loss, target, output);
  if (fromLogits) {
    // log σ(x) = −softplus(−x), log σ(−x) = −softplus(x). (tfjs' logSigmoid is a customGrad that loses its saved
    // input when that input is an intermediate of an enclosing tidy.)
    const logP = ops.neg(ops.softplus(ops.neg(output)));
    const logNotP = ops.neg(ops.softplus(output));
    return ops.sub(ops.neg(ops.mul(target, logP)), ops.mul(ops.sub(1, target), logNotP));
  }
  const o = ops.clipByValue(output, EPSILON, 1 - EPSILON);
  const bce = ops.add(ops.mul(target, ops.log(o)), ops.mul(ops.sub(1, target), ops.log(ops.sub(1, o))));
  return ops.neg(bce);
}

/** `log p` along `axis`: log-softmax of logits, or the log of probabilities renormalised and clipped. */
export function categoricalLogProb(output: Tensor, axis: number, fromLogits: boolean): Tensor {
  if (fromLogits) return ops.logSoftmax(output, axis);
  const normalized = ops.div(output, ops.sum(output, axis, true));
  return ops.log(ops.clipByValue(normalized, EPSILON, 1 - EPSILON));
}

/**
 * Binary crossentropy, averaged over `axis` (alias `bce`). With `labelSmoothing` s, labels become
 * `y * (1 - s) + 0.5 * s`.
 *
 * @example
 * binaryCrossentropy(ops.tensor([[0, 1]]), ops.tensor([[0.4, 0.6]])); // [-log(0.6)]
 * binaryCrossentropy(labels, logits, { fromLogits: true, labelSmoothing: 0.1 });
 */
export function binaryCrossentropy(yTrue: Tensor, yPred: Tensor, options: CrossentropyOptions = {}): Tensor {
  const { fromLogits = false, labelSmoothing = 0, axis = -1 } = options;
  return tidy(() => {
    let [t, p] = castInputs(yTrue, yPred);
    if (labelSmoothing) t = ops.add(ops.mul(t, 1 - labelSmoothing), 0.5 * labelSmoothing);
    return ops.mean(elementwiseBinaryCrossentropy('binary_crossentropy', t, p, fromLogits), axis);
  });
}

/**
 * Categorical crossentropy between one-hot (or soft) labels and a distribution along `axis`:
 * `-sum(y_true * log(y_pred), axis)`. Probabilities are renormalised to sum to 1 and clipped; with
 * `labelSmoothing` s, labels become `y * (1 - s) + s / num_classes`.
 *
 * @example
 * categoricalCrossentropy(ops.tensor([[0, 1, 0]]), ops.tensor([[0.1, 0.8, 0.1]])); // [-log(0.8)]
 */
export function categoricalCrossentropy(yTrue: Tensor, yPred: Tensor, options: CrossentropyOptions = {}): Tensor {
  const { fromLogits = false, labelSmoothing = 0, axis = -1 } = options;
  if (typeof axis !== 'number') throw new ValueError(`\`axis\` must be of type \`int\`. Received: axis=${String(axis)}`);
  return tidy(() => {
    let [t, p] = castInputs(yTrue, yPred);
    if (labelSmoothing) {
      const numClasses = t.shape[t.rank - 1]!;
      t = ops.add(ops.mul(t, 1 - labelSmoothing), labelSmoothing / numClasses);
    }
    checkCategorical('categorical_crossentropy', t, p);
    const ax = canonicalizeAxis('categorical_crossentropy', axis, p.rank);
    return ops.neg(ops.sum(ops.mul(t, categoricalLogProb(p, ax, fromLogits)), ax));
  });
}

/** Same shapes and rank ≥ 1, as Keras' `ops.categorical_crossentropy` requires. */
export function checkCategorical(loss: string, yTrue: Tensor, yPred: Tensor): void {
  assertSameShape(loss, yTrue, yPred);
  if (yPred.rank < 1) throw new ValueError(`Loss "${loss}": y_true and y_pred must be at least rank 1, received shape ${formatShape(yPred.shape)}.`);
}

/** Options of {@link sparseCategoricalCrossentropy}. */
export interface SparseCategoricalCrossentropyOptions {
  /** Whether `y_pred` holds logits rather than probabilities. Defaults to false. */
  fromLogits?: boolean;
  /** A label value that contributes no loss (e.g. a "void" class in segmentation). Defaults to none. */
  ignoreClass?: number | null;
  /** The class axis of `y_pred`. Defaults to -1. */
  axis?: number;
}

/**
 * Crossentropy between integer labels and a distribution along `axis` of `y_pred`. Labels have `y_pred`'s shape
 * without the class axis (a trailing 1 is squeezed). With `ignoreClass`, those positions give 0 and are masked,
 * so `Loss.apply` averages over the others.
 *
 * @example
 * sparseCategoricalCrossentropy(ops.tensor([1], undefined, 'int32'), ops.tensor([[0.1, 0.8, 0.1]])); // [-log(0.8)]
 */
export function sparseCategoricalCrossentropy(yTrue: Tensor, yPred: Tensor, options: SparseCategoricalCrossentropyOptions = {}): Tensor {
  const { fromLogits = false, ignoreClass = null, axis = -1 } = options;
  const loss = 'sparse_categorical_crossentropy';
  const p0 = yPred;
  if (p0.rank < 1) throw new ValueError(`Loss "${loss}": y_pred must be at least rank 1, received shape ${formatShape(p0.shape)}.`);
  const ax = canonicalizeAxis(loss, axis, p0.rank);
  const resShape = p0.shape.filter((_, i) => i !== ax);
  const labelsOf = (t: Tensor): Tensor => (t.rank === p0.rank && t.shape[ax] === 1 ? ops.squeeze(t, [ax]) : t);
  const validOf = (t: Tensor): Tensor => ops.notEqual(ops.cast(t, 'float32'), ignoreClass ?? 0);
  const res = tidy(() => {
    let p = p0.dtype === 'float32' ? p0 : ops.cast(p0, 'float32');
    let t = labelsOf(yTrue);
    if (t.rank !== resShape.length || t.shape.some((d, i) => d !== resShape[i])) {
      throw new ValueError(
        `Loss "${loss}": y_true must have y_pred's shape without the class axis (${formatShape(resShape)}), ` +
          `received y_true ${formatShape(yTrue.shape)} and y_pred ${formatShape(p0.shape)}.`,
      );
    }
    let valid: Tensor | null = null;
    if (ignoreClass !== null) {
      valid = validOf(t);
      t = ops.where(valid, t, ops.zerosLike(t));
      p = ops.where(ops.expandDims(valid, ax), p, ops.zerosLike(p));
    }
    const depth = p.shape[ax]!;
    let oneHot = ops.cast(ops.oneHot(ops.cast(t, 'int32'), depth), 'float32');
    if (ax !== p.rank - 1) oneHot = moveLastAxisTo(oneHot, ax);
    const out = ops.neg(ops.sum(ops.mul(oneHot, categoricalLogProb(p, ax, fromLogits)), ax));
    return valid ? ops.where(valid, out, ops.zerosLike(out)) : out;
  });
  if (ignoreClass !== null) attachLossMask(res, () => tidy(() => ops.reshape(validOf(labelsOf(yTrue)), resShape)));
  return res;
}

function moveLastAxisTo(x: Tensor, axis: number): Tensor {
  const perm = [...Array(x.rank).keys()];
  perm.splice(axis, 0, perm.pop()!);
  return ops.transpose(x, perm);
}

/**
 * `computeGradients`: the gradients of a loss with respect to a model's trainable weights — what Keras users write
 * with `tf.GradientTape` or `jax.value_and_grad` in a custom training loop.
 */
import { keep, tidy, ValueError, Variable, variableGrads, type Tensor } from '@strata/core';
import { Layer, type KerasVariable } from '@strata/layers';

/** The loss and one gradient per weight (null when the loss does not depend on that weight). */
export interface Gradients {
  /** The value `fn` returned (a scalar; the caller owns it). */
  value: Tensor;
  /** The gradients, in the order of the weights (`model.trainableWeights` for a model). */
  grads: Array<Tensor | null>;
}

/**
 * Runs `fn` and differentiates the scalar it returns with respect to `weights` (a model or layer: its
 * `trainableWeights`; or a list of `KerasVariable`s or tfjs `Variable`s). Pair the result with
 * `optimizer.apply(grads, model.trainableWeights)`. Tensors made inside `fn` are freed, except the returned value and
 * any you `keep()`; the caller owns `value` and `grads`.
 *
 * @example
 * for (const [x, y] of batches) {
 *   const { value, grads } = computeGradients(model, () => lossFn.apply(y, model.apply(x, { training: true })));
 *   optimizer.apply(grads, model.trainableWeights);
 *   dispose([value, ...grads]);
 * }
 */
export function computeGradients(weights: Layer | ReadonlyArray<KerasVariable | Variable>, fn: () => Tensor): Gradients {
  const list = weights instanceof Layer ? weights.trainableWeights : weights;
  const vars = list.map((w) => (w instanceof Variable ? w : w.value));
  const trainable = vars.filter((v) => v.trainable);
  if (trainable.length === 0) {
    const owner = weights instanceof Layer ? `Model "${weights.name}"` : 'The given weight list';
    throw new ValueError(`${owner} has no trainable weights to differentiate: build the model first (call it on a batch) or unfreeze some layers.`);
  }
  let value: Tensor | null = null;
  const { grads } = tidy(() => {
    const result = variableGrads(() => {
      const loss = fn();
      if (!loss || typeof loss !== 'object' || !('rank' in loss)) throw new ValueError(`The loss function must return a scalar tensor. Received: ${String(loss)}`);
      if (loss.rank !== 0) throw new ValueError(`The loss function must return a scalar tensor. Received a tensor of shape [${loss.shape.join(', ')}].`);
      return loss as never;
    }, trainable);
    value = keep(result.value);
    return result;
  });
  return { value: value!, grads: vars.map((v) => grads[v.name] ?? null) };
}

/**
 * The default `trainStep` and `testStep` of `Model`, as Keras' backend trainers: one forward pass, the loss
 * (compiled loss + `model.losses`), gradients and one optimizer update (training only), then the metrics.
 */
import { keep, ops, Tensor, tidy, type Variable } from '@strata/core';
import { tree } from '@strata/layers';
import type { Model } from '../model.js';
import { unpackXYSampleWeight } from './data/unpack.js';
import { computeGradients } from './gradients.js';
import { requireCompiled } from './trainer.js';

/** The batch size Keras weighs the loss tracker by: the first input's first dimension. */
function batchSizeOf(x: unknown): number {
  const first = tree.flatten<Tensor | null>(x).find((t) => t instanceof Tensor);
  return first?.shape[0] ?? 1;
}

const warned = new WeakSet<Model>();

const builtModels = new WeakSet<Model>();

/**
 * Builds a model whose layers are not all built yet with one inference pass on `x` (Keras' `_symbolic_build`), so
 * its weights exist before a training step differentiates with respect to them.
 */
export function ensureBuilt(model: Model, x: unknown): void {
  if (builtModels.has(model)) return;
  if (!(model.built && model._flattenLayers().every((l) => l.built))) {
    try {
      tidy(() => {
        model.apply(x, { training: false });
      });
    } finally {
      model._clearLosses();
    }
  }
  if (model._flattenLayers().every((l) => l.built)) builtModels.add(model);
}

/** Keras' `train_step`. Call it inside `tidy`; returns the metric results (new tensors). */
export function defaultTrainStep(model: Model, data: unknown): Record<string, Tensor> {
  const state = requireCompiled(model, 'trainStep');
  const { x, y, sampleWeight } = unpackXYSampleWeight(data);
  ensureBuilt(model, x);
  const weights = model.trainableWeights;
  const inputs = new Set(tree.flatten<unknown>(x));
  // Tensors made inside the gradient function that must outlive it; freed when the step ends.
  const kept = new Set<Tensor>();
  let yPred: unknown;
  const forward = (): Tensor => {
    yPred = model.apply(x, { training: true });
    for (const t of tree.flatten<unknown>(yPred)) if (t instanceof Tensor && !inputs.has(t)) kept.add(keep(t));
    return model.computeLoss({ x, y, yPred, sampleWeight, training: true });
  };
  try {
    let loss: Tensor;
    if (weights.length > 0) {
      let unscaled: Tensor | null = null;
      const { value, grads } = computeGradients(weights, () => {
        unscaled = keep(forward());
        kept.add(unscaled);
        return state.optimizer.scaleLoss(unscaled);
      });
      kept.add(value);
      loss = unscaled ?? value;
      state.optimizer.apply(grads, weights as unknown as Variable[]);
      for (const g of grads) g?.dispose();
    } else {
      if (!warned.has(model)) {
        warned.add(model);
        console.warn('The model does not have any trainable weights.');
      }
      loss = forward();
    }
    state.lossTracker.updateState(loss, ops.scalar(batchSizeOf(x)));
    return model.computeMetrics(x, y, yPred, sampleWeight);
  } finally {
    model._clearLosses();
    for (const t of kept) t.dispose();
  }
}

/** Keras' `test_step`. Call it inside `tidy`; returns the metric results (new tensors). */
export function defaultTestStep(model: Model, data: unknown): Record<string, Tensor> {
  const state = requireCompiled(model, 'testStep');
  const { x, y, sampleWeight } = unpackXYSampleWeight(data);
  try {
    const yPred = model.apply(x, { training: false });
    const loss = model.computeLoss({ x, y, yPred, sampleWeight, training: false });
    state.lossTracker.updateState(loss, ops.scalar(batchSizeOf(x)));
    return model.computeMetrics(x, y, yPred, sampleWeight);
  } finally {
    model._clearLosses();
  }
}

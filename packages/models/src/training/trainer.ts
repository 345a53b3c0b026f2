/**
 * The compiled state of a model, as Keras' `Trainer`: the optimizer, the compiled losses and metrics, the loss
 * tracker, and the compile config. Kept beside the model (not on it), so model attributes stay Keras' own.
 */
import { ops, Tensor, tidy, ValueError } from '@strata/core';
import type { LossIdentifier } from '@strata/losses';
import { Mean, Metric } from '@strata/metrics';
import { get as getOptimizer, type Optimizer, type OptimizerIdentifier } from '@strata/optimizers';
import type { Model } from '../model.js';
import { CompileLoss, type LossArg, type LossWeightsArg } from './compile-loss.js';
import { CompileMetrics, type MetricsArg } from './compile-metrics.js';
import { modelOutputNames } from './outputs.js';

/** Options of `model.compile`. */
export interface CompileArgs {
  /** An optimizer or its name (default `'rmsprop'`). */
  optimizer?: OptimizerIdentifier;
  /** One loss, one per output (list), or a record keyed by output name. */
  loss?: LossArg;
  /** Weights of the outputs' losses: a number, a list, or a record keyed by output name. */
  lossWeights?: LossWeightsArg;
  /** Metrics, unweighted: a list, one entry per output, or a record keyed by output name. */
  metrics?: MetricsArg;
  /** Metrics weighted by `sampleWeight` / `classWeight`. */
  weightedMetrics?: MetricsArg;
  /** Accepted for Keras compatibility (Strata always runs eagerly). */
  runEagerly?: boolean;
  /** Accepted for Keras compatibility (ignored). */
  jitCompile?: boolean | 'auto';
  /** Accepted for Keras compatibility; only 1 is supported. */
  stepsPerExecution?: number;
}

/** What `compile` sets up. */
export interface TrainerState {
  optimizer: Optimizer;
  loss: LossArg | undefined;
  compileLoss: CompileLoss | null;
  compileMetrics: CompileMetrics | null;
  lossTracker: Mean;
  args: CompileArgs;
  /** Whether `compile` created the optimizer (from a name or config), so disposing the model frees it too. */
  ownsOptimizer: boolean;
}

const states = new WeakMap<Model, TrainerState>();

/** The compiled state of `model`, or undefined. */
export function trainerState(model: Model): TrainerState | undefined {
  return states.get(model);
}

/** The compiled state, or Keras' error when `compile` has not been called. */
export function requireCompiled(model: Model, method: string): TrainerState {
  const state = states.get(model);
  if (!state) {
    throw new ValueError(
      `You must call \`compile()\` before calling \`${method}()\` on model "${model.name}": ` +
        "e.g. model.compile({ optimizer: 'adam', loss: 'mse' }).",
    );
  }
  return state;
}

/** Keras' `compile`: resolves the optimizer, wraps losses and metrics, resets the loss tracker. */
export function compileModel(model: Model, args: CompileArgs = {}): void {
  const known = new Set(['optimizer', 'loss', 'lossWeights', 'metrics', 'weightedMetrics', 'runEagerly', 'jitCompile', 'stepsPerExecution']);
  const unknown = Object.keys(args).filter((k) => !known.has(k));
  if (unknown.length) throw new ValueError(`Unrecognized compile arguments: ${unknown.join(', ')}. Accepted: ${[...known].join(', ')}.`);
  if (args.stepsPerExecution !== undefined && args.stepsPerExecution !== 1) {
    throw new ValueError(`Only \`stepsPerExecution: 1\` is supported. Received: ${args.stepsPerExecution}`);
  }
  const optimizer = getOptimizer(args.optimizer ?? 'rmsprop');
  const outputNames = modelOutputNames(model);
  const previous = states.get(model);
  if (previous) disposeState(previous, optimizer);
  states.set(model, {
    optimizer,
    loss: args.loss ?? undefined,
    compileLoss: args.loss != null ? new CompileLoss(args.loss, args.lossWeights ?? null, outputNames) : null,
    compileMetrics: args.metrics != null || args.weightedMetrics != null ? new CompileMetrics(args.metrics ?? null, args.weightedMetrics ?? null, outputNames) : null,
    lossTracker: new Mean({ name: 'loss' }),
    args: { ...args, optimizer },
    ownsOptimizer: optimizer !== args.optimizer || (previous?.ownsOptimizer === true && previous.optimizer === optimizer),
  });
}

function disposeState(state: TrainerState, keep?: Optimizer): void {
  state.lossTracker.dispose();
  state.compileLoss?.dispose();
  state.compileMetrics?.dispose();
  if (state.ownsOptimizer && state.optimizer !== keep) state.optimizer.dispose();
}

/** Frees what `compile` set up (metric and loss-tracker state; the optimizer when compile created it). */
export function disposeCompiled(model: Model): void {
  const state = states.get(model);
  if (!state) return;
  states.delete(model);
  disposeState(state);
}

/** The metrics a model tracks, as Keras' `model.metrics`: loss tracker, compiled metrics, per-output losses, own. */
export function modelMetrics(model: Model): Array<Metric | CompileMetrics> {
  const state = states.get(model);
  const out: Array<Metric | CompileMetrics> = [];
  if (state) {
    out.push(state.lossTracker);
    if (state.compileMetrics) out.push(state.compileMetrics);
    if (state.compileLoss) out.push(...state.compileLoss.metrics);
  }
  // Metrics a subclassed model holds in its own properties (Keras tracks them the same way).
  for (const value of Object.values(model)) if (value instanceof Metric && !out.includes(value)) out.push(value);
  return out;
}

/**
 * Keras' `compute_loss`: the compiled loss plus the sum of `model.losses` (regularization and `addLoss`). Call it
 * inside `tidy` or a gradient function.
 */
export function computeLoss(model: Model, y: unknown, yPred: unknown, sampleWeight?: unknown): Tensor {
  const state = states.get(model);
  const losses: Tensor[] = [];
  const compiled = state?.compileLoss?.call(y, yPred, sampleWeight) ?? null;
  if (compiled) losses.push(compiled);
  for (const l of model.losses) losses.push(ops.sum(l.dtype === 'float32' ? l : ops.cast(l, 'float32')));
  if (losses.length === 0) throw new ValueError('No loss to compute. Provide a `loss` argument in `compile()`.');
  return losses.length === 1 ? losses[0]! : ops.addN(losses);
}

/** Updates the compiled metrics with one batch (Keras' `compute_metrics`) and returns every metric's result. */
export function computeMetrics(model: Model, y: unknown, yPred: unknown, sampleWeight?: unknown): Record<string, Tensor> {
  const state = states.get(model);
  if (state?.compileMetrics) tidy(() => state.compileMetrics!.updateState(y, yPred, sampleWeight));
  return model.getMetricsResult();
}

/** Every metric's current result, flat (Keras' `get_metrics_result`); new tensors. */
export function metricsResult(model: Model): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const m of model.metrics) {
    if (m instanceof CompileMetrics) {
      if (m.built) Object.assign(out, m.result());
    } else {
      out[m.name] = m.result();
    }
  }
  return out;
}

/** Keras' `_flatten_metrics_in_order`: loss and metric names first, then the other keys sorted; one value alone. */
export function flattenMetricsInOrder(model: Model, logs: Record<string, number>): number | number[] {
  const names: string[] = [];
  for (const m of model.metrics) {
    if (m instanceof CompileMetrics) names.push(...m.metrics.map((sub) => sub.name));
    else names.push(m.name);
  }
  const results: number[] = [];
  for (const name of names) if (name in logs) results.push(logs[name]!);
  for (const key of Object.keys(logs).sort()) if (!names.includes(key)) results.push(logs[key]!);
  return results.length === 1 ? results[0]! : results;
}

export type { LossIdentifier };

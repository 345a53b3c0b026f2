/**
 * The compile arguments as a config, as Keras' `get_compile_config` / `compile_from_config`: names stay strings,
 * optimizers, losses and metrics become `{ module, className, config, registeredName }` envelopes (camelCase here;
 * `toKerasJson` gives Keras' JSON), records and lists keep their shape.
 */
import { snakeToCamel, type CustomObjects } from '@strata/core';
import { tree } from '@strata/layers';
import * as losses from '@strata/losses';
import * as metrics from '@strata/metrics';
import * as optimizers from '@strata/optimizers';
import type { Model } from '../model.js';
import { isNameRecord, modelOutputNames } from './outputs.js';
import { trainerState, type CompileArgs } from './trainer.js';

type Kind = 'loss' | 'metric';

function serializeEntry(value: unknown, kind: Kind): unknown {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number') return value ?? null;
  if (Array.isArray(value)) return value.map((v) => serializeEntry(v, kind));
  if (isNameRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, serializeEntry(v, kind)]));
  if (tree.isPlainObject(value)) return value; // already an envelope
  return kind === 'loss' ? losses.serialize(value as never) : metrics.serialize(value as never);
}

/** `model.getCompileConfig()`: `{}` until compiled. */
export function getCompileConfig(model: Model): Record<string, unknown> {
  const state = trainerState(model);
  if (!state) return {};
  const a = state.args;
  return {
    optimizer: optimizers.serialize(state.optimizer),
    loss: serializeEntry(a.loss, 'loss'),
    lossWeights: a.lossWeights ?? null,
    metrics: serializeEntry(a.metrics, 'metric'),
    weightedMetrics: serializeEntry(a.weightedMetrics, 'metric'),
    runEagerly: a.runEagerly ?? false,
    stepsPerExecution: 1,
    jitCompile: a.jitCompile === true,
  };
}

function isEnvelope(x: unknown): x is { className: string } {
  return tree.isPlainObject(x) && typeof x.className === 'string' && 'config' in x;
}

function deserializeEntry(value: unknown, kind: Kind, outputNames: string[] | null, customObjects?: CustomObjects): unknown {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number') return value ?? undefined;
  if (Array.isArray(value)) return value.map((v) => deserializeEntry(v, kind, outputNames, customObjects));
  if (isEnvelope(value)) return kind === 'loss' ? losses.deserialize(value as never, customObjects) : metrics.deserialize(value as never, customObjects);
  if (tree.isPlainObject(value)) return restoreOutputKeys(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deserializeEntry(v, kind, outputNames, customObjects)])), outputNames);
  return value;
}

/**
 * Record keys are output names, but a camelCase round trip turns `dense_1` into `dense1`: map such keys back to
 * the output name they came from.
 */
function restoreOutputKeys<T>(record: Record<string, T>, outputNames: string[] | null): Record<string, T> {
  if (!outputNames) return record;
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(record)) {
    const name = outputNames.includes(k) ? k : (outputNames.find((n) => snakeToCamel(n) === k) ?? k);
    out[name] = v;
  }
  return out;
}

/** `model.compileFromConfig(config)`: compiles from a (camelCase) compile config, and builds the optimizer. */
export function compileFromConfig(model: Model, config: Record<string, unknown>, customObjects?: CustomObjects): void {
  const names = modelOutputNames(model);
  const args: CompileArgs = {};
  if (config.optimizer != null) args.optimizer = typeof config.optimizer === 'string' ? config.optimizer : optimizers.deserialize(config.optimizer as never, customObjects);
  if (config.loss != null) args.loss = deserializeEntry(config.loss, 'loss', names, customObjects) as CompileArgs['loss'];
  if (config.lossWeights != null) {
    const w = config.lossWeights;
    args.lossWeights = (tree.isPlainObject(w) ? restoreOutputKeys(w as Record<string, number>, names) : w) as CompileArgs['lossWeights'];
  }
  if (config.metrics != null) args.metrics = deserializeEntry(config.metrics, 'metric', names, customObjects) as CompileArgs['metrics'];
  if (config.weightedMetrics != null) args.weightedMetrics = deserializeEntry(config.weightedMetrics, 'metric', names, customObjects) as CompileArgs['weightedMetrics'];
  model.compile(args);
  if (model.built && model.trainableWeights.length > 0) model.optimizer!.build(model.trainableWeights);
}

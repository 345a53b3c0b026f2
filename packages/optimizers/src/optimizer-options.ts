/**
 * The arguments every optimizer takes (Keras 3's `BaseOptimizer` arguments, camelCase) and their validation, with
 * Keras' error messages.
 */
import { ValueError } from '@strata/core';
import type { LearningRate } from './learning-rate.js';

/** The arguments every optimizer takes. */
export interface OptimizerOptions {
  /** A number, a schedule, or a zero-argument function. The default depends on the optimizer. */
  learningRate?: LearningRate;
  /** Decoupled weight decay: `v -= v · weightDecay · lr` before each update. */
  weightDecay?: number | null;
  /** Clip each gradient to this L2 norm. At most one clipping argument may be set. */
  clipnorm?: number | null;
  /** Clip each gradient element to `[-clipvalue, clipvalue]`. */
  clipvalue?: number | null;
  /** Clip all gradients together to this global L2 norm. */
  globalClipnorm?: number | null;
  /** Keep an exponential moving average of the variables. Default false. */
  useEma?: boolean;
  /** Default 0.99. */
  emaMomentum?: number;
  /** Copy the averages into the variables every this many steps. Default null (only `finalizeVariableValues`). */
  emaOverwriteFrequency?: number | null;
  /** Gradients are divided by this (and `scaleLoss` multiplies the loss by it). */
  lossScaleFactor?: number | null;
  /** Update every this many steps (≥ 2), with the mean of the gradients accumulated since the last update. */
  gradientAccumulationSteps?: number | null;
  /** Default: the class name in snake_case, made unique (`adam`, `adam_1`, `rm_sprop`). */
  name?: string | null;
}

/** The base settings with defaults applied (`null` for "off"). */
export interface OptimizerSettings {
  weightDecay: number | null;
  clipnorm: number | null;
  clipvalue: number | null;
  globalClipnorm: number | null;
  useEma: boolean;
  emaMomentum: number;
  emaOverwriteFrequency: number | null;
  lossScaleFactor: number | null;
  gradientAccumulationSteps: number | null;
}

const BASE_KEYS = [
  'learningRate', 'weightDecay', 'clipnorm', 'clipvalue', 'globalClipnorm', 'useEma', 'emaMomentum',
  'emaOverwriteFrequency', 'lossScaleFactor', 'gradientAccumulationSteps', 'name',
];

/**
 * Validates an optimizer's options as Keras does: unknown arguments are refused (Keras 2's `decay` is dropped with a
 * warning), at most one clipping argument, accumulation steps ≥ 2, EMA arguments in range. Returns a copy of the
 * options without `decay`, and the base settings.
 */
export function checkOptions(given: OptimizerOptions, ownKeys: string[]): { options: OptimizerOptions; settings: OptimizerSettings } {
  const options = { ...given } as OptimizerOptions & Record<string, unknown>;
  if ('decay' in options) {
    if (options.decay != null) console.warn('Argument `decay` is no longer supported and will be ignored.');
    delete options.decay;
  }
  const known = [...BASE_KEYS, ...ownKeys];
  const unknown = Object.keys(options).filter((k) => !known.includes(k) && options[k] !== undefined);
  if (unknown.length > 0) {
    const shown = unknown.map((k) => `'${k}': ${JSON.stringify(options[k])}`).join(', ');
    throw new ValueError(`Argument(s) not recognized: {${shown}}. Accepted arguments: ${known.join(', ')}.`);
  }
  if ([options.clipnorm, options.clipvalue, options.globalClipnorm].filter((c) => c != null).length > 1) {
    throw new ValueError(
      'Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. ' +
        `Received: clipnorm=${options.clipnorm}, clipvalue=${options.clipvalue}, global_clipnorm=${options.globalClipnorm}`,
    );
  }
  const acc = options.gradientAccumulationSteps ?? null;
  if (acc && !(Number.isInteger(acc) && acc >= 2)) {
    throw new ValueError(`\`gradient_accumulation_steps\` must be an integer >= 2. Received: gradient_accumulation_steps=${acc}`);
  }
  const settings: OptimizerSettings = {
    weightDecay: options.weightDecay ?? null,
    clipnorm: options.clipnorm ?? null,
    clipvalue: options.clipvalue ?? null,
    globalClipnorm: options.globalClipnorm ?? null,
    useEma: options.useEma ?? false,
    emaMomentum: options.emaMomentum ?? 0.99,
    emaOverwriteFrequency: options.emaOverwriteFrequency ?? null,
    lossScaleFactor: options.lossScaleFactor ?? null,
    gradientAccumulationSteps: acc,
  };
  if (settings.useEma) {
    if (settings.emaMomentum > 1 || settings.emaMomentum < 0) {
      throw new ValueError(`\`ema_momentum\` must be in the range [0, 1]. Received: ema_momentum=${settings.emaMomentum}`);
    }
    const f = settings.emaOverwriteFrequency;
    if (f && !(Number.isInteger(f) && f >= 1)) {
      throw new ValueError(`\`ema_overwrite_frequency\` must be an integer >= 1 or None. Received: ema_overwrite_frequency=${f}`);
    }
  }
  return { options, settings };
}

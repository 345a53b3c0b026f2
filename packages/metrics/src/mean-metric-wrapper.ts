import { ops, tidy, type CustomObjects, type Tensor } from '@strata/core';
import { applyMask, type SerializedFunction } from '@strata/losses';
import {
  isLossFunction, resolveMetricFunction, serializeMetricFunction, type MetricFunction,
} from './function-registry.js';
import { Mean } from './mean.js';
import type { Metric, MetricOptions } from './metric.js';

/** Options of {@link MeanMetricWrapper}: the function, the metric options, and the function's own options. */
export interface MeanMetricWrapperOptions extends MetricOptions {
  /** A metric or loss function, its registered name, or its serialized envelope. */
  fn: MetricFunction | string | SerializedFunction;
  /** Keyword arguments passed to `fn` (`{ threshold: 0.7 }`), as Keras' `**kwargs`. */
  [option: string]: unknown;
}

/**
 * The running mean of a function's per-sample values, as `keras.metrics.MeanMetricWrapper`: any loss function
 * works as a metric this way (`compile({ metrics: ['mse'] })` builds one).
 *
 * @example
 * const m = new MeanMetricWrapper({ fn: huber, name: 'huber', delta: 0.5 });
 * m.updateState(yTrue, yPred);
 * m.result(); // mean Huber loss so far
 */
export class MeanMetricWrapper extends Mean {
  static override className = 'MeanMetricWrapper';
  readonly fn: MetricFunction;
  /** The options passed to `fn`. */
  readonly fnOptions: Record<string, unknown>;

  constructor(options: MeanMetricWrapperOptions, customObjects?: CustomObjects) {
    const { fn, name, dtype, ...fnOptions } = options;
    const resolved = resolveMetricFunction(fn, customObjects);
    super({ name: name ?? 'mean_metric_wrapper', dtype });
    this.fn = resolved;
    this.fnOptions = fnOptions;
    if (isLossFunction(resolved)) this.direction = 'down';
  }

  /**
   * Adds `fn(yTrue, yPred)` to the mean, weighted by `sampleWeight` and by `mask` (the predictions' mask, `true` =
   * counted).
   */
  override updateState(yTrue: Tensor, yPred?: Tensor | null, sampleWeight?: Tensor | null, mask?: Tensor | null): void {
    tidy(() => {
      const values = this.fn(yTrue, yPred!, this.fnOptions);
      const weight = applyMask(sampleWeight ? ops.cast(sampleWeight, 'float32') : null, mask ?? null, 'sum');
      this.accumulate(values, weight);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), fn: serializeMetricFunction(this.fn), ...this.fnOptions };
  }

  static override fromConfig<T extends Metric>(this: new (config?: any, customObjects?: CustomObjects) => T, config: Record<string, unknown>, customObjects?: CustomObjects): T {
    return new this(config, customObjects);
  }
}

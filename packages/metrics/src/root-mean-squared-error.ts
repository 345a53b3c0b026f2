import { ops, tidy, type Tensor } from '@strata/core';
import { squeezeOrExpandToSameRank } from '@strata/losses';
import { Mean } from './mean.js';
import type { MetricOptions } from './metric.js';

/**
 * The square root of the mean squared error over everything seen, as `keras.metrics.RootMeanSquaredError`.
 *
 * Arguments: `name` (default `'root_mean_squared_error'`), `dtype`.
 *
 * @example
 * const m = new RootMeanSquaredError();
 * m.updateState(ops.tensor([[0, 1], [0, 0]]), ops.tensor([[1, 1], [0, 0]]));
 * m.result(); // sqrt(0.25) = 0.5
 */
export class RootMeanSquaredError extends Mean {
  static override className = 'RootMeanSquaredError';

  constructor(options: MetricOptions = {}) {
    super({ ...options, name: options.name ?? 'root_mean_squared_error' });
    this.direction = 'down';
  }

  override updateState(yTrue: Tensor, yPred?: Tensor | null, sampleWeight?: Tensor | null): void {
    tidy(() => {
      const [t, p] = squeezeOrExpandToSameRank(ops.cast(yTrue, 'float32'), ops.cast(yPred!, 'float32'));
      this.accumulate(ops.square(ops.sub(p, t)), sampleWeight);
    });
  }

  override result(): Tensor {
    return tidy(() => ops.sqrt(super.result()));
  }
}

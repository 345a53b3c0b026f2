import { ValueError } from '@strata/core';
import { Adam, type AdamOptions } from './adam.js';

/** Options of {@link AdamW}. */
export interface AdamWOptions extends AdamOptions {
  /** Decoupled weight decay; required (not null). Default 0.004. */
  weightDecay?: number;
}

/**
 * Adam with decoupled weight decay, as `keras.optimizers.AdamW`: Adam's update after `w −= w · weightDecay · lr`.
 * Slots as {@link Adam}.
 *
 * @example
 * const opt = new AdamW({ learningRate: 1e-3, weightDecay: 0.01 });
 * opt.excludeFromWeightDecay({ varNames: ['bias'] });
 */
export class AdamW extends Adam {
  static override className = 'AdamW';

  constructor(options: AdamWOptions = {}) {
    if ((options as { weightDecay?: number | null }).weightDecay === null) {
      throw new ValueError('Argument `weight_decay` must be a float. Received: weight_decay=None');
    }
    super({ ...options, weightDecay: options.weightDecay ?? 0.004 });
  }
}

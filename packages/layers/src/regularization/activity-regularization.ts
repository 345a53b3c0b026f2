import type { Tensor } from '@strata/core';
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { Shape } from '../engine/shape.js';
import { L1L2 } from '../regularizers/l1-l2.js';
import { registerLayer } from '../serialization.js';

/** Options of `ActivityRegularization`. */
export interface ActivityRegularizationArgs extends Omit<LayerArgs, 'activityRegularizer'> {
  /** L1 factor (default 0). */
  l1?: number;
  /** L2 factor (default 0). */
  l2?: number;
}

/**
 * Passes its input through and adds `l1 · sum(|x|) + l2 · sum(x²)`, divided by the batch size, to the losses, as
 * `keras.layers.ActivityRegularization`.
 *
 * Arguments: `l1`, `l2`.
 *
 * Input shape: any. Output shape: the input shape.
 *
 * @example
 * const reg = new ActivityRegularization({ l2: 0.01 });
 * reg.apply(ops.ones([2, 3]));
 * reg.losses; // [0.03]
 */
export class ActivityRegularization extends Layer {
  static override className = 'ActivityRegularization';

  readonly l1: number;
  readonly l2: number;

  constructor(args: ActivityRegularizationArgs = {}) {
    const l1 = args.l1 ?? 0;
    const l2 = args.l2 ?? 0;
    super({ ...args, activityRegularizer: new L1L2({ l1, l2 }) });
    this.l1 = l1;
    this.l2 = l2;
    this.supportsMasking = true;
    this.buildAtInit();
  }

  override call(inputs: Tensor): Tensor {
    return inputs;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    const { activityRegularizer: _dropped, ...base } = super.getConfig();
    return { ...base, l1: this.l1, l2: this.l2 };
  }
}
registerLayer(ActivityRegularization);

/**
 * Keras' ResNet v1 bottleneck blocks (`keras/src/applications/resnet.py`: `residual_block_v1`,
 * `stack_residual_blocks_v1`), with Keras' layer names (`{name}_0_conv`, `{name}_1_bn`, `{name}_add`, `{name}_out`…)
 * and BatchNormalization epsilon 1.001e-5.
 *
 * @example
 * x = stackResidualBlocksV1(x, 64, 3, { stride1: 1, name: 'conv2' }); // conv2_block1 … conv2_block3
 */
import { Activation, Add, BatchNormalization, Conv2D, type KerasTensor } from '@strata/layers';

/** Channels-last images: the channel axis BatchNormalization normalises. */
const BN_AXIS = 3;
const BN_EPSILON = 1.001e-5;

function bn(x: KerasTensor, name: string): KerasTensor {
  return new BatchNormalization({ axis: BN_AXIS, epsilon: BN_EPSILON, name }).apply(x) as KerasTensor;
}

/** Options of {@link residualBlockV1} (Keras' defaults: `kernelSize` 3, `stride` 1, `convShortcut` true). */
export interface ResidualBlockV1Options {
  kernelSize?: number;
  stride?: number;
  /** A 1×1 convolution + BN shortcut (true), or the identity. */
  convShortcut?: boolean;
  /** Block label, e.g. `'conv2_block1'`. */
  name: string;
}

/**
 * One bottleneck block: 1×1 (`filters`, strided) → 3×3 → 1×1 (`4 * filters`), each with BN, added to the shortcut.
 *
 * @example
 * const y = residualBlockV1(x, 64, { stride: 1, name: 'conv2_block1' }); // 256 channels
 */
export function residualBlockV1(x: KerasTensor, filters: number, options: ResidualBlockV1Options): KerasTensor {
  const { kernelSize = 3, stride = 1, convShortcut = true, name } = options;
  let shortcut: KerasTensor;
  if (convShortcut) {
    shortcut = new Conv2D({ filters: 4 * filters, kernelSize: 1, strides: stride, name: `${name}_0_conv` }).apply(x) as KerasTensor;
    shortcut = bn(shortcut, `${name}_0_bn`);
  } else {
    shortcut = x;
  }

  x = new Conv2D({ filters, kernelSize: 1, strides: stride, name: `${name}_1_conv` }).apply(x) as KerasTensor;
  x = bn(x, `${name}_1_bn`);
  x = new Activation({ activation: 'relu', name: `${name}_1_relu` }).apply(x) as KerasTensor;

  x = new Conv2D({ filters, kernelSize, padding: 'SAME', name: `${name}_2_conv` }).apply(x) as KerasTensor;
  x = bn(x, `${name}_2_bn`);
  x = new Activation({ activation: 'relu', name: `${name}_2_relu` }).apply(x) as KerasTensor;

  x = new Conv2D({ filters: 4 * filters, kernelSize: 1, name: `${name}_3_conv` }).apply(x) as KerasTensor;
  x = bn(x, `${name}_3_bn`);

  x = new Add({ name: `${name}_add` }).apply([shortcut, x]) as KerasTensor;
  return new Activation({ activation: 'relu', name: `${name}_out` }).apply(x) as KerasTensor;
}

/**
 * `blocks` residual blocks named `{name}_block1`…: the first with a convolution shortcut and stride `stride1`
 * (default 2), the rest with identity shortcuts.
 *
 * @example
 * x = stackResidualBlocksV1(x, 128, 4, { name: 'conv3' }); // 28×28×512 from 56×56×256
 */
export function stackResidualBlocksV1(
  x: KerasTensor,
  filters: number,
  blocks: number,
  options: { stride1?: number; name: string },
): KerasTensor {
  const { stride1 = 2, name } = options;
  x = residualBlockV1(x, filters, { stride: stride1, name: `${name}_block1` });
  for (let i = 2; i <= blocks; i++) x = residualBlockV1(x, filters, { convShortcut: false, name: `${name}_block${i}` });
  return x;
}

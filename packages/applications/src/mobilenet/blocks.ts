/**
 * MobileNet's two building blocks, as Keras' `_conv_block` and `_depthwise_conv_block` in
 * `keras/src/applications/mobilenet.py`: the same layers, names, arguments and order.
 *
 * @example
 * let x = convBlock(Input({ shape: [224, 224, 3] }), 32, 1.0, [2, 2]);
 * x = depthwiseConvBlock(x, 64, 1.0, 1, [1, 1], 1); // conv_dw_1 … conv_pw_1_relu
 */
import { BatchNormalization, Conv2D, DepthwiseConv2D, ReLU, ZeroPadding2D, type KerasTensor } from '@strata/layers';

/** Channels-last only, as the rest of Strata's applications: Keras' `channel_axis = -1`. */
const CHANNEL_AXIS = -1;

/**
 * The stem: a 3×3 `Conv2D` without bias (`conv1`), `BatchNormalization` (`conv1_bn`) and `ReLU(6)` (`conv1_relu`);
 * `filters` is scaled by `alpha` and truncated as Python's `int(filters * alpha)`.
 *
 * @example
 * convBlock(Input({ shape: [224, 224, 3] }), 32, 0.5, [2, 2]).shape; // [null, 112, 112, 16]
 */
export function convBlock(inputs: KerasTensor, filters: number, alpha: number, strides: [number, number] = [1, 1]): KerasTensor {
  const x = new Conv2D({
    filters: Math.trunc(filters * alpha),
    kernelSize: [3, 3],
    padding: 'same',
    useBias: false,
    strides,
    name: 'conv1',
  }).apply(inputs);
  const y = new BatchNormalization({ axis: CHANNEL_AXIS, name: 'conv1_bn' }).apply(x);
  return new ReLU({ maxValue: 6.0, name: 'conv1_relu' }).apply(y);
}

/**
 * A depthwise-separable block `blockId`: `conv_pad_<id>` (strided blocks only) → `conv_dw_<id>` (3×3 depthwise,
 * no bias) → `conv_dw_<id>_bn` → `conv_dw_<id>_relu` → `conv_pw_<id>` (1×1 conv, no bias) → `conv_pw_<id>_bn` →
 * `conv_pw_<id>_relu`.
 *
 * @example
 * depthwiseConvBlock(x, 128, 1.0, 1, [2, 2], 2); // halves the spatial size, 128 channels out
 */
export function depthwiseConvBlock(
  inputs: KerasTensor,
  pointwiseConvFilters: number,
  alpha: number,
  depthMultiplier = 1,
  strides: [number, number] = [1, 1],
  blockId = 1,
): KerasTensor {
  const filters = Math.trunc(pointwiseConvFilters * alpha);
  const unit = strides[0] === 1 && strides[1] === 1;
  let x = inputs;
  if (!unit) {
    x = new ZeroPadding2D({ padding: [[0, 1], [0, 1]], name: `conv_pad_${blockId}` }).apply(x);
  }
  x = new DepthwiseConv2D({
    kernelSize: [3, 3],
    padding: unit ? 'same' : 'valid',
    depthMultiplier,
    strides,
    useBias: false,
    name: `conv_dw_${blockId}`,
  }).apply(x);
  x = new BatchNormalization({ axis: CHANNEL_AXIS, name: `conv_dw_${blockId}_bn` }).apply(x);
  x = new ReLU({ maxValue: 6.0, name: `conv_dw_${blockId}_relu` }).apply(x);
  x = new Conv2D({
    filters,
    kernelSize: [1, 1],
    padding: 'same',
    useBias: false,
    strides: [1, 1],
    name: `conv_pw_${blockId}`,
  }).apply(x);
  x = new BatchNormalization({ axis: CHANNEL_AXIS, name: `conv_pw_${blockId}_bn` }).apply(x);
  return new ReLU({ maxValue: 6.0, name: `conv_pw_${blockId}_relu` }).apply(x);
}

import {
  type DepthwiseConv2dNativeBackpropInputAttrs,
  type DepthwiseConv2dNativeBackpropInputInputs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  DepthwiseConv2dNativeBackpropInput,
  backend_util,
} from '@tensorflow/tfjs-core';
import { explicitPad2D, spreadForTransposedConv } from './conv-padding.js';
import { WASM, withScope } from './kernel-scope.js';

/**
 * The gradient of a depthwise convolution with respect to its input, as a forward depthwise convolution on the wasm
 * backend: `dy`, zero-inserted by the stride and padded, is correlated with the spatially flipped filter (one group per
 * input channel and multiplier), and the multiplier's outputs are summed per input channel.
 *
 * @example
 * tf.depthwiseConv2d(x, w, 2, 'same') // its gradient with respect to x now runs on wasm
 */
export const depthwiseConv2dNativeBackpropInput: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs as DepthwiseConv2dNativeBackpropInputInputs;
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
  const info = backend_util.computeConv2DInfo(
    inputShape, filter!.shape as [number, number, number, number], strides, dilations ?? 1, pad, dimRoundingMode, true);
  if (dy!.shape.join() !== info.outShape.join()) {
    throw new Error(`DepthwiseConv2dNativeBackpropInput: expected dy of shape [${info.outShape}] for input shape [${inputShape}], received [${dy!.shape}].`);
  }
  const [kh, kw, c, m] = filter!.shape as [number, number, number, number];
  const { batchSize: n, inHeight: h, inWidth: w } = info;
  return withScope(backend as KernelBackend, (scope) => {
    const { input, pads } = spreadForTransposedConv(scope, dy!, [
      { inSize: h, outSize: info.outHeight, kernel: kh, stride: info.strideHeight, dilation: info.dilationHeight, padBefore: info.padInfo.top },
      { inSize: w, outSize: info.outWidth, kernel: kw, stride: info.strideWidth, dilation: info.dilationWidth, padBefore: info.padInfo.left }]);
    const flipped = scope.reshape(scope.reverse(filter!, [0, 1]), [kh, kw, c * m, 1]);
    const out = scope.run('DepthwiseConv2dNative', { x: input, filter: flipped }, {
      strides: [1, 1],
      dilations: [info.dilationHeight, info.dilationWidth],
      pad: explicitPad2D(pads),
      dataFormat: 'NHWC',
    });
    return m === 1 ? out : scope.sum(scope.reshape(out, [n, h, w, c, m]), [4]);
  });
};

export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: WASM,
  kernelFunc: depthwiseConv2dNativeBackpropInput,
};

import {
  type Conv3DBackpropInputV2Attrs,
  type Conv3DBackpropInputV2Inputs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  Conv3DBackpropInputV2,
  backend_util,
} from '@tensorflow/tfjs-core';
import { padAxis, spreadForTransposedConv } from './conv-padding.js';
import { WASM, withScope } from './kernel-scope.js';

/**
 * The gradient of a 3D convolution with respect to its input (also the forward pass of `conv3dTranspose`), as one
 * forward `Conv3D` on the wasm backend: `dy`, zero-inserted by the strides and padded, correlated with the filter
 * flipped in space and with its channel axes swapped. It replaces tfjs-backend-wasm 4.22's own kernel, whose results
 * are wrong (they disagree with the cpu backend and with numerical gradients for every shape tried).
 *
 * @example
 * tf.conv3dTranspose(x, w, [1, 8, 8, 8, 3], 2, 'same') // runs as a forward Conv3D on wasm
 */
export const conv3DBackpropInputV2: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs as Conv3DBackpropInputV2Inputs;
  const { strides, pad, inputShape } = attrs as unknown as Conv3DBackpropInputV2Attrs;
  const filterShape = filter!.shape as [number, number, number, number, number];
  const info = backend_util.computeConv3DInfo(inputShape, filterShape, strides, 1, pad);
  if (dy!.shape.join() !== info.outShape.join()) {
    throw new Error(`Conv3DBackpropInputV2: expected dy of shape [${info.outShape}] for input shape [${inputShape}], received [${dy!.shape}].`);
  }
  return withScope(backend as KernelBackend, (scope) => {
    const { input, pads } = spreadForTransposedConv(scope, dy!, [
      { inSize: info.inDepth, outSize: info.outDepth, kernel: info.filterDepth, stride: info.strideDepth, dilation: 1, padBefore: info.padInfo.front },
      { inSize: info.inHeight, outSize: info.outHeight, kernel: info.filterHeight, stride: info.strideHeight, dilation: 1, padBefore: info.padInfo.top },
      { inSize: info.inWidth, outSize: info.outWidth, kernel: info.filterWidth, stride: info.strideWidth, dilation: 1, padBefore: info.padInfo.left },
    ]);
    // tfjs' Conv3D takes only 'same' / 'valid', so the padding is applied here, one axis at a time.
    const padded = pads.reduce((t, [before, after], i) => padAxis(scope, t, i + 1, before, after), input);
    const flipped = scope.transpose(scope.reverse(filter!, [0, 1, 2]), [0, 1, 2, 4, 3]);
    return scope.run('Conv3D', { x: padded, filter: flipped }, { strides: [1, 1, 1], pad: 'valid', dilations: [1, 1, 1] });
  });
};

export const conv3DBackpropInputV2Config: KernelConfig = {
  kernelName: Conv3DBackpropInputV2,
  backendName: WASM,
  kernelFunc: conv3DBackpropInputV2,
};

import {
  type DepthwiseConv2dNativeBackpropFilterAttrs,
  type DepthwiseConv2dNativeBackpropFilterInputs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  DepthwiseConv2dNativeBackpropFilter,
  backend_util,
} from '@tensorflow/tfjs-core';
import { filterGradPad } from './conv-padding.js';
import { WASM, withScope } from './kernel-scope.js';
import { activeFastKernels } from '../fast/module.js';
import { allocate, ptrOf } from './wasm-output.js';

/**
 * The gradient of a depthwise convolution with respect to its filter [kh, kw, C, M], as one grouped (depthwise)
 * convolution on the wasm backend: the input becomes one image with C·N channels (each channel of each sample its own
 * group), `dy` becomes a per-group filter dilated by the stride, the convolution steps by the forward dilation, and the
 * N per-sample results are summed. While Strata's fast kernels are on (the default), float32 gradients run instead in
 * one pass of the SIMD module, accumulating every tap's products into the small filter gradient: the grouped
 * convolution handles `dy` as a huge per-group filter poorly (30–60× the forward convolution).
 *
 * @example
 * tf.depthwiseConv2d(x, w, 1, 'same') // its gradient with respect to w now runs on wasm
 */
export const depthwiseConv2dNativeBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as DepthwiseConv2dNativeBackpropFilterInputs;
  const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
  const info = backend_util.computeConv2DInfo(
    x!.shape as [number, number, number, number], filterShape, strides, dilations ?? 1, pad, dimRoundingMode, true);
  if (dy!.shape.join() !== info.outShape.join()) {
    throw new Error(`DepthwiseConv2dNativeBackpropFilter: expected dy of shape [${info.outShape}] for x of shape [${x!.shape}], received [${dy!.shape}].`);
  }
  const [kh, kw, c, m] = filterShape;
  const { batchSize: n, inHeight: h, inWidth: w, outHeight: ho, outWidth: wo } = info;
  const fast = x!.dtype === 'float32' ? activeFastKernels(backend as KernelBackend) : null;
  if (fast) {
    const out = allocate(backend as KernelBackend, [kh, kw, c, m]);
    fast.depthwise_filter_grad(ptrOf(backend as KernelBackend, x!), ptrOf(backend as KernelBackend, dy!), out.ptr, n, h, w, c, kh, kw,
      info.strideHeight, info.strideWidth, info.dilationHeight, info.dilationWidth, info.padInfo.top, info.padInfo.left, ho, wo, m);
    return out.info;
  }
  return withScope(backend as KernelBackend, (scope) => {
    const image = scope.reshape(scope.transpose(x!, [1, 2, 3, 0]), [1, h, w, c * n]);
    const perGroup = scope.transpose(scope.reshape(dy!, [n, ho, wo, c, m]), [1, 2, 3, 0, 4]);
    const filter = scope.reshape(perGroup, [ho, wo, c * n, m]);
    const rows = { inSize: h, outSize: ho, kernel: kh, stride: info.strideHeight, dilation: info.dilationHeight, padBefore: info.padInfo.top };
    const cols = { inSize: w, outSize: wo, kernel: kw, stride: info.strideWidth, dilation: info.dilationWidth, padBefore: info.padInfo.left };
    const out = scope.run('DepthwiseConv2dNative', { x: image, filter }, {
      strides: [info.dilationHeight, info.dilationWidth],
      dilations: [info.strideHeight, info.strideWidth],
      pad: [[0, 0], filterGradPad(rows), filterGradPad(cols), [0, 0]],
      dataFormat: 'NHWC',
    });
    const [, oh, ow] = out.shape as [number, number, number, number];
    const perSample = scope.reshape(out, [oh, ow, c, n, m]);
    const summed = n === 1 ? scope.reshape(perSample, [oh, ow, c, m]) : scope.sum(perSample, [3]);
    return scope.slice(summed, [0, 0, 0, 0], [kh, kw, c, m]);
  });
};

export const depthwiseConv2dNativeBackpropFilterConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  backendName: WASM,
  kernelFunc: depthwiseConv2dNativeBackpropFilter,
};

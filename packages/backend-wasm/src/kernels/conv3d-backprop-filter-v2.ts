import {
  type Conv3DBackpropFilterV2Attrs,
  type Conv3DBackpropFilterV2Inputs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  Conv3DBackpropFilterV2,
  backend_util,
} from '@tensorflow/tfjs-core';
import { activeFastKernels } from '../fast/module.js';
import { filterGradPad, padAxis } from './conv-padding.js';
import { conv3dGemm } from './conv3d-gemm.js';
import { gemmFilterGrad } from './gemm-conv.js';
import { WASM, withScope } from './kernel-scope.js';

/**
 * The gradient of a 3D convolution with respect to its filter, `dW[a, i, j, ci, co] = Σ x[n, z·sd + a − pf, y·sh + i
 * − pt, x·sw + j − pl, ci] · dy[n, z, y, x, co]`. While Strata's fast kernels are on, as the transposed im2col of x
 * by the SIMD module times `dy`, one XNNPACK matrix product (gemm-conv.ts); otherwise as one forward `Conv3D` of the
 * padded input (batch and channels swapped) with `dy` as a filter dilated by the strides. It replaces
 * tfjs-backend-wasm 4.22's kernel, a plain loop whose results are wrong whenever a stride is above 1.
 *
 * @example
 * tf.grad((w) => tf.sum(tf.conv3d(x, w, 2, 'same')))(w) // runs this kernel on wasm
 */
export const conv3DBackpropFilterV2: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as Conv3DBackpropFilterV2Inputs;
  const { strides, pad, filterShape } = attrs as unknown as Conv3DBackpropFilterV2Attrs;
  const info = backend_util.computeConv3DInfo(
    x!.shape as [number, number, number, number, number], filterShape, strides, 1, pad);
  if (dy!.shape.join() !== info.outShape.join()) {
    throw new Error(`Conv3DBackpropFilterV2: expected dy of shape [${info.outShape}] for x of shape [${x!.shape}], received [${dy!.shape}].`);
  }
  const fast = x!.dtype === 'float32' && dy!.dtype === 'float32' ? activeFastKernels(backend as KernelBackend) : null;
  if (fast) return gemmFilterGrad(backend as KernelBackend, fast, x!, dy!, conv3dGemm(fast, info));
  return withScope(backend as KernelBackend, (scope) => {
    const axes = [
      { inSize: info.inDepth, outSize: info.outDepth, kernel: info.filterDepth, stride: info.strideDepth, dilation: 1, padBefore: info.padInfo.front },
      { inSize: info.inHeight, outSize: info.outHeight, kernel: info.filterHeight, stride: info.strideHeight, dilation: 1, padBefore: info.padInfo.top },
      { inSize: info.inWidth, outSize: info.outWidth, kernel: info.filterWidth, stride: info.strideWidth, dilation: 1, padBefore: info.padInfo.left },
    ];
    // tfjs' Conv3D takes only 'same' / 'valid', so the padding is applied here, one axis at a time.
    const padded = axes.reduce((t, a, i) => padAxis(scope, t, i + 1, ...filterGradPad(a)), x!);
    const xT = scope.transpose(padded, [4, 1, 2, 3, 0]); // [Cin, D', H', W', N]
    const dyT = scope.transpose(dy!, [1, 2, 3, 0, 4]); // [od, oh, ow, N, Cout]
    const out = scope.run('Conv3D', { x: xT, filter: dyT }, { strides: [1, 1, 1], pad: 'valid', dilations: [info.strideDepth, info.strideHeight, info.strideWidth] });
    const cropped = scope.slice(out, [0, 0, 0, 0, 0], [info.inChannels, info.filterDepth, info.filterHeight, info.filterWidth, info.outChannels]);
    return scope.transpose(cropped, [1, 2, 3, 0, 4]);
  });
};

export const conv3DBackpropFilterV2Config: KernelConfig = {
  kernelName: Conv3DBackpropFilterV2,
  backendName: WASM,
  kernelFunc: conv3DBackpropFilterV2,
};

import { type Conv3DAttrs, type Conv3DInputs, type KernelBackend, type KernelFunc, Conv3D, backend_util } from '@tensorflow/tfjs-core';
import { activeFastKernels } from '../fast/module.js';
import { conv3dGemm } from './conv3d-gemm.js';
import { gemmForward } from './gemm-conv.js';
import { replaceKernel } from './replace-kernel.js';

/**
 * `Conv3D` (NDHWC, float32) as an im2col by Strata's SIMD module times the filter, one XNNPACK matrix product, while
 * the fast kernels are on; tfjs-backend-wasm 4.22's own kernel (a plain loop, about 30× slower) otherwise. The
 * padded forward convolution of `Conv3DBackpropInputV2` runs on it too.
 *
 * @example
 * tf.conv3d(x, w, 1, 'same') // a matrix product on wasm
 */
export function fastConv3D(previous: KernelFunc): KernelFunc {
  return (args) => {
    const { x, filter } = args.inputs as Conv3DInputs;
    const { strides, pad, dilations } = args.attrs as unknown as Conv3DAttrs;
    const backend = args.backend as KernelBackend;
    const fast = x!.dtype === 'float32' && filter!.dtype === 'float32' ? activeFastKernels(backend) : null;
    if (fast == null) return previous(args);
    const info = backend_util.computeConv3DInfo(
      x!.shape as [number, number, number, number, number], filter!.shape as [number, number, number, number, number], strides, dilations, pad);
    return gemmForward(backend, x!, filter!, conv3dGemm(fast, info));
  };
}

export const registerConv3D = () => replaceKernel(Conv3D, fastConv3D);

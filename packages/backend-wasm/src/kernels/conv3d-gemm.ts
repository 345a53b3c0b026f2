/**
 * 3D convolutions (NDHWC, float32) as matrix products (gemm-conv.ts) on Strata's SIMD module's 3D im2col / col2im
 * (wat/conv3d.mjs): the forward pass, the filter gradient and the input gradient, at XNNPACK's matrix-product speed
 * where tfjs-backend-wasm 4.22 runs `Conv3D` and `Conv3DBackpropFilterV2` as plain loops.
 *
 * @example
 * const y = gemmForward(backend, x, filter, conv3dGemm(fast, info));
 */
import type { backend_util } from '@tensorflow/tfjs-core';
import type { Conv3DGeometryArgs, FastKernels } from '../fast/module.js';
import type { GemmConv } from './gemm-conv.js';

type Conv3DInfo = backend_util.Conv3DInfo;

function geometry(info: Conv3DInfo, batch: number): Conv3DGeometryArgs {
  return [batch, info.inDepth, info.inHeight, info.inWidth, info.inChannels,
    info.filterDepth, info.filterHeight, info.filterWidth, info.strideDepth, info.strideHeight, info.strideWidth,
    info.dilationDepth, info.dilationHeight, info.dilationWidth, info.padInfo.front, info.padInfo.top, info.padInfo.left,
    info.outDepth, info.outHeight, info.outWidth];
}

/** The GEMM view of a 3D convolution. */
export function conv3dGemm(fast: FastKernels, info: Conv3DInfo): GemmConv {
  return {
    batch: info.batchSize,
    k: info.filterDepth * info.filterHeight * info.filterWidth * info.inChannels,
    outChannels: info.outChannels,
    outPixels: info.outDepth * info.outHeight * info.outWidth,
    inSize: info.inDepth * info.inHeight * info.inWidth * info.inChannels,
    inShape: [info.batchSize, info.inDepth, info.inHeight, info.inWidth, info.inChannels],
    filterShape: [info.filterDepth, info.filterHeight, info.filterWidth, info.inChannels, info.outChannels],
    outShape: [info.batchSize, info.outDepth, info.outHeight, info.outWidth, info.outChannels],
    im2col: (x, cols, nb) => fast.im2col3d(x, cols, ...geometry(info, nb)),
    im2colT: (x, colsT, nb) => fast.im2col3d_t_strips(x, colsT, ...geometry(info, nb)),
    col2im: (cols, out, nb) => fast.col2im3d(cols, out, ...geometry(info, nb)),
  };
}

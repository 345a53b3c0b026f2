// Tensor creation, conversion and shape manipulation (keras.ops core and numpy-like shape ops).
export {
  tensor, scalar, tensor1d, tensor2d, tensor3d, tensor4d, tensor5d, tensor6d,
  zeros, ones, zerosLike, onesLike, fill, eye, linspace, range, buffer, clone, cast,
  reshape, squeeze, expandDims, transpose, tile, pad, slice, stridedSlice, split, stack, unstack,
  concat, gather, gatherND, scatterND, tensorScatterUpdate, where, whereAsync, oneHot, reverse,
  broadcastTo, broadcastArgs, mirrorPad, spaceToBatchND, batchToSpaceND, depthToSpace, booleanMaskAsync,
  unique, topk, meshgrid, diag, einsum, complex, real, imag, print, variable,
} from '@tensorflow/tfjs-core';
export { concat as concatenate, clone as copy, pad as padWithValue, reverse as flip } from '@tensorflow/tfjs-core';

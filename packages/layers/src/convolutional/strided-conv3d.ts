/**
 * `conv3d` with strides above 1, with a gradient that does not run the `Conv3DBackpropFilterV2` kernel:
 * tfjs-backend-wasm 4.22's kernel returns wrong filter gradients whenever a stride is above 1 (the cpu backend's is
 * right). The forward pass and the input gradient are tfjs' own (`conv3d`, `conv3dTranspose`); the filter gradient
 * is a stride-1 correlation of the padded input with the output gradient, which is itself a convolution (batch and
 * channels swapped, the output gradient as the kernel, dilated by the strides) computed with forward kernels only.
 */
import { customGrad, ops, type Tensor, type Tensor5D } from '@strata/core';
import { atrous } from './atrous.js';
import { explicitPads, type Pad } from './conv-shapes.js';

/**
 * `ops.conv3d(x, kernel, strides, padding)` on channels-last `[batch, d, h, w, channels]` data, differentiable on
 * every backend.
 */
export function stridedConv3d(x: Tensor, kernel: Tensor, strides: number[], padding: 'valid' | 'same'): Tensor {
  const s = strides as [number, number, number];
  const op = customGrad((...args) => {
    const [input, filter, save] = args as [Tensor, Tensor, (tensors: Tensor[]) => void];
    save([input, filter]);
    return {
      value: ops.conv3d(input as Tensor5D, filter as Tensor5D, s, padding),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [xs, w] = saved as [Tensor, Tensor];
        const dx = ops.conv3dTranspose(dy as Tensor5D, w as Tensor5D, xs.shape as [number, number, number, number, number], s, padding);
        return [dx, filterGradient(xs, dy, w.shape, strides, padding)];
      },
    };
  });
  return op(x, kernel);
}

/** ∂/∂kernel of `sum(conv3d(x, kernel) · dy)`: `dW[t, i, o] = Σ_{n, j} xPadded[n, j·s + t, i] · dy[n, j, o]`. */
function filterGradient(x: Tensor, dy: Tensor, filterShape: number[], strides: number[], padding: 'valid' | 'same'): Tensor {
  const kernelSize = filterShape.slice(0, 3);
  const pads: Pad[] = explicitPads(x.shape.slice(1, 4), kernelSize, strides, [1, 1, 1], padding);
  const padded = ops.pad(x, [[0, 0], ...pads, [0, 0]]);
  // Batch ↔ channels: the input becomes [inChannels, …spatial, batch], dy a [...outSpatial, batch, outChannels] kernel.
  const input = ops.transpose(padded, [4, 1, 2, 3, 0]);
  const kernel = ops.transpose(dy, [1, 2, 3, 0, 4]);
  const correlation = atrous(input, kernel.shape.slice(0, 3), { strides: [1, 1, 1], padding: 'valid', dilation: strides },
    (xb) => ops.conv3d(xb as Tensor5D, kernel as Tensor5D, 1, 'valid'));
  // [inChannels, ≥kd, ≥kh, ≥kw, outChannels]: positions past the kernel are the strides' remainders.
  const cropped = ops.slice(correlation, [0, 0, 0, 0, 0], [-1, kernelSize[0]!, kernelSize[1]!, kernelSize[2]!, -1]);
  return ops.transpose(cropped, [1, 2, 3, 0, 4]);
}

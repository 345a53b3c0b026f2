/**
 * The convolutions the layers compute with, on channels-last tensors with 2 or 3 spatial dimensions (1D layers add a
 * unit height), using only ops whose gradients tfjs has, so every convolution trains:
 *
 * - plain convolutions run the backend's fused kernel (`ops.fused.conv2d` / `depthwiseConv2d`: bias and activation in
 *   the same kernel; tfjs itself falls back to separate ops while recording gradients for activations its fused
 *   gradient lacks);
 * - dilated convolutions run TensorFlow's atrous scheme, `spaceToBatchND` → undilated convolution →
 *   `batchToSpaceND`, because tfjs' convolution gradients refuse dilation rates above 1;
 * - transposed convolutions run `conv2dTranspose` where tfjs can differentiate it (2D, no dilation), and otherwise
 *   the definition: the stride-dilated, padded input convolved with the flipped kernel.
 */
import { activations, ops, type Tensor, type Tensor4D, type Tensor5D } from '@strata/core';
import { atrous, type ConvGeometry } from './atrous.js';
import { transposePad, type Pad } from './conv-shapes.js';

/** Activations the backend's fused convolution kernels apply themselves. */
type FusedActivation = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid' | 'leakyrelu';

/** What follows a convolution: a bias per output channel (or none) and an activation. */
export interface Epilogue {
  bias: Tensor | null;
  activation: activations.Activation;
}

export type { ConvGeometry };

let fusable: Map<activations.Activation, FusedActivation> | null = null;

/** The fused-kernel name of a Keras activation, when the kernels compute it exactly as Keras does. */
function fusedActivationOf(activation: activations.Activation): FusedActivation | null {
  fusable ??= new Map(
    ([['linear', 'linear'], ['relu', 'relu'], ['relu6', 'relu6'], ['elu', 'elu'], ['sigmoid', 'sigmoid'], ['leaky_relu', 'leakyrelu']] as const)
      .map(([keras, fused]) => [activations.get(keras), fused]),
  );
  return fusable.get(activation) ?? null;
}

/** No bias, linear activation. */
function linear(): Epilogue {
  return { bias: null, activation: activations.get('linear') };
}

/** Adds the bias (broadcast over the last axis) and applies the activation. */
export function applyEpilogue(y: Tensor, epilogue: Epilogue): Tensor {
  const biased = epilogue.bias ? ops.add(y, epilogue.bias) : y;
  return fusedActivationOf(epilogue.activation) === 'linear' ? biased : epilogue.activation(biased);
}

/** Runs a fused-kernel op with the epilogue folded in where the kernel can compute the activation. */
function fused(run: (bias: Tensor | undefined, activation: FusedActivation) => Tensor, epilogue: Epilogue): Tensor {
  const activation = fusedActivationOf(epilogue.activation);
  if (activation) return run(epilogue.bias ?? undefined, activation);
  return epilogue.activation(run(epilogue.bias ?? undefined, 'linear'));
}

/**
 * A convolution with a `[…kernel, inChannels / groups, outChannels]` kernel on a channels-last input of rank 4 or 5,
 * followed by the epilogue.
 *
 * @example
 * convolve(x, kernel, { strides: [1, 1], padding: 'same', dilation: [2, 2] }, { bias, activation: relu });
 */
export function convolve(x: Tensor, kernel: Tensor, geometry: ConvGeometry, epilogue: Epilogue, groups = 1): Tensor {
  if (groups > 1) {
    const xs = ops.split(x, groups, -1);
    const ks = ops.split(kernel, groups, -1);
    return applyEpilogue(ops.concat(xs.map((xi, i) => convolve(xi, ks[i]!, geometry, linear())), -1), epilogue);
  }
  const kernelSize = kernel.shape.slice(0, -2);
  if (geometry.dilation.some((d) => d > 1)) {
    return atrous(x, kernelSize, geometry, (xb) => convolve(xb, kernel, undilated(kernelSize.length), epilogue));
  }
  const { strides, padding } = geometry;
  if (x.rank === 5) {
    const y = ops.conv3d(x as Tensor5D, kernel as Tensor5D, strides as [number, number, number], padding);
    return applyEpilogue(y, epilogue);
  }
  return fused((bias, activation) => ops.fused.conv2d({
    x: x as Tensor4D, filter: kernel as Tensor4D, strides: strides as [number, number], pad: padding, bias, activation,
    ...(activation === 'leakyrelu' ? { leakyreluAlpha: 0.2 } : {}),
  }), epilogue);
}

/**
 * A depthwise convolution (channels-last, rank 4) with a `[kh, kw, inChannels, depthMultiplier]` kernel, followed by
 * the epilogue.
 */
export function depthwiseConvolve(x: Tensor, kernel: Tensor, geometry: ConvGeometry, epilogue: Epilogue): Tensor {
  const kernelSize = kernel.shape.slice(0, 2);
  if (geometry.dilation.some((d) => d > 1)) {
    return atrous(x, kernelSize, geometry, (xb) => depthwiseConvolve(xb, kernel, undilated(2), epilogue));
  }
  return fused((bias, activation) => ops.fused.depthwiseConv2d({
    x: x as Tensor4D, filter: kernel as Tensor4D, strides: geometry.strides as [number, number], pad: geometry.padding, bias, activation,
    ...(activation === 'leakyrelu' ? { leakyreluAlpha: 0.2 } : {}),
  }), epilogue);
}

function undilated(rank: number): ConvGeometry {
  const ones = Array.from({ length: rank }, () => 1);
  return { strides: ones, padding: 'valid', dilation: ones };
}

/**
 * Inserts `stride - 1` zeros between neighbouring elements along each spatial axis (XLA's `lhs_dilation`), one axis at
 * a time (tfjs-backend-wasm's pad handles at most 6 dimensions).
 */
function dilateInput(x: Tensor, strides: number[]): Tensor {
  let y = x;
  strides.forEach((s, i) => {
    if (s === 1) return;
    const axis = i + 1;
    const shape = y.shape as number[];
    const n = shape[axis]!;
    const pads = [...shape, 1].map((_, j): Pad => (j === axis + 1 ? [0, s - 1] : [0, 0]));
    const spaced = ops.pad(ops.expandDims(y, axis + 1), pads);
    const merged = ops.reshape(spaced, shape.map((d, j) => (j === axis ? d * s : d)));
    y = ops.slice(merged, shape.map(() => 0), shape.map((d, j) => (j === axis ? (n - 1) * s + 1 : d)));
  });
  return y;
}

/** Strides, padding, dilation and output padding of a transposed convolution. */
export interface ConvTransposeGeometry extends ConvGeometry {
  outputPadding: number[] | null;
}

/**
 * A transposed convolution (channels-last, rank 4 or 5) with a Keras `[…kernel, outChannels, inChannels]` kernel,
 * padded as Keras' JAX backend pads it, followed by the epilogue.
 */
export function convolveTranspose(x: Tensor, kernel: Tensor, geometry: ConvTransposeGeometry, epilogue: Epilogue): Tensor {
  const { strides, padding, dilation, outputPadding } = geometry;
  const rank = x.rank - 2;
  const kernelSize = kernel.shape.slice(0, rank);
  const pads = kernelSize.map((k, i) => transposePad(k, strides[i]!, dilation[i]!, padding, outputPadding?.[i] ?? null));
  if (rank === 2 && dilation.every((d) => d === 1)) {
    // conv2dTranspose is the input gradient of a convolution padded by (k - 1 - before, k - 1 - after); padding
    // beyond k - 1 after (Keras' output padding) only adds positions no input reaches: zeros, appended here.
    const tail = pads.map(([, after], i) => Math.max(after - (kernelSize[i]! - 1), 0));
    const convPads = pads.map(([before, after], i): Pad => [kernelSize[i]! - 1 - before, Math.max(kernelSize[i]! - 1 - after, 0)]);
    const spatial = x.shape.slice(1, -1).map((n, i) => (n - 1) * strides[i]! + 1 + pads[i]![0] + pads[i]![1] - kernelSize[i]! + 1 - tail[i]!);
    const outShape = [x.shape[0]!, spatial[0]!, spatial[1]!, kernel.shape[2]!] as [number, number, number, number];
    let y = ops.conv2dTranspose(x as Tensor4D, kernel as Tensor4D, outShape, strides as [number, number], [[0, 0], convPads[0]!, convPads[1]!, [0, 0]]);
    if (tail.some((t) => t > 0)) y = ops.pad(y, [[0, 0], [0, tail[0]!], [0, tail[1]!], [0, 0]]);
    return applyEpilogue(y, epilogue);
  }
  const axes = kernelSize.map((_, i) => i);
  const flipped = ops.transpose(ops.reverse(kernel, axes), [...axes, rank + 1, rank]);
  const input = ops.pad(dilateInput(x, strides), [[0, 0], ...pads, [0, 0]]);
  return convolve(input, flipped, { strides: strides.map(() => 1), padding: 'valid', dilation }, epilogue);
}

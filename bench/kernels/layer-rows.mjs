// Workloads for the per-kernel table (table.mjs): Conv3D's kernels next to the forward Conv3D, and the backward pass
// of the convolution layers whose gradients map onto other layers' kernels — Conv1D and SeparableConv2D (conv2d and
// depthwise kernels), Conv2DTranspose (its forward is Conv2DBackpropInput), dilated convolutions (SpaceToBatchND →
// undilated convolution → BatchToSpaceND, each move the other's gradient), Conv3D with strides — next to the same
// layer's forward pass. A layer's backward time is its forward + backward (gradients of the input and every weight)
// less its forward, each the best of the runs (a difference of medians is too noisy on a busy machine).
import * as tf from '@tensorflow/tfjs-core';

/** Conv3D kernels: each gradient next to the forward Conv3D of the same FLOPs. */
export function conv3dWorkloads(rand) {
  const rows = [];
  const convs = [
    ['16³×8 → 16³×16, 3×3×3 same, batch 4', [4, 16, 16, 16, 8], [3, 3, 3, 8, 16], 1, 'same'],
    ['16³×16 → 8³×32, 3×3×3 stride 2 same, batch 4', [4, 16, 16, 16, 16], [3, 3, 3, 16, 32], 2, 'same'],
  ];
  for (const [size, xShape, wShape, strides, pad] of convs) {
    const outShape = tf.backend_util.computeConv3DInfo(xShape, wShape, strides, 1, pad).outShape;
    const x = rand(xShape, 31), w = rand(wShape, 32), dy = rand(outShape, 33);
    const run = (name, inputs, attrs) => () => tf.engine().runKernel(name, inputs, attrs);
    const forward = run('Conv3D', { x, filter: w }, { strides, pad, dilations: 1, dataFormat: 'NDHWC' });
    const dW = run('Conv3DBackpropFilterV2', { x, dy }, { strides, pad, filterShape: wShape });
    const dX = run('Conv3DBackpropInputV2', { dy, filter: w }, { strides, pad, inputShape: xShape });
    rows.push({ kernel: 'Conv3DBackpropFilterV2', size, forwardName: 'Conv3D', fast: dW, composed: dW, forward });
    rows.push({ kernel: 'Conv3DBackpropInputV2', size, forwardName: 'Conv3D', fast: dX, composed: dX, forward });
  }
  return rows;
}

/** Layer backward passes next to their forward passes (needs @strata/core and @strata/layers). */
export async function layerWorkloads() {
  const { ops, random, variable, variableGrads } = await import('@strata/core');
  const L = await import('@strata/layers');
  const layers = [
    ['Conv1D', '128 → 128, kernel 5 same, length 256, batch 16', L.Conv1D, { filters: 128, kernelSize: 5, padding: 'same' }, [16, 256, 128]],
    ['Conv1D dilation 4', '64 → 64, kernel 3 causal, length 256, batch 32', L.Conv1D, { filters: 64, kernelSize: 3, padding: 'causal', dilationRate: 4 }, [32, 256, 64]],
    ['Conv2DTranspose', '32 → 16, 3×3 stride 2 same, 16×16 → 32×32, batch 32', L.Conv2DTranspose, { filters: 16, kernelSize: 3, strides: 2, padding: 'same' }, [32, 16, 16, 32]],
    ['SeparableConv2D', '64 → 64, 3×3 same, 32×32, batch 16', L.SeparableConv2D, { filters: 64, kernelSize: 3, padding: 'same' }, [16, 32, 32, 64]],
    ['Conv2D', '32 → 32, 3×3 same, 32×32, batch 16', L.Conv2D, { filters: 32, kernelSize: 3, padding: 'same' }, [16, 32, 32, 32]],
    ['Conv2D dilation 2', '32 → 32, 3×3 same, 32×32, batch 16', L.Conv2D, { filters: 32, kernelSize: 3, padding: 'same', dilationRate: 2 }, [16, 32, 32, 32]],
    ['DepthwiseConv2D dilation 2', '3×3 same, 32×32×64, batch 8', L.DepthwiseConv2D, { kernelSize: 3, padding: 'same', dilationRate: 2 }, [8, 32, 32, 64]],
    ['Conv3D', '8 → 16, 3×3×3 same, 16³, batch 4', L.Conv3D, { filters: 16, kernelSize: 3, padding: 'same' }, [4, 16, 16, 16, 8]],
    ['Conv3D strides 2', '16 → 32, 3×3×3 same, 16³ → 8³, batch 4', L.Conv3D, { filters: 32, kernelSize: 3, padding: 'same', strides: 2 }, [4, 16, 16, 16, 16]],
  ];
  return layers.map(([name, size, Layer, args, shape], i) => {
    const layer = new Layer(args);
    const x = variable(random.uniform(shape, { seed: 40 + i }), true, `bench_x_${i}_${Math.random()}`);
    const probe = layer.apply(x);
    const cotangent = random.normal(probe.shape, { seed: 60 + i });
    probe.dispose();
    const vars = [x, ...layer.trainableWeights.map((w) => w.value)];
    const objective = () => ops.sum(ops.mul(layer.apply(x), cotangent));
    const forward = () => layer.apply(x);
    const both = () => variableGrads(objective, vars);
    return {
      kernel: `${name} layer: backward (input and weights)`, size, forwardName: `${name} forward`,
      fast: both, fastLess: forward, composed: both, composedLess: forward, forward, best: true,
    };
  });
}

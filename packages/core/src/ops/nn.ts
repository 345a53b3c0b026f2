// Neural-network ops (keras.ops.nn): convolutions, pooling, normalization and activation primitives.
export {
  conv1d, conv2d, conv3d, conv2dTranspose, conv3dTranspose, depthwiseConv2d, separableConv2d,
  maxPool, avgPool, maxPool3d, avgPool3d, pool, maxPoolWithArgmax, batchNorm, localResponseNormalization,
  relu, relu6, elu, selu, leakyRelu, prelu, sigmoid, softplus, logSigmoid, softmax as tfSoftmax, logSoftmax as tfLogSoftmax,
  dropout, fused, conv2d as conv, depthwiseConv2d as depthwiseConv, separableConv2d as separableConv,
  conv2dTranspose as convTranspose, avgPool as averagePool, maxPool as maxPool2d,
} from '@tensorflow/tfjs-core';
export { losses } from '@tensorflow/tfjs-core';

// Image ops (keras.ops.image).
export { image } from '@tensorflow/tfjs-core';
export { resizeBilinear, resizeNearestNeighbor, cropAndResize, flipLeftRight, rgbToGrayscale } from './image-fns.js';

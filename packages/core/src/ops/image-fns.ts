import { image } from '@tensorflow/tfjs-core';

export const resizeBilinear = image.resizeBilinear;
export const resizeNearestNeighbor = image.resizeNearestNeighbor;
export const cropAndResize = image.cropAndResize;
export const flipLeftRight = image.flipLeftRight;
export const rgbToGrayscale = image.rgbToGrayscale;

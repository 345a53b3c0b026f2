// Linear algebra (keras.ops.linalg).
export { linalg } from '@tensorflow/tfjs-core';
import { linalg } from '@tensorflow/tfjs-core';

export const qr = linalg.qr;
export const gramSchmidt = linalg.gramSchmidt;
export const bandPart = linalg.bandPart;

// Elementwise math, reductions and comparisons, with Keras' names alongside tfjs' where they differ.
export {
  add, sub, mul, div, floorDiv, mod, pow, neg, abs, sign, sqrt, rsqrt, square, squaredDifference,
  exp, expm1, log, log1p, sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, asinh, acosh, atanh,
  floor, ceil, round, reciprocal, maximum, minimum, clipByValue, erf, isNaN, isInf, isFinite,
  sum, mean, prod, max, min, argMax, argMin, all, any, logSumExp, norm, moments,
  equal, notEqual, greater, greaterEqual, less, lessEqual, logicalAnd, logicalOr, logicalNot, logicalXor,
  matMul, dot, outerProduct, addN, step, imag as imaginary,
} from '@tensorflow/tfjs-core';
export {
  sub as subtract, mul as multiply, div as divide, neg as negative, matMul as matmul, clipByValue as clip,
  argMax as argmax, argMin as argmin, logSumExp as logsumexp, abs as absolute, floorDiv as floorDivide,
  notEqual as notEqualTo, equal as equalTo, squaredDifference as squaredDiff,
} from '@tensorflow/tfjs-core';
export { cumsum, cumprod } from './cumulative.js';
export { divideNoNan, divideNoNan as divNoNan } from './divide-no-nan.js';

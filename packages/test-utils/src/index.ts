export { expectTensorsClose } from './expect-tensors.js';
export type { Tolerance } from './expect-tensors.js';
export { checkGradients, numericalGradients, cotangentAt } from './gradient-check.js';
export { describeEachBackend, TEST_BACKENDS } from './backends.js';
export type { TestBackend } from './backends.js';
export { expectNoLeaks } from './leaks.js';
export { runLayerTest } from './run-layer-test.js';
export type { RunLayerTestOptions } from './run-layer-test.js';
export * from './golden/index.js';

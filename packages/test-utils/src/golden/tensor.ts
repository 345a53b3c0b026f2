import { tensor } from '@strata/core';

import type { GoldenTensor } from './types.js';

/** The tfjs tensor type, as `@strata/core` re-exports it. */
export type GoldenTfTensor = ReturnType<typeof tensor>;

/**
 * A tfjs tensor (through `@strata/core`'s `tensor`) holding a golden array, with its shape and dtype:
 * `goldenTensor(kerasGolden('activations/relu').x)`.
 */
export function goldenTensor(t: GoldenTensor): GoldenTfTensor {
  return tensor(t.data, t.shape, t.dtype);
}

/** Several golden arrays as tensors (e.g. a layer case's `inputs`). */
export function goldenTensors(ts: readonly GoldenTensor[]): GoldenTfTensor[] {
  return ts.map(goldenTensor);
}

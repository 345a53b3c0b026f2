import { expect } from 'vitest';
import { numTensors } from '@strata/core';

/**
 * Runs `fn` (sync or async) and asserts it leaves the number of live tensors unchanged. Whatever `fn` returns is
 * disposed by the caller's `dispose` callback first, when given.
 *
 * @example
 * await expectNoLeaks(() => { ops.dispose(model.predict(x)); });
 */
export async function expectNoLeaks(fn: () => unknown): Promise<void> {
  const before = numTensors();
  await fn();
  const after = numTensors();
  expect(after - before, `tensors leaked: ${after - before} (before ${before}, after ${after})`).toBe(0);
}

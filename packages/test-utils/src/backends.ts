import { afterAll, beforeAll, describe } from 'vitest';
import '@strata/backend-cpu';
import { getBackend, setBackend } from '@strata/core';

/** The backends every kernel and layer is tested on. */
export const TEST_BACKENDS = ['wasm', 'cpu'] as const;
export type TestBackend = (typeof TEST_BACKENDS)[number];

/**
 * Runs a suite once per backend (wasm, cpu), switching before and restoring after.
 *
 * @example
 * describeEachBackend('relu', (backend) => { it('matches Keras', () => { ... }); });
 */
export function describeEachBackend(name: string, suite: (backend: TestBackend) => void): void {
  for (const backend of TEST_BACKENDS) {
    describe(`${name} [${backend}]`, () => {
      let previous = 'wasm';
      beforeAll(async () => {
        previous = getBackend().name;
        await setBackend(backend);
      });
      afterAll(async () => {
        await setBackend(previous);
      });
      suite(backend);
    });
  }
}

import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['@strata/source'] } },
  resolve: { conditions: ['@strata/source'] },
  test: { name: '@strata/optimizers', environment: 'node', testTimeout: 30_000, hookTimeout: 120_000 },
});

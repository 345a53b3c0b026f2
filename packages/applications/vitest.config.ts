import { defineProject } from 'vitest/config';

export default defineProject({
  ssr: { resolve: { conditions: ['@strata/source'] } },
  resolve: { conditions: ['@strata/source'] },
  // Downloads from a local server and a Chromium run: generous timeouts for a loaded 2-core machine.
  test: { name: '@strata/applications', environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
});

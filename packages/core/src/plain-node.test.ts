import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(new URL('../dist/index.js', import.meta.url));

describe('plain node (no bundler, no vitest)', () => {
  it.skipIf(!built)('computes a gradient through the built package and exits by itself', () => {
    const script = `
      import { ops, grad, getBackend } from '@strata/core';
      const g = grad((x) => ops.sum(ops.square(x)));
      console.log(JSON.stringify({ g: Array.from(g(ops.tensor([1, 2, 3])).dataSync()), backend: getBackend().name }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: pkgDir,
      timeout: 50_000,
      env: { ...process.env, VITEST: '', VITEST_WORKER_ID: '' },
    }).toString();
    const last = JSON.parse(out.trim().split('\n').pop()!);
    expect(last).toEqual({ g: [2, 4, 6], backend: 'wasm' });
  }, 60_000);
});

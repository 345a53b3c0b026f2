/**
 * The threaded start as a user's script meets it: plain `node` child processes running small scripts against the
 * built package (this file builds it first with `tsc -b`), outside vitest, so the defaults are Node's.
 */
import { availableParallelism } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runFixture } from './fixtures/child.mjs';

interface Report {
  capabilities: { simd: boolean; threads: number; threadsReason?: string };
  cores: number;
  corner: number[];
  doneAt: number;
}

interface RestartReport {
  mode: string;
  cycles: Array<{ threads: number; alive: number; listeners: number[]; value: number }>;
  afterDispose: { alive: number; listeners: number[]; mineKept: boolean };
  created: number;
}

const expectedThreads = Math.min(availableParallelism(), 8);
// Child processes start slowly on a loaded 2-core machine; this bounds a hung process, it does not time anything.
const CHILD_TIMEOUT = 120_000;

beforeAll(ensureBuilt, 180_000);

describe('the wasm backend in plain Node', { timeout: CHILD_TIMEOUT }, () => {
  it('starts the threaded SIMD build on every core, computes, and the script ends by itself', async () => {
    const run = await runFixture('report.mjs');
    expect(run.stderr).toBe('');
    // Killed means the pthread workers kept the process alive after its work was done.
    expect(run.killed).toBe(false);
    expect(run.status).toBe(0);
    const report = run.result as Report;
    expect(report.cores).toBe(availableParallelism());
    expect(report.capabilities).toEqual(
      expectedThreads >= 2 ? { simd: true, threads: expectedThreads } : { simd: true, threads: 1, threadsReason: 'this machine reports a single core' },
    );
    expect(report.corner).toEqual([19, 22, 43, 50]);
    console.log(`plain node: ${report.capabilities.threads} threads; process ended ${run.endedAt - report.doneAt} ms after its last output`);
  });

  it.each([
    ['1', { simd: true, threads: 1, threadsReason: `STRATA_WASM_THREADS=1 set 1 of ${availableParallelism()} cores` }],
    ['2', { simd: true, threads: 2 }],
  ])('takes the thread count from STRATA_WASM_THREADS=%s', async (value, capabilities) => {
    const run = await runFixture('report.mjs', { env: { STRATA_WASM_THREADS: value } });
    expect(run.killed).toBe(false);
    expect(run.status).toBe(0);
    expect((run.result as Report).capabilities).toEqual(capabilities);
  });

  it('defaults to one thread under vitest, saying why', async () => {
    const run = await runFixture('report.mjs', { env: { VITEST: 'true' } });
    expect(run.status).toBe(0);
    const { capabilities } = run.result as Report;
    expect(capabilities.threads).toBe(1);
    expect(capabilities.threadsReason).toContain('under vitest');
  });

  it('falls back to the single-threaded SIMD build, with the reason, when the worker script cannot be written', async () => {
    const run = await runFixture('report.mjs', { env: { TMPDIR: '/nonexistent/strata-tmp', STRATA_WASM_THREADS: '2' } });
    expect(run.killed).toBe(false);
    expect(run.status).toBe(0);
    const report = run.result as Report;
    expect(report.capabilities.threads).toBe(1);
    expect(report.capabilities.simd).toBe(true);
    expect(report.capabilities.threadsReason).toMatch(
      /^the threaded build could not start \(the pthread worker script could not be written to \/nonexistent\/strata-tmp \(ENOENT.*\)\), so kernels run single-threaded$/,
    );
    expect(report.corner).toEqual([19, 22, 43, 50]);
  });

  it('falls back, with the reason, where Node has no SharedArrayBuffer', async () => {
    const run = await runFixture('report.mjs', { nodeArgs: ['--no-harmony-sharedarraybuffer'] });
    expect(run.status).toBe(0);
    const report = run.result as Report;
    expect(report.capabilities).toEqual({
      simd: true,
      threads: 1,
      threadsReason: 'the threaded build could not start (SharedArrayBuffer is not available in this Node process), so kernels run single-threaded',
    });
    expect(report.corner).toEqual([19, 22, 43, 50]);
  });

  it('rejects a bad STRATA_WASM_THREADS with an error naming the range and the value', async () => {
    const run = await runFixture('report.mjs', { env: { STRATA_WASM_THREADS: 'all' } });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('STRATA_WASM_THREADS must be a whole number from 1 to 8, received "all"');
  });

  it.each(['dispose', 'reset'])('does not leak workers or process listeners when restarted (%s)', async (mode) => {
    const run = await runFixture('restart.mjs', { args: [mode], env: { STRATA_WASM_THREADS: '2' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = run.result as RestartReport;
    expect(report.cycles).toHaveLength(5);
    // Each start loads Emscripten's pool of 8 workers and keeps the one running a pthread (2 threads = the
    // calling thread + 1 worker); the previous backend's workers are terminated first.
    for (const cycle of report.cycles) expect(cycle).toEqual({ threads: 2, alive: 1, listeners: [0, 1], value: 64 });
    expect(report.created).toBe(5 * 8);
    expect(report.afterDispose).toEqual({ alive: 0, listeners: [0, 1], mineKept: true });
  });
});

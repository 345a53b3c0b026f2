// Training in Chromium: the docs site's hidden hook (src/training-check.ts) runs one step of a tiny CNN (conv, relu,
// max pooling, batch normalization, dense, softmax cross-entropy) with Strata's fast wasm kernels on and off. The
// fast module loads asynchronously in a browser; these tests check that the backend's start waited for it, that the
// fast step really ran on it, and that both paths give the same gradients to float32 rounding — on the plain page
// (single-threaded build, plain memory) and the cross-origin isolated one (threaded build, shared memory).
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticSite } from '../scripts/serve.mjs';
import type { TrainingCheckReport } from '../src/training-check.js';
import { buildSite } from './build-site.js';
import { findChromium, launchChromium, openPage, waitForReady, type Browser } from './chromium.js';

const chrome = findChromium();
const NO_CHROMIUM = chrome ? '' : ' (skipped: no Chromium found; set CHROME_PATH or install chromium)';

/** Float32 rounding between two computations of the same gradient (sums taken in different orders). */
const RTOL = 1e-4;
const ATOL = 1e-6;

function worstExcess(fast: number[], composed: number[]): { at: number; excess: number } {
  let worst = { at: -1, excess: 0 };
  fast.forEach((v, i) => {
    const excess = Math.abs(v - composed[i]!) - (ATOL + RTOL * Math.abs(composed[i]!));
    if (excess > worst.excess) worst = { at: i, excess };
  });
  return worst;
}

describe.skipIf(!chrome)(`a training step in Chromium, fast kernels against composed ones${NO_CHROMIUM}`, () => {
  let dist: string | undefined;
  let plain: StaticSite | undefined;
  let isolated: StaticSite | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dist = await buildSite();
    plain = await serveStatic({ root: dist });
    isolated = await serveStatic({ root: dist, isolated: true });
    browser = await launchChromium(chrome!);
  });

  afterAll(async () => {
    await browser?.close();
    await plain?.close();
    await isolated?.close();
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  it.each([
    ['the plain page (single-threaded build)', () => plain!.url, undefined],
    ['the cross-origin isolated page (threaded build, shared memory)', () => isolated!.url, 4],
  ] as const)('%s: gradients agree and the fast step ran on the SIMD module', async (_, url, hardwareConcurrency) => {
    const session = await openPage(browser!.context, hardwareConcurrency ? { hardwareConcurrency } : {});
    try {
      await session.page.goto(url(), { timeout: 30_000 });
      await waitForReady(session);
      const report = await session.page.evaluate(
        () => (window as unknown as { strataTrainingCheck: () => Promise<TrainingCheckReport> }).strataTrainingCheck(),
      );
      expect(report.activeAtStart, 'fast kernels active as soon as the backend started').toBe(true);
      expect(report.ready).toBe(true);
      expect([report.fast.active, report.composed.active]).toEqual([true, false]);
      // The fast step used the SIMD module for both conv gradients, max pooling, batch normalization and the
      // activations; the composed one not at all.
      expect(Object.keys(report.fast.simdCalls)).toEqual(expect.arrayContaining(['im2col_t_strips', 'col2im', 'max_pool_grad_2x2', 'bn_grad_sums', 'band_mask', 'softmax_grad']));
      expect(report.composed.simdCalls).toEqual({});
      expect(report.fast.gradients.map((g) => g.length)).toEqual([800, 108, 6, 6, 6, 480, 5]);
      report.fast.gradients.forEach((g, i) => {
        expect(g.some((v) => v !== 0), `gradient ${i} is all zeros`).toBe(true);
        const { at, excess } = worstExcess(g, report.composed.gradients[i]!);
        expect(at, `gradient ${i}: fast ${g[at]} vs composed ${report.composed.gradients[i]![at]} at ${at} (excess ${excess})`).toBe(-1);
      });
      session.assertNoProblems();
    } finally {
      await session.page.close();
    }
  });
});

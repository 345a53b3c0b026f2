// Builds the docs site, serves it from 127.0.0.1 and checks in Chromium that the example runs on the wasm backend
// with and without cross-origin isolation, giving the same numbers as a plain-JavaScript reference.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticSite } from '../scripts/serve.mjs';
import { demoMatrix, LARGE_N, summarise } from '../src/demo-inputs.js';
import type { DemoResult } from '../src/demo.js';
import { buildSite } from './build-site.js';
import { findChromium, launchChromium, openPage, waitForReady, type Browser, type PageSession } from './chromium.js';

const chrome = findChromium();
const NO_CHROMIUM = chrome ? '' : ' (skipped: no Chromium found; set CHROME_PATH or install chromium)';
const inChromium = it.skipIf(!chrome);

/** The example's values computed in plain JavaScript (float64; every value is exact in float32 too). */
function reference(): DemoResult {
  const n = LARGE_N;
  const a = demoMatrix(n, 1);
  const b = demoMatrix(n, 2);
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i]![k]!;
      for (let j = 0; j < n; j++) c[i * n + j]! += aik * b[k]![j]!;
    }
  }
  const corner = [0, 1, 2].map((i) => [0, 1, 2].map((j) => c[i * n + j]!));
  return {
    matmul: [[1 * 5 + 2 * 7, 1 * 6 + 2 * 8], [3 * 5 + 4 * 7, 3 * 6 + 4 * 8]],
    gradient: [1, 2, 3].map((x) => 2 * x),
    large: { n, ...summarise(c), corner },
  };
}

interface BackendFacts { name: string; simd: boolean; threads: number; crossOriginIsolated: boolean }

async function readJson<T>(session: PageSession, selector: string): Promise<T> {
  const json = await session.page.locator(selector).getAttribute('data-json');
  if (json === null) throw new Error(`expected ${selector} to carry data-json, received none`);
  return JSON.parse(json) as T;
}

function wasmFetched(session: PageSession): string[] {
  return session.responses
    .filter((r) => r.url.endsWith('.wasm'))
    .map((r) => `${r.url.replace(/^.*\/assets\//, 'assets/').replace(/-[\w-]{8}\.wasm$/, '-<hash>.wasm')} ${r.status} ${r.contentType}`);
}

describe('docs site', () => {
  let dist: string | undefined;
  let plain: StaticSite | undefined;
  let isolated: StaticSite | undefined;
  let browser: Browser | undefined;
  const sessions: PageSession[] = [];
  const expected = reference();

  async function open(url: string, options: { hardwareConcurrency?: number; expectProblems?: boolean } = {}): Promise<PageSession> {
    const session = await openPage(browser!.context, options);
    if (!options.expectProblems) sessions.push(session);
    else sessions.push({ ...session, assertNoProblems: () => undefined });
    if (url) await session.page.goto(url, { timeout: 30_000 });
    return session;
  }

  beforeAll(async () => {
    dist = await buildSite();
    plain = await serveStatic({ root: dist });
    isolated = await serveStatic({ root: dist, isolated: true });
    if (chrome) browser = await launchChromium(chrome);
  });

  afterEach(async () => {
    const open = sessions.splice(0);
    try {
      for (const s of open) s.assertNoProblems();
    } finally {
      await Promise.all(open.map((s) => s.page.close()));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await plain?.close();
    await isolated?.close();
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  it('builds the three tfjs .wasm binaries as ?url assets, with _scriptDir kept for the pthread workers', async () => {
    const assets = await readdir(join(dist!, 'assets'));
    const wasm = assets.filter((f) => f.endsWith('.wasm')).map((f) => f.replace(/-[\w-]{8}\.wasm$/, '.wasm')).sort();
    expect(wasm).toEqual(['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm', 'tfjs-backend-wasm.wasm']);
    const js = await Promise.all(assets.filter((f) => f.endsWith('.js')).map((f) => readFile(join(dist!, 'assets', f), 'utf8')));
    // tfjs sends its Emscripten factory to the workers as source text, which refers to `_scriptDir` by name.
    expect(js.some((code) => code.includes('_scriptDir'))).toBe(true);
  });

  inChromium(`runs the example on the wasm backend, single-threaded without cross-origin isolation${NO_CHROMIUM}`, async () => {
    const session = await open(plain!.url);
    await waitForReady(session);
    const backend = await readJson<BackendFacts>(session, '#backend');
    expect(backend).toEqual({ name: 'wasm', simd: true, threads: 1, crossOriginIsolated: false });
    expect(await readJson<DemoResult>(session, '#result')).toEqual(expected);
    expect(wasmFetched(session)).toEqual(['assets/tfjs-backend-wasm-simd-<hash>.wasm 200 application/wasm']);
    expect(await session.page.locator('[data-fact="threads"]').textContent()).toMatch(/^1\b/);
  });

  inChromium(`runs the example on 2+ threads when cross-origin isolated (COOP/COEP, 4 cores reported)${NO_CHROMIUM}`, async () => {
    // tfjs uses hardwareConcurrency / 2 threads, so a 2-core machine must report 4 to get 2.
    const session = await open(isolated!.url, { hardwareConcurrency: 4 });
    await waitForReady(session);
    const backend = await readJson<BackendFacts>(session, '#backend');
    expect(backend).toMatchObject({ name: 'wasm', simd: true, crossOriginIsolated: true });
    expect(backend.threads).toBeGreaterThan(1);
    expect(await readJson<DemoResult>(session, '#result')).toEqual(expected);
    expect(wasmFetched(session)).toEqual(['assets/tfjs-backend-wasm-threaded-simd-<hash>.wasm 200 application/wasm']);
    if (process.env.DOCS_SCREENSHOT) await session.page.screenshot({ path: process.env.DOCS_SCREENSHOT, fullPage: true });
  });

  inChromium(`runs playground snippets, shows their errors and counts tensors left alive${NO_CHROMIUM}`, async () => {
    const session = await open(plain!.url);
    await waitForReady(session);
    const { page } = session;
    const output = page.locator('#output');
    const run = async (code: string, runs: number): Promise<{ text: string; state: string | null }> => {
      await page.locator('#code').fill(code);
      await page.locator('#run').click();
      await page.waitForSelector(`#output[data-runs="${runs}"]`, { timeout: 10_000 });
      return { text: (await output.textContent()) ?? '', state: await output.getAttribute('data-state') };
    };
    // The default snippet ran on load.
    expect(await output.getAttribute('data-runs')).toBe('1');
    expect(await output.getAttribute('data-state')).toBe('ok');
    expect(await output.textContent()).toContain('x·w =');

    const product = await run('return ops.matmul(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]]));', 2);
    expect(product).toEqual({ text: 'Tensor float32 [2,2]\n[[19, 22], [43, 50]]', state: 'ok' });

    const printed = await run("print('g =', grad((x) => ops.sum(ops.square(x)))(tensor([1, 2, 3])));", 3);
    expect(printed).toEqual({ text: 'g = Tensor float32 [3]\n[2, 4, 6]', state: 'ok' });

    const broken = await run('return ops.noSuchOp(1);', 4);
    expect(broken.state).toBe('error');
    expect(broken.text).toMatch(/^TypeError: .*noSuchOp/);

    const syntax = await run('return (;', 5);
    expect(syntax.state).toBe('error');
    expect(syntax.text).toMatch(/^SyntaxError: /);

    const kept = await run('return keep(tensor([1, 2]));', 6);
    expect(kept.text).toContain('(1 tensor still alive after the run)');
  });

  inChromium(`reports a page error and a console error as problems${NO_CHROMIUM}`, async () => {
    const session = await open(plain!.url, { expectProblems: true });
    await waitForReady(session);
    await session.page.evaluate(() => {
      setTimeout(() => {
        throw new Error('thrown by the test');
      });
    });
    await expect(session.firstProblem).rejects.toThrow(/page error: thrown by the test/);
    await session.page.evaluate(() => console.error('logged by the test'));
    await expect.poll(() => session.problems.join('\n'), { timeout: 5_000 }).toContain('console.error: logged by the test');
    expect(() => session.assertNoProblems()).toThrow(/thrown by the test[\s\S]*logged by the test/);
    // The page shows the uncaught error too.
    expect(await session.page.locator('#status').getAttribute('data-status')).toBe('error');
  });

  inChromium(`fails fast, naming the status, when the page never finishes loading${NO_CHROMIUM}`, async () => {
    const session = await open('');
    await session.page.setContent('<p id="status" data-status="loading">Starting…</p>');
    await expect(waitForReady(session, 1_500)).rejects.toThrow(/did not finish loading within 1\.5 s \(a hang\); status: "Starting…"/);
  });
});

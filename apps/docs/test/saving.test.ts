// @strata/saving in Chromium: the same API loads Keras-written files from URLs, round-trips through IndexedDB,
// File/Blob objects, ArrayBuffers and the TF.js format, and downloads a .keras that Node then loads.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticSite } from '../scripts/serve.mjs';
import { APP_DIR } from './build-site.js';
import { findChromium, launchChromium, openPage, type Browser } from './chromium.js';

const chrome = findChromium();
const NO_CHROMIUM = chrome ? '' : ' (skipped: no Chromium found; set CHROME_PATH or install chromium)';
const REPO = join(APP_DIR, '..', '..');
const FIXTURES = join(REPO, 'packages', 'saving', 'fixtures', 'keras');
const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');

/** Builds src/saving-demo.ts with the docs app's settings into a temp folder (a page of its own, beside the site). */
async function buildDemo(): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'strata-saving-demo-'));
  const out = join(work, 'dist');
  await writeFile(join(work, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body><script type="module" src="./entry.ts"></script></body></html>');
  await writeFile(join(work, 'entry.ts'), `import ${JSON.stringify(join(APP_DIR, 'src', 'saving-demo.ts'))};\n`);
  const src = (pkg: string): string => join(REPO, 'packages', pkg, 'src', 'index.ts');
  await writeFile(join(work, 'vite.config.mjs'), `
export default {
  root: ${JSON.stringify(work)},
  base: './',
  logLevel: 'warn',
  resolve: {
    conditions: ['@strata/source', 'module', 'browser', 'development|production'],
    // apps/docs does not depend on @strata/saving; resolve it from its source.
    alias: { '@strata/saving': ${JSON.stringify(src('saving'))} },
  },
  build: { outDir: ${JSON.stringify(out)}, emptyOutDir: true, target: 'es2022', minify: false, chunkSizeWarningLimit: 10000 },
};
`);
  const child = spawn(process.execPath, [viteBin, 'build', '--config', join(work, 'vite.config.mjs')], { cwd: APP_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`vite build of the saving demo failed (exit ${code}):\n${log}`);
  for (const c of ['seq_mlp', 'multi_io']) await cp(join(FIXTURES, c), join(out, 'fixtures', c), { recursive: true });
  return work;
}

function decode(e: { __ndarray__: string }): number[] {
  const b = Buffer.from(e.__ndarray__, 'base64');
  return Array.from(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
}

describe('@strata/saving in the browser', () => {
  let work: string | undefined;
  let site: StaticSite | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!chrome) return;
    work = await buildDemo();
    site = await serveStatic({ root: join(work, 'dist') });
    browser = await launchChromium(chrome);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it.skipIf(!chrome).each([['seq_mlp'], ['multi_io']])(`%s: every browser location loads and saves, predicting what Keras predicted${NO_CHROMIUM}`, async (name) => {
    const session = await openPage(browser!.context);
    const { page } = session;
    const downloadPromise = page.waitForEvent('download', { timeout: 60_000 });
    await page.goto(`${site!.url}?case=fixtures/${name}/`, { timeout: 30_000 });
    await page.waitForSelector('body[data-result]', { timeout: 60_000, state: 'attached' });
    const result = JSON.parse((await page.locator('body').getAttribute('data-result'))!) as Record<string, unknown>;
    const keras = JSON.parse(await readFile(join(FIXTURES, name, 'case.json'), 'utf8')) as { predictions: Array<{ __ndarray__: string }> };
    const expected = keras.predictions.map(decode);
    const close = (got: unknown): boolean =>
      Array.isArray(got) && got.length === expected.length && got.every((o: number[], i) => o.length === expected[i]!.length && o.every((v, j) => Math.abs(v - expected[i]![j]!) < 1e-5));
    for (const step of ['url .keras', 'url .h5', 'url .weights.h5 into the loaded model', 'indexeddb', 'File (.keras)', 'ArrayBuffer (.h5)', 'Files (TF.js model.json + shards)']) {
      expect(close(result[step]), `${step}: ${JSON.stringify(result[step])}`).toBe(true);
    }
    expect(result['a path is refused with a clear error']).toMatch(/^Fetching ".*\/definitely\/not\/served\.keras" failed: HTTP 404/);
    expect(result.download).toBe('started');
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('saving-demo.keras');
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    // The downloaded file loads in Node and predicts the same (apps/docs does not depend on @strata/saving: import its source).
    const saving = (await import(join(REPO, 'packages', 'saving', 'src', 'index.ts'))) as typeof import('../../../packages/saving/src/index.js');
    const core = await import('@strata/core');
    const inputs = (JSON.parse(await readFile(join(FIXTURES, name, 'case.json'), 'utf8')) as { inputs: Array<{ __ndarray__: string; shape: number[] }> })
      .inputs.map((e) => core.tensor(decode(e), e.shape));
    const downloaded = await saving.loadModel(new Uint8Array(bytes));
    const out = downloaded.predict<import('@strata/core').Tensor | import('@strata/core').Tensor[]>(inputs.length === 1 ? inputs[0]! : inputs);
    expect(close((Array.isArray(out) ? out : [out]).map((t) => Array.from(t.dataSync())))).toBe(true);
    downloaded.dispose();
    // Any HTTP error other than the deliberate 404 is a failure (Chromium also logs that 404 on the console, without its URL).
    expect(session.responses.filter((r) => r.status >= 400).map((r) => new URL(r.url).pathname)).toEqual(['/definitely/not/served.keras']);
    expect(session.problems.filter((p) => !p.includes('/definitely/not/served.keras') && !/status of 404/.test(p))).toEqual([]);
    await page.close();
  }, 120_000);
});

// Drives a system Chromium with playwright-core for the docs tests: finds the binary, launches it headless with a
// throwaway profile, and opens pages that record every console error, page error, worker error and failed request,
// so a broken page fails fast instead of hanging.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** `CHROME_PATH`, else Debian's `/usr/bin/chromium`, when the file exists. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium'].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p));
}

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A running browser with its own temporary profile; `close()` removes the profile. */
export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium headless with a fresh profile folder. Its XDG folders point there too: Chromium's crash
 * reporter otherwise writes `~/.config/chromium/Crash Reports` even with a profile of its own.
 */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-docs-chromium-'));
  const profile = join(dir, 'profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache') },
    timeout: 30_000,
    viewport: { width: 1000, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// Emscripten's pthread workers fail silently (the page just hangs): report their errors on the console.
const REPORT_WORKER_ERRORS = `(() => {
  const Native = globalThis.Worker;
  if (!Native) return;
  globalThis.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('error', (e) => console.error('worker error: ' + (e.message || 'unknown error')));
    }
  };
})();`;

/** A page plus everything that went wrong on it. */
export interface PageSession {
  page: Page;
  /** Console errors, uncaught page errors, worker errors, failed requests and HTTP errors, in order. */
  problems: string[];
  /** Rejects at the first problem (never resolves). */
  firstProblem: Promise<never>;
  /** Throws if anything went wrong on the page. */
  assertNoProblems(): void;
  /** URLs of every response, with status and content type. */
  responses: Array<{ url: string; status: number; contentType: string }>;
}

/** Opens a page that records problems; `hardwareConcurrency` makes `navigator.hardwareConcurrency` report that. */
export async function openPage(context: BrowserContext, options: { hardwareConcurrency?: number } = {}): Promise<PageSession> {
  const page = await context.newPage();
  const problems: string[] = [];
  const responses: PageSession['responses'] = [];
  let reject!: (err: Error) => void;
  const firstProblem = new Promise<never>((_, fail) => (reject = fail));
  firstProblem.catch(() => undefined);
  const record = (problem: string): void => {
    problems.push(problem);
    reject(new Error(`problem on the page: ${problem}`));
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') record(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => record(`page error: ${err.message}`));
  page.on('crash', () => record('the page crashed'));
  page.on('requestfailed', (req) => record(`request failed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`));
  page.on('response', (res) => {
    responses.push({ url: res.url(), status: res.status(), contentType: res.headers()['content-type'] ?? '' });
    if (res.status() >= 400) record(`HTTP ${res.status()} for ${res.url()}`);
  });
  await page.addInitScript(REPORT_WORKER_ERRORS);
  if (options.hardwareConcurrency !== undefined) {
    const cores = options.hardwareConcurrency;
    await page.addInitScript((n) => {
      Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n, configurable: true });
    }, cores);
  }
  return {
    page,
    problems,
    firstProblem,
    responses,
    assertNoProblems() {
      if (problems.length > 0) throw new Error(`expected no problems on the page, received:\n${problems.join('\n')}`);
    },
  };
}

/**
 * Waits until `#status` leaves `loading`; rejects at the first problem on the page, when the status is `error`, or
 * after `timeoutMs` (a hang), naming what it saw.
 */
export async function waitForReady(session: PageSession, timeoutMs = 30_000): Promise<void> {
  const { page } = session;
  const settled = page
    .waitForSelector('#status:not([data-status="loading"])', { timeout: timeoutMs, state: 'attached' })
    .catch(async () => {
      const text = await page.locator('#status').textContent({ timeout: 1_000 }).catch(() => null);
      throw new Error(
        `the page did not finish loading within ${timeoutMs / 1000} s (a hang); status: ${JSON.stringify(text)}; ` +
          `problems: ${session.problems.join('; ') || 'none'}`,
      );
    });
  await Promise.race([settled, session.firstProblem]);
  const status = await page.locator('#status').getAttribute('data-status');
  if (status !== 'ready') {
    const text = await page.locator('#status').textContent();
    throw new Error(`expected the page's status to be ready, received ${status}: ${text}`);
  }
}

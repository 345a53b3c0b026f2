// Builds the docs site with the app's own vite.config.ts into a fresh temporary folder, in a child process so the
// build sees production settings rather than vitest's.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The apps/docs folder. */
export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');

/** Runs `vite build` for apps/docs into a new temporary folder and returns that folder; rejects with the build log. */
export async function buildSite(timeoutMs = 100_000): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'strata-docs-dist-'));
  const child = spawn(process.execPath, [viteBin, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: APP_DIR,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`vite build of apps/docs failed (exit ${code ?? 'killed after ' + timeoutMs + ' ms'}):\n${log}`);
  return outDir;
}

#!/usr/bin/env node
// Runs a root package script with the pinned pnpm, installing dependencies (and pnpm itself, through npx) first
// when needed, so the README's commands work on a machine that has only Node.js.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pin = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager; // "pnpm@x.y.z"
const script = process.argv[2];
const extra = process.argv.slice(3);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' };
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const localPnpm = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm');

function installed() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  if (!existsSync(marker) || !existsSync(localPnpm)) return false;
  return statSync(marker).mtimeMs >= statSync(join(root, 'pnpm-lock.yaml')).mtimeMs;
}

if (!installed()) {
  console.log(`Installing dependencies with ${pin}…`);
  execFileSync(npx, ['--yes', pin, 'install', '--frozen-lockfile'], { cwd: root, stdio: 'inherit', env });
}
const result = spawnSync(localPnpm, ['run', '--silent', script, ...extra], { cwd: root, stdio: 'inherit', env });
process.exit(result.status ?? 1);

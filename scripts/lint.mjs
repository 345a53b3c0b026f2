#!/usr/bin/env node
// Project rules no compiler checks: only @strata/backend* and @strata/core import @tensorflow/* (tests and
// benchmarks aside); tfjs-layers and the @tensorflow/tfjs union are never runtime dependencies; source files stay
// under ~400 lines. Exits non-zero on a violation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const problems = [];
const isTest = (p) => /\.test\.|\/test\/|\/tests\//.test(p);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|js|mjs|vue)$/.test(name)) yield p;
  }
}

for (const area of ['packages', 'apps']) {
  for (const file of files(join(root, area))) {
    const rel = relative(root, file);
    if (isTest(rel)) continue;
    const text = readFileSync(file, 'utf8');
    const mayImportTf = /^packages\/(backend[^/]*|core)\//.test(rel);
    if (!mayImportTf && /(from\s+|import\s*\(\s*|require\s*\(\s*)['"]@tensorflow\//.test(text)) {
      problems.push(`${rel}: imports @tensorflow/* (only @strata/backend* and @strata/core may; go through @strata/core)`);
    }
    const lines = text.split('\n').length;
    if (/^packages\/[^/]+\/src\//.test(rel) && lines > 450) problems.push(`${rel}: ${lines} lines (split it: one concern per file)`);
  }
}
for (const dir of readdirSync(join(root, 'packages'))) {
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  const runtime = { ...pkg.dependencies, ...pkg.peerDependencies };
  for (const banned of ['@tensorflow/tfjs-layers', '@tensorflow/tfjs']) {
    if (runtime[banned]) problems.push(`packages/${dir}/package.json: ${banned} is a runtime dependency (test oracle only: devDependencies)`);
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('lint: OK');

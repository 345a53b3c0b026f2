// Node: tfjs-core's CommonJS entry registers no gradients, and its ESM gradient files cannot be imported by Node as
// they are (their imports have no file extensions). A resolution hook scoped to tfjs-core's dist folder makes them
// loadable; they register into the same global kernel and gradient registries as the CommonJS copy.
import { register, createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// Runs in Node's loader thread, so it is plain JavaScript passed as a data: URL (works from src/ and dist/ alike).
const HOOK = `
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? '';
  if (specifier.startsWith('.') && parent.includes('/@tensorflow/tfjs-core/dist/') && !/\\.[cm]?js$/.test(specifier)) {
    for (const suffix of ['.js', '/index.js']) {
      const url = new URL(specifier + suffix, parent);
      if (existsSync(fileURLToPath(url))) return { url: url.href, format: 'module', shortCircuit: true };
    }
  }
  return next(specifier, context);
}`;

const FLAG = Symbol.for('strata.gradients.registered');
const scope = globalThis as unknown as Record<symbol, boolean | undefined>;

if (!scope[FLAG]) {
  scope[FLAG] = true;
  register(`data:text/javascript,${encodeURIComponent(HOOK)}`);
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@tensorflow/tfjs-core');
  await import(pathToFileURL(entry.replace(/tf-core\.node\.js$/, 'register_all_gradients.js')).href);
}

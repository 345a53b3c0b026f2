// Builds src/test-support/browser-entry.ts for the browser with Vite (in memory): `#platform` resolves to the
// browser platform through the package's `browser` condition, and @strata/core to the error-class shim.
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

export async function bundleBrowserEntry(): Promise<string> {
  const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: here('../..'),
    resolve: {
      conditions: ['@strata/source', 'browser', 'module', 'production'],
      alias: { '@strata/core': here('./core-errors-shim.ts') },
    },
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry: here('./browser-entry.ts'), formats: ['es'], fileName: 'bundle' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o): o is Rollup.OutputChunk => o.type === 'chunk' && o.isEntry);
  if (!chunk) throw new Error('bundleBrowserEntry: Vite produced no entry chunk');
  return chunk.code;
}

#!/usr/bin/env node
// A tiny static server for the built site: 127.0.0.1 only, a free port by default, `.wasm` as application/wasm,
// no SPA fallback (a missing file is a 404, never index.html), and COOP/COEP headers when asked for, which make the
// page cross-origin isolated so tfjs can use its threaded wasm build.
//
//   node scripts/serve.mjs [dir=dist] [--isolated] [--port N]
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Content types by file extension. */
export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
});

/** The headers that make a page cross-origin isolated (`self.crossOriginIsolated === true`). */
export const ISOLATION_HEADERS = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

/**
 * Serves `root` on 127.0.0.1.
 *
 * @param {{ root: string, isolated?: boolean, port?: number }} options `port` 0 (the default) picks a free port.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 * @example
 * const site = await serveStatic({ root: 'dist', isolated: true });
 * console.log(site.url); // http://127.0.0.1:41234/
 * await site.close();
 */
export async function serveStatic({ root, isolated = false, port = 0 }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...(isolated ? ISOLATION_HEADERS : {}) };
    const fail = (code, text) => {
      res.writeHead(code, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${code} ${text}\n`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'Method Not Allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return fail(400, 'Bad Request');
    }
    let file = resolve(join(base, pathname));
    if (file !== base && !file.startsWith(base + sep)) return fail(403, 'Forbidden');
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      res.writeHead(200, {
        ...headers,
        'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch {
      fail(404, 'Not Found');
    }
  });
  await new Promise((done, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => done(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const portAt = args.indexOf('--port');
  const port = portAt >= 0 ? Number(args[portAt + 1]) : 0;
  const root = args.find((a, i) => !a.startsWith('--') && i !== portAt + 1) ?? 'dist';
  const isolated = args.includes('--isolated');
  const site = await serveStatic({ root, isolated, port });
  console.log(`Serving ${resolve(root)} at ${site.url}${isolated ? ' (cross-origin isolated: COOP/COEP)' : ''}`);
}

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticSite as Site } from '../scripts/serve.mjs';

describe('scripts/serve.mjs', () => {
  let dir: string;
  let root: string;
  let plain: Site;
  let isolated: Site;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-docs-serve-'));
    root = join(dir, 'site');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><p>hi</p>');
    await writeFile(join(root, 'assets', 'x.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    await writeFile(join(dir, 'secret.txt'), 'outside the root');
    plain = await serveStatic({ root });
    isolated = await serveStatic({ root, isolated: true });
  });

  afterAll(async () => {
    await plain?.close();
    await isolated?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 on a free port', () => {
    expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(plain.port).toBeGreaterThan(0);
    expect(isolated.port).not.toBe(plain.port);
  });

  it('serves .wasm as application/wasm, byte for byte', async () => {
    const res = await fetch(`${plain.url}assets/x.wasm`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/wasm');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  });

  it('serves index.html for a folder', async () => {
    const res = await fetch(plain.url);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<p>hi</p>');
  });

  it('sends COOP/COEP only when isolated', async () => {
    const off = await fetch(`${plain.url}index.html`);
    const on = await fetch(`${isolated.url}index.html`);
    expect(off.headers.get('cross-origin-opener-policy')).toBeNull();
    expect(off.headers.get('cross-origin-embedder-policy')).toBeNull();
    expect(on.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(on.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it.each([
    ['a missing file (no SPA fallback)', 'GET', 'tfjs-backend-wasm-simd.wasm', 404],
    ['a path that escapes the root', 'GET', 'assets%2F..%2F..%2Fsecret.txt', 403],
    ['a POST', 'POST', 'index.html', 405],
  ])('answers %s with an error status', async (_name, method, path, status) => {
    const res = await fetch(`${plain.url}${path}`, { method });
    expect(res.status).toBe(status);
    expect(await res.text()).not.toContain('outside the root');
  });
});

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bytesOf, makeTar, TestServer } from '../../test-support/server.js';
import { getFile } from './get-file.js';

let server: TestServer;
let dir: string;

beforeEach(async () => {
  server = await TestServer.start();
  dir = await mkdtemp(join(tmpdir(), 'strata-extract-'));
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const files = { 'data/a.txt': new TextEncoder().encode('alpha\n'), 'data/sub/b.bin': bytesOf(1500, 2) };

describe('getFile({ extract: true })', () => {
  it.each([
    ['tar.gz', 'data.tar.gz', () => gzipSync(makeTar(files))],
    ['tar', 'data.tar', () => makeTar(files)],
    ['zip', 'data.zip', () => zipSync(files)],
  ] as const)('extracts a %s next to the download, named as Keras does', async (_kind, fname, make) => {
    const url = server.route(`/${fname}`, { body: make() });
    const out = await getFile(fname, url, { cacheDir: dir, extract: true, progressBar: false });
    expect(out).toBe(join(dir, 'models', 'data_extracted'));
    expect(await readFile(join(out, 'data/a.txt'), 'utf8')).toBe('alpha\n');
    expect(new Uint8Array(await readFile(join(out, 'data/sub/b.bin')))).toEqual(files['data/sub/b.bin']);
    expect((await readdir(join(dir, 'models'))).sort()).toEqual([fname, 'data_extracted'].sort());
  });

  it('without a dot in fname, downloads to <fname>_archive and extracts to <fname>', async () => {
    const url = server.route('/pack', { body: zipSync(files) });
    const out = await getFile('pack', url, { cacheDir: dir, extract: true, progressBar: false });
    expect(out).toBe(join(dir, 'models', 'pack'));
    expect((await readdir(join(dir, 'models'))).sort()).toEqual(['pack', 'pack_archive']);
  });

  it('skips members that would escape the folder, with a warning', async () => {
    const url = server.route('/evil.tar', { body: makeTar({ '../evil.txt': new Uint8Array([1]), 'ok.txt': new Uint8Array([2]) }) });
    const warnings: string[] = [];
    const out = await getFile('evil.tar', url, { cacheDir: dir, extract: true, progressBar: false, onWarning: (m) => warnings.push(m) });
    expect(await readdir(out)).toEqual(['ok.txt']);
    expect(await readdir(join(dir, 'models'))).not.toContain('evil.txt');
    expect(warnings).toEqual(["Skipping invalid path during archive extraction: '../evil.txt'."]);
  });

  it('warns when the file is not an archive', async () => {
    const url = server.route('/plain.bin', { body: bytesOf(2000) });
    const warnings: string[] = [];
    await getFile('plain.bin', url, { cacheDir: dir, extract: true, progressBar: false, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual(['Could not extract archive.']);
  });
});

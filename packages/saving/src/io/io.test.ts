import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Dense, Input } from '@strata/layers';
import { Sequential } from '@strata/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../api/load-model.js';
import { saveModel } from '../api/save-model.js';
import { blobHandler } from './blob.js';
import { checkRelativePath } from './io-handler.js';
import { memoryHandler } from './memory.js';
import { nodeFileHandler } from './node-files.js';
import { resolveHandler } from './resolve-handler.js';
import { urlHandler } from './url.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'strata-io-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('handlers', () => {
  it('Node paths: writes a bundle (main file + shards) and reads files beside the main one', async () => {
    const h = nodeFileHandler(join(dir, 'web', 'model.json'));
    await h.write!(new Map([['model.json', enc('{}')], ['group1-shard1of1.bin', new Uint8Array([1, 2])]]));
    expect((await readdir(join(dir, 'web'))).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    expect(await h.read!('group1-shard1of1.bin')).toEqual(new Uint8Array([1, 2]));
    expect(await h.read!('./group1-shard1of1.bin')).toEqual(new Uint8Array([1, 2]));
    await expect(h.read!('../secret')).rejects.toThrow(/Refusing the path "\.\.\/secret".*files must stay beside the main file/);
    await expect(nodeFileHandler(join(dir, 'missing.keras')).read!()).rejects.toThrow(/No such file: ".*missing\.keras"\./);
  });

  it('Node paths: a write that fails part-way leaves no file and no temporary behind', async () => {
    await writeFile(join(dir, 'blocker'), 'a file where a folder is needed');
    const h = nodeFileHandler(join(dir, 'model.json'));
    // The main file is staged first; the shard cannot be (its folder is a file), so everything is rolled back.
    await expect(h.write!(new Map([['model.json', enc('{}')], ['blocker/x.bin', new Uint8Array(1)]]))).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect((await readdir(dir)).sort()).toEqual(['blocker', 'web']);
  });

  it('Node paths: an existing file is replaced only once the new one is complete', async () => {
    const path = join(dir, 'replace.keras');
    await writeFile(path, 'old');
    await nodeFileHandler(path).write!(new Map([['replace.keras', enc('new')]]));
    expect(await readFile(path, 'utf8')).toBe('new');
  });

  it('URLs: fetches the main file and resolves shard paths against it; HTTP errors name the URL and status', async () => {
    const served: Record<string, string> = { '/m/model.json': '{"a":1}', '/m/group1-shard1of1.bin': 'xy' };
    const server: Server = createServer((req, res) => {
      const body = served[req.url ?? ''];
      res.statusCode = body === undefined ? 404 : 200;
      res.end(body ?? 'not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const h = urlHandler(`${base}/m/model.json`);
      expect(h.name).toBe('model.json');
      expect(new TextDecoder().decode(await h.read!())).toBe('{"a":1}');
      expect(new TextDecoder().decode(await h.read!('group1-shard1of1.bin'))).toBe('xy');
      await expect(h.read!('nope.bin')).rejects.toThrow(`Fetching "${base}/m/nope.bin" failed: HTTP 404 Not Found.`);
      await expect(h.read!('http://elsewhere/x')).rejects.toThrow(/Refusing the path/);
    } finally {
      server.close();
    }
  });

  it('File and Blob objects: the main file and its siblings by name', async () => {
    const h = blobHandler([new File([enc('{}').slice().buffer], 'model.json'), new File([new Uint8Array([9])], 'group1-shard1of1.bin')]);
    expect(h.name).toBe('model.json');
    expect(await h.read!('group1-shard1of1.bin')).toEqual(new Uint8Array([9]));
    await expect(h.read!('other.bin')).rejects.toThrow('The file "other.bin" that "model.json" refers to was not among the files given: ["model.json","group1-shard1of1.bin"].');
  });

  it('resolveHandler maps each kind of location', () => {
    expect(resolveHandler('https://x.org/a/model.json').name).toBe('model.json');
    expect(resolveHandler(join(dir, 'b.keras')).name).toBe('b.keras');
    expect(resolveHandler(new Uint8Array(3)).name).toBe('model.keras');
    expect(resolveHandler(new ArrayBuffer(3), 'w.weights.h5').name).toBe('w.weights.h5');
    expect(resolveHandler(new Blob([enc('x').slice().buffer])).name).toBe('model');
    expect(resolveHandler('downloads://my.keras').name).toBe('my.keras');
    expect(() => resolveHandler('indexeddb://m')).toThrow('IndexedDB is not available in this environment (it exists in browsers).');
    expect(() => resolveHandler(42 as never)).toThrow(/Cannot load or save at 42/);
  });

  it('checkRelativePath refuses escapes', () => {
    for (const p of ['../x', 'a/../../x', '/etc/passwd', 'C:\\x', 'file:///x', '']) expect(() => checkRelativePath(p, 'm')).toThrow(/Refusing the path/);
    expect(checkRelativePath('./group1-shard1of2.bin', 'm')).toBe('group1-shard1of2.bin');
  });

  it('saveModel/loadModel with Node paths, bytes and ArrayBuffers', async () => {
    const model = new Sequential([Input({ shape: [2] }), new Dense({ units: 1 })]);
    const path = join(dir, 'via-path.keras');
    await saveModel(model, path);
    const bytes = await readFile(path);
    for (const source of [path, `file://${path}`, new Uint8Array(bytes), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)]) {
      const copy = await loadModel(source as never);
      expect(copy.getWeights().map((t) => Array.from(t.dataSync()))).toEqual(model.getWeights().map((t) => Array.from(t.dataSync())));
      copy.dispose();
    }
    const mem = memoryHandler('x.json');
    await saveModel(model, mem);
    expect([...mem.files.keys()]).toEqual(['group1-shard1of1.bin', 'x.json']);
    await expect(saveModel(model, join(dir, 'w.weights.h5'))).rejects.toThrow(/is a weights file name: use saveWeights/);
    model.dispose();
  });
});

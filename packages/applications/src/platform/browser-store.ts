/**
 * The browser's cache for `getFile`: the Cache API where it exists (secure contexts), else IndexedDB, else memory for
 * the page's lifetime. A file is stored with a single `put` once it has been verified, so a broken download never
 * leaves a partial entry. Locations are URLs such as `https://keras-cache.invalid/keras/models/x.h5` (never fetched).
 */
import type { Hasher } from '../utils/file-utils/hash.js';
import type { CacheStore, CacheWriter } from './types.js';

const CACHE_NAME = 'strata-keras';
const KEY_ORIGIN = 'https://keras-cache.invalid/';
const DB_NAME = 'strata-keras';
const DB_STORE = 'files';

interface Backend {
  get(key: string): Promise<Blob | undefined>;
  put(key: string, blob: Blob): Promise<void>;
  delete(key: string): Promise<void>;
}

function idbRequest<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((done, fail) => {
    req.onsuccess = () => done(req.result);
    req.onerror = () => fail(req.error);
  });
}

function cacheApiBackend(cacheStorage: CacheStorage): Backend {
  const open = () => cacheStorage.open(CACHE_NAME);
  return {
    async get(key) {
      const res = await (await open()).match(key);
      return res ? res.blob() : undefined;
    },
    async put(key, blob) {
      await (await open()).put(key, new Response(blob, { headers: { 'content-type': 'application/octet-stream' } }));
    },
    async delete(key) {
      await (await open()).delete(key);
    },
  };
}

function indexedDbBackend(factory: IDBFactory): Backend {
  let db: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    db ??= new Promise((done, fail) => {
      const req = factory.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(DB_STORE);
      req.onsuccess = () => done(req.result);
      req.onerror = () => fail(req.error);
    });
    return db;
  };
  const store = async (mode: IDBTransactionMode) => (await open()).transaction(DB_STORE, mode).objectStore(DB_STORE);
  return {
    async get(key) {
      const value = (await idbRequest((await store('readonly')).get(key))) as Blob | undefined;
      return value ?? undefined;
    },
    async put(key, blob) {
      await idbRequest((await store('readwrite')).put(blob, key));
    },
    async delete(key) {
      await idbRequest((await store('readwrite')).delete(key));
    },
  };
}

function memoryBackend(): Backend {
  const files = new Map<string, Blob>();
  return {
    get: async (key) => files.get(key),
    put: async (key, blob) => void files.set(key, blob),
    delete: async (key) => void files.delete(key),
  };
}

/** The best storage the environment offers: Cache API, then IndexedDB, then memory. */
export function defaultBackend(): Backend {
  const g = globalThis as { caches?: CacheStorage; indexedDB?: IDBFactory };
  if (g.caches) return cacheApiBackend(g.caches);
  if (g.indexedDB) return indexedDbBackend(g.indexedDB);
  return memoryBackend();
}

class BlobWriter implements CacheWriter {
  private readonly parts: Uint8Array[] = [];
  private blob: Blob | undefined;

  constructor(
    private readonly backend: Backend,
    private readonly location: string,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    this.parts.push(chunk.slice());
    this.blob = undefined;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    this.blob ??= new Blob(this.parts as BlobPart[]);
    return new Uint8Array(await this.blob.slice(offset, offset + length).arrayBuffer());
  }

  async commit(): Promise<void> {
    await this.backend.put(this.location, this.blob ?? new Blob(this.parts as BlobPart[]));
    this.parts.length = 0;
  }

  async abort(): Promise<void> {
    this.parts.length = 0;
    this.blob = undefined;
  }
}

/** A cache store on `backend` (default: the best one available). */
export function browserStore(backend: Backend = defaultBackend()): CacheStore {
  const blobOf = (location: string) => backend.get(location);
  return {
    async locate(fname, cacheDir, cacheSubdir) {
      const parts = [cacheDir ?? 'keras', cacheSubdir, fname].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean);
      return KEY_ORIGIN + parts.map(encodeURIComponent).join('/');
    },
    async size(location) {
      return (await blobOf(location))?.size;
    },
    async hash(location, hasher: Hasher) {
      const blob = await blobOf(location);
      if (!blob) throw new Error(`no cached file at ${location}`);
      const step = 1 << 22;
      for (let offset = 0; offset < blob.size; offset += step) {
        hasher.update(new Uint8Array(await blob.slice(offset, offset + step).arrayBuffer()));
      }
      return hasher.digest();
    },
    async read(location, offset, length) {
      const blob = await blobOf(location);
      if (!blob) throw new Error(`no cached file at ${location}`);
      return new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
    },
    async readAll(location) {
      const blob = await blobOf(location);
      if (!blob) throw new Error(`no cached file at ${location}`);
      return new Uint8Array(await blob.arrayBuffer());
    },
    remove: (location) => backend.delete(location),
    createWriter: async (location) => new BlobWriter(backend, location),
  };
}

export type { Backend as BrowserCacheBackend };
export { cacheApiBackend, indexedDbBackend, memoryBackend };

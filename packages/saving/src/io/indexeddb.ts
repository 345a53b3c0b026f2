/** IndexedDB in the browser: `indexeddb://<key>` stores a whole bundle in one record, in one transaction. */
import { ValueError } from '@strata/core';
import type { FileBundle, IOHandler } from './io-handler.js';

const DB_NAME = 'strata_models';
const STORE = 'models';

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
  });
}

interface StoredBundle {
  key: string;
  name: string;
  files: Array<[string, ArrayBuffer]>;
  dateSaved: string;
}

/**
 * A handler for a record in IndexedDB (database `strata_models`).
 *
 * @example
 * await saveModel(model, 'indexeddb://my-model');
 * const again = await loadModel('indexeddb://my-model');
 */
export function indexedDbHandler(key: string, name = 'model.keras', factory: IDBFactory | undefined = globalThis.indexedDB): IOHandler {
  if (!factory) throw new ValueError('IndexedDB is not available in this environment (it exists in browsers).');
  const idb = factory;
  let cached: Map<string, Uint8Array> | null = null;
  const load = async (): Promise<Map<string, Uint8Array>> => {
    if (cached) return cached;
    const db = await openDb(idb);
    try {
      const record = await new Promise<StoredBundle | undefined>((resolve, reject) => {
        const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(key);
        req.onsuccess = () => resolve(req.result as StoredBundle | undefined);
        req.onerror = () => reject(req.error);
      });
      if (!record) throw new ValueError(`Nothing is saved in IndexedDB under "indexeddb://${key}".`);
      cached = new Map(record.files.map(([k, v]) => [k, new Uint8Array(v)]));
      cached.set('\0main', cached.get(record.name)!);
      return cached;
    } finally {
      db.close();
    }
  };
  return {
    name,
    async read(relativePath?: string) {
      const files = await load();
      const data = files.get(relativePath ?? '\0main');
      if (!data) throw new ValueError(`"indexeddb://${key}" holds no file "${relativePath}".`);
      return data;
    },
    async write(files: FileBundle) {
      const db = await openDb(idb);
      try {
        const record: StoredBundle = {
          key, name, dateSaved: new Date().toISOString(),
          files: [...files].map(([k, v]) => [k, v.slice().buffer]),
        };
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(STORE, 'readwrite');
          tx.objectStore(STORE).put(record);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
        });
        cached = null;
      } finally {
        db.close();
      }
    },
  };
}

/**
 * Loads h5wasm (HDF5 compiled to WebAssembly, its wasm embedded in the module, so Node and bundlers need no asset
 * setup) on first use, and hands out unique paths in its in-memory file system.
 */
import type * as H5 from 'h5wasm';

/** The parts of h5wasm Strata uses. */
export interface H5Wasm {
  File: typeof H5.File;
  Group: typeof H5.Group;
  Dataset: typeof H5.Dataset;
  FS: {
    writeFile(path: string, data: Uint8Array): void;
    readFile(path: string): Uint8Array;
    unlink(path: string): void;
  };
}

let loading: Promise<H5Wasm> | null = null;
let counter = 0;

/** h5wasm, ready to use (loaded once). */
export function loadH5Wasm(): Promise<H5Wasm> {
  loading ??= (async () => {
    const mod = await import('h5wasm');
    const h5 = mod.default;
    const module = await h5.ready;
    return { File: h5.File, Group: h5.Group, Dataset: h5.Dataset, FS: (module as unknown as { FS: H5Wasm['FS'] }).FS };
  })();
  return loading;
}

/** A fresh path in h5wasm's in-memory file system. */
export function scratchPath(label: string): string {
  counter += 1;
  return `/strata-${counter}-${label.replace(/[^\w.-]/g, '_').slice(0, 40)}.h5`;
}

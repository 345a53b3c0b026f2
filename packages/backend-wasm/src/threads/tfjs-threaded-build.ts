/**
 * The parts of tfjs-backend-wasm 4.22.0 the Node threaded start relies on, found and checked in one place: the
 * threaded Emscripten factory in `wasm-out/`, its `.wasm`, and the pthread worker source exported as
 * `wasmWorkerContents`. Every check throws an error naming the file and what was expected, so a changed package
 * makes the backend fall back to the single-threaded build with that reason (and the internals test fail).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const requireCjs = createRequire(import.meta.url);

/** The tfjs-backend-wasm version whose internals this module was written against. */
export const TFJS_WASM_VERSION = '4.22.0';

/** The cwrap table tfjs' `init()` attaches as `module.tfjs`; `BackendWasm` calls these. */
export interface TfjsBridge {
  init(): void;
  initWithThreadsCount(threads: number): void;
  getThreadsCount(): number;
  registerTensor(id: number, size: number, memoryOffset: number): void;
  disposeData(id: number): void;
  dispose(): void;
}

/** A `worker_threads` Worker as Emscripten's PThread runtime keeps it. */
export interface PThreadWorker {
  ref(): void;
  unref(): void;
  terminate(): unknown;
  onerror?: ((event: unknown) => void) | undefined;
}

/** The module the threaded Emscripten factory resolves to (only what Strata touches). */
export interface ThreadedModule {
  cwrap(name: string, returnType: string | null, argTypes: string[]): (...args: number[]) => unknown;
  PThread: {
    unusedWorkers: PThreadWorker[];
    runningWorkers: PThreadWorker[];
    allocateUnusedWorker(): void;
    terminateAllThreads(): void;
  };
  tfjs?: TfjsBridge;
}

/** What the factory accepts (Emscripten's `Module` overrides). */
export interface FactoryConfig {
  mainScriptUrlOrBlob: string;
  locateFile(path: string, prefix: string): string;
  instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void): object;
  onAbort(what: unknown): void;
  PThread?: ThreadedModule['PThread'];
}

/** The threaded build's files and factory. */
export interface ThreadedBuild {
  /** tfjs-backend-wasm's folder. */
  packageDir: string;
  /** `wasm-out/tfjs-backend-wasm-threaded-simd.js`: the main script each pthread worker loads again. */
  scriptPath: string;
  /** `wasm-out/tfjs-backend-wasm-threaded-simd.wasm`. */
  wasmPath: string;
  /** The Emscripten factory exported by `scriptPath`. */
  factory(config: FactoryConfig): Promise<ThreadedModule>;
  /** The pthread worker's source, with `\n` escapes kept as tfjs does before making its Blob. */
  workerSource: string;
}

/** Text every part of the recipe depends on, checked when the build is located. */
export const WORKER_MARKERS = [
  'require("worker_threads")', // the worker runs under Node's worker_threads
  'importScripts', // it loads the main script from the path it is sent
  'e.data.urlOrBlob', // ...which is mainScriptUrlOrBlob
  'WasmBackendModuleThreadedSimd(Module)', // then runs the factory that script defines
] as const;

function expectFile(path: string, what: string): string {
  if (!existsSync(path)) {
    throw new Error(`tfjs-backend-wasm ${TFJS_WASM_VERSION} internals changed: expected ${what} at ${path}, found nothing.`);
  }
  return path;
}

/**
 * Finds and checks the threaded build of the installed tfjs-backend-wasm.
 *
 * @example
 * const { factory, scriptPath } = locateThreadedBuild();
 */
export function locateThreadedBuild(): ThreadedBuild {
  const manifest = requireCjs.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  if (version !== TFJS_WASM_VERSION) {
    throw new Error(`expected @tensorflow/tfjs-backend-wasm ${TFJS_WASM_VERSION} (the version whose threaded build Strata starts), received ${version}.`);
  }
  const packageDir = dirname(manifest);
  const out = join(packageDir, 'wasm-out');
  const scriptPath = expectFile(join(out, 'tfjs-backend-wasm-threaded-simd.js'), 'the threaded Emscripten factory');
  const wasmPath = expectFile(join(out, 'tfjs-backend-wasm-threaded-simd.wasm'), 'the threaded SIMD binary');
  const workerPath = expectFile(join(out, 'tfjs-backend-wasm-threaded-simd.worker.js'), 'the pthread worker module');

  const factory: unknown = requireCjs(scriptPath);
  if (typeof factory !== 'function') {
    throw new Error(`tfjs-backend-wasm ${TFJS_WASM_VERSION} internals changed: expected ${scriptPath} to export the Emscripten factory function, received ${typeof factory}.`);
  }
  const { wasmWorkerContents } = requireCjs(workerPath) as { wasmWorkerContents?: unknown };
  if (typeof wasmWorkerContents !== 'string') {
    throw new Error(`tfjs-backend-wasm ${TFJS_WASM_VERSION} internals changed: expected ${workerPath} to export a string wasmWorkerContents, received ${typeof wasmWorkerContents}.`);
  }
  const missing = WORKER_MARKERS.filter((marker) => !wasmWorkerContents.includes(marker));
  if (missing.length > 0) {
    throw new Error(`tfjs-backend-wasm ${TFJS_WASM_VERSION} internals changed: wasmWorkerContents no longer contains ${missing.map((m) => JSON.stringify(m)).join(', ')}.`);
  }
  return {
    packageDir,
    scriptPath,
    wasmPath,
    factory: factory as ThreadedBuild['factory'],
    // tfjs escapes newlines before putting the source in a Blob; the file we write must match that text.
    workerSource: wasmWorkerContents.replace(/\n/g, '\\n'),
  };
}

/**
 * Builds the same cwrap table tfjs' own `init()` gives the module, so tfjs' `BackendWasm` and every tfjs wasm
 * kernel run on a module Strata started.
 */
export function bridgeFor(module: ThreadedModule): TfjsBridge {
  return {
    init: module.cwrap('init', null, []) as TfjsBridge['init'],
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']) as TfjsBridge['initWithThreadsCount'],
    getThreadsCount: module.cwrap('get_threads_count', 'number', []) as TfjsBridge['getThreadsCount'],
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']) as TfjsBridge['registerTensor'],
    disposeData: module.cwrap('dispose_data', null, ['number']) as TfjsBridge['disposeData'],
    dispose: module.cwrap('dispose', null, []) as TfjsBridge['dispose'],
  };
}

/**
 * Starts tfjs-backend-wasm's threaded SIMD build in Node, which tfjs itself never does there: it hands
 * Emscripten's pthread workers a `blob:` URL that `worker_threads` cannot load. Here the workers get a real file
 * holding tfjs' own worker source, and the core count Emscripten reports to tfjs' C++ (which sizes its pool as
 * half of it, assuming hyper-threading) is set so that exactly the requested number of threads start.
 * Node-only: `start.ts` imports this module dynamically.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join } from 'node:path';
import { addedSince, removeListeners, snapshotListeners } from './process-listeners.js';
import { bridgeFor, locateThreadedBuild, type FactoryConfig, type PThreadWorker, type ThreadedModule } from './tfjs-threaded-build.js';

/** How long the pthread workers may take to load before the threaded start is abandoned. */
export const STARTUP_TIMEOUT_MS = 60_000;

/** Cores this process may use: `os.availableParallelism()`, or `os.cpus().length` where that is missing. */
export function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Emscripten throws from a worker's error handler, which would crash the process. Until the module has started,
 * a worker error rejects the start instead, so the backend can fall back to the single-threaded build.
 */
function watchWorkers(workers: PThreadWorker[], fail: (err: Error) => void, started: () => boolean): void {
  for (const worker of workers) {
    let emscriptenHandler: ((event: unknown) => void) | undefined;
    Object.defineProperty(worker, 'onerror', {
      configurable: true,
      get: () => (event: unknown) => {
        if (started()) emscriptenHandler?.(event);
        else fail(new Error(`a pthread worker failed to load: ${event instanceof Error ? event.message : String(event)}`));
      },
      set: (handler: (event: unknown) => void) => {
        emscriptenHandler = handler;
      },
    });
  }
}

function checkSharedMemory(): void {
  if (typeof SharedArrayBuffer !== 'function') throw new Error('SharedArrayBuffer is not available in this Node process');
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true } as WebAssembly.MemoryDescriptor);
  } catch (err) {
    throw new Error(`shared WebAssembly memory is not available (${(err as Error).message})`);
  }
}

/**
 * Writes the pthread worker script into a new private folder (mode 0700: workers execute it, so it must not live
 * where another user could swap it) and returns its path.
 */
function writeWorkerScript(source: string): string {
  let dir: string;
  try {
    dir = mkdtempSync(join(os.tmpdir(), 'strata-wasm-'));
  } catch (err) {
    throw new Error(`the pthread worker script could not be written to ${os.tmpdir()} (${(err as Error).message})`);
  }
  const file = join(dir, 'tfjs-backend-wasm-threaded-simd.worker.cjs');
  writeFileSync(file, source, { mode: 0o600 });
  return file;
}

/**
 * Instantiates the threaded SIMD build with a pool of `threads` threads (the calling thread included) and gives it
 * the cwrap table tfjs' `BackendWasm` expects. Rejects, with its workers terminated and its process listeners
 * removed, if anything fails.
 *
 * @example
 * const module = await startThreadedModule(2);
 * tf.registerBackend('wasm', () => new BackendWasm(module), 2);
 */
export async function startThreadedModule(threads: number): Promise<ThreadedModule> {
  checkSharedMemory();
  const build = locateThreadedBuild();
  const wasmBytes = readFileSync(build.wasmPath);
  let workerPath = writeWorkerScript(build.workerSource);
  // Removed once the pool has loaded; written again (and removed at exit) only if a worker is ever added later.
  const workerScript = (): string => {
    if (!existsSync(workerPath)) {
      workerPath = writeWorkerScript(build.workerSource);
      const file = workerPath;
      process.once('exit', () => rmSync(dirname(file), { recursive: true, force: true }));
    }
    return workerPath;
  };
  const before = snapshotListeners()!;
  let started = false;
  let fail!: (err: Error) => void;
  const failure = new Promise<never>((_, reject) => (fail = reject));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const config: FactoryConfig = {
    mainScriptUrlOrBlob: build.scriptPath,
    locateFile: (path, prefix) => (path.endsWith('.worker.js') ? workerScript() : path.endsWith('.wasm') ? build.wasmPath : prefix + path),
    instantiateWasm(imports, receive) {
      const env = imports['env'] as Record<string, unknown> | undefined;
      if (typeof env?.['emscripten_num_logical_cores'] !== 'function') {
        fail(new Error('tfjs-backend-wasm internals changed: the threaded build no longer imports emscripten_num_logical_cores'));
        return {};
      }
      // tfjs' C++ reads the core count once, while the module starts, and caps its pool at half of it.
      env['emscripten_num_logical_cores'] = () => threads * 2;
      WebAssembly.instantiate(wasmBytes, imports).then(({ instance, module }) => receive(instance, module), fail);
      return {};
    },
    onAbort: (what) => fail(new Error(`the threaded module aborted: ${String(what)}`)),
  };
  try {
    const ready = build.factory(config);
    ready.catch(() => undefined); // a failure surfaces through `failure` or the race below
    watchWorkers(config.PThread?.unusedWorkers ?? [], fail, () => started);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`its pthread workers did not load within ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS);
    });
    const module = await Promise.race([ready, failure, timeout]);
    started = true;
    module.tfjs = bridgeFor(module);
    return module;
  } catch (err) {
    config.PThread?.terminateAllThreads();
    removeListeners(addedSince(before));
    throw err;
  } finally {
    clearTimeout(timer);
    // Every pool worker has read the script once the module is ready (or has failed).
    rmSync(dirname(workerPath), { recursive: true, force: true });
  }
}

const keepNothingAlive = (worker: PThreadWorker): void => {
  worker.unref();
  worker.ref = () => undefined;
};

/**
 * Call once the backend has started its pthreads. Terminates the idle pool workers (Emscripten always loads 8, each
 * a V8 isolate of about 11 MB; tfjs starts its pthreads only at initialisation), and stops the running ones, and
 * any added later, from keeping the process alive, so a script exits by itself once its work is done. Kernels
 * block the calling thread while workers help, so no work is ever pending on an unreferenced worker.
 */
export function letProcessExit(module: ThreadedModule): void {
  const { PThread } = module;
  for (const worker of PThread.unusedWorkers) worker.terminate();
  PThread.unusedWorkers = [];
  PThread.runningWorkers.forEach(keepNothingAlive);
  const allocate = PThread.allocateUnusedWorker.bind(PThread);
  PThread.allocateUnusedWorker = () => {
    allocate();
    keepNothingAlive(PThread.unusedWorkers[PThread.unusedWorkers.length - 1]!);
  };
}

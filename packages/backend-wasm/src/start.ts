import * as tf from '@tensorflow/tfjs-core';
import { BackendWasm, getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { resetBackend, type Capabilities } from '@strata/backend';
import { configuredThreads } from './config.js';
import { prepareFastKernels } from './fast/module.js';
import { addedSince, disposeKeepingListeners, removeListeners, snapshotListeners } from './threads/process-listeners.js';
import { planThreads } from './threads/thread-count.js';
import type { ThreadedModule } from './threads/tfjs-threaded-build.js';

type BackendFactory = () => tf.KernelBackend | Promise<tf.KernelBackend>;

const WASM_PRIORITY = 2;
// The Node-only module, hidden from bundlers (it imports node:fs, node:os and node:module, which a browser build
// cannot resolve); `.ts` when this file itself runs from source (vitest, through the @strata/source condition).
const NODE_ONLY = `./threads/node-threaded.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`;
const isNode = typeof process !== 'undefined' && process.versions?.node != null;

// tfjs-backend-wasm registers its own factory when imported; kept to start its single-threaded or browser path.
let tfjsFactory: BackendFactory | null = null;

function tfjsOwnFactory(): BackendFactory {
  tfjsFactory ??= tf.findBackendFactory('wasm') as BackendFactory | null;
  if (!tfjsFactory) throw new Error('tfjs-backend-wasm did not register its "wasm" backend; import "@strata/backend-wasm" before starting it.');
  return tfjsFactory;
}

/**
 * Disposes the tfjs wasm backend instance, if any (terminating its pthread workers), and its registration,
 * keeping the application's process listeners.
 */
function removeWasm(): void {
  if (tf.findBackendFactory('wasm')) disposeKeepingListeners(() => tf.removeBackend('wasm'));
}

/**
 * Makes `factory` tfjs' wasm backend and selects it. `before` is taken before its module started: the process
 * listeners the module added since are removed (see process-listeners.ts).
 */
async function select(factory: BackendFactory, before = snapshotListeners()): Promise<void> {
  tf.registerBackend('wasm', factory, WASM_PRIORITY);
  const selected = await tf.setBackend('wasm');
  if (before) removeListeners(addedSince(before));
  if (!selected) {
    throw new Error('tfjs-backend-wasm did not initialise (see the warning above for the cause: usually the .wasm binaries could not be fetched; in a browser call configureWasm({ wasmPaths }) or import "@strata/backend-wasm/vite").');
  }
  await tf.ready();
}

async function simdSupported(): Promise<boolean> {
  return Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
}

/** Node: the threaded SIMD build on every core (or as configured), else tfjs' single-threaded SIMD build. */
async function startInNode(): Promise<Capabilities> {
  const node = (await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_ONLY)) as typeof import('./threads/node-threaded.js');
  const cores = node.availableCores();
  const plan = planThreads({
    configured: configuredThreads(),
    env: process.env['STRATA_WASM_THREADS'],
    underVitest: Boolean(process.env['VITEST']),
    cores,
  });
  let reason = plan.reason;
  const simd = await simdSupported();
  if (plan.threads > 1 && !simd) reason = 'this Node has no WebAssembly SIMD, which the threaded build needs';
  if (plan.threads > 1 && simd) {
    let module: ThreadedModule | undefined;
    try {
      const before = snapshotListeners();
      module = await node.startThreadedModule(plan.threads);
      const threaded = module;
      setThreadsCount(plan.threads);
      await select(() => new BackendWasm(threaded as unknown as ConstructorParameters<typeof BackendWasm>[0]), before);
      node.letProcessExit(threaded);
      const threads = getThreadsCount();
      const threadsReason = threads < plan.threads ? `the threaded build started ${threads} of the ${plan.threads} threads asked for` : plan.reason;
      return { simd, threads, ...(threadsReason ? { threadsReason } : {}) };
    } catch (err) {
      removeWasm();
      module?.PThread.terminateAllThreads();
      reason = `the threaded build could not start (${(err as Error).message}), so kernels run single-threaded`;
    }
  }
  setThreadsCount(1);
  await select(tfjsOwnFactory());
  return { simd, threads: getThreadsCount(), ...(reason ? { threadsReason: reason } : {}) };
}

/** Browsers: tfjs' own path (threaded when the page is cross-origin isolated, capped at hardwareConcurrency / 2). */
async function startInBrowser(): Promise<Capabilities> {
  const configured = configuredThreads();
  setThreadsCount(configured ?? -1);
  await select(tfjsOwnFactory());
  const simd = await simdSupported();
  const threads = getThreadsCount();
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency ?? 1 : 1;
  let threadsReason: string | undefined;
  if (configured !== undefined && threads === configured && threads < cores) {
    threadsReason = `configureWasm({ threads: ${configured} }) set ${configured} of ${cores} cores`;
  } else if (threads <= 1 && !(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) {
    threadsReason = 'the page is not cross-origin isolated (serve it with COOP/COEP headers), so tfjs runs its single-threaded build';
  } else if (threads < cores) {
    threadsReason = `tfjs caps threads at navigator.hardwareConcurrency / 2 (${cores} / 2)`;
  }
  return { simd, threads, ...(threadsReason ? { threadsReason } : {}) };
}

/**
 * Starts the wasm backend and reports what it runs with. A backend started before is disposed first, so
 * `resetBackend('wasm')` followed by `setBackend('wasm')` restarts it without leaking its pthread workers. Strata's
 * SIMD training kernels are instantiated before it resolves (asynchronously: browsers refuse to compile them
 * synchronously on the main thread), so training runs on them from the first step.
 */
export async function startWasm(): Promise<Capabilities> {
  tfjsOwnFactory();
  removeWasm();
  const capabilities = await (isNode ? startInNode() : startInBrowser());
  await prepareFastKernels(tf.backend());
  return capabilities;
}

/**
 * Disposes the wasm backend: frees its memory and terminates its pthread workers. Tensors made on it can no
 * longer be used. The next `setBackend('wasm')` starts it again with the configuration then in force, which is
 * how a new thread count takes effect.
 *
 * @example
 * import { configureWasm, disposeWasm } from '@strata/backend-wasm';
 * import { setBackend } from '@strata/core';
 * configureWasm({ threads: 1 });
 * disposeWasm();
 * await setBackend('wasm'); // getBackend().capabilities.threads === 1
 */
export function disposeWasm(): void {
  tfjsOwnFactory();
  removeWasm();
  resetBackend('wasm');
}

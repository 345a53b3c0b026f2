import * as tf from '@tensorflow/tfjs-core';
import type { Capabilities } from './capabilities.js';

/**
 * A backend package describes itself with this and calls {@link registerBackend} when imported.
 *
 * @example
 * registerBackend({ name: 'cpu', packageName: '@strata/backend-cpu', priority: 1,
 *   init: async () => { await tf.setBackend('cpu'); return { simd: false, threads: 1 }; } });
 */
export interface BackendProvider {
  /** The tfjs backend name this provider prepares (`'wasm'`, `'cpu'`). */
  name: string;
  /** The npm package that provides it, named in errors. */
  packageName: string;
  /** Higher wins when no backend was chosen explicitly. */
  priority: number;
  /** Prepares the tfjs backend, makes it current and reports its capabilities. */
  init(): Promise<Capabilities>;
  /** Frees what `init` started (workers, memory); the next `setBackend(name)` starts it again. */
  dispose?(): void;
}

/** The backend in use: its name and capabilities. */
export interface BackendInfo {
  name: string;
  packageName: string;
  capabilities: Capabilities;
}

/** Backends Strata knows of, and the package that provides each. */
export const KNOWN_BACKENDS: Readonly<Record<string, string>> = Object.freeze({
  wasm: '@strata/backend-wasm',
  cpu: '@strata/backend-cpu',
});

interface RegistryState {
  providers: Map<string, BackendProvider>;
  current: BackendInfo | null;
  pending: Promise<BackendInfo> | null;
  initialized: Map<string, Capabilities>;
}

// One registry per process, even if two copies of this package are loaded.
const KEY = Symbol.for('strata.backend.registry');
const globalScope = globalThis as unknown as Record<symbol, RegistryState | undefined>;
const state: RegistryState = (globalScope[KEY] ??= {
  providers: new Map(),
  current: null,
  pending: null,
  initialized: new Map(),
});

/** Registers a backend provider by name; backend packages call this when imported. */
export function registerBackend(provider: BackendProvider): void {
  state.providers.set(provider.name, provider);
}

/** Names of the registered backends, highest priority first. */
export function listBackends(): string[] {
  return [...state.providers.values()].sort((a, b) => b.priority - a.priority).map((p) => p.name);
}

/**
 * Makes `name` the backend every op runs on, preparing it on first use.
 *
 * @example
 * import '@strata/backend-cpu';
 * await setBackend('cpu');
 */
export async function setBackend(name: string): Promise<BackendInfo> {
  const provider = state.providers.get(name);
  if (!provider) {
    const pkg = KNOWN_BACKENDS[name];
    const known = listBackends();
    throw new Error(
      pkg
        ? `Backend "${name}" is not registered. Install and import "${pkg}" (import '${pkg}';) before calling setBackend('${name}'). Registered backends: ${known.join(', ') || 'none'}.`
        : `Unknown backend "${name}". Registered backends: ${known.join(', ') || 'none'}; Strata provides ${Object.keys(KNOWN_BACKENDS).join(', ')}.`,
    );
  }
  const run = async (): Promise<BackendInfo> => {
    let capabilities = state.initialized.get(name);
    if (capabilities) {
      if (!(await tf.setBackend(name))) throw new Error(`Backend "${name}" (${provider.packageName}) could not be selected.`);
    } else {
      try {
        capabilities = await provider.init();
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        const others = listBackends().filter((n) => n !== name);
        throw new Error(
          `Backend "${name}" (${provider.packageName}) failed to start: ${reason}` +
            (others.length ? ` Select another with setBackend(${others.map((o) => `'${o}'`).join(' | ')}).` : ` Install "@strata/backend-cpu" and call setBackend('cpu') to use the pure-JavaScript backend.`),
          { cause: err },
        );
      }
      state.initialized.set(name, capabilities);
    }
    state.current = { name, packageName: provider.packageName, capabilities };
    return state.current;
  };
  const previous = state.pending ?? Promise.resolve(null);
  const next = previous.catch(() => null).then(run);
  state.pending = next;
  try {
    return await next;
  } finally {
    if (state.pending === next) state.pending = null;
  }
}

/** Frees a backend's prepared state (its `dispose`) so the next `setBackend(name)` starts it again. */
export function resetBackend(name: string): void {
  const wasStarted = state.initialized.delete(name);
  if (state.current?.name === name) state.current = null;
  // After forgetting it, so a dispose that itself calls resetBackend does not recurse.
  if (wasStarted) state.providers.get(name)?.dispose?.();
}

/**
 * The backend in use, with its capabilities.
 *
 * @example
 * const { name, capabilities } = getBackend(); // 'wasm', { simd: true, threads: 1 }
 */
export function getBackend(): BackendInfo {
  if (!state.current) {
    throw new Error('No Strata backend is ready yet. Import "@strata/core" (it starts the default backend) or await setBackend(name).');
  }
  return state.current;
}

/** Resolves once any backend switch in flight has finished; returns the backend in use. */
export async function ready(): Promise<BackendInfo> {
  if (state.pending) await state.pending;
  return getBackend();
}

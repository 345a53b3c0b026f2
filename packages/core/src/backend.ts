import { type BackendInfo, listBackends, setBackend } from '@strata/backend';

function requestedBackend(): string | undefined {
  const env = typeof process !== 'undefined' ? process.env?.STRATA_BACKEND : undefined;
  return env && env.length > 0 ? env : undefined;
}

/**
 * Starts the backend named by `STRATA_BACKEND` (Node), else wasm; if wasm cannot start and another backend was
 * imported first (such as `@strata/backend-cpu`), falls back to it with a warning. Otherwise the error says why
 * and how to pick another.
 */
export async function startDefaultBackend(): Promise<BackendInfo> {
  const wanted = requestedBackend() ?? 'wasm';
  try {
    return await setBackend(wanted);
  } catch (err) {
    const fallback = listBackends().find((name) => name !== wanted);
    if (!fallback || requestedBackend()) throw err;
    console.warn(`${(err as Error).message}\nFalling back to the "${fallback}" backend.`);
    return setBackend(fallback);
  }
}

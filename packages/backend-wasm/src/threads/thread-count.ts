/** Threads the threaded tfjs build can run: its Emscripten pthread pool holds 8 workers. */
export const MAX_THREADS = 8;

/**
 * Checks a requested thread count: a whole number from 1 to {@link MAX_THREADS} (a string of digits is accepted,
 * as environment variables are strings). `source` names where the value came from in the error.
 *
 * @example
 * parseThreadCount('2', 'STRATA_WASM_THREADS'); // 2
 */
export function parseThreadCount(value: unknown, source: string): number {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new Error(`${source} must be a whole number from 1 to ${MAX_THREADS}, received ${JSON.stringify(value) ?? String(value)}.`);
  }
  return n;
}

/** What decides the thread count in Node. */
export interface ThreadPlanInput {
  /** Set with `configureWasm({ threads })`; wins over everything else. */
  configured?: number | undefined;
  /** The `STRATA_WASM_THREADS` environment variable, as read. */
  env?: string | undefined;
  /** True inside a vitest worker, where test files already run in parallel. */
  underVitest: boolean;
  /** Cores this process may use (`os.availableParallelism()`). */
  cores: number;
}

/** The thread count to start with and, when it is below the core count, why. */
export interface ThreadPlan {
  threads: number;
  reason?: string;
}

/**
 * Decides how many threads the wasm backend starts with in Node: `configureWasm({ threads })`, else
 * `STRATA_WASM_THREADS`, else 1 under vitest, else every core up to {@link MAX_THREADS}.
 *
 * @example
 * planThreads({ underVitest: false, cores: 2 }); // { threads: 2 }
 */
export function planThreads({ configured, env, underVitest, cores }: ThreadPlanInput): ThreadPlan {
  const usable = Math.max(1, Math.floor(cores));
  const below = (threads: number, reason: string): ThreadPlan => (threads < usable ? { threads, reason } : { threads });
  if (configured !== undefined) {
    const threads = parseThreadCount(configured, 'configureWasm({ threads })');
    return below(threads, `configureWasm({ threads: ${threads} }) set ${threads} of ${usable} cores`);
  }
  if (env !== undefined && env.trim() !== '') {
    const threads = parseThreadCount(env, 'STRATA_WASM_THREADS');
    return below(threads, `STRATA_WASM_THREADS=${threads} set ${threads} of ${usable} cores`);
  }
  if (underVitest) {
    return below(1, 'single-threaded by default under vitest, which already runs test files in parallel (set STRATA_WASM_THREADS or configureWasm({ threads }) for more)');
  }
  if (usable <= 1) return { threads: 1, reason: 'this machine reports a single core' };
  const threads = Math.min(usable, MAX_THREADS);
  return below(threads, `the threaded build's pool holds at most ${MAX_THREADS} threads (this machine has ${usable} cores)`);
}

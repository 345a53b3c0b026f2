/** What a backend can do on this machine, as reported by `getBackend().capabilities`. */
export interface Capabilities {
  /** WebAssembly SIMD in use (wasm backend only; `false` elsewhere). */
  simd: boolean;
  /** Number of threads the backend's kernels run on (1 = single-threaded). */
  threads: number;
  /** Why the backend runs with fewer threads than the machine has cores, when it does. */
  threadsReason?: string;
}

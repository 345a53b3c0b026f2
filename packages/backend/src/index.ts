export type { Capabilities } from './capabilities.js';
export {
  KNOWN_BACKENDS,
  getBackend,
  listBackends,
  ready,
  registerBackend,
  resetBackend,
  setBackend,
} from './registry.js';
export type { BackendInfo, BackendProvider } from './registry.js';

import { resetCallContext } from './call-context.js';
import { resetNameScopes } from './name-scope.js';
import { resetUids } from './naming.js';

/**
 * Resets Strata's global layer state, as `keras.backend.clear_session()`: name counters (the next Dense is
 * `dense` again), open name scopes and the call context. Existing layers and their weights are untouched; dispose
 * them yourself.
 *
 * @example
 * clearSession();
 * new Dense({ units: 2 }).name; // 'dense'
 */
export function clearSession(): void {
  resetUids();
  resetNameScopes();
  resetCallContext();
}

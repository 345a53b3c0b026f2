/**
 * Keras' automatic object names: a class name in snake_case made unique with one process-wide counter per prefix
 * (`dense`, `dense_1`, …), shared by layers, models, optimizers and metrics as in Keras (`keras/src/utils/naming.py`).
 *
 * @example
 * toSnakeCase('Conv2D'); // 'conv2d'
 * uniquifyName('dense'); // 'dense', then 'dense_1'
 */

/** Keras' `to_snake_case`: `ReLU` → `re_lu`, `RMSprop` → `rm_sprop`, `Conv2D` → `conv2d`. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

const KEY = Symbol.for('strata.naming.counters');
const scope = globalThis as unknown as Record<symbol, Map<string, number> | undefined>;
const counters: Map<string, number> = (scope[KEY] ??= new Map());

/** The next free name for `prefix`: the prefix itself first, then `prefix_1`, `prefix_2`, … */
export function uniquifyName(prefix: string): string {
  const n = counters.get(prefix) ?? 0;
  counters.set(prefix, n + 1);
  return n === 0 ? prefix : `${prefix}_${n}`;
}

/** Restarts every counter (Keras' `clear_session`), so tests get predictable names. */
export function resetNames(): void {
  counters.clear();
}

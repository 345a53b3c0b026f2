/**
 * Auto-names as Keras' `utils/naming.py`: one process-wide counter per prefix, the first name bare, then `_1`,
 * `_2`… (`dense`, `dense_1`; `Conv2D` → `conv2d`, `ReLU` → `re_lu`). The counters live in `@strata/core`, shared
 * with optimizers and metrics as in Keras.
 */
import { classNameOf, resetNames, toSnakeCase, uniquifyName } from '@strata/core';

export { toSnakeCase };

let uids = new Map<string, number>();

/** `name` the first time, then `name_1`, `name_2`… (the counter is per name, process-wide). */
export function uniquify(name: string): string {
  return uniquifyName(name);
}

/** The next unique snake_case name for a class: `autoName('Dense')` → `dense`, then `dense_1`. */
export function autoName(className: string): string {
  return uniquifyName(toSnakeCase(className));
}

/** Increments and returns the counter of `prefix` (1 on first use), as `keras.backend.get_uid`. */
export function getUid(prefix = ''): number {
  const n = (uids.get(prefix) ?? 0) + 1;
  uids.set(prefix, n);
  return n;
}

/** Resets every name counter, so the next Dense is `dense` again. */
export function resetUids(): void {
  uids = new Map();
  resetNames();
}

/**
 * The Keras class name of a class or instance: its own static `className` (which survives minification), else the
 * JS class name. An inherited `className` is ignored, so a user's `class MyDense extends Dense` is `MyDense`.
 */
export function kerasClassName(target: object | Function): string {
  return classNameOf((typeof target === 'function' ? target : target.constructor) as Function & { className?: string });
}

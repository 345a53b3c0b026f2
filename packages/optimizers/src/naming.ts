/**
 * Keras' automatic optimizer names (`utils/naming.py` `auto_name`): the class name in snake_case, made unique by the
 * process-wide counters in `@strata/core` (shared with layers, as in Keras), so the first `Adam` is `adam`, the next
 * `adam_1`; `RMSprop` is `rm_sprop` and `AdamW` is `adam_w`.
 */
import { toSnakeCase, uniquifyName } from '@strata/core';

export { toSnakeCase };

/**
 * A unique name for a new object of class `className`: the first is the bare snake_case name, then `_1`, `_2`…
 *
 * @example
 * autoName('Adam'); // 'adam', then 'adam_1'
 */
export function autoName(className: string): string {
  return uniquifyName(toSnakeCase(className));
}

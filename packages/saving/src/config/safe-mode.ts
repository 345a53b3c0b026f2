/**
 * Keras' `safe_mode`, always on: a file never runs code. A `Lambda` layer (Python bytecode or source) or a
 * `__lambda__` value is refused with a clear error unless the user registered a class for it.
 */
import { serialization, ValueError, type CustomObjects } from '@strata/core';

const { getCustomObject } = serialization;

/** Walks Keras JSON (snake_case) and throws on code-carrying objects the user has not registered. */
export function assertSafeConfig(json: unknown, customObjects?: CustomObjects): void {
  const visit = (x: unknown, where: string): void => {
    if (Array.isArray(x)) {
      x.forEach((v, i) => visit(v, `${where}[${i}]`));
      return;
    }
    if (!x || typeof x !== 'object') return;
    const obj = x as Record<string, unknown>;
    const cls = obj.class_name;
    if (cls === '__lambda__') {
      throw new ValueError(
        `Refusing to load a Python lambda (at ${where}): files never execute code in Strata (Keras' safe_mode). ` +
          'Re-create the function in JavaScript and register it with registerKerasSerializable().',
      );
    }
    if (cls === 'Lambda') {
      const registered = (typeof obj.registered_name === 'string' && getCustomObject(obj.registered_name, customObjects) !== undefined) ||
        getCustomObject('Lambda', customObjects) !== undefined;
      if (!registered) {
        const name = (obj.config as Record<string, unknown> | undefined)?.name ?? obj.name;
        throw new ValueError(
          `The layer "${String(name)}" is a Lambda layer, which holds Python code; Strata never executes code from a file ` +
            '(Keras\' safe_mode). Write the computation as a custom layer and pass it as customObjects: { Lambda: MyLayer } ' +
            `(or register it with registerKerasSerializable). Found at ${where}.`,
        );
      }
      return;
    }
    for (const [k, v] of Object.entries(obj)) visit(v, `${where}.${k}`);
  };
  visit(json, 'config');
}

/**
 * Converts between Strata's camelCase configs and Keras' snake_case JSON, the one place this happens
 * (`model.toJson()` and every file format in `@strata/saving` go through here).
 */

// Keras config keys whose snake_case puts an underscore before a digit (most, like `l1` or `conv2d`, do not).
const DIGIT_KEYS: Readonly<Record<string, string>> = {
  beta1: 'beta_1',
  beta2: 'beta_2',
  beta2Decay: 'beta_2_decay',
  epsilon1: 'epsilon_1',
  epsilon2: 'epsilon_2',
};

/** `kernelInitializer` → `kernel_initializer`; `useBias` → `use_bias`; `beta1` → `beta_1`; `l1` → `l1`. */
export function camelToSnake(name: string): string {
  const special = DIGIT_KEYS[name];
  if (special) return special;
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** `kernel_initializer` → `kernelInitializer`. */
export function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Keys whose children are user-chosen names (input/output names, custom objects) and keep their spelling. */
export const VERBATIM_CHILDREN = new Set(['input_layers', 'output_layers', 'inputLayers', 'outputLayers', 'custom_objects', 'customObjects', 'class_weight', 'classWeight']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function convert(value: unknown, rename: (k: string) => string, verbatim: boolean): Json {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => convert(v, rename, verbatim));
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = Object.create(null) as { [key: string]: Json };
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (FORBIDDEN_KEYS.has(key)) throw new Error(`Refusing config key "${key}": it could alter object prototypes.`);
      if (v === undefined) continue;
      const name = verbatim ? key : rename(key);
      out[name] = convert(v, rename, VERBATIM_CHILDREN.has(key));
    }
    return Object.assign({}, out);
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  throw new Error(`Cannot serialize a value of type ${typeof value} to Keras JSON.`);
}

/**
 * A camelCase config (with nested `{ className, config, module, registeredName }` envelopes) as Keras JSON.
 *
 * @example
 * toKerasJson({ units: 8, useBias: true }); // { units: 8, use_bias: true }
 */
export function toKerasJson(value: unknown): Json {
  return convert(value, camelToSnake, false);
}

/**
 * Keras JSON as a camelCase config; rejects `__proto__`/`constructor`/`prototype` keys.
 *
 * @example
 * fromKerasJson({ class_name: 'Dense', config: { use_bias: true } }); // { className: 'Dense', config: { useBias: true } }
 */
export function fromKerasJson(value: unknown): Json {
  return convert(value, snakeToCamel, false);
}

/** `JSON.parse` that rejects prototype-polluting keys anywhere in the document. */
export function parseJsonSafely(text: string): Json {
  return JSON.parse(text, (key, v: unknown) => {
    if (FORBIDDEN_KEYS.has(key)) throw new Error(`Refusing JSON key "${key}": it could alter object prototypes.`);
    return v;
  }) as Json;
}

export type { Json };

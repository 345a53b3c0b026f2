/**
 * Nested structures of tensors (arrays and plain objects), as Keras' `tree`: leaves are anything else. Records
 * flatten in sorted key order, as Keras flattens dicts.
 */

/** A leaf, or a (nested) array or record of leaves. */
export type Nested<T> = T | Nested<T>[] | { [key: string]: Nested<T> };

/** Whether `x` is a plain object (a record), not a class instance. */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Whether `x` is an array or a record (a structure rather than a leaf). */
export function isNested(x: unknown): boolean {
  return Array.isArray(x) || isPlainObject(x);
}

/**
 * The leaves of a structure in order (records by sorted key).
 *
 * @example
 * flatten([a, { y: b, x: c }]); // [a, c, b]
 */
export function flatten<T = unknown>(structure: unknown): T[] {
  const out: T[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (isPlainObject(x)) Object.keys(x).sort().forEach((k) => walk(x[k]));
    else out.push(x as T);
  };
  walk(structure);
  return out;
}

/** Rebuilds `structure`'s shape from a flat list of leaves (the inverse of `flatten`). */
export function packSequenceAs<T = unknown>(structure: unknown, flat: readonly T[]): any {
  let i = 0;
  const build = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(build);
    if (isPlainObject(x)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) out[k] = build(x[k]);
      // Keep the caller's key order for readability; values follow sorted-key flattening.
      const ordered: Record<string, unknown> = {};
      for (const k of Object.keys(x)) ordered[k] = out[k];
      return ordered;
    }
    if (i >= flat.length) throw new Error(`packSequenceAs: the structure has more leaves than the ${flat.length} given.`);
    return flat[i++];
  };
  const result = build(structure);
  if (i !== flat.length) throw new Error(`packSequenceAs: the structure has ${i} leaves but ${flat.length} were given.`);
  return result;
}

/** Applies `fn` to every leaf, keeping the structure. */
export function mapStructure<T = unknown, U = unknown>(fn: (leaf: T) => U, structure: unknown): any {
  if (Array.isArray(structure)) return structure.map((x) => mapStructure(fn, x));
  if (isPlainObject(structure)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(structure)) out[k] = mapStructure(fn, structure[k]);
    return out;
  }
  return fn(structure as T);
}

/** Whether two structures have the same nesting (arrays of the same lengths, records with the same keys). */
export function sameStructure(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameStructure(x, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameStructure(a[k], b[k]));
  }
  return true;
}

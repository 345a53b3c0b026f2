/**
 * Name scopes, as Keras' `backend/common/name_scope.py`: building or calling a layer opens a scope named after
 * it, so a variable's path is `<outer scopes>/<layer>/<variable>` (`sequential/dense/kernel`). A layer remembers
 * where it was first opened (its parent path), so later calls from elsewhere keep the same paths.
 */

interface Scope {
  name: string;
  caller: object | null;
  overrideParent: string | null;
}

let stack: Scope[] = [];

/** The owner of a scope: anything with a `name` that may remember its parent path. */
export interface ScopeOwner {
  readonly name: string;
  parentPath: string | null;
}

/** The path of the innermost open scope: `'sequential/dense'`, or `''` outside any scope. */
export function currentPath(): string {
  let parts: string[] = [];
  for (const entry of stack) {
    if (entry.overrideParent !== null) parts = entry.overrideParent.split('/').filter(Boolean);
    parts.push(entry.name);
  }
  return parts.join('/');
}

/**
 * Runs `fn` inside the scope of `owner` (deduplicated when `owner` already opened the innermost scope).
 * The first time an owner opens a scope, the current path becomes its parent path.
 */
export function withNameScope<T>(owner: ScopeOwner, fn: () => T): T {
  if (owner.parentPath === null) owner.parentPath = currentPath();
  const top = stack[stack.length - 1];
  if (top && top.caller === owner && top.name === owner.name) return fn();
  stack.push({ name: owner.name, caller: owner, overrideParent: owner.parentPath });
  const depth = stack.length;
  try {
    return fn();
  } finally {
    stack.length = depth - 1;
  }
}

/** Runs `fn` inside a plain named scope (no owner), as `keras.name_scope(name)`. */
export function withPlainNameScope<T>(name: string, fn: () => T): T {
  stack.push({ name, caller: null, overrideParent: null });
  const depth = stack.length;
  try {
    return fn();
  } finally {
    stack.length = depth - 1;
  }
}

/** Drops every open scope (part of `clearSession`). */
export function resetNameScopes(): void {
  stack = [];
}

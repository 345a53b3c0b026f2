/**
 * The state shared by nested layer calls, as Keras' `CallContext`: the outermost `apply` opens it, later calls
 * read the `training` flag from it, and the opener closes it. Also the "tracing" depth: while the engine traces a
 * layer's `call` to infer output shapes, graph nodes, losses and variable updates are not recorded.
 */

/** The context of one outermost layer call. */
export interface CallContext {
  /** The layer whose `apply` opened the context. */
  readonly entryLayer: object;
  /** The resolved `training` flag, once some call has set it. */
  training?: boolean;
}

let current: CallContext | null = null;
let traceDepth = 0;

/** The active context, or null outside any layer call. */
export function getCallContext(): CallContext | null {
  return current;
}

/** Opens a context for `layer` if none is active; returns it and whether this call opened it. */
export function enterCallContext(layer: object): { context: CallContext; opened: boolean } {
  if (current) return { context: current, opened: false };
  current = { entryLayer: layer };
  return { context: current, opened: true };
}

/** Closes the context if `layer` opened it. */
export function exitCallContext(layer: object): void {
  if (current === null || current.entryLayer === layer) current = null;
}

/** Runs `fn` while tracing shapes: no nodes, losses or variable assignments are recorded. */
export function withTracing<T>(fn: () => T): T {
  traceDepth++;
  try {
    return fn();
  } finally {
    traceDepth--;
  }
}

/** Whether the engine is tracing a call to infer shapes. */
export function isTracing(): boolean {
  return traceDepth > 0;
}

/** Resets the call state (part of `clearSession`). */
export function resetCallContext(): void {
  current = null;
  traceDepth = 0;
}

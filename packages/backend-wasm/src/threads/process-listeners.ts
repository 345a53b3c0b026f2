/**
 * Every tfjs Emscripten module adds an `uncaughtException` and an `unhandledRejection` listener to Node's
 * `process` when it starts. Both only rethrow, from inside the module's minified source, so any uncaught error in
 * a user's script is printed with a 50 kB line of Emscripten code; Node's defaults do the same job legibly. And
 * the `_dispose` wrapper in tfjs' post.js removes *every* listener of both events when the backend is disposed
 * (its filter keeps them all), the application's included. These helpers remove the module's listeners after it
 * starts and keep the application's through a dispose. They do nothing where there is no `process`.
 */
type ProcessEvent = 'uncaughtException' | 'unhandledRejection';
type Listener = (...args: unknown[]) => void;

/** Listeners of both events at one moment. */
export type ListenerSnapshot = ReadonlyMap<ProcessEvent, readonly Listener[]>;

const EVENTS: ProcessEvent[] = ['uncaughtException', 'unhandledRejection'];

// process's typed overloads do not accept a union of event names; its plain EventEmitter methods do.
function emitter(): NodeJS.EventEmitter | null {
  const p = typeof process !== 'undefined' ? (process as unknown as NodeJS.EventEmitter) : null;
  return p && typeof p.listeners === 'function' ? p : null;
}

/** The listeners now, or null outside Node. */
export function snapshotListeners(): ListenerSnapshot | null {
  const p = emitter();
  return p ? new Map(EVENTS.map((e) => [e, p.listeners(e) as Listener[]])) : null;
}

/** Listeners present now that were not in `before`. */
export function addedSince(before: ListenerSnapshot): ListenerSnapshot {
  const p = emitter()!;
  return new Map(EVENTS.map((e) => [e, (p.listeners(e) as Listener[]).filter((l) => !before.get(e)!.includes(l))]));
}

/** Removes the given listeners. */
export function removeListeners(listeners: ListenerSnapshot): void {
  const p = emitter();
  if (!p) return;
  for (const [event, list] of listeners) for (const l of list) p.removeListener(event, l);
}

/** Runs `dispose` (which may strip every listener of both events), then puts back each listener it removed. */
export function disposeKeepingListeners(dispose: () => void): void {
  const kept = snapshotListeners();
  try {
    dispose();
  } finally {
    const p = emitter();
    if (p && kept) {
      for (const [event, list] of kept) for (const l of list) if (!p.listeners(event).includes(l)) p.on(event, l);
    }
  }
}

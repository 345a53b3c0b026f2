/**
 * The mechanism behind every namespace's `get` / `serialize` / `deserialize` trio: a registry keyed by Keras class
 * name plus aliases, one per namespace (Keras names collide across namespaces: `Identity` is a layer and an
 * initializer, `'mse'` a loss and a metric).
 */
import { ValueError } from '../errors/errors.js';

/** An object with a Keras config. */
export interface Serializable {
  getConfig(): Record<string, unknown>;
}

/** A class that can be rebuilt from its config. `className` overrides the JS class name (minifiers rename). */
export interface SerializableClass<T = unknown> {
  new (config?: any): T;
  className?: string;
  fromConfig?(config: Record<string, unknown>, customObjects?: CustomObjects): T;
}

/** The camelCase envelope Strata passes around; `toKerasJson` turns it into Keras' snake_case form. */
export interface SerializedObject {
  module?: string | null;
  className: string;
  config: Record<string, unknown>;
  registeredName?: string | null;
}

export type CustomObjects = Record<string, unknown>;

type Entry<T> = { kind: 'class'; cls: SerializableClass<T>; name: string } | { kind: 'value'; value: T; name: string };

/**
 * The Keras class name of a class: its own static `className` (set so minifiers cannot rename it), else its JS
 * name. An inherited `className` does not count: a subclass is a different class.
 */
export function classNameOf(cls: { name: string; className?: string }): string {
  return Object.prototype.hasOwnProperty.call(cls, 'className') && cls.className ? cls.className : cls.name;
}

/** Normalises `'glorot_uniform'`, `'glorotUniform'` and `'GlorotUniform'` to one key. */
export function normalizeIdentifier(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

const globalCustomObjects = new Map<string, unknown>();

/**
 * Registers a custom class or function for every namespace's `deserialize`, as
 * `keras.saving.register_keras_serializable`. The registered name is `package>name`.
 *
 * @example
 * registerKerasSerializable(MyLayer, { package: 'MyApp' }); // 'MyApp>MyLayer'
 */
export function registerKerasSerializable(obj: SerializableClass | ((...args: any[]) => unknown), opts: { package?: string; name?: string } = {}): string {
  const name = opts.name ?? classNameOf(obj);
  const registered = `${opts.package ?? 'Custom'}>${name}`;
  globalCustomObjects.set(registered, obj);
  globalCustomObjects.set(name, obj);
  return registered;
}

/** The registered name of a custom object, if any. */
export function getRegisteredName(obj: unknown): string | null {
  for (const [key, value] of globalCustomObjects) if (value === obj && key.includes('>')) return key;
  return null;
}

/** Looks up a user-registered custom object. */
export function getCustomObject(name: string, customObjects?: CustomObjects): unknown {
  if (customObjects && Object.prototype.hasOwnProperty.call(customObjects, name)) return customObjects[name];
  return globalCustomObjects.get(name);
}

/** Options describing one namespace. */
export interface RegistryOptions {
  /** Shown in errors: `'initializer'`, `'activation'`, `'layer'`… */
  kind: string;
  /** The Keras module name written in serialized envelopes (`'keras.initializers'`). */
  module: string;
  /** Names of objects that live in other packages, mapped to the package to install. */
  elsewhere?: Record<string, string>;
}

/**
 * One namespace's registry.
 *
 * @example
 * const reg = new Registry<Initializer>({ kind: 'initializer', module: 'keras.initializers' });
 * reg.registerClass(GlorotUniform, ['glorot_uniform']);
 * reg.get('glorotUniform'); // a new GlorotUniform()
 */
export class Registry<T> {
  readonly options: RegistryOptions;
  private readonly entries = new Map<string, Entry<T>>();
  private readonly canonical = new Map<unknown, string>();

  constructor(options: RegistryOptions) {
    this.options = options;
  }

  /** Registers a class under its Keras class name plus aliases. */
  registerClass(cls: SerializableClass<T>, aliases: string[] = []): void {
    const name = classNameOf(cls);
    const entry: Entry<T> = { kind: 'class', cls, name };
    for (const key of [name, ...aliases]) this.entries.set(normalizeIdentifier(key), entry);
    this.canonical.set(cls, name);
  }

  /** Registers a value (an activation or loss function) under a name plus aliases. */
  registerValue(name: string, value: T, aliases: string[] = []): void {
    const entry: Entry<T> = { kind: 'value', value, name };
    for (const key of [name, ...aliases]) this.entries.set(normalizeIdentifier(key), entry);
    if (!this.canonical.has(value)) this.canonical.set(value, name);
  }

  /** Whether `name` (any accepted spelling) is registered. */
  has(name: string): boolean {
    return this.entries.has(normalizeIdentifier(name));
  }

  /** Canonical names, sorted, for error messages and docs. */
  names(): string[] {
    return [...new Set([...this.entries.values()].map((e) => e.name))].sort();
  }

  /** Every accepted spelling, sorted. */
  aliases(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** The canonical registered name of a class or value, or null. */
  nameOf(obj: unknown): string | null {
    if (this.canonical.has(obj)) return this.canonical.get(obj)!;
    if (obj && typeof obj === 'object' && this.canonical.has(obj.constructor)) return this.canonical.get(obj.constructor)!;
    return null;
  }

  private lookup(name: string, customObjects?: CustomObjects): Entry<T> {
    const custom = getCustomObject(name, customObjects);
    if (custom !== undefined) {
      return typeof custom === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(custom))
        ? { kind: 'class', cls: custom as SerializableClass<T>, name }
        : { kind: 'value', value: custom as T, name };
    }
    const entry = this.entries.get(normalizeIdentifier(name));
    if (entry) return entry;
    const pkg = this.options.elsewhere?.[name] ?? this.options.elsewhere?.[normalizeIdentifier(name)];
    if (pkg) throw new ValueError(`Unknown ${this.options.kind}: "${name}" lives in "${pkg}"; install and import it.`);
    throw new ValueError(
      `Unknown ${this.options.kind}: "${name}". Accepted names: ${this.names().join(', ')}. ` +
        `Register custom objects with registerKerasSerializable() or pass them in customObjects.`,
    );
  }

  /**
   * Resolves an identifier: a name string, a serialized config, or an instance (returned as is).
   * Class entries named by string are constructed with no arguments.
   */
  get(identifier: string | SerializedObject | T | null | undefined, customObjects?: CustomObjects): T | null {
    if (identifier == null) return null;
    if (typeof identifier === 'string') {
      const entry = this.lookup(identifier, customObjects);
      return entry.kind === 'class' ? new entry.cls() : entry.value;
    }
    if (isSerialized(identifier)) return this.deserialize(identifier, customObjects);
    return identifier as T;
  }

  /** A config envelope for a registered object; a registered function serializes to its name. */
  serialize(obj: T | null | undefined): SerializedObject | string | null {
    if (obj == null) return null;
    const name = this.nameOf(obj);
    if (typeof obj === 'function' || (name && this.entries.get(normalizeIdentifier(name))?.kind === 'value')) {
      const fnName = name ?? getRegisteredName(obj);
      if (!fnName) throw new ValueError(`Cannot serialize ${this.options.kind} ${String((obj as { name?: string }).name ?? obj)}: it is not registered.`);
      return fnName;
    }
    const withConfig = obj as unknown as Serializable;
    if (typeof withConfig.getConfig !== 'function') {
      throw new ValueError(`Cannot serialize ${this.options.kind}: the object has no getConfig().`);
    }
    const ctor = (obj as { constructor: SerializableClass }).constructor;
    const className = name ?? classNameOf(ctor);
    const registeredName = getRegisteredName(ctor);
    return {
      module: registeredName ? null : this.options.module,
      className,
      config: withConfig.getConfig(),
      registeredName: registeredName ?? null,
    };
  }

  /** Rebuilds an object from a name or a config envelope (its `config` in camelCase). */
  deserialize(config: SerializedObject | string, customObjects?: CustomObjects): T {
    if (typeof config === 'string') return this.get(config, customObjects) as T;
    if (!isSerialized(config)) throw new ValueError(`Cannot deserialize ${this.options.kind} from ${JSON.stringify(config)}: expected { className, config }.`);
    const key = config.registeredName && getCustomObject(config.registeredName, customObjects) !== undefined ? config.registeredName : config.className;
    const entry = this.lookup(key, customObjects);
    if (entry.kind === 'value') return entry.value;
    const inner = (config.config ?? {}) as Record<string, unknown>;
    return entry.cls.fromConfig ? entry.cls.fromConfig(inner, customObjects) : new entry.cls(inner);
  }
}

function isSerialized(x: unknown): x is SerializedObject {
  return typeof x === 'object' && x !== null && typeof (x as SerializedObject).className === 'string' && !(x as object as Serializable).getConfig;
}

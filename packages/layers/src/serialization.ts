/**
 * The layers namespace's registry and its `get` / `serialize` / `deserialize` trio. Every layer class registers
 * itself by its Keras class name when its module loads (`registerLayer(Dense)`); models register `Sequential` and
 * `Functional` the same way. Serialized layers use Keras 3's envelope, in camelCase:
 * `{ module, className, config, registeredName, buildConfig? }` (`toKerasJson` makes it Keras JSON).
 */
import { Registry, serialization, ValueError, type CustomObjects, type SerializedObject } from '@strata/core';
import type { Layer } from './engine/layer.js';
import { kerasClassName } from './engine/naming.js';

type LayerClass = (new (args?: any) => Layer) & {
  className?: string;
  fromConfig?(config: Record<string, unknown>, customObjects?: CustomObjects): Layer;
  /** The Keras module written in the envelope (default `'keras.layers'`). */
  kerasModule?: string;
  /** The `registered_name` Keras writes for this class (default null; `'Functional'` for functional models). */
  kerasRegisteredName?: string | null;
};

/** The layers registry (`kind: 'layer'`, module `keras.layers`). */
export const registry = new Registry<Layer>({
  kind: 'layer',
  module: 'keras.layers',
  elsewhere: { Sequential: '@strata/models', Functional: '@strata/models', Model: '@strata/models' },
});

/** A serialized layer: the Keras envelope plus the build config (and a model's compile config). */
export interface SerializedLayer extends SerializedObject {
  buildConfig?: Record<string, unknown> | null;
  compileConfig?: Record<string, unknown> | null;
}

/**
 * Registers a layer class under its Keras class name plus aliases, so `get`/`deserialize` (and model loading) find
 * it. A class without its own static `className` gets one from its JS name.
 *
 * @example
 * class Scale extends Layer { static override className = 'Scale'; … }
 * registerLayer(Scale);
 */
export function registerLayer(cls: LayerClass, aliases: string[] = []): void {
  if (!Object.prototype.hasOwnProperty.call(cls, 'className')) {
    Object.defineProperty(cls, 'className', { value: cls.name, writable: true, configurable: true });
  }
  registry.registerClass(cls as never, aliases);
}

/** Anything `get` resolves to a layer. */
export type LayerIdentifier = string | Layer | SerializedLayer;

/**
 * Resolves an identifier to a layer, as `keras.layers.get`: a config envelope is deserialized, an instance is
 * returned as is, a name gives a new instance with default arguments.
 *
 * @example
 * layers.get({ className: 'Dense', config: { units: 4 } });
 */
export function get(identifier: LayerIdentifier, customObjects?: CustomObjects): Layer;
export function get(identifier: LayerIdentifier | null | undefined, customObjects?: CustomObjects): Layer | null;
export function get(identifier: LayerIdentifier | null | undefined, customObjects?: CustomObjects): Layer | null {
  if (identifier == null) return null;
  if (typeof identifier === 'object' && typeof (identifier as SerializedLayer).className === 'string' && !('getConfig' in identifier)) {
    return deserialize(identifier as SerializedLayer, customObjects);
  }
  return registry.get(identifier as string | Layer, customObjects);
}

/**
 * A layer's Keras 3 envelope, as `keras.layers.serialize`: `{ module, className, config, registeredName,
 * buildConfig }` (camelCase; `toKerasJson` gives the Keras JSON).
 *
 * @example
 * layers.serialize(new Dense({ units: 4 }));
 * // { module: 'keras.layers', className: 'Dense', config: { name: 'dense', …, units: 4, … }, registeredName: null }
 */
export function serialize(layer: Layer): SerializedLayer {
  const ctor = layer.constructor as LayerClass;
  const className = registry.nameOf(layer) ?? kerasClassName(layer);
  const custom = serialization.getRegisteredName(ctor);
  const own = (key: 'kerasModule' | 'kerasRegisteredName'): boolean => Object.prototype.hasOwnProperty.call(ctor, key);
  const out: SerializedLayer = {
    module: custom ? null : own('kerasModule') ? ctor.kerasModule! : 'keras.layers',
    className,
    config: layer.getConfig(),
    registeredName: custom ?? (own('kerasRegisteredName') ? ctor.kerasRegisteredName! : null),
  };
  const buildConfig = layer.getBuildConfig();
  if (buildConfig) out.buildConfig = buildConfig;
  const withCompile = layer as Layer & { getCompileConfig?: () => Record<string, unknown> | null };
  if (typeof withCompile.getCompileConfig === 'function') {
    const compileConfig = withCompile.getCompileConfig();
    if (compileConfig != null) out.compileConfig = compileConfig;
  }
  return out;
}

/**
 * Rebuilds a layer from its envelope (camelCase), as `keras.layers.deserialize`; a `buildConfig` builds it.
 * Unknown class names get an error listing the registered layers.
 *
 * @example
 * layers.deserialize({ className: 'Dense', config: { units: 4 }, buildConfig: { inputShape: [null, 3] } });
 */
export function deserialize(config: SerializedLayer | string, customObjects?: CustomObjects): Layer {
  if (typeof config === 'string') return registry.get(config, customObjects)!;
  if (!config || typeof config.className !== 'string') {
    throw new ValueError(`Cannot deserialize a layer from ${JSON.stringify(config)}: expected { className, config }.`);
  }
  const layer = registry.deserialize({ ...config, config: config.config ?? {} }, customObjects);
  if (config.buildConfig && !layer.built) layer.buildFromConfig(config.buildConfig);
  const withCompile = layer as Layer & { compileFromConfig?: (c: Record<string, unknown>) => void };
  if (config.compileConfig && Object.keys(config.compileConfig).length && typeof withCompile.compileFromConfig === 'function') {
    withCompile.compileFromConfig(config.compileConfig);
  }
  return layer;
}

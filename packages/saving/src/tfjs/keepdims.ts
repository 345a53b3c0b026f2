/**
 * tfjs-layers 4.22 ignores `keepdims` on global pooling layers (Keras 3's MobileNet uses
 * `GlobalAveragePooling2D(keepdims=True)`), so a model.json that keeps it fails to build there. Before writing the
 * TF.js format, each such layer becomes the pooling without `keepdims` followed by a `Reshape` to the kept shape,
 * named `<layer>_keepdims`, and every consumer reads the Reshape instead. Weights are unaffected (neither has any).
 *
 * @example
 * expandKeepdims(modelKerasConfig(mobilenet)); // global_average_pooling2d → + global_average_pooling2d_keepdims
 */

type Json = Record<string, unknown>;

const POOLING = /^Global(Average|Max)Pooling([123])D$/;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Rewrites `keras_history` references to `from` so they point at `to`, anywhere inside `x`. */
function redirect(x: unknown, from: string, to: string): unknown {
  if (Array.isArray(x)) return x.map((v) => redirect(v, from, to));
  if (!isObject(x)) return x;
  const out: Json = {};
  for (const [k, v] of Object.entries(x)) {
    out[k] = k === 'keras_history' && Array.isArray(v) && v[0] === from ? [to, ...v.slice(1)] : redirect(v, from, to);
  }
  return out;
}

/** The output shape (batch included) of the named layer, where the caller knows it. */
export type ShapeOf = (layerName: string) => ReadonlyArray<number | null> | null;

/** The input shape of a functional layer's first call, as Keras 3 records it in the inbound node. */
function recordedInputShape(layer: Json): ReadonlyArray<number | null> | null {
  const node = (layer.inbound_nodes as unknown[] | undefined)?.[0];
  const first = isObject(node) ? (node.args as unknown[] | undefined)?.[0] : undefined;
  const config = isObject(first) && isObject(first.config) ? first.config : undefined;
  return Array.isArray(config?.shape) ? (config.shape as Array<number | null>) : null;
}

function expandLayers(config: Json, functional: boolean, shapeOf: ShapeOf): Json {
  let layers = (config.layers as unknown[]).map((l) => (isObject(l) ? expandKeepdims(l) : l)) as Json[];
  let outputLayers = config.output_layers;
  const names = new Set(layers.map((l) => String((l.config as Json | undefined)?.name ?? l.name)));
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    const m = POOLING.exec(String(layer.class_name));
    const cfg = layer.config as Json | undefined;
    if (!m || !cfg || cfg.keepdims !== true) continue;
    const name = String(cfg.name);
    const channelsFirst = cfg.data_format === 'channels_first';
    const shape = shapeOf(name) ?? recordedInputShape(layer);
    const channels = shape ? (channelsFirst ? shape[1] : shape[shape.length - 1]) : null;
    // tfjs-layers needs the channel count spelled out (its Reshape leaves -1 unknown symbolically).
    if (typeof channels !== 'number') continue;
    const ones = new Array<number>(Number(m[2])).fill(1);
    const target = channelsFirst ? [channels, ...ones] : [...ones, channels];
    let reshapeName = `${name}_keepdims`;
    for (let k = 1; names.has(reshapeName); k++) reshapeName = `${name}_keepdims_${k}`;
    names.add(reshapeName);
    const pooled: Json = { ...layer, config: { ...cfg, keepdims: false } };
    const reshape: Json = {
      class_name: 'Reshape',
      config: { name: reshapeName, trainable: true, dtype: cfg.dtype, target_shape: target },
      ...(functional
        ? {
            name: reshapeName,
            inbound_nodes: ((layer.inbound_nodes as unknown[]) ?? []).map((_, n) => ({
              args: [{ class_name: '__keras_tensor__', config: { keras_history: [name, n, 0] } }],
              kwargs: {},
            })),
          }
        : {}),
    };
    const rest = layers.slice(i + 1).map((l) => (functional && 'inbound_nodes' in l ? { ...l, inbound_nodes: redirect(l.inbound_nodes, name, reshapeName) } : l));
    layers = [...layers.slice(0, i), pooled, reshape, ...rest];
    if (functional) outputLayers = redirectOutputs(outputLayers, name, reshapeName);
    i++;
  }
  const out: Json = { ...config, layers };
  if (functional && outputLayers !== undefined) out.output_layers = outputLayers;
  return out;
}

function redirectOutputs(x: unknown, from: string, to: string): unknown {
  if (Array.isArray(x) && typeof x[0] === 'string') return x[0] === from ? [to, ...x.slice(1)] : x;
  if (Array.isArray(x)) return x.map((v) => redirectOutputs(v, from, to));
  if (isObject(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, redirectOutputs(v, from, to)]));
  return x;
}

/**
 * The Keras 3 model envelope with every global pooling layer's `keepdims: true` written as pooling + `Reshape`, for
 * readers (tfjs-layers 4.x) that ignore `keepdims`. `shapeOf` gives a layer's output shape (needed in a Sequential,
 * whose config records no shapes). Nested models are rewritten too; other envelopes are returned as is.
 */
export function expandKeepdims(envelope: Json, shapeOf: ShapeOf = () => null): Json {
  const config = envelope.config;
  if (!isObject(config) || !Array.isArray(config.layers)) return envelope;
  const functional = envelope.class_name !== 'Sequential';
  return { ...envelope, config: expandLayers(config, functional, shapeOf) };
}

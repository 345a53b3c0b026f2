/**
 * Keras 3 model JSON → the Keras 2 shape tfjs-layers reads (`Model`, `batch_input_shape`, list-form
 * `inbound_nodes`, string dtypes, no `module`/`registered_name`/`build_config`). A Sequential keeps its InputLayer entry,
 * which tfjs-layers' `Sequential.add` accepts as the first layer.
 */

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isKerasTensor(x: unknown): x is { class_name: '__keras_tensor__'; config: { keras_history: [string, number, number] } } {
  return isObject(x) && x.class_name === '__keras_tensor__' && isObject(x.config);
}

/** Class names of models, which in Keras 2 and tfjs-layers own a node 0 of their own (calls start at node 1). */
export const MODEL_CLASSES = new Set(['Functional', 'Model', 'Sequential']);

/**
 * A Keras 3 dict-form inbound node → Keras 2's list of `[layer, node, tensor, kwargs]`; references to a nested
 * model (`models`) move up one node, past Keras 2's implicit node 0.
 */
function legacyNode(node: unknown, models: ReadonlySet<string>): unknown {
  if (!isObject(node)) return node;
  const args = (node.args as unknown[] | undefined) ?? [];
  const kwargs = isObject(node.kwargs) ? node.kwargs : {};
  const first = args[0];
  const tensors = Array.isArray(first) ? first : [first];
  return tensors.filter(isKerasTensor).map((t) => {
    const [name, index, tensor] = t.config.keras_history;
    return [name, models.has(name) ? index + 1 : index, tensor, kwargs];
  });
}

function dtypeName(dtype: unknown): unknown {
  if (isObject(dtype) && isObject(dtype.config) && typeof dtype.config.name === 'string') return dtype.config.name;
  return dtype;
}

/** Strips Keras 3's extras from an object's envelope, recursively; `models` names the sibling layers that are models. */
function convertValue(x: unknown, models: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(x)) return x.map((v) => convertValue(v, models));
  if (!isObject(x)) return x;
  if (typeof x.class_name === 'string' && 'config' in x) {
    const out: Json = { class_name: x.class_name === 'Functional' ? 'Model' : x.class_name };
    out.config = isObject(x.config) ? convertConfig(x.class_name, x.config) : x.config;
    if ('name' in x) out.name = x.name;
    if ('inbound_nodes' in x) out.inbound_nodes = (x.inbound_nodes as unknown[]).map((n) => legacyNode(n, models));
    return out;
  }
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, convertValue(v, models)]));
}

function convertConfig(className: string, config: Json): Json {
  const out: Json = {};
  const models = new Set(
    Array.isArray(config.layers) ? (config.layers as Json[]).filter((l) => MODEL_CLASSES.has(String(l.class_name))).map((l) => String(l.name ?? (l.config as Json)?.name)) : [],
  );
  for (const [k, v] of Object.entries(config)) out[k] = k === 'dtype' ? dtypeName(v) : convertValue(v, k === 'layers' ? models : undefined);
  if (className === 'InputLayer' && 'batch_shape' in out) {
    out.batch_input_shape = out.batch_shape;
    delete out.batch_shape;
    delete out.optional;
  }
  if (className === 'Sequential') delete out.build_input_shape;
  // Keras 2 always lists input/output layers, even a single one (Keras 3 may write one flat triple).
  for (const key of ['input_layers', 'output_layers']) {
    const v = out[key];
    if (Array.isArray(v) && typeof v[0] === 'string') out[key] = [v];
  }
  return out;
}

/**
 * A Keras 3 model envelope (Keras JSON) in the Keras 2 form tfjs-layers 4.x loads.
 *
 * @example
 * toKeras2Config(modelKerasConfig(model)); // { class_name: 'Sequential', config: { name, layers: [{ class_name: 'Dense', config: { batch_input_shape: [null, 4], … } }] } }
 */
export function toKeras2Config(envelope: Json): Json {
  return convertValue(envelope) as Json;
}

/**
 * Keras 2 configs (standalone Keras 2.x, tf.keras, tfjs-layers) rewritten into the Keras 3 forms Strata's layers
 * read, in Keras JSON (snake_case), as Keras 3's legacy `model_from_config` does: `Model` → `Functional`,
 * `batch_input_shape` on an InputLayer → `batch_shape`, mixed-precision `Policy` objects → their name,
 * `VarianceScaling` with `distribution: "normal"` → `truncated_normal`, a one-item BatchNormalization `axis` list →
 * an int, LeakyReLU `alpha` → `negative_slope`. Keras 3 configs pass through unchanged.
 */

type JsonObject = Record<string, unknown>;

function isObject(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function upgradeLayerConfig(className: string, config: JsonObject): JsonObject {
  const out: JsonObject = { ...config };
  if (className === 'InputLayer' && 'batch_input_shape' in out && !('batch_shape' in out)) {
    out.batch_shape = out.batch_input_shape;
    delete out.batch_input_shape;
  }
  if ((className === 'BatchNormalization' || className === 'LayerNormalization') && Array.isArray(out.axis) && out.axis.length === 1) {
    out.axis = out.axis[0];
  }
  if (className === 'LeakyReLU' && 'alpha' in out && !('negative_slope' in out)) {
    out.negative_slope = out.alpha;
    delete out.alpha;
  }
  if (className === 'VarianceScaling' && out.distribution === 'normal') out.distribution = 'truncated_normal';
  if (isObject(out.dtype) && (out.dtype.class_name === 'Policy' || out.dtype.class_name === 'DTypePolicy') && !('module' in out.dtype)) {
    const name = (out.dtype.config as JsonObject | undefined)?.name;
    if (typeof name === 'string') out.dtype = name;
  }
  return out;
}

const MODEL_CLASSES = new Set(['Functional', 'Model', 'Sequential']);

/**
 * Keras 2's list-form inbound nodes count a nested model's own node 0 (its first call is node 1); Keras 3's
 * engine does not, so such references move down one node.
 */
function upgradeInboundNodes(config: JsonObject): JsonObject {
  if (!Array.isArray(config.layers)) return config;
  const layers = config.layers as JsonObject[];
  const models = new Set(layers.filter((l) => MODEL_CLASSES.has(String(l.class_name))).map((l) => String(l.name)));
  if (!models.size) return config;
  const fix = (entry: unknown): unknown =>
    Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number' && models.has(entry[0]) && entry[1] > 0
      ? [entry[0], entry[1] - 1, ...entry.slice(2)]
      : entry;
  return {
    ...config,
    layers: layers.map((l) => (Array.isArray(l.inbound_nodes) ? { ...l, inbound_nodes: l.inbound_nodes.map((n) => (Array.isArray(n) ? n.map(fix) : n)) } : l)),
  };
}

/**
 * A Keras 3-shaped copy of a Keras JSON config (any object envelope inside is upgraded too).
 *
 * @example
 * upgradeLegacyConfig({ class_name: 'Model', config: { … } }).class_name; // 'Functional'
 */
export function upgradeLegacyConfig(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(upgradeLegacyConfig);
  if (!isObject(json)) return json;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(json)) out[k] = upgradeLegacyConfig(v);
  if (typeof out.class_name === 'string' && isObject(out.config)) {
    if (out.class_name === 'Model') out.class_name = 'Functional';
    out.config = upgradeInboundNodes(upgradeLayerConfig(out.class_name as string, out.config));
  }
  return out;
}

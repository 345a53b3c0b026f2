/**
 * Hand-built files in layouts Keras 3 cannot write here, following keras-formats.md: Keras 2.x `.h5` (fixed-length
 * byte strings, `Model`, list-form `inbound_nodes`, `batch_input_shape`, `dense_1/kernel:0` names in nested
 * groups), Keras 1 weight names, tf.keras 2.13 `.keras` (`_layer_checkpoint_dependencies`), TF.js converter output.
 *
 * The model: x [3] → Dense "dense_1" (2, relu) → Dense "dense_2" (1). With the weights below,
 * x = [[1, 2, 3], [−1, 0, 1]] gives h = [[5.5, 2.5], [0, 1.5]] and y = [[8.75], [−1.25]] (computed by hand).
 */
import { H5Writer } from '../h5/h5-writer.js';

export const K1 = { shape: [3, 2], data: Float32Array.from([1, -1, 2, 0.5, 0, 1]) };
export const B1 = { shape: [2], data: Float32Array.from([0.5, -0.5]) };
export const K2 = { shape: [2, 1], data: Float32Array.from([2, -1]) };
export const B2 = { shape: [1], data: Float32Array.from([0.25]) };
export const X = { shape: [2, 3], data: [1, 2, 3, -1, 0, 1] };
export const Y = [8.75, -1.25];

const keras2Init = { class_name: 'VarianceScaling', config: { scale: 1.0, mode: 'fan_avg', distribution: 'normal', seed: null } };

function dense(name: string, units: number, activation: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name, trainable: true, dtype: 'float32', units, activation, use_bias: true, kernel_initializer: keras2Init,
    bias_initializer: { class_name: 'Zeros', config: {} }, kernel_regularizer: null, bias_regularizer: null,
    activity_regularizer: null, kernel_constraint: null, bias_constraint: null, ...extra,
  };
}

/** Keras 2.2-style functional config (`Model`, list-form inbound nodes, `batch_input_shape`). */
export const KERAS2_FUNCTIONAL = {
  class_name: 'Model',
  config: {
    name: 'model_1',
    layers: [
      { name: 'input_1', class_name: 'InputLayer', config: { batch_input_shape: [null, 3], dtype: 'float32', sparse: false, name: 'input_1' }, inbound_nodes: [] },
      { name: 'dense_1', class_name: 'Dense', config: dense('dense_1', 2, 'relu'), inbound_nodes: [[['input_1', 0, 0, {}]]] },
      { name: 'dense_2', class_name: 'Dense', config: dense('dense_2', 1, 'linear'), inbound_nodes: [[['dense_1', 0, 0, {}]]] },
    ],
    input_layers: [['input_1', 0, 0]],
    output_layers: [['dense_2', 0, 0]],
  },
};

/** Keras 2-style Sequential config: `batch_input_shape` on the first layer, no InputLayer. */
export const KERAS2_SEQUENTIAL = {
  class_name: 'Sequential',
  config: { name: 'sequential_1', layers: [
    { class_name: 'Dense', config: dense('dense_1', 2, 'relu', { batch_input_shape: [null, 3] }) },
    { class_name: 'Dense', config: dense('dense_2', 1, 'linear') },
  ] },
};

/** The legacy weights layout under `group`: `layer_names`, per-layer `weight_names` and nested datasets. */
export function writeKeras2Weights(w: H5Writer, group: string, options: { layerNames?: string[]; chunked?: boolean; keras1?: boolean; version?: string | null } = {}): void {
  const at = (p: string): string => (group ? `${group}/${p}` : p);
  const layers = options.layerNames ?? ['input_1', 'dense_1', 'dense_2'];
  if (options.chunked) {
    // Keras' chunking: layer_names0, layer_names1 (here split by hand as numpy.array_split would for 2 chunks).
    const half = Math.ceil(layers.length / 2);
    w.stringListAttr(group, 'layer_names0', layers.slice(0, half), 'fixed');
    w.stringListAttr(group, 'layer_names1', layers.slice(half), 'fixed');
  } else {
    w.stringListAttr(group, 'layer_names', layers, 'fixed');
  }
  if (options.version !== null) {
    w.stringAttr(group, 'backend', 'tensorflow', 'fixed');
    w.stringAttr(group, 'keras_version', options.version ?? '2.2.4', 'fixed');
  }
  const weightLayers = layers.filter((l) => !l.startsWith('input'));
  const values = [[K1, B1], [K2, B2]];
  weightLayers.forEach((name, i) => {
    const names = options.keras1 ? [`${name}_W:0`, `${name}_b:0`] : [`${name}/kernel:0`, `${name}/bias:0`];
    w.stringListAttr(at(name), 'weight_names', names, 'fixed');
    names.forEach((n, j) => w.dataset(at(`${name}/${n}`), { dtype: 'float32', ...values[i]![j]! }));
  });
  for (const name of layers.filter((l) => l.startsWith('input'))) w.stringListAttr(at(name), 'weight_names', []);
}

/** A Keras 2.2.4 full-model `.h5`. */
export async function keras2ModelH5(config: unknown = KERAS2_FUNCTIONAL, withTraining = true): Promise<Uint8Array> {
  const w = await H5Writer.create();
  w.stringAttr('', 'keras_version', '2.2.4', 'fixed');
  w.stringAttr('', 'backend', 'tensorflow', 'fixed');
  w.stringAttr('', 'model_config', JSON.stringify(config), 'fixed');
  if (withTraining) {
    w.stringAttr('', 'training_config', JSON.stringify({
      optimizer_config: { class_name: 'SGD', config: { lr: 0.01, momentum: 0.0, decay: 0.0, nesterov: false } },
      loss: 'mean_squared_error', metrics: [], sample_weight_mode: null, loss_weights: null,
    }), 'fixed');
  }
  const layers = (config as typeof KERAS2_SEQUENTIAL) === KERAS2_SEQUENTIAL ? ['dense_1', 'dense_2'] : undefined;
  writeKeras2Weights(w, 'model_weights', { layerNames: layers });
  return w.finish();
}

/** A legacy weights-only `.h5` (application-weights style). */
export async function keras2WeightsH5(options: Parameters<typeof writeKeras2Weights>[2] = {}): Promise<Uint8Array> {
  const w = await H5Writer.create();
  writeKeras2Weights(w, '', options);
  return w.finish();
}

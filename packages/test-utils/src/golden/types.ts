/**
 * Types of the Keras golden fixtures written by `tools/keras-golden/generate.py` (Keras 3.15.1, JAX backend).
 *
 * Field names are the generator's (snake_case, as Keras writes configs). Every array is decoded to a
 * {@link GoldenTensor}; everything else is plain JSON.
 */

/** Dtypes the fixtures use: floats are always float32, integers int32. */
export type GoldenDType = 'float32' | 'int32';

/** A decoded array: C-order values, the shape, and the dtype. A scalar has `shape: []` and one value. */
export interface GoldenTensor {
  shape: number[];
  dtype: GoldenDType;
  data: Float32Array | Int32Array;
}

/** A Keras config object as Keras writes it (snake_case keys). */
export type KerasConfig = Record<string, unknown>;

/** The envelope `serialize_keras_object` writes: `{module, class_name, config, registered_name}`. */
export interface KerasSerialized {
  module?: string | null;
  class_name: string;
  config: KerasConfig;
  registered_name?: string | null;
  build_config?: KerasConfig;
  compile_config?: KerasConfig;
  [key: string]: unknown;
}

/** Fields every case carries. */
export interface GoldenCase {
  /** The case name, e.g. `layers/dense/basic`. */
  name: string;
  keras_version: string;
  backend: string;
  format: number;
  [key: string]: unknown;
}

export interface ActivationGolden extends GoldenCase {
  /** Keras activation name as passed to `keras.activations.get` (`relu`, `gelu`, `swish`, ...). */
  activation: string;
  /** `keras.activations.serialize(fn)`: the registered function name. */
  serialized: string | KerasSerialized;
  /** Extra arguments of the call, e.g. `{ negative_slope: 0.1 }` or `{ axis: 0 }`. */
  kwargs: Record<string, number | boolean>;
  x: GoldenTensor;
  y: GoldenTensor;
  /** Gradients are of `sum(fn(x) * cotangent)`. */
  cotangent: GoldenTensor;
  grad: GoldenTensor;
}

export interface InitializerExpectation {
  distribution: 'normal' | 'truncated_normal' | 'untruncated_normal' | 'uniform' | 'orthogonal';
  mean?: number;
  stddev?: number;
  minval?: number;
  maxval?: number;
  limit?: number;
  gain?: number;
  truncate_at_stddevs?: number;
  /** VarianceScaling: `scale / max(1, fan)` for the mode. */
  scale_over_fan?: number;
}

export interface InitializerShapeCase {
  kind: string;
  shape: number[];
  fan_in: number;
  fan_out: number;
  expected: InitializerExpectation;
  /** Statistics of Keras' own draw (seed 1234). */
  sample_stats: { mean: number; std: number; min: number; max: number };
  max_abs_gram_minus_gain2_identity?: number;
}

export interface InitializerGolden extends GoldenCase {
  class_name: string;
  config: KerasConfig;
  serialized: KerasSerialized;
  deterministic: boolean;
  /** Deterministic initializers: exact values per shape. */
  values?: { shape: number[]; value: GoldenTensor }[];
  /** Random initializers: the seed used for the sample and every parameter the initializer uses. */
  seed?: number;
  effective_params?: Record<string, unknown>;
  shapes?: InitializerShapeCase[];
}

export interface LossFunctionGolden extends GoldenCase {
  /** `keras.losses.<function>` name, e.g. `binary_crossentropy`. */
  function: string;
  kwargs: Record<string, unknown>;
  y_true: GoldenTensor;
  y_pred: GoldenTensor;
  /** Per-sample values (unreduced). */
  value: GoldenTensor;
}

export interface LossGolden extends GoldenCase {
  class_name: string;
  kwargs: Record<string, unknown>;
  config: KerasConfig;
  serialized: KerasSerialized;
  y_true: GoldenTensor;
  y_pred: GoldenTensor;
  sample_weight?: GoldenTensor;
  /** The loss after reduction (a scalar unless `reduction: 'none'`). */
  value: GoldenTensor;
}

export interface GoldenVariable {
  name: string;
  path: string;
  shape: number[];
  dtype: string;
  value: GoldenTensor;
}

export interface MetricGolden extends GoldenCase {
  class_name: string;
  config: KerasConfig;
  serialized: KerasSerialized;
  /** False for Mean/Sum, which take `update_state(values, sample_weight)`. */
  uses_y_true: boolean;
  batches: { y_true?: GoldenTensor; y_pred: GoldenTensor; sample_weight?: GoldenTensor }[];
  /** `result()` after each batch. */
  results: GoldenTensor[];
  /** The metric's variables after both batches, in Keras' order. */
  variables: GoldenVariable[];
}

export interface OptimizerGolden extends GoldenCase {
  class_name: string;
  kwargs: Record<string, unknown>;
  config: KerasConfig;
  serialized: KerasSerialized;
  initial: { w: GoldenTensor; b: GoldenTensor };
  grads: { w: GoldenTensor; b: GoldenTensor }[];
  /** After each `apply_gradients`: the variables and the learning rate that step used. */
  steps: { learning_rate: number; w: GoldenTensor; b: GoldenTensor }[];
  iterations: number;
  /** `optimizer.variables` in Keras' order (iteration, learning_rate unless a schedule, slots...). */
  optimizer_variables: GoldenVariable[];
}

export interface ScheduleGolden extends GoldenCase {
  class_name: string;
  config: KerasConfig;
  serialized: KerasSerialized;
  steps: number[];
  values: GoldenTensor;
}

export interface GoldenWeight {
  name: string;
  path: string;
  shape: number[];
  trainable: boolean;
  value: GoldenTensor;
}

export interface GoldenGrads {
  /** One per input; null for integer inputs (Embedding ids). */
  inputs: (GoldenTensor | null)[];
  /** One per trainable weight, in `layer.trainable_weights` order. */
  weights: GoldenTensor[];
}

export interface LayerGolden extends GoldenCase {
  class_name: string;
  config: KerasConfig;
  serialized: KerasSerialized;
  /** `layer.weights` in Keras order, set to seeded values (not the default initializers). */
  weights: GoldenWeight[];
  inputs: GoldenTensor[];
  /** Inference output (`training=False`). */
  output: GoldenTensor;
  output_shape: number[];
  /** `compute_output_shape` with a `null` batch dimension. */
  computed_output_shape?: (number | null)[];
  computed_output_shape_error?: string;
  output_mask?: GoldenTensor;
  params: { total: number; trainable: number; non_trainable: number };
  /** `layer.losses` after the inference call (activity and weight regularization). */
  losses: number[];
  cotangent: GoldenTensor;
  /** Gradients of `sum(output * cotangent)` in inference mode. */
  grads: GoldenGrads;
  /** Only where training differs and is deterministic (BatchNormalization). */
  output_training?: GoldenTensor;
  non_trainable_after_training?: GoldenTensor[];
  grads_training?: GoldenGrads;
  note?: string;
}

export interface InputLayerGolden extends GoldenCase {
  class_name: 'InputLayer';
  config: KerasConfig;
  serialized: KerasSerialized;
  output_shape: (number | null)[];
  output_dtype: string;
  params: { total: number; trainable: number; non_trainable: number };
  weights: GoldenWeight[];
}

export interface ModelGolden extends GoldenCase {
  description: string;
  /** `model.summary()` as print_fn received it with no terminal (76 columns). */
  summary: string;
  summary_line_length_120: string;
  summary_show_trainable: string;
  summary_expand_nested: string;
  config: KerasConfig;
  /** `model.to_json()` exactly as Keras returned it. */
  to_json: string;
  serialized: KerasSerialized;
  layers: { name: string; class_name: string }[];
  weights: { path: string; name: string; shape: number[]; trainable: boolean }[];
  params: { total: number | null; trainable: number; non_trainable: number };
  summary_after_train_step?: string;
  compiled_config?: KerasSerialized;
}

export interface FitGolden extends GoldenCase {
  model_config: KerasConfig;
  compile: { optimizer: KerasSerialized; loss: string; metrics: string[] };
  fit_kwargs: { batch_size: number; epochs: number; shuffle: boolean };
  x: GoldenTensor;
  y: GoldenTensor;
  weight_paths: string[];
  initial_weights: GoldenTensor[];
  final_weights: GoldenTensor[];
  /** `History.history`: per-epoch logs. */
  history: Record<string, number[]>;
  history_params: Record<string, unknown>;
  history_epoch: number[];
  /** After every train batch: the logs Keras passed to callbacks and the weights. */
  batches: { batch: number; logs: Record<string, number>; weights: GoldenTensor[] }[];
  optimizer_variables: { path: string; shape: number[]; value: GoldenTensor }[];
  evaluate: Record<string, number>;
  /** `model.predict(x[:4])` after fit. */
  predict: GoldenTensor;
}

export interface H5DatasetInfo {
  path: string;
  shape: number[];
  dtype: string;
}

export interface FileGolden extends GoldenCase {
  description: string;
  /** File names beside the JSON (in `fixtures/keras/files/`), by extension. */
  files: { '.keras': string; '.h5': string; '.weights.h5': string };
  keras_zip_members: string[];
  keras_config: KerasSerialized;
  keras_weights_h5: H5DatasetInfo[];
  h5_datasets: H5DatasetInfo[];
  weights_h5_datasets: H5DatasetInfo[];
  model_weights: { path: string; shape: number[]; value: GoldenTensor }[];
  inputs: GoldenTensor[];
  input_names: string[];
  /** Keras' predictions from the in-memory model. */
  predictions: GoldenTensor;
  /** Keras' predictions after loading each file back. */
  predictions_after_load: Record<'.keras' | '.h5' | '.weights.h5', GoldenTensor>;
}

/** The fixture type for a case name (by its family prefix). */
export type GoldenFor<N extends string> = N extends `activations/${string}`
  ? ActivationGolden
  : N extends `initializers/${string}`
    ? InitializerGolden
    : N extends `losses/functions/${string}`
      ? LossFunctionGolden
      : N extends `losses/${string}`
        ? LossGolden
        : N extends `metrics/${string}`
          ? MetricGolden
          : N extends `optimizers/schedules/${string}`
            ? ScheduleGolden
            : N extends `optimizers/${string}`
              ? OptimizerGolden
              : N extends `layers/input_layer/${string}`
                ? InputLayerGolden
                : N extends `layers/${string}`
                  ? LayerGolden
                  : N extends `models/fit/${string}`
                    ? FitGolden
                    : N extends `models/${string}`
                      ? ModelGolden
                      : N extends `files/${string}`
                        ? FileGolden
                        : GoldenCase;

/**
 * `Model`: a layer with training and inference APIs, as Keras 3's `keras.Model` (`models/model.py`). Constructed
 * with `{ inputs, outputs }` it is a functional model (a `Functional` instance); subclassed, it runs its own
 * `call` and builds on first use.
 */
import { NotImplementedError, ops, tidy, toKerasJson, ValueError, type CustomObjects, type Tensor } from '@strata/core';
import {
  KerasTensor, Layer, isKerasTensor, kerasTensorsForShapes, serialize, tree, withTracing,
  type CallArgs, type LayerArgs, type ShapeStructure,
} from '@strata/layers';
import type { Metric } from '@strata/metrics';
import type { Optimizer } from '@strata/optimizers';
import type { Logs } from './callbacks/callback.js';
import type { History } from './callbacks/history.js';
import { predictBatches, type PredictOptions } from './predict.js';
import { printSummary, type SummaryOptions } from './summary/print-summary.js';
import { compileFromConfig, getCompileConfig } from './training/compile-config.js';
import type { LossArg } from './training/compile-loss.js';
import type { CompileMetrics } from './training/compile-metrics.js';
import { isBatchIterable } from './training/data/iterable-batches.js';
import type { DataInput } from './training/data/sources.js';
import { evaluateModel, testOnBatch, type EvaluateOptions, type TestOnBatchOptions } from './training/evaluate.js';
import { fitModel, trainOnBatch, type FitOptions, type TrainOnBatchOptions } from './training/fit.js';
import { predictWithCallbacks, type PredictLoopOptions } from './training/predict-loop.js';
import { defaultTestStep, defaultTrainStep } from './training/steps.js';
import {
  compileModel, computeLoss, disposeCompiled, computeMetrics, metricsResult, modelMetrics, trainerState, type CompileArgs,
} from './training/trainer.js';

/** Options of a subclassed model: the layer options (`name`, `trainable`, `dtype`). */
export type ModelArgs = LayerArgs;

/** A structure of symbolic tensors: one, a list, or a record keyed by name. */
export type SymbolicStructure = KerasTensor | KerasTensor[] | { [name: string]: KerasTensor };

/** Options of a functional model. */
export interface FunctionalArgs {
  /** The model's `Input`s (or intermediate tensors): one, a list, or a record keyed by input name. */
  inputs: SymbolicStructure;
  /** The tensors the model computes from them: one, a list, or a record keyed by output name. */
  outputs: SymbolicStructure;
  name?: string;
  trainable?: boolean;
}

/** Whether constructor arguments describe a functional model. */
export function isFunctionalArgs(args: unknown): args is FunctionalArgs {
  return typeof args === 'object' && args !== null && 'inputs' in args && 'outputs' in args;
}

type FunctionalFactory = (args: FunctionalArgs) => Model;
let functionalFactory: FunctionalFactory | null = null;

/** @internal Called by functional.ts so `new Model({ inputs, outputs })` returns a `Functional`. */
export function _setFunctionalFactory(factory: FunctionalFactory): void {
  functionalFactory = factory;
}

/**
 * A model, as `keras.Model`. Either functional — `new Model({ inputs, outputs })` wires layers applied to
 * `Input`s into a graph — or subclassed: extend `Model`, create layers in the constructor and override `call`.
 * A model is a layer: it can be applied inside another model.
 *
 * @example
 * const x = Input({ shape: [784] });
 * const model = new Model({ inputs: x, outputs: new Dense({ units: 10 }).apply(x) });
 *
 * class MLP extends Model {
 *   hidden = new Dense({ units: 64, activation: 'relu' });
 *   out = new Dense({ units: 10 });
 *   override call(x: Tensor) { return this.out.apply(this.hidden.apply(x)); }
 * }
 * new MLP().predict(ops.ones([2, 784])).shape; // [2, 10]
 */
export class Model extends Layer {
  static override className = 'Model';
  /** Keras writes models under the `keras` module. */
  static kerasModule = 'keras';
  /** @internal Set on `Functional` (inherited by its subclasses). */
  static _functionalClass = false;
  /** Set by a callback to end `fit` after the current batch or epoch. */
  stopTraining = false;
  /** Set by a callback to end `evaluate` after the current batch. */
  stopEvaluating = false;
  /** Set by a callback to end `predict` after the current batch. */
  stopPredicting = false;
  /** The `History` of the last `fit`. */
  history: History | null = null;

  constructor(args?: ModelArgs | FunctionalArgs) {
    if (isFunctionalArgs(args) && new.target === Model) {
      if (!functionalFactory) throw new ValueError('Functional models need "@strata/models" to be fully loaded: import { Model } from "@strata/models".');
      return functionalFactory(args);
    }
    if (isFunctionalArgs(args) && !(new.target as typeof Model)._functionalClass) {
      throw new ValueError(
        `${new.target.name} was given { inputs, outputs }: a Model subclass built from a graph must extend Functional ` +
          '(import { Functional } from "@strata/models"), or call new Model({ inputs, outputs }) directly.',
      );
    }
    super(isFunctionalArgs(args) ? { name: args.name, trainable: args.trainable } : args);
  }

  /** The model's layers: for a subclassed model, the layers assigned to it, in assignment order. */
  get layers(): Layer[] {
    return [...this._layers];
  }

  /**
   * A layer by name or by index in `layers`.
   *
   * @example
   * model.getLayer('dense_1'); model.getLayer(0);
   */
  getLayer(nameOrIndex: string | number | { name?: string; index?: number }): Layer {
    const arg = typeof nameOrIndex === 'object' ? nameOrIndex : typeof nameOrIndex === 'number' ? { index: nameOrIndex } : { name: nameOrIndex };
    const layers = this.layers;
    if (arg.index != null && arg.name != null) {
      throw new ValueError(`Provide only a layer name or a layer index. Received: index=${arg.index}, name=${arg.name}.`);
    }
    if (arg.index != null) {
      const layer = layers[arg.index];
      if (!Number.isInteger(arg.index) || arg.index < 0 || !layer) {
        throw new ValueError(`Was asked to retrieve layer at index ${arg.index} but model only has ${layers.length} layers.`);
      }
      return layer;
    }
    if (arg.name != null) {
      const layer = layers.find((l) => l.name === arg.name);
      if (!layer) throw new ValueError(`No such layer: ${arg.name}. Existing layers are: ${JSON.stringify(layers.map((l) => l.name))}.`);
      return layer;
    }
    throw new ValueError('Provide either a layer name or layer index at getLayer.');
  }

  override call(inputs: any, kwargs?: CallArgs): any {
    void inputs;
    void kwargs;
    throw new NotImplementedError(`Model ${this.constructor.name} does not have a call() method implemented.`);
  }

  /**
   * Builds a subclassed model for inputs of `inputShape` by tracing `call` on a symbolic input, so every layer it
   * uses creates its weights (Keras' `build_from_config` behaviour).
   */
  override build(inputShape: ShapeStructure | null): void {
    if (inputShape == null || !this._layers.some((l) => !l.built)) return;
    try {
      const symbolic = kerasTensorsForShapes(inputShape, this.inputDtype);
      withTracing(() => this.call(symbolic, {}));
    } catch {
      // An eager first call builds the layers itself.
    }
  }

  /**
   * Runs the model on one batch in inference mode and returns its output (Keras' `predict_step`); `predict`
   * calls it per batch. Override it to customise inference.
   */
  predictStep(data: unknown): any {
    return this.apply(data, { training: false });
  }

  /**
   * Predictions for `x`, computed in batches of `batchSize` (default 32) and concatenated, as Keras' `predict`.
   * Synchronous; the caller owns (and disposes) the result. No other tensor survives the call. The result has the
   * structure of the model's outputs: a tensor, or for several outputs `predict<Tensor[]>(x)` /
   * `predict<Record<string, Tensor>>(x)`. `verbose` (default 0) draws a progress bar; `callbacks` get the predict hooks.
   *
   * @example
   * const probs = model.predict(xTest, { batchSize: 128 }); // a Tensor
   */
  predict<T = Tensor>(x: Tensor | Tensor[] | Record<string, Tensor>, options: PredictOptions & PredictLoopOptions = {}): T {
    try {
      if (options.callbacks || (options.verbose !== undefined && options.verbose !== 0)) return predictWithCallbacks(this, x, options) as T;
      return predictBatches((batch) => this.predictStep(batch), x, options);
    } finally {
      this._clearLosses();
    }
  }

  /** Predictions for one batch, as Keras' `predict_on_batch`. */
  predictOnBatch<T = Tensor>(x: Tensor | Tensor[] | Record<string, Tensor>): T {
    const given = new Set(tree.flatten(x));
    try {
      return tidy(() => {
        const out = this.predictStep(x);
        // Never hand back the caller's own tensor: disposing the prediction must not dispose the input.
        return tree.mapStructure((t: unknown) => (given.has(t) ? ops.clone(t as Tensor) : t), out);
      });
    } finally {
      this._clearLosses();
    }
  }

  /**
   * Prints the model's layers, output shapes and parameter counts, as Keras' `model.summary()`.
   *
   * @example
   * model.summary();                                  // to the console
   * model.summary({ printFn: (s) => lines.push(s) }); // captured
   */
  summary(options: SummaryOptions = {}): void {
    printSummary(this, options);
  }

  /** The model's Keras 3 JSON (`keras.saving.serialize_keras_object` output), as Keras' `to_json`. */
  toJson(): string {
    return JSON.stringify(toKerasJson(serialize(this)));
  }

  // ---------------------------------------------------------------------------------------------- training

  /**
   * Configures the model for training, as Keras' `compile`: an optimizer (name or object), a loss (one, a list, or
   * a record keyed by output name), and metrics (`'accuracy'` picks binary/categorical/sparse from the shapes).
   *
   * @example
   * model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
   */
  compile(args: CompileArgs = {}): void {
    compileModel(this, args);
    this.stopTraining = false;
  }

  /** Whether `compile` has been called. */
  get compiled(): boolean {
    return trainerState(this) !== undefined;
  }

  /** The optimizer given to `compile` (null before). */
  get optimizer(): Optimizer | null {
    return trainerState(this)?.optimizer ?? null;
  }

  /** The `loss` given to `compile`. */
  get loss(): LossArg | undefined {
    return trainerState(this)?.loss;
  }

  /** The metrics tracked: the loss tracker, the compiled metrics, per-output losses, then the model's own. */
  get metrics(): Array<Metric | CompileMetrics> {
    return modelMetrics(this);
  }

  /** The names of `metrics` (`['loss', 'compile_metrics', …]`). */
  get metricsNames(): string[] {
    return this.metrics.map((m) => m.name);
  }

  /** Zeroes every metric's state. */
  resetMetrics(): void {
    for (const m of this.metrics) m.resetState();
  }

  /**
   * Trains the model, as Keras' `fit`. `x`/`y` are tensors (or number arrays), lists or records keyed by input/output
   * name; or `x` is an (async) iterable of `[x, y]` / `[x, y, sampleWeight]` batches (then pass options second).
   * Returns the `History`.
   *
   * @example
   * const history = await model.fit(x, y, { epochs: 10, batchSize: 128, validationSplit: 0.1 });
   * history.history.val_loss;
   */
  fit(x: DataInput, y?: unknown, options?: FitOptions): Promise<History> {
    if (options === undefined && isBatchIterable(x) && tree.isPlainObject(y)) return fitModel(this, x, undefined, y as FitOptions);
    return fitModel(this, x, y, options);
  }

  /**
   * The loss and metrics on `x`/`y`, as Keras' `evaluate`: a number (loss only), a list (`metricsNames` order), or a
   * record with `returnDict`.
   *
   * @example
   * const { loss, accuracy } = await model.evaluate(xTest, yTest, { returnDict: true }) as Record<string, number>;
   */
  evaluate(x: DataInput, y?: unknown, options?: EvaluateOptions): Promise<number | number[] | Logs> {
    if (options === undefined && isBatchIterable(x) && tree.isPlainObject(y)) return evaluateModel(this, x, undefined, y as EvaluateOptions);
    return evaluateModel(this, x, y, options);
  }

  /** One training step on one batch (metrics reset first), as Keras' `train_on_batch`. */
  trainOnBatch(x: unknown, y?: unknown, options?: TrainOnBatchOptions): Promise<number | number[] | Logs> {
    return trainOnBatch(this, x, y, options);
  }

  /** One test step on one batch (metrics reset first), as Keras' `test_on_batch`. */
  testOnBatch(x: unknown, y?: unknown, options?: TestOnBatchOptions): Promise<number | number[] | Logs> {
    return testOnBatch(this, x, y, options);
  }

  /**
   * One training step on `data` (`[x, y]` or `[x, y, sampleWeight]`; see `unpackXYSampleWeight`), as Keras'
   * `train_step`: forward pass, `computeLoss`, gradients, optimizer update, `computeMetrics`. Override it for custom
   * training (`fit` calls it inside `tidy`); return the logs, e.g. `this.getMetricsResult()`.
   */
  trainStep(data: unknown): Record<string, Tensor | number> {
    return defaultTrainStep(this, data);
  }

  /** One evaluation step, as Keras' `test_step` (`evaluate` and validation call it). Override it like `trainStep`. */
  testStep(data: unknown): Record<string, Tensor | number> {
    return defaultTestStep(this, data);
  }

  /** The total loss of a batch: the compiled loss plus `this.losses` (Keras' `compute_loss`). Overridable. */
  computeLoss(args: { x?: unknown; y: unknown; yPred: unknown; sampleWeight?: unknown; training?: boolean }): Tensor {
    return computeLoss(this, args.y, args.yPred, args.sampleWeight);
  }

  /** Updates the compiled metrics with a batch and returns every metric's result (Keras' `compute_metrics`). */
  computeMetrics(x: unknown, y: unknown, yPred: unknown, sampleWeight?: unknown): Record<string, Tensor> {
    void x;
    return computeMetrics(this, y, yPred, sampleWeight);
  }

  /** Every metric's current value, keyed by log name (new tensors; Keras' `get_metrics_result`). */
  getMetricsResult(): Record<string, Tensor> {
    return metricsResult(this);
  }

  /** The compile arguments, serialized (`{}` until the model is compiled). */
  getCompileConfig(): Record<string, unknown> | null {
    return getCompileConfig(this);
  }

  /** Compiles from `getCompileConfig()`'s output (used when loading a saved model). */
  compileFromConfig(config: Record<string, unknown>, customObjects?: CustomObjects): void {
    compileFromConfig(this, config, customObjects);
  }

  /**
   * Frees the weights and what `compile` set up: metric state, and the optimizer's variables when `compile` created
   * the optimizer from a name (an optimizer instance you passed stays yours). The model is uncompiled afterwards.
   *
   * @example
   * model.compile({ optimizer: 'adam', loss: 'mse' });
   * model.dispose(); // numTensors() back to where it was before the model was built
   */
  override dispose(): void {
    disposeCompiled(this);
    super.dispose();
  }

  /**
   * A model from its config: a functional config (`name`, `layers`, `inputLayers`, `outputLayers`) rebuilds the
   * graph; any other config is passed to the constructor.
   */
  static override fromConfig<T extends Layer>(this: new (args: any) => T, config: Record<string, unknown>, customObjects?: CustomObjects): T {
    const cls = this as unknown as typeof Model;
    if (isFunctionalConfig(config) && (cls === Model || cls._functionalClass) && functionalFromConfigFn) {
      return functionalFromConfigFn(cls === Model ? null : cls, config, customObjects) as unknown as T;
    }
    try {
      return new this({ ...config });
    } catch (e) {
      throw new ValueError(
        `Unable to revive model from config. When overriding getConfig(), make sure that the returned config contains all ` +
          `items used as arguments in the constructor of ${cls.name}, or define a static fromConfig(config). ` +
          `Received config=${JSON.stringify(config)}. Error encountered during deserialization: ${(e as Error).message}`,
      );
    }
  }
}

/** Whether a config describes a functional model. */
export function isFunctionalConfig(config: Record<string, unknown>): boolean {
  return ['name', 'layers', 'inputLayers', 'outputLayers'].every((k) => k in config);
}

type FunctionalFromConfig = (cls: unknown, config: Record<string, unknown>, customObjects?: CustomObjects) => Model;
let functionalFromConfigFn: FunctionalFromConfig | null = null;

/** @internal Set by functional-config.ts. */
export function _setFunctionalFromConfig(fn: FunctionalFromConfig): void {
  functionalFromConfigFn = fn;
}

/** Whether `x` is a symbolic tensor or a structure of them. */
export function isSymbolicStructure(x: unknown): boolean {
  const flat = tree.flatten(x);
  return flat.length > 0 && flat.every(isKerasTensor);
}

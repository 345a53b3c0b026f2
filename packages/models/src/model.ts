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
import { predictBatches, type PredictOptions } from './predict.js';
import { printSummary, type SummaryOptions } from './summary/print-summary.js';

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
   * `predict<Record<string, Tensor>>(x)`.
   *
   * @example
   * const probs = model.predict(xTest, { batchSize: 128 }); // a Tensor
   */
  predict<T = Tensor>(x: Tensor | Tensor[] | Record<string, Tensor>, options: PredictOptions = {}): T {
    try {
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

  /** The compile arguments, serialized (`{}` until the model is compiled). */
  getCompileConfig(): Record<string, unknown> | null {
    return {};
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

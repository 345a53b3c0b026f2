import {
  ValueError, ops, standardizeDtype, tidy, variable, type DataType, type Tensor, type Variable,
} from '@strata/core';

/** Options every `Metric` takes. */
export interface MetricOptions {
  /** The metric's name (the key in logs). Each class has a Keras default. */
  name?: string;
  /** The dtype of the state and result. Defaults to `'float32'`. */
  dtype?: string | null;
}

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/** A tfjs variable name that is not taken yet (tfjs keeps one global namespace of variable names). */
function createVariable(path: string, shape: number[], dtype: DataType): Variable {
  for (let k = 0; ; k++) {
    const name = k === 0 ? path : `${path}_${k}`;
    try {
      return tidy(() => variable(ops.zeros(shape, dtype), false, name, dtype));
    } catch (e) {
      if (!(e instanceof Error) || !/already registered/.test(e.message) || k > 10_000) throw e;
    }
  }
}

/**
 * The base class of stateful metrics, as `keras.metrics.Metric`. State lives in non-trainable tfjs variables
 * created with `addVariable`; `updateState` accumulates into them with tensor ops only (no reads back to the
 * host), `result()` returns a new tensor, `resetState()` zeroes the state, `dispose()` frees it.
 *
 * @example
 * class Count extends Metric {
 *   static override className = 'Count';
 *   private readonly n = this.addVariable('n', []);
 *   updateState(yTrue: Tensor) { tidy(() => this.assignAdd(this.n, ops.scalar(yTrue.shape[0] ?? 1))); }
 *   result() { return ops.clone(this.n); }
 * }
 */
export abstract class Metric {
  static className = 'Metric';
  /** The key in logs; `compile` renames metrics given by string (`'acc'` stays `'acc'`). */
  name: string;
  readonly dtype: DataType;
  /** Whether larger values are better (`'up'`) or smaller (`'down'`), for callbacks' `mode: 'auto'`. */
  direction: 'up' | 'down' | null = null;
  private readonly stateVars: Variable[] = [];
  private readonly stateVarNames: string[] = [];

  constructor(options: MetricOptions = {}) {
    const ctor = this.constructor as { className?: string; name: string };
    this.name = options.name ?? snakeCase(ctor.className ?? ctor.name);
    this.dtype = standardizeDtype(options.dtype ?? 'float32');
    if (this.dtype !== 'float32') throw new ValueError(`Metric "${this.name}": dtype must be a float type, received ${String(options.dtype)}.`);
  }

  /** Accumulates one batch into the state. */
  abstract updateState(yTrue: Tensor, yPred?: Tensor | null, sampleWeight?: Tensor | null): void;

  /** The metric's value from the current state, as a new tensor. */
  abstract result(): Tensor;

  /** The state variables, in creation order (Keras' order). */
  get variables(): Variable[] {
    return [...this.stateVars];
  }

  /** Keras' variable names (`'total'`, `'count'`, `'true_positives'`…), parallel to `variables`. */
  get variableNames(): string[] {
    return [...this.stateVarNames];
  }

  /** Creates a zero-initialised state variable named `<metric name>/<name>`. */
  protected addVariable(name: string, shape: number[], dtype: DataType = this.dtype): Variable {
    const v = createVariable(`${this.name}/${name}`, shape, dtype);
    this.stateVars.push(v);
    this.stateVarNames.push(name);
    return v;
  }

  /** `v += delta`, on the device. Call it inside a `tidy`. */
  protected assignAdd(v: Variable, delta: Tensor): void {
    v.assign(ops.add(v, ops.cast(delta, v.dtype)));
  }

  /** Zeroes every state variable. */
  resetState(): void {
    tidy(() => {
      for (const v of this.stateVars) v.assign(ops.zerosLike(v));
    });
  }

  /** Updates the state with one batch and returns the new result (Keras' `metric(y_true, y_pred)`). */
  apply(yTrue: Tensor, yPred?: Tensor | null, sampleWeight?: Tensor | null): Tensor {
    this.updateState(yTrue, yPred, sampleWeight);
    return this.result();
  }

  /** Frees the state variables. */
  dispose(): void {
    for (const v of this.stateVars) v.dispose();
    this.stateVars.length = 0;
    this.stateVarNames.length = 0;
  }

  /** The camelCase config: `{ name, dtype }` plus each subclass's arguments. */
  getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }

  /** Rebuilds a metric from `getConfig()`'s output. */
  static fromConfig<T extends Metric>(this: new (config?: any) => T, config: Record<string, unknown>): T {
    return new this(config);
  }
}

import {
  ValueError, classNameOf, keep, ops, tidy, variable,
  type CustomObjects, type DataType, type Tensor, type TensorLike, type Variable,
} from '@strata/core';
import { clipGradients } from './clipping.js';
import { accumulateGradients, isUpdateStep, overwriteWithGradients } from './gradient-accumulation.js';
import { pairGradients } from './gradient-pairs.js';
import { callableRate, checkLearningRate, deserializeRate, serializeRate, type LearningRate } from './learning-rate.js';
import { updateMovingAverages } from './moving-average.js';
import { autoName } from './naming.js';
import { checkOptions, type OptimizerOptions } from './optimizer-options.js';
import { OptimizerVariable } from './optimizer-variable.js';
import { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import { applyConstraint, resolveVariable, type ResolvedVariable, type VariableLike } from './variable-like.js';
import { assignWeights } from './weights.js';

export type { OptimizerOptions } from './optimizer-options.js';

/** Per-step values an update reads (all scalar tensors, valid inside the step only). */
export interface StepContext {
  /** The learning rate for this step (float32). */
  readonly learningRate: Tensor;
  /** Keras' `iterations` before this step (int32; divided by the accumulation steps when accumulating). */
  readonly iterations: Tensor;
  /** `iterations + 1` as float32: Keras' `local_step`. */
  readonly localStep: Tensor;
}

/**
 * The base class of every optimizer, as Keras 3's `BaseOptimizer`. `applyGradients` (or `apply`) builds the optimizer
 * state on first use, then per step: drops missing gradients, divides by `lossScaleFactor`, accumulates, clips,
 * applies decoupled weight decay, runs `updateStep` per variable, updates the moving averages, applies constraints and
 * increments the iteration counter — all as tensor ops inside one `tidy`, nothing read back.
 * State is in Keras' order and names: `variables` = `iteration`, `learning_rate` (unless a schedule or function),
 * `average`s, `gradient_accumulator`s, then the optimizer's slots.
 *
 * A custom optimizer overrides `createSlots` (with `addOptimizerVariables`) and `updateStep`, and sets
 * `static className`.
 *
 * @example
 * class SignSGD extends Optimizer {
 *   static override className = 'SignSGD';
 *   constructor(options: OptimizerOptions = {}) { super(options, { defaultLearningRate: 0.01 }); }
 *   protected updateStep(g: Tensor, value: Tensor, index: number, ctx: StepContext) {
 *     return ops.sub(value, ops.mul(ctx.learningRate, ops.sign(g)));
 *   }
 * }
 */
export abstract class Optimizer {
  static className = 'Optimizer';
  readonly name: string;
  readonly weightDecay: number | null;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  readonly globalClipnorm: number | null;
  readonly useEma: boolean;
  readonly emaMomentum: number;
  readonly emaOverwriteFrequency: number | null;
  readonly lossScaleFactor: number | null;
  readonly gradientAccumulationSteps: number | null;
  /** Whether the state has been created (`build`, or the first `apply`). */
  built = false;

  readonly #tracked: OptimizerVariable[] = [];
  readonly #iterationVariable: OptimizerVariable;
  #rate: OptimizerVariable | LearningRateSchedule | (() => number | Tensor);
  #modelVariables: ResolvedVariable[] = [];
  readonly #indices = new Map<Variable, number>();
  #averages: (OptimizerVariable | null)[] = [];
  #accumulators: OptimizerVariable[] = [];
  #excludedVariables = new Set<Variable>();
  #excludedPattern: RegExp | null = null;
  #stepMask: Tensor | null = null;
  #iterationsCache: { dataId: object; value: Tensor } | null = null;

  constructor(opts: OptimizerOptions, spec: { defaultLearningRate: number; ownKeys?: string[] }) {
    const { options, settings } = checkOptions(opts, spec.ownKeys ?? []);
    this.name = options.name ?? autoName(classNameOf(this.constructor as { name: string; className?: string }));
    if (this.name.includes('/')) throw new ValueError(`Optimizer names cannot contain "/". Received: name=${this.name}`);
    this.weightDecay = settings.weightDecay;
    this.clipnorm = settings.clipnorm;
    this.clipvalue = settings.clipvalue;
    this.globalClipnorm = settings.globalClipnorm;
    this.useEma = settings.useEma;
    this.emaMomentum = settings.emaMomentum;
    this.emaOverwriteFrequency = settings.emaOverwriteFrequency;
    this.lossScaleFactor = settings.lossScaleFactor;
    this.gradientAccumulationSteps = settings.gradientAccumulationSteps;
    this.#iterationVariable = this.addVariable({ name: 'iteration', shape: [], dtype: 'int32' });
    const lr = options.learningRate ?? spec.defaultLearningRate;
    checkLearningRate(lr);
    this.#rate = typeof lr === 'number' ? this.addVariable({ name: 'learning_rate', shape: [], initialValue: lr }) : lr;
  }

  // ---- state -------------------------------------------------------------------------------------------------

  /** Every optimizer variable, in Keras' order (the order `getWeights`/`setWeights` and Keras' files use). */
  get variables(): OptimizerVariable[] {
    return this.#tracked.slice();
  }

  /**
   * Keras' `iterations`: the number of updates so far, an int32 scalar the optimizer owns (don't dispose it). With
   * gradient accumulation, the number of applied updates (the raw counter divided by the accumulation steps).
   */
  get iterations(): Tensor {
    const raw = this.#iterationVariable.value;
    const k = this.gradientAccumulationSteps;
    if (!k) return raw;
    if (this.#iterationsCache?.dataId !== raw.dataId) {
      this.#iterationsCache?.value.dispose();
      this.#iterationsCache = { dataId: raw.dataId, value: keep(tidy(() => ops.floorDiv(raw, ops.scalar(k, 'int32')))) };
    }
    return this.#iterationsCache.value;
  }

  /**
   * The current learning rate as a number (a schedule is evaluated at the current iteration). This reads a value
   * back, so call it between steps (callbacks), not inside one. Set a number to change it (not allowed when the
   * optimizer was created with a schedule), or set a schedule or function to replace it.
   */
  get learningRate(): number {
    const t = tidy(() => this.currentLearningRate());
    const value = t.dataSync()[0]!;
    if (!(this.#rate instanceof OptimizerVariable)) t.dispose();
    return value;
  }

  set learningRate(value: LearningRate) {
    checkLearningRate(value);
    if (typeof value === 'number') {
      if (!(this.#rate instanceof OptimizerVariable)) {
        throw new TypeError(
          'This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` constructor argument, ' +
            'hence its learning rate is not settable. If you need the learning rate to be settable, you should instantiate ' +
            'the optimizer with a float `learning_rate` argument.',
        );
      }
      const rate = this.#rate;
      tidy(() => rate.assign(ops.scalar(value, 'float32')));
      return;
    }
    if (this.#rate instanceof OptimizerVariable) {
      this.#tracked.splice(this.#tracked.indexOf(this.#rate), 1);
      this.#rate.value.dispose();
    }
    this.#rate = value;
  }

  /** The learning rate for the current iteration as a float32 scalar (a schedule gets the raw counter, as in Keras). */
  protected currentLearningRate(): Tensor {
    if (this.#rate instanceof OptimizerVariable) return this.#rate.value;
    if (this.#rate instanceof LearningRateSchedule) return this.#rate.call(this.#iterationVariable.value);
    return callableRate(this.#rate);
  }

  /**
   * Adds a variable to the optimizer's state, named `<optimizer name>/<name>`, as Keras' `add_variable`.
   */
  protected addVariable(spec: { name: string; shape: number[]; dtype?: DataType; initialValue?: number }): OptimizerVariable {
    const dtype = spec.dtype ?? 'float32';
    const init = spec.initialValue ?? 0;
    const value = tidy(() => variable(ops.fill(spec.shape, init, dtype), false, undefined, dtype));
    const v = new OptimizerVariable(value, spec.name, `${this.name}/${spec.name}`);
    this.#tracked.push(v);
    return v;
  }

  /**
   * Adds one slot per model variable and per name, interleaved per model variable as Keras'
   * `add_optimizer_variables` (`w_momentum, w_velocity, b_momentum, b_velocity`). Variables with
   * `overwriteWithGradient` get `null`. Returns one list per name.
   */
  protected addOptimizerVariables(vars: ResolvedVariable[], names: string[], initialValue: number | number[] = 0): (OptimizerVariable | null)[][] {
    const inits = Array.isArray(initialValue) ? initialValue : names.map(() => initialValue);
    const out = names.map(() => [] as (OptimizerVariable | null)[]);
    for (const v of vars) {
      names.forEach((slot, i) => {
        out[i]!.push(v.overwriteWithGradient ? null : this.addVariableFromReference(v, slot, inits[i]));
      });
    }
    return out;
  }

  /** One slot shaped like a model variable, named `<path with / → _>_<slot>` as Keras' `add_variable_from_reference`. */
  protected addVariableFromReference(ref: ResolvedVariable, slot: string, initialValue = 0): OptimizerVariable {
    return this.addVariable({ name: `${ref.slotPrefix}_${slot}`, shape: ref.variable.shape, dtype: ref.variable.dtype, initialValue });
  }

  /**
   * Creates the state for `vars` (done by the first `apply` when not called): moving averages, gradient accumulators,
   * then the optimizer's slots. Later calls do nothing.
   */
  build(vars: VariableLike[]): void {
    if (this.built) return;
    const resolved = vars.map(resolveVariable);
    if (this.useEma) this.#averages = this.addOptimizerVariables(resolved, ['average'])[0]!;
    resolved.forEach((v, i) => {
      this.#indices.set(v.variable, i);
      if (this.gradientAccumulationSteps) this.#accumulators.push(this.addVariableFromReference(v, 'gradient_accumulator'));
    });
    this.#modelVariables = resolved;
    this.createSlots(resolved);
    this.built = true;
  }

  /** Creates the optimizer's own slots (override; call `addOptimizerVariables`). */
  protected createSlots(vars: ResolvedVariable[]): void {
    void vars;
  }

  /** Keras' `exclude_from_weight_decay`: skip these variables, or those whose name matches one of `varNames`. */
  excludeFromWeightDecay(options: { varList?: VariableLike[]; varNames?: string[] }): void {
    if (this.built) throw new ValueError('`exclude_from_weight_decay()` can only be configured before the optimizer is built.');
    this.#excludedVariables = new Set((options.varList ?? []).map((v) => resolveVariable(v).variable));
    const names = options.varNames ?? [];
    this.#excludedPattern = names.length > 0 ? new RegExp([...new Set(names)].join('|')) : null;
  }

  #usesWeightDecay(v: ResolvedVariable): boolean {
    if (this.#excludedVariables.has(v.variable)) return false;
    return !(this.#excludedPattern && this.#excludedPattern.test(v.name));
  }

  // ---- the step ----------------------------------------------------------------------------------------------

  /** Applies `[gradient, variable]` pairs, as Keras' `apply_gradients`. A `null` gradient skips its variable. */
  applyGradients(gradsAndVars: Array<[Tensor | null | undefined, VariableLike]>): void {
    this.apply(gradsAndVars.map((p) => p[0]), gradsAndVars.map((p) => p[1]));
  }

  /**
   * Applies `grads` to `vars` (or, once built, to the variables it was built with), as Keras' `apply`.
   *
   * @example
   * const opt = new SGD({ learningRate: 0.1 });
   * opt.apply([ops.tensor([1, 1])], [w]); // w -= 0.1
   */
  apply(grads: Array<Tensor | null | undefined>, vars?: VariableLike[]): void {
    if (grads.length === 0) return;
    let resolved: ResolvedVariable[];
    if (vars === undefined) {
      if (!this.built) {
        throw new ValueError('When passing `grads` without `variables`, the optimizer must already be built on a list of variables. Call `optimizer.build(trainable_variables)` first.');
      }
      if (grads.length !== this.#modelVariables.length) {
        throw new ValueError(`When passing \`grads\` as a list of gradient tensors, the gradients must match the optimizer's variables one-to-one. Received a list of ${grads.length} gradients, but the optimizer is tracking ${this.#modelVariables.length} trainable variables.`);
      }
      resolved = this.#modelVariables;
    } else {
      if (vars.length !== grads.length) throw new ValueError(`Received ${grads.length} gradients for ${vars.length} variables: expected one gradient per variable.`);
      resolved = vars.map(resolveVariable);
    }
    const pairs = pairGradients(grads, resolved);
    if (!this.built && vars !== undefined) this.build(vars);
    for (const [, v] of pairs) {
      if (!this.#indices.has(v.variable)) {
        throw new ValueError(`Unknown variable: "${v.label}". This optimizer can only be called for the variables it was originally built with. When working with a new set of variables, you should recreate a new optimizer instance.`);
      }
    }
    tidy(() => this.#step(pairs));
  }

  #step(pairs: Array<[Tensor, ResolvedVariable]>): void {
    const raw = this.#iterationVariable.value;
    const k = this.gradientAccumulationSteps;
    const iterations = k ? ops.floorDiv(raw, ops.scalar(k, 'int32')) : raw;
    const ctx: StepContext = {
      learningRate: this.currentLearningRate(),
      iterations,
      localStep: ops.cast(ops.add(iterations, ops.scalar(1, 'int32')), 'float32'),
    };
    let grads = pairs.map(([g, v]) => (g.dtype === v.variable.dtype ? g : ops.cast(g, v.variable.dtype)));
    if (this.lossScaleFactor != null) grads = grads.map((g) => ops.div(g, ops.scalar(this.lossScaleFactor!)));
    const isUpdate = isUpdateStep(raw, k);
    let vars = pairs.map((p) => p[1]);

    // Variables overwritten with their gradient (Keras' overwrite_with_gradient) leave the normal path.
    const accumulatorOf = (v: ResolvedVariable) => this.#accumulators[this.#indexOf(v)]!;
    const kept = overwriteWithGradients(grads, vars, accumulatorOf, isUpdate);
    grads = kept.map((i) => grads[i]!);
    vars = kept.map((i) => vars[i]!);
    if (vars.length > 0) {
      if (isUpdate) grads = accumulateGradients(grads, vars.map(accumulatorOf), isUpdate, k!);
      this.#stepMask = isUpdate;
      try {
        grads = clipGradients(grads, this);
        const values = vars.map((v) => this.#decayed(v, ctx.learningRate));
        this.prepareStep(ctx);
        vars.forEach((v, i) => this.assign(v.variable, this.updateStep(grads[i]!, values[i]!, this.#indexOf(v), ctx)));
      } finally {
        this.#stepMask = null;
      }
      if (this.useEma) updateMovingAverages(this.#modelVariables, this.#averages, iterations, this.emaMomentum, this.emaOverwriteFrequency);
      for (const v of vars) if (v.constraint) v.variable.assign(applyConstraint(v.constraint, v.variable));
    }
    this.#iterationVariable.assign(ops.add(raw, ops.scalar(1, 'int32')));
  }

  /** `v − v·wd·lr` (Keras' decoupled weight decay), or `v` when there is none. */
  #decayed(v: ResolvedVariable, lr: Tensor): Tensor {
    if (this.weightDecay == null || !this.#usesWeightDecay(v)) return v.variable;
    return ops.sub(v.variable, ops.mul(ops.mul(v.variable, ops.scalar(this.weightDecay)), lr));
  }

  /** Per-step work shared by all variables, run before the per-variable updates (Nadam's momentum cache). */
  protected prepareStep(ctx: StepContext): void {
    void ctx;
  }

  /**
   * The update for one model variable: given its (clipped, averaged) gradient and its current value (after weight
   * decay), write the slots with `this.assign` and return the variable's new value. `index` is the variable's
   * position in the list the optimizer was built with (index the slot lists with it).
   */
  protected abstract updateStep(gradient: Tensor, value: Tensor, index: number, ctx: StepContext): Tensor;

  /**
   * Writes a new value into optimizer state during a step (on non-update steps of gradient accumulation, the write
   * keeps the old value, as Keras does).
   */
  protected assign(target: OptimizerVariable | Variable, value: Tensor): void {
    const v = target instanceof OptimizerVariable ? target.value : target;
    v.assign(this.#stepMask ? ops.where(this.#stepMask, value, v) : value);
  }

  #indexOf(v: ResolvedVariable): number {
    return this.#indices.get(v.variable)!;
  }

  /** Copies the moving averages into the variables when `useEma` is on (fit does this at the end), as Keras. */
  finalizeVariableValues(vars?: VariableLike[]): void {
    if (!this.useEma) return;
    const targets = vars ? vars.map(resolveVariable) : this.#modelVariables;
    if (targets.length !== this.#averages.length) {
      throw new ValueError(`The length of model variables (${targets.length}) to override does not match the length of model variables stored in the optimizer (${this.#averages.length}). Please check if the optimizer was called on your model.`);
    }
    tidy(() => targets.forEach((v, i) => this.#averages[i] && v.variable.assign(this.#averages[i]!.value)));
  }

  /** Multiplies the loss by `lossScaleFactor` when set, as Keras' `scale_loss`. */
  scaleLoss(loss: Tensor): Tensor {
    return this.lossScaleFactor != null ? ops.mul(loss, ops.scalar(this.lossScaleFactor)) : loss;
  }

  // ---- weights and config ------------------------------------------------------------------------------------

  /** Copies of the state in `variables` order (yours to dispose). */
  getWeights(): Tensor[] {
    return this.#tracked.map((v) => ops.clone(v.value));
  }

  /** Sets the state from values in `variables` order; each must have its variable's shape. */
  setWeights(weights: Array<Tensor | TensorLike>): void {
    if (!this.built) {
      throw new ValueError('You are calling `setWeights()` on an optimizer that has not yet been built. Please call `optimizer.build(trainableVariables)` to create the optimizer weights before calling `setWeights()`.');
    }
    assignWeights(this.#tracked, weights, this.name);
  }

  /** The camelCase config, with Keras' `get_config` keys (`learningRate` is a number or a schedule's envelope). */
  getConfig(): Record<string, unknown> {
    const lr = this.#rate instanceof OptimizerVariable ? this.#rate.value.dataSync()[0]! : serializeRate(this.#rate);
    return {
      name: this.name,
      learningRate: lr,
      weightDecay: this.weightDecay,
      clipnorm: this.clipnorm,
      globalClipnorm: this.globalClipnorm,
      clipvalue: this.clipvalue,
      useEma: this.useEma,
      emaMomentum: this.emaMomentum,
      emaOverwriteFrequency: this.emaOverwriteFrequency,
      lossScaleFactor: this.lossScaleFactor,
      gradientAccumulationSteps: this.gradientAccumulationSteps,
    };
  }

  /** Rebuilds an optimizer from `getConfig()`'s output (a schedule envelope in `learningRate` is deserialized). */
  static fromConfig<T extends Optimizer>(this: new (options: any) => T, config: Record<string, unknown>, customObjects?: CustomObjects): T {
    const options = { ...config };
    if ('learningRate' in options) options.learningRate = deserializeRate(options.learningRate, customObjects);
    return new this(options);
  }

  /** Frees every optimizer variable. The optimizer cannot be used afterwards. */
  dispose(): void {
    for (const v of this.#tracked) v.value.dispose();
    this.#tracked.length = 0;
    this.#iterationsCache?.value.dispose();
    this.#iterationsCache = null;
  }
}

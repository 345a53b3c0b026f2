import { NotImplementedError, type CustomObjects, type DataType, type Tensor } from '@strata/core';
import * as regularizers from '../regularizers/index.js';
import { buildConfigOf, buildFromConfigOf, markBuiltAtInit } from './build-config.js';
import { computeDtypeOf, policyName, variableDtypeOf, type DTypeLike } from './dtype-policy.js';
import { assertInputCompatibility, type InputSpec } from './input-spec.js';
import type { KerasTensor } from './keras-tensor.js';
import { baseLayerConfig, checkLayerName, checkTrainableArg, inputShapeArgOf } from './layer-args.js';
import { callLayer, outputSpecFor } from './layer-call.js';
import { autoName, kerasClassName } from './naming.js';
import type { Node } from './node.js';
import type { Shape, ShapeStructure } from './shape.js';
import {
  addLosses, assignWeights, clearLosses, collectLosses, collectWeights, countParamsOf, createWeight, discoveredLayers,
  discoverLayers, disposeLayer, flattenLayers, installBuildWrapper, LAYER_BRAND, loadOwnVariablesFrom, nodeAttribute,
  nonTrainableWeightsOf, ownVariables, propagateTrainable, saveOwnVariablesTo, trackSubLayer, trainableWeightsOf,
} from './layer-state.js';
import type { KerasVariable } from './variable.js';

export type { DTypeLike } from './dtype-policy.js';
export type { LayerArgs, CallArgs, SymbolicInput, EagerInput, AddWeightOptions } from './layer-types.js';
import type { AddWeightOptions, CallArgs, EagerInput, LayerArgs, SymbolicInput } from './layer-types.js';

/**
 * The base class of every layer and model, as Keras 3's `keras.Layer` (`layers/layer.py`). It owns weights, sub-layers
 * (any property holding a layer is tracked), losses, the input spec and the config. Subclasses create weights in
 * `build(inputShape)` with `addWeight`, compute in `call(inputs, { training, mask })` with `@strata/core` ops, and
 * describe themselves in `computeOutputShape` and `getConfig`. Use a layer with `apply` (Keras' `layer(x)`): it builds
 * the layer on first use and runs `call` eagerly on tensors, or symbolically on `KerasTensor`s, recording graph nodes.
 *
 * @example
 * class Scale extends Layer {
 *   static override className = 'Scale';
 *   scale!: KerasVariable;
 *   override build(inputShape: Shape) {
 *     this.scale = this.addWeight({ name: 'scale', shape: [inputShape.at(-1)!], initializer: 'ones' });
 *   }
 *   override call(x: Tensor) { return ops.mul(x, this.scale.value); }
 *   override computeOutputShape(inputShape: Shape) { return inputShape; }
 * }
 * registerLayer(Scale);
 * new Scale().apply(ops.ones([2, 3])); // a [2, 3] tensor
 */
export class Layer {
  static className = 'Layer';

  /** @internal Marks layers for the engine's tracking. */
  readonly [LAYER_BRAND] = true;

  /** Unique name (`dense_1`). */
  readonly name: string;
  /** Whether `build` has run (weights exist). */
  built = false;
  /** The regularizer applied to outputs, if any. */
  activityRegularizer: regularizers.Regularizer | null;
  /** Whether float inputs are cast to the compute dtype. */
  autocast: boolean;
  /** One node per symbolic call of this layer. */
  readonly inboundNodes: Node[] = [];
  /** Nodes of the layers that consumed this layer's symbolic outputs. */
  readonly outboundNodes: Node[] = [];

  /** @internal The name-scope path this layer was first opened under. */
  parentPath: string | null = null;
  /** @internal The scope path of this layer's variables, set when it builds. */
  _path: string | null = null;
  /** @internal The shapes `build` was called with (for `getBuildConfig`). */
  _buildShapesDict: Record<string, ShapeStructure | null> | null = null;
  /** @internal The legacy `inputShape`/`inputDim` argument, batch included (null batch). */
  _inputShapeArg: Shape | null = null;
  /** @internal Own variables created trainable, in creation order. */
  _trainableVariables: KerasVariable[] = [];
  /** @internal Own variables created non-trainable, in creation order. */
  _nonTrainableVariables: KerasVariable[] = [];
  /** @internal Losses added during the last outermost call (kept tensors). */
  _losses: Tensor[] = [];
  /** @internal Sub-layers in tracking order. */
  _trackedLayers: Layer[] = [];
  /** @internal Whether `build` is a subclass override. */
  _buildOverridden = false;
  /** @internal Whether `computeOutputShape` is a subclass override (symbolic calls then need no tracing). */
  _computeOutputShapeOverridden = false;
  /** @internal Whether new weights are refused (after build). */
  _locked = false;
  /** @internal Whether non-tensor values may be passed as the inputs (models). */
  _allowNonTensorPositionalArgs = false;
  /** @internal Whether `call` reads a `mask` argument (models): symbolic calls record `mask` in the node. */
  _callHasMaskArg = false;
  /** @internal `false` when Keras' `call` signature defaults `training=False` (dropout and noise layers): symbolic calls record it. */
  _callTrainingDefault: false | undefined = undefined;
  /** @internal Whether the "destroys the mask" warning was shown. */
  _maskWarned = false;

  private _trainable: boolean;
  private _dtypePolicy: string;
  private _inputSpec: InputSpec | Array<InputSpec | null> | null = null;
  private _supportsMasking: boolean;

  constructor(args: LayerArgs = {}) {
    this.name = checkLayerName(args.name ?? autoName(kerasClassName(this)));
    this._dtypePolicy = policyName(args.dtype);
    this.activityRegularizer = regularizers.get(args.activityRegularizer ?? null);
    this.autocast = args.autocast ?? true;
    this._trainable = checkTrainableArg(args.trainable) ?? true;
    this._inputShapeArg = inputShapeArgOf(args);
    this._supportsMasking = this.computeMask !== Layer.prototype.computeMask;
    this._computeOutputShapeOverridden = this.computeOutputShape !== Layer.prototype.computeOutputShape;
    this._buildOverridden = this.build !== Layer.prototype.build;
    installBuildWrapper(this);
  }

  // ---------------------------------------------------------------------------------------------- build
  /**
   * Creates the layer's weights for inputs of `inputShape` (batch included, null where unknown). Called once,
   * by the first `apply`; calling it directly builds the layer too. Tensors passed in `apply`'s keyword arguments
   * reach it as `shapesDict` (`{ valueShape: [...] }`), and then both are recorded in the build config.
   */
  build(inputShape: ShapeStructure | null, shapesDict?: Record<string, unknown>): void {
    void inputShape;
    void shapesDict;
  }

  /** Marks a layer without weights as built at construction (Keras' `_build_at_init`). */
  protected buildAtInit(): void {
    markBuiltAtInit(this);
  }

  /** @internal Refuses new weights once built (models override this to stay mutable). */
  _lockState(): void {
    this._locked = true;
  }

  /** The shapes the layer was built with, as Keras' `get_build_config`: `{ inputShape }`, or null if not built by a call. */
  getBuildConfig(): Record<string, unknown> | null {
    return buildConfigOf(this);
  }

  /** Builds from `getBuildConfig()`'s output (used when loading). */
  buildFromConfig(config: Record<string, unknown> | null | undefined): void {
    buildFromConfigOf(this, config);
  }

  // ----------------------------------------------------------------------------------------------- call
  /**
   * Keras' `layer(x)`: builds the layer on first use, checks the input spec, then runs `call` on tensors
   * (eagerly; intermediate tensors are disposed) or on `KerasTensor`s (symbolically, recording a graph node).
   * `training` comes from the argument, else from the enclosing call, else the layer's default.
   *
   * @example
   * const y = dense.apply(ops.ones([2, 784]));          // a Tensor [2, 64]
   * const s = dense.apply(Input({ shape: [784] }));     // a KerasTensor [null, 64]
   * dropout.apply(x, { training: true });
   */
  apply(inputs: SymbolicInput, kwargs?: CallArgs): KerasTensor;
  apply(inputs: EagerInput, kwargs?: CallArgs): Tensor;
  apply(inputs: unknown, kwargs?: CallArgs): any;
  apply(inputs: unknown, kwargs: CallArgs = {}): any {
    return callLayer(this, inputs, kwargs);
  }

  /** @internal Checks `inputs` against `inputSpec` (models override this). */
  _assertInputCompatibility(inputs: unknown): void {
    assertInputCompatibility(this.inputSpec, inputs, this.name);
  }

  /** The layer's computation, on tensors. Override it; use `apply` to run a layer. */
  call(inputs: any, kwargs?: CallArgs): any {
    void inputs;
    void kwargs;
    throw new NotImplementedError(`Layer ${kerasClassName(this)} does not have a call() method implemented.`);
  }

  /** The output shape(s) for an input shape (batch included). Override it so symbolic calls need no tracing. */
  computeOutputShape(inputShape: any): any {
    void inputShape;
    throw new NotImplementedError(`Layer ${kerasClassName(this)} should implement computeOutputShape(inputShape).`);
  }

  /** The output `KerasTensor`(s) for symbolic inputs: from `computeOutputShape`, else by tracing `call`. */
  computeOutputSpec(inputs: any, kwargs: CallArgs = {}): any {
    return outputSpecFor(this, inputs, kwargs);
  }

  /** The output mask for inputs and their mask (default: the input mask, unchanged). */
  computeMask(inputs: any, previousMask: any): any {
    void inputs;
    return previousMask;
  }

  // --------------------------------------------------------------------------------------- properties
  /** Whether training updates this layer's weights; setting it propagates to every sub-layer. */
  get trainable(): boolean {
    return this._trainable;
  }

  set trainable(value: boolean) {
    this._trainable = Boolean(value);
    propagateTrainable(this, this._trainable);
  }

  /** The dtype policy's name (`'float32'`). */
  get dtypePolicy(): string {
    return this._dtypePolicy;
  }

  set dtypePolicy(value: DTypeLike) {
    this._dtypePolicy = policyName(value);
  }

  /** Alias of `variableDtype`. */
  get dtype(): DataType {
    return this.variableDtype;
  }

  /** The dtype weights are stored in. */
  get variableDtype(): DataType {
    return variableDtypeOf(this._dtypePolicy);
  }

  /** The dtype computations run in. */
  get computeDtype(): DataType {
    return computeDtypeOf(this._dtypePolicy);
  }

  /** The dtype inputs are converted to. */
  get inputDtype(): DataType {
    return this.computeDtype;
  }

  /** What inputs the layer accepts, checked on each call. */
  get inputSpec(): InputSpec | Array<InputSpec | null> | null {
    return this._inputSpec;
  }

  set inputSpec(value: InputSpec | Array<InputSpec | null> | null) {
    this._inputSpec = value;
  }

  /** Whether the layer propagates masks (default: it overrides `computeMask`). */
  get supportsMasking(): boolean {
    return this._supportsMasking;
  }

  set supportsMasking(value: boolean) {
    this._supportsMasking = value;
  }

  /** The scope path of the layer's variables (`sequential/dense`), set when it builds. */
  get path(): string | null {
    return this._path;
  }

  /** The input(s) of the first symbolic call. */
  get input(): KerasTensor | KerasTensor[] {
    return nodeAttribute(this, 'inputTensors', 'input');
  }

  /** The output(s) of the first symbolic call. */
  get output(): KerasTensor | KerasTensor[] {
    return nodeAttribute(this, 'outputTensors', 'output');
  }

  // ----------------------------------------------------------------------------------------- tracking
  /** @internal Direct sub-layers in tracking order: explicitly tracked ones and any property holding layers. */
  get _layers(): Layer[] {
    return discoveredLayers(this);
  }

  /** @internal Appends sub-layers held by properties (layers, arrays and records of layers) not yet tracked. */
  _discoverLayers(): void {
    discoverLayers(this);
  }

  /**
   * Tracks `layer` as a sub-layer (its weights, losses and `trainable` follow this layer's). Layers assigned to
   * properties are tracked automatically; use this for layers kept elsewhere (a Map, a closure).
   */
  trackLayer<T extends Layer>(layer: T): T {
    return trackSubLayer(this, layer);
  }

  /** @internal Self and descendants, in Keras' `_flatten_layers` order. */
  _flattenLayers(includeSelf = true, recursive = true): Layer[] {
    return flattenLayers(this, includeSelf, recursive);
  }

  // ------------------------------------------------------------------------------------------ weights
  /**
   * Creates a weight, as Keras' `add_weight`. Its path is `<scope>/<name>` (`dense/kernel`).
   *
   * @example
   * this.kernel = this.addWeight({ name: 'kernel', shape: [inDim, units], initializer: this.kernelInitializer });
   */
  addWeight(options: AddWeightOptions): KerasVariable {
    return createWeight(this, options);
  }

  /** Own variables then each sub-layer's, trainable before non-trainable per layer, de-duplicated (Keras order). */
  get weights(): KerasVariable[] {
    return collectWeights(this);
  }

  /** The weights training updates (none when the layer is frozen). */
  get trainableWeights(): KerasVariable[] {
    return trainableWeightsOf(this);
  }

  /** The weights training leaves alone (all of them when the layer is frozen). */
  get nonTrainableWeights(): KerasVariable[] {
    return nonTrainableWeightsOf(this);
  }

  /** All state (the weights; Strata's seed generators hold no variables). */
  get variables(): KerasVariable[] {
    return this.weights;
  }

  get trainableVariables(): KerasVariable[] {
    return this.trainableWeights;
  }

  get nonTrainableVariables(): KerasVariable[] {
    return this.nonTrainableWeights;
  }

  /** Copies of the weights' values, in `weights` order (the caller owns them). */
  getWeights(): Tensor[] {
    return this.weights.map((v) => v.read());
  }

  /** Assigns every weight, in `weights` order; the count and each shape must match. */
  setWeights(values: ReadonlyArray<Tensor>): void {
    assignWeights(this, this.weights, values);
  }

  /**
   * Writes this layer's own variables (trainable then non-trainable, in creation order) into `store` under the keys
   * `"0"`, `"1"`…, as Keras' `save_own_variables` (the `.keras` format's `vars/<i>` datasets).
   */
  saveOwnVariables(store: Record<string, Tensor>): void {
    saveOwnVariablesTo(this, store);
  }

  /** Assigns this layer's own variables from `store` (keys `"0"`, `"1"`…), as Keras' `load_own_variables`. */
  loadOwnVariables(store: Record<string, Tensor>): void {
    loadOwnVariablesFrom(this, ownVariables(this), store);
  }

  /** Number of scalars in the weights; the layer must be built. */
  countParams(): number {
    return countParamsOf(this);
  }

  // ------------------------------------------------------------------------------------------- losses
  /**
   * Adds a scalar loss tensor (call it from `call`); it is kept until the next outermost call, which clears
   * the list, so `losses` holds the last pass only.
   */
  addLoss(loss: Tensor | Tensor[]): void {
    addLosses(this, loss);
  }

  /**
   * Losses from `addLoss` and activity regularizers (own, then every sub-layer's), then one weight-regularizer
   * penalty per regularized trainable weight, computed now: read it inside `tidy` or a gradient function.
   */
  get losses(): Tensor[] {
    return collectLosses(this);
  }

  /** @internal Disposes the losses of the last call, here and in every sub-layer. */
  _clearLosses(): void {
    clearLosses(this);
  }

  // ------------------------------------------------------------------------------------------- config
  /** The camelCase config that `fromConfig` rebuilds the layer from (name, trainable, dtype, then the layer's own). */
  getConfig(): Record<string, unknown> {
    return baseLayerConfig(this, this._dtypePolicy);
  }

  /** A new layer from `getConfig()`'s output. */
  static fromConfig<T extends Layer>(this: new (args: any) => T, config: Record<string, unknown>, customObjects?: CustomObjects): T {
    void customObjects;
    return new this({ ...config });
  }

  /** Frees the memory of this layer's weights, its sub-layers' and its pending losses. */
  dispose(): void {
    disposeLayer(this);
  }

  toString(): string {
    return `<${kerasClassName(this)} name=${this.name}, built=${this.built}>`;
  }
}

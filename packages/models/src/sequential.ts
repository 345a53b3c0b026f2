/**
 * `Sequential`: a linear stack of layers, as Keras 3's `models/sequential.py`. With an `Input` (or a first layer
 * given `inputShape`) it builds at once, wrapping a functional graph; otherwise it builds on its first call.
 */
import { NotImplementedError, ValueError, type CustomObjects } from '@strata/core';
import {
  deserialize, getKerasMask, InputLayer, isKerasTensor, KerasTensor, Layer, serialize, shapesEqual, shapeToString,
  standardizeShape, tree, type CallArgs, type LayerArgs, type Shape, type SerializedLayer,
} from '@strata/layers';
import { Functional } from './functional/functional.js';
import { Model } from './model.js';

/** Options of `Sequential`. */
export interface SequentialArgs extends Pick<LayerArgs, 'name' | 'trainable' | 'dtype'> {
  /** The layers, in order; an `Input(...)` tensor first fixes the input shape. */
  layers?: Array<Layer | KerasTensor>;
}

/**
 * A model that applies its layers one after the other, as `keras.Sequential`.
 *
 * @example
 * const model = new Sequential([
 *   Input({ shape: [784] }),
 *   new Dense({ units: 64, activation: 'relu' }),
 *   new Dense({ units: 10, activation: 'softmax' }),
 * ]);
 * model.summary(); // Total params: 50,890 (198.79 KB)
 */
export class Sequential extends Model {
  static override className = 'Sequential';
  static override kerasModule = 'keras';

  /** @internal The stack, InputLayer included. */
  _layerList: Layer[] = [];
  /** @internal The graph once built. */
  _functional: Functional | null = null;

  constructor(layersOrArgs: Array<Layer | KerasTensor> | SequentialArgs = {}) {
    const args: SequentialArgs = Array.isArray(layersOrArgs) ? { layers: layersOrArgs } : layersOrArgs;
    super({ name: args.name, trainable: args.trainable, dtype: args.dtype });
    this._allowNonTensorPositionalArgs = true;
    this._callHasMaskArg = true;
    if (args.layers?.length) {
      for (const layer of args.layers) this.add(layer, false);
      this.maybeRebuild();
    }
  }

  override _lockState(): void {
    // Sequential models stay mutable after build.
  }

  override _discoverLayers(): void {
    this._trackedLayers = [...this._layerList];
  }

  /**
   * Adds a layer on top of the stack (an `Input(...)` tensor adds its InputLayer). Rebuilds when the stack starts
   * with an InputLayer.
   */
  add(layer: Layer | KerasTensor, rebuild = true): void {
    if (this._layerList.length === 0 && layer instanceof Layer && layer._inputShapeArg) {
      this.add(new InputLayer({ batchShape: layer._inputShapeArg }), false);
    }
    let item: unknown = layer;
    if (isKerasTensor(layer) && layer.kerasHistory?.operation instanceof InputLayer) item = layer.kerasHistory.operation;
    if (!(item instanceof Layer)) {
      throw new ValueError(`Only instances of Layer can be added to a Sequential model. Received: ${String(layer)} (of type ${typeof layer})`);
    }
    const newLayer = item;
    if (this._layerList.some((l) => l.name === newLayer.name && l !== newLayer)) {
      throw new ValueError(
        `All layers added to a Sequential model should have unique names. Name "${newLayer.name}" is already the name of a layer in this model. ` +
          'Update the "name" argument to pass a unique name.',
      );
    }
    if (newLayer instanceof InputLayer && this._layerList[0] instanceof InputLayer) {
      throw new ValueError(`Sequential model "${this.name}" has already been configured to use input shape ${shapeToString(this._layerList[0].batchShape)}. You cannot add a different Input layer to it.`);
    }
    this._layerList.push(newLayer);
    if (rebuild) this.maybeRebuild();
    else {
      this.built = false;
      this._functional = null;
    }
  }

  /** Removes and returns the last layer, then rebuilds. */
  pop(rebuild = true): Layer {
    if (this.layers.length === 0) throw new ValueError(`There are no layers in the Sequential model "${this.name}" to pop.`);
    const layer = this._layerList.pop()!;
    this.built = false;
    this._functional = null;
    if (rebuild) this.maybeRebuild();
    return layer;
  }

  private maybeRebuild(): void {
    this.built = false;
    this._functional = null;
    const first = this._layerList[0];
    if (first instanceof InputLayer && this._layerList.length > 1) this.build(first.batchShape);
    else if (first instanceof Functional && this._layerList.length > 1) {
      const shape = first.inputShape;
      if (!Array.isArray(shape[0])) this.build(shape as Shape);
    }
  }

  /** Builds the graph for inputs of `inputShape` (batch included): an InputLayer in front, then each layer. */
  override build(inputShape: unknown): void {
    if (!tree.isNested(inputShape) || !(inputShape as unknown[]).every((d) => d === null || typeof d === 'number')) return;
    const shape = standardizeShape(inputShape as Array<number | null>);
    if (this._layerList.length === 0) {
      throw new ValueError(`Sequential model ${this.name} cannot be built because it has no layers. Call model.add(layer).`);
    }
    const first = this._layerList[0];
    if (first instanceof InputLayer) {
      if (!shapesEqual(first.batchShape, shape)) {
        throw new ValueError(`Sequential model "${this.name}" has already been configured to use input shape ${shapeToString(first.batchShape)}. You cannot build it with input shape ${shapeToString(shape)}`);
      }
    } else {
      this._layerList.unshift(new InputLayer({ batchShape: shape, dtype: this._layerList[0]!.computeDtype }));
    }
    const inputs = this._layerList[0]!.output as KerasTensor;
    let x: unknown = inputs;
    for (const layer of this._layerList.slice(1)) {
      try {
        x = layer.apply(x);
      } catch (e) {
        if (e instanceof NotImplementedError) return;
        throw e;
      }
    }
    this._functional = new Functional({ inputs, outputs: x as KerasTensor });
  }

  override call(inputs: unknown, kwargs: CallArgs = {}): any {
    if (this._functional) return this._functional.call(inputs, kwargs);
    let x = inputs;
    let mask = kwargs.mask;
    for (const layer of this.layers) {
      const layerKwargs: CallArgs = { mask };
      if (kwargs.training !== undefined) layerKwargs.training = kwargs.training;
      x = layer.apply(x, layerKwargs);
      mask = tree.mapStructure((t: unknown) => getKerasMask(t), x);
    }
    return x;
  }

  override computeOutputSpec(inputs: unknown, kwargs: CallArgs = {}): any {
    if (this._functional) return this._functional.computeOutputSpec(inputs);
    let x = inputs;
    for (const layer of this.layers) x = layer.computeOutputSpec(x, { training: kwargs.training });
    return x;
  }

  override computeOutputShape(inputShape: unknown): any {
    if (this._functional) return this._functional.computeOutputShape(inputShape);
    let shape = inputShape;
    for (const layer of this.layers) shape = layer.computeOutputShape(shape);
    return shape;
  }

  /** The layers, without the InputLayer. */
  override get layers(): Layer[] {
    return this._layerList[0] instanceof InputLayer ? this._layerList.slice(1) : [...this._layerList];
  }

  /** The input shape, once built. */
  get inputShape(): Shape | Shape[] {
    if (!this._functional) throw new ValueError(`Sequential model "${this.name}" has no defined input shape yet.`);
    return this._functional.inputShape;
  }

  /** The output shape, once built. */
  get outputShape(): Shape | Shape[] {
    if (!this._functional) throw new ValueError(`Sequential model "${this.name}" has no defined output shape yet.`);
    return this._functional.outputShape;
  }

  /** The symbolic inputs, once built. */
  get inputs(): KerasTensor[] {
    if (!this._functional) throw new ValueError(`Sequential model "${this.name}" has no defined inputs yet.`);
    return this._functional.inputs;
  }

  /** The symbolic outputs, once built. */
  get outputs(): KerasTensor[] {
    if (!this._functional) throw new ValueError(`Sequential model "${this.name}" has no defined outputs yet.`);
    return this._functional.outputs;
  }

  override get inputDtype() {
    const first = this._layerList[0];
    return first instanceof InputLayer ? first.dtype : super.inputDtype;
  }

  /** `{ name, trainable, dtype, layers: [InputLayer, …], buildInputShape }`, as Keras 3. */
  override getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { ...Layer.prototype.getConfig.call(this), name: this.name, layers: this._layerList.map((l) => serialize(l)) };
    if (this._functional) config.buildInputShape = (this._layerList[0] as InputLayer).batchShape;
    return config;
  }

  static override fromConfig<T extends Layer>(this: new (args: any) => T, config: Record<string, unknown>, customObjects?: CustomObjects): T {
    if (!('name' in config) || !Array.isArray(config.layers)) {
      throw new ValueError(`A Sequential model configuration must contain the "name" and "layers" keys. Received: config=${JSON.stringify(config)}`);
    }
    const model = new this({ name: config.name as string }) as unknown as Sequential;
    for (const layerConfig of config.layers as SerializedLayer[]) model.add(deserialize(layerConfig, customObjects));
    const buildInputShape = config.buildInputShape;
    if (!model._functional && Array.isArray(buildInputShape)) model.build(buildInputShape);
    if (config.trainable === false) model.trainable = false;
    return model as unknown as T;
  }
}

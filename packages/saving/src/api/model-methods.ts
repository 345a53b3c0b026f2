/**
 * Installs `model.save`, `model.saveWeights` and `model.loadWeights` on `Model` when `@strata/saving` is imported
 * (models must not import saving: the dependency runs saving → models).
 */
import { Model } from '@strata/models';
import type { ModelLocation } from '../io/resolve-handler.js';
import { saveModel, type SaveModelOptions } from './save-model.js';
import { loadWeights, saveWeights, type LoadWeightsOptions, type SaveWeightsOptions } from './weights.js';

declare module '@strata/models' {
  interface Model {
    /**
     * Saves the model (`.keras`, `.h5` or TF.js `.json`), as Keras' `model.save`; available once `@strata/saving`
     * is imported.
     *
     * @example
     * await model.save('model.keras');
     */
    save(location: ModelLocation, options?: SaveModelOptions): Promise<void>;
    /** Saves the weights, as Keras' `model.save_weights` (`@strata/saving`). */
    saveWeights(location: ModelLocation, options?: SaveWeightsOptions): Promise<void>;
    /** Loads weights, as Keras' `model.load_weights` (`@strata/saving`). */
    loadWeights(location: ModelLocation, options?: LoadWeightsOptions): Promise<void>;
  }
}

const proto = Model.prototype as Model;
const define = (key: 'save' | 'saveWeights' | 'loadWeights', fn: (...args: any[]) => Promise<void>): void => {
  if (!Object.prototype.hasOwnProperty.call(proto, key)) {
    Object.defineProperty(proto, key, { value: fn, writable: true, configurable: true, enumerable: false });
  }
};
define('save', function (this: Model, location: ModelLocation, options?: SaveModelOptions) { return saveModel(this, location, options); });
define('saveWeights', function (this: Model, location: ModelLocation, options?: SaveWeightsOptions) { return saveWeights(this, location, options); });
define('loadWeights', function (this: Model, location: ModelLocation, options?: LoadWeightsOptions) { return loadWeights(this, location, options); });

export {};

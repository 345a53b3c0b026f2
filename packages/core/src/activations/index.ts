/**
 * `activations.get`, `serialize` and `deserialize`, over Keras 3's names and aliases.
 *
 * @example
 * import { activations } from '@strata/core';
 * const f = activations.get('hard_sigmoid'); // Keras 3's relu6(x + 3) / 6
 * activations.serialize(f); // 'hard_sigmoid'
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { Registry, type CustomObjects, type SerializedObject } from '../serialization/registry.js';
import * as fns from './activations.js';
import * as extra from './extra-activations.js';

/** An activation: a function from tensor to tensor. */
export type Activation = (x: Tensor) => Tensor;

export const registry = new Registry<Activation>({ kind: 'activation', module: 'keras.activations' });

const TABLE: Array<[string, Activation, string[]]> = [
  ['relu', (x) => fns.relu(x), []],
  ['relu6', fns.relu6, []],
  ['leaky_relu', (x) => fns.leakyRelu(x), []],
  ['elu', (x) => fns.elu(x), []],
  ['selu', fns.selu, []],
  ['softplus', fns.softplus, []],
  ['softsign', fns.softsign, []],
  ['silu', fns.silu, ['swish']],
  ['gelu', (x) => fns.gelu(x), []],
  ['tanh', fns.tanh, []],
  ['sigmoid', fns.sigmoid, []],
  ['exponential', fns.exponential, []],
  ['hard_sigmoid', fns.hardSigmoid, []],
  ['hard_silu', fns.hardSilu, ['hard_swish']],
  ['linear', fns.linear, []],
  ['mish', fns.mish, []],
  ['softmax', (x) => fns.softmax(x), []],
  ['log_softmax', (x) => fns.logSoftmax(x), []],
  ['log_sigmoid', fns.logSigmoid, []],
  ['hard_tanh', fns.hardTanh, []],
  ['celu', (x) => extra.celu(x), []],
  ['glu', (x) => extra.glu(x), []],
  ['hard_shrink', (x) => extra.hardShrink(x), []],
  ['soft_shrink', (x) => extra.softShrink(x), []],
  ['tanh_shrink', extra.tanhShrink, []],
  ['sparse_plus', extra.sparsePlus, []],
  ['sparse_sigmoid', extra.sparseSigmoid, []],
  ['squareplus', (x) => extra.squareplus(x), []],
  ['sparsemax', (x) => extra.sparsemax(x), []],
];
for (const [name, fn, aliases] of TABLE) registry.registerValue(name, fn, aliases);

/** Resolves a name (`'relu'`, `'hardSigmoid'`, `'swish'`), a function, or null (→ linear). */
export function get(identifier: string | Activation | SerializedObject | null | undefined, customObjects?: CustomObjects): Activation {
  if (identifier == null) return registry.get('linear')!;
  if (typeof identifier === 'function') return identifier;
  if (typeof identifier === 'object' && identifier.className === 'function') return registry.get(String(identifier.config), customObjects)!;
  return registry.get(identifier, customObjects)!;
}

/** The Keras name of an activation (`'relu'`), as written in layer configs. */
export function serialize(activation: Activation | null | undefined): string {
  const out = registry.serialize(activation ?? registry.get('linear')!);
  if (typeof out !== 'string') throw new Error('Activations serialize to their registered names.');
  return out;
}

/** The activation a name or config envelope refers to. */
export function deserialize(config: string | SerializedObject, customObjects?: CustomObjects): Activation {
  return get(config, customObjects);
}

export {
  relu, relu6, leakyRelu, elu, selu, softplus, softsign, silu, silu as swish, gelu, tanh, sigmoid, exponential,
  hardSigmoid, hardSilu, hardSilu as hardSwish, linear, mish, softmax, logSoftmax, logSigmoid, hardTanh,
} from './activations.js';
export type { ReluOptions } from './activations.js';
export { celu, glu, hardShrink, softShrink, tanhShrink, sparsePlus, sparseSigmoid, squareplus, sparsemax, threshold } from './extra-activations.js';

/**
 * `@strata/initializers`: Keras' weight initializers, with the `get` / `serialize` / `deserialize` trio.
 *
 * @example
 * import { GlorotUniform, get } from '@strata/initializers';
 * const kernel = new GlorotUniform({ seed: 42 }).call([784, 64]);
 * const bias = get('zeros').call([64]);
 */
export { Initializer } from './initializer.js';
export { RandomInitializer } from './random-initializer.js';
export type { RandomInitializerOptions, SeedLike } from './random-initializer.js';
export { FunctionInitializer } from './function-initializer.js';
export type { InitializerFunction } from './function-initializer.js';
export { Zeros } from './zeros.js';
export { Ones } from './ones.js';
export { Constant } from './constant.js';
export type { ConstantOptions } from './constant.js';
export { Identity, Identity as IdentityInitializer } from './identity.js';
export type { IdentityOptions } from './identity.js';
export { RandomNormal } from './random-normal.js';
export type { RandomNormalOptions } from './random-normal.js';
export { RandomUniform } from './random-uniform.js';
export type { RandomUniformOptions } from './random-uniform.js';
export { TruncatedNormal } from './truncated-normal.js';
export type { TruncatedNormalOptions } from './truncated-normal.js';
export { VarianceScaling, TRUNCATED_NORMAL_STDDEV } from './variance-scaling.js';
export type { VarianceScalingOptions, FanAxesOptions, FanMode, VarianceScalingDistribution } from './variance-scaling.js';
export { GlorotUniform } from './glorot-uniform.js';
export { GlorotNormal } from './glorot-normal.js';
export { HeUniform } from './he-uniform.js';
export { HeNormal } from './he-normal.js';
export { LecunUniform } from './lecun-uniform.js';
export { LecunNormal } from './lecun-normal.js';
export { Orthogonal, Orthogonal as OrthogonalInitializer } from './orthogonal.js';
export type { OrthogonalOptions } from './orthogonal.js';
export { computeFans } from './compute-fans.js';
export { get, serialize, deserialize, registry } from './serialization.js';
export type { InitializerIdentifier } from './serialization.js';

export { quantize, dequantize, roundHalfEven } from './quantization.js';
export type { Quantization } from './quantization.js';
export { encodeWeights, decodeWeights, shardWeights, concatBytes, DEFAULT_SHARD_BYTES } from './weights-manifest.js';
export type { WeightsManifestEntry, WeightsManifestGroup, EncodeOptions } from './weights-manifest.js';

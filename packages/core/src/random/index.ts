export { uniform, normal, truncatedNormal, randint, permutation, shuffle, dropout, categorical } from './random.js';
export type { RandomOptions } from './random.js';
export { SeedGenerator, setRandomSeed, globalSeedGenerator, drawStream } from './seed-generator.js';

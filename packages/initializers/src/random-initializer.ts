import { SeedGenerator, ValueError, random, standardizeDtype, type DataType, type SerializedObject } from '@strata/core';
import { Initializer } from './initializer.js';

/** A seed argument: an integer, a `SeedGenerator`, a serialized `SeedGenerator`, or nothing. */
export type SeedLike = number | SeedGenerator | SerializedObject | null | undefined;

/** Options shared by random initializers. */
export interface RandomInitializerOptions {
  /**
   * An integer makes every call give the same values; a `SeedGenerator` makes each call draw new ones. Without a
   * seed one is drawn from the global generator when the initializer is created (`setRandomSeed` makes it
   * reproducible), so one instance still repeats its values, as in Keras 3.
   */
  seed?: SeedLike;
}

function resolveSeed(seed: SeedLike): number | SeedGenerator | null {
  if (seed == null) return null;
  if (seed instanceof SeedGenerator) return seed;
  if (typeof seed === 'number') {
    if (!Number.isInteger(seed)) throw new ValueError(`\`seed\` must be an integer or a SeedGenerator. Received: seed=${seed}.`);
    return seed;
  }
  if (typeof seed === 'object' && seed.className === 'SeedGenerator') {
    const inner = seed.config?.seed;
    return new SeedGenerator(typeof inner === 'number' ? inner : undefined);
  }
  throw new ValueError(`\`seed\` must be an integer or a SeedGenerator. Received: seed=${JSON.stringify(seed)}.`);
}

/** A seed in [1, 1e9] drawn from the global generator, as Keras' `make_default_seed`. */
function makeDefaultSeed(): number {
  return 1 + Math.floor(random.drawStream().next() * 1e9);
}

/**
 * The base of initializers that draw random numbers: resolves and serializes `seed`, and checks that the requested
 * dtype is a float type.
 */
export abstract class RandomInitializer extends Initializer {
  /** The seed used for drawing (an integer drawn at construction when none was given). */
  readonly seed: number | SeedGenerator;
  /** The seed as given (null when none), which is what `getConfig` writes. */
  protected readonly initSeed: number | SeedGenerator | null;

  constructor(options: RandomInitializerOptions = {}) {
    super();
    this.initSeed = resolveSeed(options.seed);
    this.seed = this.initSeed ?? makeDefaultSeed();
  }

  /** `'float32'`, or an error naming the initializer when `dtype` is not a float type. */
  protected floatDtype(dtype: DataType | undefined): 'float32' {
    const dt = standardizeDtype(dtype);
    if (dt !== 'float32') {
      const name = (this.constructor as typeof Initializer).className;
      throw new ValueError(`${name} draws floating-point values: expected a float dtype, received dtype="${dtype}".`);
    }
    return dt;
  }

  /** The serialized seed: the integer, a `SeedGenerator` envelope, or null. */
  protected seedConfig(): number | SerializedObject | null {
    if (this.initSeed instanceof SeedGenerator) {
      return { module: 'keras.random', className: 'SeedGenerator', config: this.initSeed.getConfig(), registeredName: null };
    }
    return this.initSeed;
  }

  override getConfig(): Record<string, unknown> {
    return { seed: this.seedConfig() };
  }
}

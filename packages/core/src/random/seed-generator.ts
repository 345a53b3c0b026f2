import { CounterStream } from './prng.js';

/**
 * A stateful source of seeds, as `keras.random.SeedGenerator`: each draw advances its counter, so repeated calls
 * give different numbers while the same starting seed replays the same sequence on every backend.
 *
 * @example
 * const gen = new SeedGenerator(42);
 * random.normal([2, 2], { seed: gen }); // differs from the next call, repeats across runs
 */
export class SeedGenerator {
  readonly initialSeed: number;
  private counter = 0;

  /** Without a seed, one is drawn from the global generator, so `setRandomSeed` makes it reproducible (as Keras). */
  constructor(seed?: number) {
    this.initialSeed = seed ?? (globalGenerator ? Math.floor(globalGenerator.nextStream().next() * 2 ** 31) : Math.floor(Math.random() * 2 ** 31));
  }

  /** A fresh stream for one random op. */
  nextStream(): CounterStream {
    return new CounterStream(this.initialSeed, this.counter++);
  }

  /** Current position, for serialization. */
  get state(): [number, number] {
    return [this.initialSeed, this.counter];
  }

  getConfig(): { seed: number } {
    return { seed: this.initialSeed };
  }
}

let globalGenerator: SeedGenerator | undefined;
globalGenerator = new SeedGenerator();

/**
 * Seeds every random op that gets no explicit seed (initializers, dropout, shuffling), as
 * `keras.utils.set_random_seed`.
 *
 * @example
 * setRandomSeed(1337);
 */
export function setRandomSeed(seed: number): void {
  globalGenerator = new SeedGenerator(seed);
}

/** The generator used when no seed is given. */
export function globalSeedGenerator(): SeedGenerator {
  return globalGenerator!;
}

/** Turns a seed argument (a number, a generator, or nothing) into a stream. */
export function drawStream(seed?: number | SeedGenerator | null): CounterStream {
  if (seed instanceof SeedGenerator) return seed.nextStream();
  if (typeof seed === 'number') return new CounterStream(seed, 0);
  return globalGenerator!.nextStream();
}

// A counter-based generator (SplitMix64 over a 64-bit counter, in 32-bit halves) so a seed gives the same
// numbers in every backend and every environment: values are drawn in JavaScript, then uploaded.

function mix32(a: number, b: number): number {
  // Murmur3-style finaliser over two 32-bit words.
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Deterministic stream of uniform numbers in [0, 1) from a (seed, stream) pair. */
export class CounterStream {
  private counter = 0;
  private readonly key: number;

  constructor(seed: number, stream: number) {
    this.key = mix32(seed >>> 0, mix32(stream >>> 0, 0x632be5ab));
  }

  /** A uniform float in [0, 1) with 32 random bits. */
  next(): number {
    const c = this.counter++;
    const hi = mix32(this.key, c);
    return mix32(hi, c ^ 0x5bd1e995) / 4294967296;
  }

  /** A uniform float in (0, 1), never 0 (for logarithms). */
  nextOpen(): number {
    return (mix32(this.key ^ 0xa5a5a5a5, this.counter++) + 0.5) / 4294967296;
  }
}

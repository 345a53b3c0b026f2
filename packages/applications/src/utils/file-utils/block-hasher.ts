/**
 * The Merkle–Damgård framing MD5 and SHA-256 share: 64-byte blocks buffered across `update` calls, then padding with
 * 0x80, zeros and the bit length (little-endian for MD5, big-endian for SHA-256), and the state words as hex.
 *
 * @example
 * class Md5 extends BlockHasher { ... } // supplies the initial state, endianness and `compress`
 */
import { toHex, type Hasher } from './hash.js';

/** An incremental hash over 64-byte blocks; subclasses supply `compress`. */
export abstract class BlockHasher implements Hasher {
  private readonly block = new Uint8Array(64);
  private filled = 0;
  private length = 0;
  private done = false;

  /**
   * @param label Names the hash in errors.
   * @param state The initial state words (updated in place by `compress`).
   * @param littleEndian Byte order of the length field and of the digest's words.
   */
  protected constructor(
    private readonly label: string,
    protected readonly state: Int32Array,
    private readonly littleEndian: boolean,
  ) {}

  update(chunk: Uint8Array): void {
    if (this.done) throw new Error(`${this.label}: update() after digest()`);
    this.length += chunk.length;
    let i = 0;
    if (this.filled > 0) {
      const take = Math.min(64 - this.filled, chunk.length);
      this.block.set(chunk.subarray(0, take), this.filled);
      this.filled += take;
      i = take;
      if (this.filled < 64) return;
      this.compress(this.block, 0);
      this.filled = 0;
    }
    for (; i + 64 <= chunk.length; i += 64) this.compress(chunk, i);
    if (i < chunk.length) {
      this.block.set(chunk.subarray(i), 0);
      this.filled = chunk.length - i;
    }
  }

  digest(): string {
    if (this.done) throw new Error(`${this.label}: digest() called twice`);
    const bits = this.length * 8;
    const pad = new Uint8Array((this.filled < 56 ? 56 : 120) - this.filled + 8);
    pad[0] = 0x80;
    const view = new DataView(pad.buffer);
    const [low, high] = [bits >>> 0, Math.floor(bits / 2 ** 32)];
    view.setUint32(pad.length - 8, this.littleEndian ? low : high, this.littleEndian);
    view.setUint32(pad.length - 4, this.littleEndian ? high : low, this.littleEndian);
    this.update(pad);
    this.done = true;
    const out = new Uint8Array(this.state.length * 4);
    const outView = new DataView(out.buffer);
    this.state.forEach((word, j) => outView.setInt32(j * 4, word, this.littleEndian));
    return toHex(out);
  }

  /** Mixes the 64-byte block at `offset` of `bytes` into `state`. */
  protected abstract compress(bytes: Uint8Array, offset: number): void;
}

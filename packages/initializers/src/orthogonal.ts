import { ValueError, dispose, random, tensor, type DataType, type Tensor } from '@strata/core';
import { RandomInitializer, type RandomInitializerOptions } from './random-initializer.js';
import { thinQr } from './qr.js';

/** Options of {@link Orthogonal}. */
export interface OrthogonalOptions extends RandomInitializerOptions {
  /** Multiplies the orthogonal matrix (default 1). */
  gain?: number;
}

/**
 * An orthogonal matrix, as `keras.initializers.Orthogonal` (also registered as Keras 2's `OrthogonalInitializer`):
 * the `Q` of the QR decomposition of a normal random matrix, with each column's sign set so `R` has a positive
 * diagonal, times `gain`. A shape of rank > 2 is flattened to `[shape[0] * … * shape[n-2], shape[n-1]]` (so a
 * convolution kernel works) and reshaped back. With fewer rows than columns the rows are orthonormal, otherwise the
 * columns.
 *
 * Arguments: `gain` (default 1), `seed`.
 *
 * @example
 * const w = new Orthogonal({ seed: 1 }).call([4, 4]); // matmul(transpose(w), w) ≈ eye(4)
 */
export class Orthogonal extends RandomInitializer {
  static override className = 'Orthogonal';
  readonly gain: number;

  constructor(options: OrthogonalOptions = {}) {
    super(options);
    this.gain = options.gain ?? 1;
  }

  call(shape: number[], dtype?: DataType): Tensor {
    this.floatDtype(dtype);
    if (shape.length < 2) {
      throw new ValueError(
        `The tensor to initialize must be at least two-dimensional. Received: shape=[${shape.join(', ')}] of rank ${shape.length}.`,
      );
    }
    const rows = shape.slice(0, -1).reduce((p, d) => p * d, 1);
    const cols = shape[shape.length - 1]!;
    const m = Math.max(rows, cols);
    const n = Math.min(rows, cols);
    const draw = random.normal([m, n], { seed: this.seed });
    const a = draw.dataSync();
    dispose(draw);
    const { q, rDiag } = thinQr(a, m, n);
    const out = new Float32Array(rows * cols);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const v = this.gain * Math.sign(rDiag[j]!) * q[i * n + j]!;
        // q is m × n; transpose it when the target has fewer rows than columns.
        if (rows >= cols) out[i * cols + j] = v;
        else out[j * cols + i] = v;
      }
    }
    return tensor(out, shape, 'float32');
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), gain: this.gain };
  }
}

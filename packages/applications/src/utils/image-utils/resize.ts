/**
 * Image resizing with the arithmetic of Pillow's `Image.resize` (what Keras' `load_img` calls), so a resized image
 * matches Keras' pixel for pixel: nearest-neighbour by affine stepping, and the other filters by Pillow's two-pass
 * separable convolution (support scaled on downsampling, 22-bit fixed-point weights, rounding to 8 bits after each
 * pass, horizontal first).
 *
 * @example
 * const small = resizePixels({ width: 4, height: 4, channels: 3, data }, 2, 2, 'bilinear');
 */
import { ValueError } from '@strata/core';

/** Interleaved 8-bit pixels with 1 (L), 3 (RGB) or 4 (RGBA) channels. */
export interface Pixels {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
}

/** Keras' `load_img` interpolation names (Pillow's resampling filters). */
export type Interpolation = 'nearest' | 'bilinear' | 'bicubic' | 'hamming' | 'box' | 'lanczos';

/** A crop box in source pixels: `[left, top, right, bottom]`. */
export type Box = readonly [number, number, number, number];

interface Filter {
  support: number;
  weight(x: number): number;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = x * Math.PI;
  return Math.sin(px) / px;
}

const FILTERS: Record<Exclude<Interpolation, 'nearest'>, Filter> = {
  box: { support: 0.5, weight: (x) => (x > -0.5 && x <= 0.5 ? 1 : 0) },
  bilinear: {
    support: 1,
    weight: (x) => {
      const a = Math.abs(x);
      return a < 1 ? 1 - a : 0;
    },
  },
  hamming: {
    support: 1,
    weight: (x) => {
      const a = Math.abs(x);
      if (a === 0) return 1;
      if (a >= 1) return 0;
      const px = a * Math.PI;
      return (Math.sin(px) / px) * (0.54 + 0.46 * Math.cos(px));
    },
  },
  bicubic: {
    support: 2,
    weight: (x) => {
      const a = -0.5;
      const t = Math.abs(x);
      if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
      if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
      return 0;
    },
  },
  lanczos: { support: 3, weight: (x) => (x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0) },
};

export const INTERPOLATIONS: readonly Interpolation[] = ['nearest', 'bilinear', 'bicubic', 'hamming', 'box', 'lanczos'];

const PRECISION_BITS = 32 - 8 - 2;

interface Coefficients {
  ksize: number;
  /** Per output pixel: first source index and count. */
  bounds: Int32Array;
  /** Fixed-point weights, `ksize` per output pixel. */
  weights: Int32Array;
}

/** Pillow's `precompute_coeffs` followed by `normalize_coeffs_8bpc`. */
function coefficients(inSize: number, in0: number, in1: number, outSize: number, filter: Filter): Coefficients {
  const scale = (in1 - in0) / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filter.support * filterScale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * ksize);
  const k = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = in0 + (xx + 0.5) * scale;
    const ss = 1 / filterScale;
    const xmin = Math.max(0, Math.trunc(center - support + 0.5));
    const xmax = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      k[x] = filter.weight((x + xmin - center + 0.5) * ss);
      ww += k[x]!;
    }
    for (let x = 0; x < ksize; x++) {
      const w = x < xmax ? (ww !== 0 ? k[x]! / ww : k[x]!) : 0;
      weights[xx * ksize + x] = w < 0 ? Math.trunc(-0.5 + w * (1 << PRECISION_BITS)) : Math.trunc(0.5 + w * (1 << PRECISION_BITS));
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = Math.max(0, xmax);
  }
  return { ksize, bounds, weights };
}

function clip8(sum: number): number {
  const v = sum >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

function resampleHorizontal(src: Pixels, outWidth: number, rowOffset: number, rows: number, c: Coefficients): Pixels {
  const { channels: ch, width: inWidth } = src;
  const out = new Uint8Array(outWidth * rows * ch);
  const half = 1 << (PRECISION_BITS - 1);
  for (let y = 0; y < rows; y++) {
    const rowStart = (y + rowOffset) * inWidth * ch;
    for (let xx = 0; xx < outWidth; xx++) {
      const xmin = c.bounds[xx * 2]!;
      const xmax = c.bounds[xx * 2 + 1]!;
      const kBase = xx * c.ksize;
      for (let ci = 0; ci < ch; ci++) {
        let ss = half;
        for (let x = 0; x < xmax; x++) ss += src.data[rowStart + (x + xmin) * ch + ci]! * c.weights[kBase + x]!;
        out[(y * outWidth + xx) * ch + ci] = clip8(ss);
      }
    }
  }
  return { width: outWidth, height: rows, channels: ch, data: out };
}

function resampleVertical(src: Pixels, outHeight: number, c: Coefficients): Pixels {
  const { channels: ch, width } = src;
  const out = new Uint8Array(width * outHeight * ch);
  const half = 1 << (PRECISION_BITS - 1);
  const rowLength = width * ch;
  for (let yy = 0; yy < outHeight; yy++) {
    const ymin = c.bounds[yy * 2]!;
    const ymax = c.bounds[yy * 2 + 1]!;
    const kBase = yy * c.ksize;
    for (let i = 0; i < rowLength; i++) {
      let ss = half;
      for (let y = 0; y < ymax; y++) ss += src.data[(y + ymin) * rowLength + i]! * c.weights[kBase + y]!;
      out[yy * rowLength + i] = clip8(ss);
    }
  }
  return { width, height: outHeight, channels: ch, data: out };
}

/** Pillow's `ImagingResampleInner`: horizontal pass over just the rows the vertical pass needs, then vertical. */
function resample(src: Pixels, outWidth: number, outHeight: number, filter: Filter, box: Box): Pixels {
  const needHorizontal = outWidth !== src.width || box[0] !== 0 || box[2] !== outWidth;
  const needVertical = outHeight !== src.height || box[1] !== 0 || box[3] !== outHeight;
  const horiz = coefficients(src.width, box[0], box[2], outWidth, filter);
  const vert = coefficients(src.height, box[1], box[3], outHeight, filter);
  const firstRow = vert.bounds[0]!;
  const lastRow = vert.bounds[outHeight * 2 - 2]! + vert.bounds[outHeight * 2 - 1]!;
  let img = src;
  if (needHorizontal) {
    for (let i = 0; i < outHeight; i++) vert.bounds[i * 2] = vert.bounds[i * 2]! - firstRow;
    img = resampleHorizontal(src, outWidth, firstRow, lastRow - firstRow, horiz);
  }
  if (needVertical) img = resampleVertical(img, outHeight, vert);
  return img === src ? { ...src, data: src.data.slice() } : img;
}

/** Pillow's nearest-neighbour resize (`ImagingScaleAffine`): source index = floor of a running sum of steps. */
function nearest(src: Pixels, outWidth: number, outHeight: number, box: Box): Pixels {
  const { channels: ch } = src;
  const out = new Uint8Array(outWidth * outHeight * ch);
  const a0 = (box[2] - box[0]) / outWidth;
  const a4 = (box[3] - box[1]) / outHeight;
  const xin = new Int32Array(outWidth).fill(-1);
  let xo = box[0] + a0 * 0.5;
  for (let x = 0; x < outWidth; x++) {
    const xi = xo < 0 ? -1 : Math.trunc(xo);
    if (xi >= 0 && xi < src.width) xin[x] = xi;
    xo += a0;
  }
  let yo = box[1] + a4 * 0.5;
  for (let y = 0; y < outHeight; y++) {
    const yi = yo < 0 ? -1 : Math.trunc(yo);
    if (yi >= 0 && yi < src.height) {
      for (let x = 0; x < outWidth; x++) {
        if (xin[x]! < 0) continue;
        const from = (yi * src.width + xin[x]!) * ch;
        const to = (y * outWidth + x) * ch;
        for (let c = 0; c < ch; c++) out[to + c] = src.data[from + c]!;
      }
    }
    yo += a4;
  }
  return { width: outWidth, height: outHeight, channels: ch, data: out };
}

/** `a * b / 255` rounded, as Pillow's `MULDIV255`. */
function mulDiv255(a: number, b: number): number {
  const t = a * b + 128;
  return ((t >> 8) + t) >> 8;
}

function premultiply(p: Pixels): Pixels {
  const d = p.data.slice();
  for (let i = 0; i < d.length; i += 4) {
    const alpha = d[i + 3]!;
    for (let c = 0; c < 3; c++) d[i + c] = mulDiv255(d[i + c]!, alpha);
  }
  return { ...p, data: d };
}

function unpremultiply(p: Pixels): Pixels {
  const d = p.data;
  for (let i = 0; i < d.length; i += 4) {
    const alpha = d[i + 3]!;
    if (alpha === 0 || alpha === 255) continue;
    for (let c = 0; c < 3; c++) d[i + c] = Math.min(255, Math.floor((255 * d[i + c]!) / alpha));
  }
  return p;
}

/**
 * Resizes to `width × height` like Pillow's `Image.resize(size, resample, box)`: RGBA is resampled with
 * premultiplied alpha (except for `'nearest'`), as Pillow does.
 */
export function resizePixels(src: Pixels, width: number, height: number, interpolation: Interpolation, box?: Box): Pixels {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new ValueError(`resize: expected a positive integer target size, received ${height}x${width} (height x width).`);
  }
  const region: Box = box ?? [0, 0, src.width, src.height];
  if (interpolation === 'nearest') return nearest(src, width, height, region);
  const filter = FILTERS[interpolation];
  if (!filter) {
    throw new ValueError(`Invalid interpolation method ${String(interpolation)} specified. Supported methods are ${INTERPOLATIONS.join(', ')}`);
  }
  if (src.channels === 4) return unpremultiply(resample(premultiply(src), width, height, filter, region));
  return resample(src, width, height, filter, region);
}

/**
 * JPEG decoding in Node that matches Pillow (libjpeg-turbo) closely. `jpeg-js` decodes the DCT data; for the usual
 * YCbCr files, this module then does what libjpeg-turbo does after that, instead of what jpeg-js does: chroma
 * subsampled 2×2 (4:2:0) or 2×1 (4:2:2) is interpolated with libjpeg's "fancy" triangle filter rather than
 * repeated, and YCbCr → RGB uses libjpeg's 16-bit fixed-point tables. The remaining differences from Pillow come
 * from the two IDCTs: at most a few levels. Other files (greyscale, CMYK, Adobe-transformed, other subsamplings)
 * use jpeg-js' own conversion.
 *
 * @example
 * const { width, height, data } = decodeJpeg(bytes); // RGBA
 */
import jpeg from 'jpeg-js';
import type { RgbaPixels } from '../../platform/types.js';

interface FrameInfo {
  components: Array<{ h: number; v: number }>;
  adobe: boolean;
}

/** Reads the sampling factors (SOFn) and whether an Adobe APP14 marker is present. */
function readFrame(bytes: Uint8Array): FrameInfo | undefined {
  let adobe = false;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2;
      continue;
    }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker === 0xee && String.fromCharCode(...bytes.subarray(i + 4, i + 9)) === 'Adobe') adobe = true;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const count = bytes[i + 9]!;
      const components = [];
      for (let c = 0; c < count; c++) {
        const hv = bytes[i + 11 + c * 3]!;
        components.push({ h: hv >> 4, v: hv & 15 });
      }
      return { components, adobe };
    }
    if (marker === 0xda) return undefined;
    i += 2 + length;
  }
  return undefined;
}

// libjpeg's jdcolor.c tables (SCALEBITS 16).
const FIX = (x: number) => Math.floor(x * 65536 + 0.5);
const CR_R = new Int32Array(256);
const CB_B = new Int32Array(256);
const CR_G = new Int32Array(256);
const CB_G = new Int32Array(256);
for (let i = 0; i < 256; i++) {
  const x = i - 128;
  CR_R[i] = (FIX(1.402) * x + 32768) >> 16;
  CB_B[i] = (FIX(1.772) * x + 32768) >> 16;
  CR_G[i] = -FIX(0.71414) * x;
  CB_G[i] = -FIX(0.34414) * x + 32768;
}
const clamp8 = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/** libjpeg-turbo's h2v2_fancy_upsample (rows above/below repeat at the edges, as libjpeg's context rows do). */
function upsampleH2V2(s: Uint8Array, dw: number, dh: number, out: Uint8Array, width: number, height: number): void {
  const at = (x: number, y: number) => s[Math.min(dh - 1, Math.max(0, y)) * dw + Math.min(dw - 1, x)]!;
  for (let y = 0; y < dh; y++) {
    for (let half = 0; half < 2; half++) {
      const oy = y * 2 + half;
      if (oy >= height) continue;
      const other = half === 0 ? y - 1 : y + 1;
      const colSum = (x: number) => at(x, y) * 3 + at(x, other);
      const put = (ox: number, value: number) => {
        if (ox < width) out[oy * width + ox] = value;
      };
      let last = colSum(0);
      let cur = last;
      for (let x = 0; x < dw; x++) {
        const next = x + 1 < dw ? colSum(x + 1) : cur;
        put(2 * x, x === 0 ? (cur * 4 + 8) >> 4 : (cur * 3 + last + 8) >> 4);
        put(2 * x + 1, x === dw - 1 ? (cur * 4 + 7) >> 4 : (cur * 3 + next + 7) >> 4);
        last = cur;
        cur = next;
      }
    }
  }
}

/** libjpeg-turbo's h2v1_fancy_upsample. */
function upsampleH2V1(s: Uint8Array, dw: number, out: Uint8Array, width: number, height: number): void {
  for (let y = 0; y < height; y++) {
    const row = (x: number) => s[y * dw + Math.min(dw - 1, Math.max(0, x))]!;
    for (let x = 0; x < dw; x++) {
      const v3 = row(x) * 3;
      if (2 * x < width) out[y * width + 2 * x] = x === 0 ? row(0) : (v3 + row(x - 1) + 1) >> 2;
      if (2 * x + 1 < width) out[y * width + 2 * x + 1] = x === dw - 1 ? row(x) : (v3 + row(x + 1) + 2) >> 2;
    }
  }
}

function plainDecode(bytes: Uint8Array): RgbaPixels {
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return { width: img.width, height: img.height, data: img.data };
}

/** Decodes JPEG bytes to RGBA, as close to Pillow as jpeg-js' IDCT allows. */
export function decodeJpeg(bytes: Uint8Array): RgbaPixels {
  const frame = readFrame(bytes);
  const comps = frame?.components;
  if (!frame || frame.adobe || !comps || comps.length !== 3) return plainDecode(bytes);
  const maxH = Math.max(...comps.map((c) => c.h));
  const maxV = Math.max(...comps.map((c) => c.v));
  const [luma, cb, cr] = comps as [{ h: number; v: number }, { h: number; v: number }, { h: number; v: number }];
  const fx = maxH / cb.h;
  const fy = maxV / cb.v;
  const supported = luma.h === maxH && luma.v === maxV && cr.h === cb.h && cr.v === cb.v && ((fx === 1 && fy === 1) || (fx === 2 && (fy === 1 || fy === 2)));
  if (!supported) return plainDecode(bytes);
  const raw = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, colorTransform: false });
  const { width, height } = raw;
  const n = width * height;
  const planes = [new Uint8Array(n), new Uint8Array(n), new Uint8Array(n)] as const;
  for (let i = 0; i < n; i++) planes[0][i] = raw.data[i * 3]!;
  const dw = Math.ceil(width / fx);
  const dh = Math.ceil(height / fy);
  for (const c of [1, 2] as const) {
    if (fx === 1 && fy === 1) {
      for (let i = 0; i < n; i++) planes[c][i] = raw.data[i * 3 + c]!;
      continue;
    }
    // jpeg-js repeats each chroma sample over its fx × fy block: take one per block back.
    const s = new Uint8Array(dw * dh);
    for (let y = 0; y < dh; y++) for (let x = 0; x < dw; x++) s[y * dw + x] = raw.data[(y * fy * width + x * fx) * 3 + c]!;
    if (fy === 2) upsampleH2V2(s, dw, dh, planes[c], width, height);
    else upsampleH2V1(s, dw, planes[c], width, height);
  }
  const data = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const y = planes[0][i]!;
    const b = planes[1][i]!;
    const r = planes[2][i]!;
    data[i * 4] = clamp8(y + CR_R[r]!);
    data[i * 4 + 1] = clamp8(y + ((CB_G[b]! + CR_G[r]!) >> 16));
    data[i * 4 + 2] = clamp8(y + CB_B[b]!);
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

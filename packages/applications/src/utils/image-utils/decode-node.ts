/**
 * PNG and JPEG decoding in Node with pure-JavaScript decoders (`pngjs`; `jpeg-js` with libjpeg's upsampling and
 * colour conversion, see `decode-jpeg.ts`), to 8-bit RGBA. The format is
 * recognised from the file's first bytes, not its name.
 *
 * @example
 * const { width, height, data } = await decodeImageFile('cat.jpg'); // data: RGBA bytes
 */
import { readFile } from 'node:fs/promises';
import { ValueError } from '@strata/core';
import pngjs from 'pngjs';
import type { RgbaPixels } from '../../platform/types.js';
import { decodeJpeg } from './decode-jpeg.js';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** `'png'`, `'jpeg'`, or undefined for anything else. */
export function sniffImageFormat(bytes: Uint8Array): 'png' | 'jpeg' | undefined {
  if (PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}

/** Decodes PNG or JPEG bytes to RGBA. */
export function decodeImageBytes(bytes: Uint8Array, what = 'the image'): RgbaPixels {
  const format = sniffImageFormat(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'png') {
    const png = pngjs.PNG.sync.read(buffer);
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  }
  if (format === 'jpeg') return decodeJpeg(bytes);
  const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new ValueError(`loadImg: expected ${what} to be a PNG or JPEG file, received bytes starting with ${head || '(empty)'}.`);
}

/** Reads a file path (or takes bytes) and decodes it to RGBA. */
export async function decodeImageFile(source: unknown): Promise<RgbaPixels> {
  if (typeof source === 'string') return decodeImageBytes(await readFile(source), source);
  if (source instanceof URL && source.protocol === 'file:') return decodeImageBytes(await readFile(source), source.href);
  if (source instanceof Uint8Array) return decodeImageBytes(source);
  if (source instanceof ArrayBuffer) return decodeImageBytes(new Uint8Array(source));
  throw new ValueError(
    `loadImg: in Node, expected a file path, a file: URL, a Uint8Array or an ArrayBuffer, received ${describe(source)}.`,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value;
}

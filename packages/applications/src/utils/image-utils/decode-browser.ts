/**
 * Image decoding in browsers: pixels come from a canvas (an `OffscreenCanvas` where there is one), read back as
 * 8-bit sRGB RGBA. Nothing here runs at import time, so the module is safe to load anywhere.
 *
 * @example
 * const pixels = decodeImageSource(document.querySelector('img')!); // { width, height, data: RGBA bytes }
 */
import { ValueError } from '@strata/core';
import type { RgbaPixels } from '../../platform/types.js';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function context2d(width: number, height: number): Context2D {
  if (typeof OffscreenCanvas !== 'undefined') {
    const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (ctx) return ctx;
  }
  if (typeof document !== 'undefined') {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (ctx) return ctx;
  }
  throw new ValueError('loadImgFromSource: expected a browser with OffscreenCanvas or a document to draw on; found neither.');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value;
}

function isImageDataLike(source: unknown): source is { width: number; height: number; data: Uint8ClampedArray | Uint8Array } {
  if (typeof source !== 'object' || source === null) return false;
  const s = source as { width?: unknown; height?: unknown; data?: unknown };
  return typeof s.width === 'number' && typeof s.height === 'number' && (s.data instanceof Uint8ClampedArray || s.data instanceof Uint8Array);
}

/** Width and height of anything `drawImage` accepts. */
function sizeOf(source: CanvasImageSource): [number, number] {
  if (typeof HTMLImageElement !== 'undefined' && source instanceof HTMLImageElement) {
    if (!source.complete || source.naturalWidth === 0) {
      throw new ValueError('loadImgFromSource: expected a loaded image, received an <img> that has not finished loading (naturalWidth 0).');
    }
    return [source.naturalWidth, source.naturalHeight];
  }
  if (typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement) return [source.videoWidth, source.videoHeight];
  if (typeof VideoFrame !== 'undefined' && source instanceof VideoFrame) return [source.displayWidth, source.displayHeight];
  const s = source as { width: number | SVGAnimatedLength; height: number | SVGAnimatedLength };
  if (typeof s.width === 'number' && typeof s.height === 'number') return [s.width, s.height];
  throw new ValueError(`loadImgFromSource: cannot tell the size of ${describe(source)}.`);
}

/**
 * RGBA pixels of an `HTMLImageElement`, `ImageBitmap`, `ImageData`, `HTMLCanvasElement`, `OffscreenCanvas`,
 * `HTMLVideoElement` or `VideoFrame`.
 */
export function decodeImageSource(source: unknown): RgbaPixels {
  if (isImageDataLike(source)) {
    const expected = source.width * source.height * 4;
    if (source.data.length !== expected) {
      throw new ValueError(`loadImgFromSource: expected ImageData with ${expected} bytes (RGBA), received ${source.data.length}.`);
    }
    return { width: source.width, height: source.height, data: new Uint8Array(source.data) };
  }
  if (typeof source !== 'object' || source === null) {
    throw new ValueError(
      `loadImgFromSource: expected an HTMLImageElement, ImageBitmap, ImageData, canvas, video or VideoFrame, received ${describe(source)}.`,
    );
  }
  const [width, height] = sizeOf(source as CanvasImageSource);
  const ctx = context2d(width, height);
  ctx.drawImage(source as CanvasImageSource, 0, 0);
  const data = ctx.getImageData(0, 0, width, height, { colorSpace: 'srgb' }).data;
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** Fetches (a URL) or takes (a Blob, bytes) an encoded image and decodes it with the browser's decoders. */
export async function decodeImageFile(source: unknown): Promise<RgbaPixels> {
  let blob: Blob;
  if (typeof source === 'string' || source instanceof URL) {
    const res = await fetch(source);
    if (!res.ok) throw new ValueError(`loadImg: could not fetch ${String(source)}: ${res.status} ${res.statusText}`);
    blob = await res.blob();
  } else if (source instanceof Blob) {
    blob = source;
  } else if (source instanceof Uint8Array || source instanceof ArrayBuffer) {
    blob = new Blob([source as BlobPart]);
  } else {
    throw new ValueError(`loadImg: in a browser, expected a URL, a Blob, a Uint8Array or an ArrayBuffer, received ${describe(source)}.`);
  }
  const bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  try {
    return decodeImageSource(bitmap);
  } finally {
    bitmap.close();
  }
}

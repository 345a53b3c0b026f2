/**
 * `loadImg`: Keras' `keras.utils.load_img`. Decodes an image (PNG or JPEG in Node; anything the browser decodes in a
 * browser), converts it to the colour mode and resizes it with Pillow's arithmetic, so the pixels match Keras'.
 */
import { ValueError } from '@strata/core';
import { platform } from '#platform';
import type { RgbaPixels } from '../../platform/types.js';
import { INTERPOLATIONS, resizePixels, type Box, type Interpolation, type Pixels } from './resize.js';

/** Options of {@link loadImg}, as Keras' `load_img` arguments. */
export interface LoadImgOptions {
  /** `'rgb'` (default), `'rgba'` or `'grayscale'`. */
  colorMode?: 'rgb' | 'rgba' | 'grayscale';
  /** `[height, width]` to resize to; default: keep the image's size. */
  targetSize?: readonly [number, number] | null;
  /** Resampling filter when resizing: `'nearest'` (default), `'bilinear'`, `'bicubic'`, `'hamming'`, `'box'`, `'lanczos'`. */
  interpolation?: Interpolation;
  /** Crop the centre to the target aspect ratio before resizing, so the image is not distorted. */
  keepAspectRatio?: boolean;
}

/** A decoded image, like the PIL image `load_img` returns: 8-bit, interleaved, row-major. */
export interface LoadedImage extends Pixels {
  colorMode: 'rgb' | 'rgba' | 'grayscale';
}

/** Pillow's RGB → L conversion (ITU-R 601-2 luma in 16-bit fixed point). */
function toGrayscale(rgba: RgbaPixels): Uint8Array {
  const n = rgba.width * rgba.height;
  const out = new Uint8Array(n);
  const d = rgba.data;
  for (let i = 0; i < n; i++) {
    out[i] = (d[i * 4]! * 19595 + d[i * 4 + 1]! * 38470 + d[i * 4 + 2]! * 7471 + 0x8000) >> 16;
  }
  return out;
}

function toRgb(rgba: RgbaPixels): Uint8Array {
  const n = rgba.width * rgba.height;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    out[i * 3] = rgba.data[i * 4]!;
    out[i * 3 + 1] = rgba.data[i * 4 + 1]!;
    out[i * 3 + 2] = rgba.data[i * 4 + 2]!;
  }
  return out;
}

/** The crop box of Keras' `keep_aspect_ratio`: the largest centred region with the target's aspect ratio. */
function aspectBox(width: number, height: number, targetWidth: number, targetHeight: number): Box {
  const cropHeight = Math.min(height, Math.floor((width * targetHeight) / targetWidth));
  const cropWidth = Math.min(width, Math.floor((height * targetWidth) / targetHeight));
  const top = Math.floor((height - cropHeight) / 2);
  const left = Math.floor((width - cropWidth) / 2);
  return [left, top, left + cropWidth, top + cropHeight];
}

/** Applies `load_img`'s colour conversion and resizing to decoded RGBA pixels. */
export function processImage(rgba: RgbaPixels, options: LoadImgOptions = {}): LoadedImage {
  const colorMode = options.colorMode ?? 'rgb';
  let pixels: Pixels;
  if (colorMode === 'grayscale') pixels = { width: rgba.width, height: rgba.height, channels: 1, data: toGrayscale(rgba) };
  else if (colorMode === 'rgb') pixels = { width: rgba.width, height: rgba.height, channels: 3, data: toRgb(rgba) };
  else if (colorMode === 'rgba') pixels = { width: rgba.width, height: rgba.height, channels: 4, data: rgba.data.slice() };
  else throw new ValueError(`color_mode must be "grayscale", "rgb", or "rgba"; received ${JSON.stringify(colorMode)}.`);

  const target = options.targetSize;
  if (target) {
    const [targetHeight, targetWidth] = target;
    if (!(Number.isInteger(targetHeight) && Number.isInteger(targetWidth) && targetHeight > 0 && targetWidth > 0)) {
      throw new ValueError(`loadImg: expected targetSize to be [height, width] of positive integers, received ${JSON.stringify(target)}.`);
    }
    if (pixels.width !== targetWidth || pixels.height !== targetHeight) {
      const interpolation = options.interpolation ?? 'nearest';
      if (!INTERPOLATIONS.includes(interpolation)) {
        throw new ValueError(`Invalid interpolation method ${String(interpolation)} specified. Supported methods are ${INTERPOLATIONS.join(', ')}`);
      }
      const box = options.keepAspectRatio ? aspectBox(pixels.width, pixels.height, targetWidth, targetHeight) : undefined;
      pixels = resizePixels(pixels, targetWidth, targetHeight, interpolation, box);
    }
  }
  return { ...pixels, colorMode };
}

/**
 * Loads an image as Keras' `load_img` does. In Node `source` is a file path, a `file:` URL or the file's bytes
 * (PNG or JPEG); in a browser a URL, a `Blob` or bytes (any format the browser decodes).
 *
 * @example
 * const img = await loadImg('elephant.jpg', { targetSize: [224, 224] });
 * const x = imgToArray(img); // float32 [224, 224, 3], values 0..255
 */
export async function loadImg(source: string | URL | Uint8Array | ArrayBuffer | Blob, options: LoadImgOptions = {}): Promise<LoadedImage> {
  return processImage(await platform.decodeImageFile(source), options);
}

/**
 * Reads an image already in the page: an `HTMLImageElement` (loaded), `ImageBitmap`, `ImageData`, canvas,
 * `OffscreenCanvas`, video or `VideoFrame`, with {@link loadImg}'s options. Browsers only.
 *
 * @example
 * const x = imgToArray(loadImgFromSource(document.querySelector('img')!, { targetSize: [224, 224] }));
 */
export function loadImgFromSource(source: unknown, options: LoadImgOptions = {}): LoadedImage {
  return processImage(platform.decodeImageSource(source), options);
}

import { numTensors } from '@strata/core';
import { kerasGolden, kerasGoldenFile, kerasGoldenPath, type GoldenTensor } from '@strata/test-utils';
import { describe, expect, it } from 'vitest';
import { imgToArray } from './img-to-array.js';
import { loadImg, loadImgFromSource, type LoadImgOptions } from './load-img.js';
import type { Interpolation } from './resize.js';

interface Case {
  file: string;
  args: { target_size?: [number, number]; interpolation?: Interpolation; color_mode?: 'rgb' | 'rgba' | 'grayscale'; keep_aspect_ratio?: boolean };
  array: GoldenTensor;
}
const golden = kerasGolden('applications/load_img') as unknown as { cases: Case[] };

function options(args: Case['args']): LoadImgOptions {
  return {
    ...(args.target_size ? { targetSize: args.target_size } : {}),
    ...(args.interpolation ? { interpolation: args.interpolation } : {}),
    ...(args.color_mode ? { colorMode: args.color_mode } : {}),
    ...(args.keep_aspect_ratio ? { keepAspectRatio: true } : {}),
  };
}

function describeCase(c: Case): string {
  const a = c.args;
  const parts = [c.file, a.color_mode ?? 'rgb', a.target_size ? `→${a.target_size.join('x')}` : 'as is', a.interpolation ?? '', a.keep_aspect_ratio ? 'keep aspect' : ''];
  return parts.filter(Boolean).join(' ');
}

async function diff(c: Case): Promise<{ max: number; mean: number }> {
  const before = numTensors();
  const x = imgToArray(await loadImg(kerasGoldenPath(`applications/images/${c.file}`), options(c.args)));
  expect(x.shape).toEqual(c.array.shape);
  expect(x.dtype).toBe('float32');
  const data = await x.data();
  x.dispose();
  expect(numTensors()).toBe(before);
  let max = 0;
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const d = Math.abs(data[i]! - c.array.data[i]!);
    max = Math.max(max, d);
    sum += d;
  }
  return { max, mean: sum / data.length };
}

describe('loadImg + imgToArray match Keras (Pillow 12.3.0)', () => {
  const png = golden.cases.filter((c) => c.file.endsWith('.png'));
  const jpeg = golden.cases.filter((c) => c.file.endsWith('.jpg'));

  it.each(png.map((c) => [describeCase(c), c] as const))('%s: every pixel equal', async (_name, c) => {
    expect((await diff(c)).max).toBe(0);
  });

  // Pillow decodes with libjpeg-turbo; jpeg-js' IDCT rounds differently, which moves some values by 1-3 levels.
  // Chroma upsampling (4:2:0, 4:2:2) and YCbCr → RGB follow libjpeg, so subsampled files are as close
  // (jpeg-js alone repeats chroma samples: 43 levels off at worst, 7 on average, on photo.jpg).
  it.each(jpeg.map((c) => [describeCase(c), c] as const))('%s: within 3 levels, 0.25 on average', async (_name, c) => {
    const { max, mean } = await diff(c);
    expect(max).toBeLessThanOrEqual(3);
    expect(mean).toBeLessThanOrEqual(0.25);
  });
});

describe('loadImg sources and errors', () => {
  it('reads bytes as well as a path', async () => {
    const fromPath = await loadImg(kerasGoldenPath('applications/images/rgb.png'));
    const fromBytes = await loadImg(kerasGoldenFile('applications/images/rgb.png'));
    expect(fromBytes).toEqual(fromPath);
    expect([fromPath.width, fromPath.height, fromPath.channels, fromPath.colorMode]).toEqual([37, 29, 3, 'rgb']);
  });

  it('names what it expected', async () => {
    await expect(loadImg(new TextEncoder().encode('GIF89a....'))).rejects.toThrow(/expected the image to be a PNG or JPEG file, received bytes starting with 47 49 46 38/);
    await expect(loadImg(kerasGoldenPath('applications/images/rgb.png'), { targetSize: [10, 10], interpolation: 'cubic' as Interpolation })).rejects.toThrow(
      /Invalid interpolation method cubic specified. Supported methods are nearest, bilinear, bicubic, hamming, box, lanczos/,
    );
    await expect(loadImg(kerasGoldenPath('applications/images/rgb.png'), { colorMode: 'cmyk' as 'rgb' })).rejects.toThrow(/color_mode must be/);
    await expect(loadImg(kerasGoldenPath('applications/images/rgb.png'), { targetSize: [0, 3] })).rejects.toThrow(/positive integers, received \[0,3\]/);
    await expect(loadImg(42 as unknown as string)).rejects.toThrow(/expected a file path, a file: URL, a Uint8Array or an ArrayBuffer, received number/);
  });

  it('loadImgFromSource is browser-only and says so in Node', () => {
    expect(() => loadImgFromSource({})).toThrow(/exist only in browsers; in Node use loadImg\(path\)/);
  });
});

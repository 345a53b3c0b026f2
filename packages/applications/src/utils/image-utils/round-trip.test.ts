// Images written with the same pure-JS libraries the loader uses (pngjs, jpeg-js), loaded back.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf } from '../../test-support/server.js';
import { imgToArray } from './img-to-array.js';
import { loadImg } from './load-img.js';
import { resizePixels } from './resize.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-img-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const W = 13;
const H = 7;
/** RGBA pixels: random colours, alpha varying. */
const rgba = bytesOf(W * H * 4, 21);

async function writePng(name: string): Promise<string> {
  const png = new pngjs.PNG({ width: W, height: H });
  png.data.set(rgba);
  const path = join(dir, name);
  await writeFile(path, pngjs.PNG.sync.write(png));
  return path;
}

describe('round trips', () => {
  it('PNG: rgb, rgba and grayscale pixels come back exactly, HWC float32', async () => {
    const path = await writePng('a.png');
    const rgb = await loadImg(path);
    expect([rgb.width, rgb.height, rgb.channels]).toEqual([W, H, 3]);
    for (let i = 0; i < W * H; i++) expect([...rgb.data.subarray(i * 3, i * 3 + 3)]).toEqual([...rgba.subarray(i * 4, i * 4 + 3)]);
    expect((await loadImg(path, { colorMode: 'rgba' })).data).toEqual(rgba);
    const gray = await loadImg(path, { colorMode: 'grayscale' });
    const [r, g, b] = [rgba[0]!, rgba[1]!, rgba[2]!];
    expect(gray.data[0]).toBe(Math.round(0.299 * r + 0.587 * g + 0.114 * b)); // ITU-R 601-2 luma
    const x = imgToArray(rgb);
    expect(x.shape).toEqual([H, W, 3]);
    expect(Array.from((await x.data()).subarray(0, 6))).toEqual(Array.from(rgb.data.subarray(0, 6)));
    x.dispose();
  });

  it('imgToArray channels_first and int32', async () => {
    const img = await loadImg(await writePng('b.png'));
    const x = imgToArray(img, { dataFormat: 'channels_first', dtype: 'int32' });
    expect(x.shape).toEqual([3, H, W]);
    expect(x.dtype).toBe('int32');
    const d = await x.data();
    // Channel c of pixel (y, x) sits at c*H*W + y*W + x.
    expect([d[0], d[H * W], d[2 * H * W]]).toEqual([...img.data.subarray(0, 3)]);
    expect(d[2 * H * W + 3 * W + 5]).toBe(img.data[(3 * W + 5) * 3 + 2]);
    x.dispose();
  });

  it('JPEG at quality 100: within a few levels of the source', async () => {
    const path = join(dir, 'c.jpg');
    // Smooth content (JPEG's home ground): a gradient.
    const data = new Uint8Array(64 * 48 * 4);
    for (let y = 0; y < 48; y++) for (let x = 0; x < 64; x++) data.set([x * 4, y * 5, (x + y) * 2, 255], (y * 64 + x) * 4);
    await writeFile(path, jpeg.encode({ width: 64, height: 48, data }, 100).data);
    const img = await loadImg(path);
    let max = 0;
    for (let i = 0; i < 64 * 48; i++) for (let c = 0; c < 3; c++) max = Math.max(max, Math.abs(img.data[i * 3 + c]! - data[i * 4 + c]!));
    expect(max).toBeLessThanOrEqual(4);
  });

  it('resizing to the same size is the identity; nearest upsampling by 2 repeats pixels', async () => {
    const img = await loadImg(await writePng('d.png'));
    expect((await loadImg(join(dir, 'd.png'), { targetSize: [H, W], interpolation: 'bilinear' })).data).toEqual(img.data);
    const up = resizePixels(img, W * 2, H * 2, 'nearest');
    for (let y = 0; y < H * 2; y++) {
      for (let x = 0; x < W * 2; x++) {
        const src = (Math.floor(y / 2) * W + Math.floor(x / 2)) * 3;
        expect([...up.data.subarray((y * W * 2 + x) * 3, (y * W * 2 + x) * 3 + 3)]).toEqual([...img.data.subarray(src, src + 3)]);
      }
    }
  });

  it('bilinear downsampling of a constant image stays constant', () => {
    const flat = { width: 40, height: 30, channels: 3, data: new Uint8Array(40 * 30 * 3).fill(77) };
    for (const interp of ['bilinear', 'bicubic', 'lanczos', 'box', 'hamming'] as const) {
      expect(resizePixels(flat, 7, 5, interp).data.every((v) => v === 77)).toBe(true);
    }
  });
});

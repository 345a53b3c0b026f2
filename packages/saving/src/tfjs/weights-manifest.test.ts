import { io, type NamedTensorMap } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { floatToHalf, halfToFloat, type NamedArray } from '../host-array.js';
import { quantize, roundHalfEven } from './quantization.js';
import { concatBytes, decodeWeights, encodeWeights, shardWeights } from './weights-manifest.js';

const arrays: NamedArray[] = [
  { name: 'dense/kernel', dtype: 'float32', shape: [2, 3], data: Float32Array.from([-1, 0, 0.5, 1, 0.25, -0.75]) },
  { name: 'dense/bias', dtype: 'float32', shape: [3], data: Float32Array.from([0.1, 0.2, 0.3]) },
  { name: 'emb/ids', dtype: 'int32', shape: [2], data: Int32Array.from([-3, 7]) },
];

async function oracle(entries: ReturnType<typeof encodeWeights>['entries'], data: Uint8Array): Promise<Record<string, number[]>> {
  const map: NamedTensorMap = io.decodeWeights(data.slice().buffer, entries as never);
  const out: Record<string, number[]> = {};
  for (const [k, t] of Object.entries(map)) {
    out[k] = Array.from(await t.data());
    t.dispose();
  }
  return out;
}

describe('TF.js weights: encoding and decoding', () => {
  it.each([['none'], ['uint8'], ['uint16'], ['float16']] as const)('decodes exactly as tfjs-core does (quantization: %s)', async (q) => {
    const { entries, data } = encodeWeights(arrays, q === 'none' ? {} : { quantize: q });
    const mine = decodeWeights(entries, data);
    const theirs = await oracle(entries, data);
    for (const m of mine) expect(Array.from(m.data as Float32Array)).toEqual(theirs[m.name]);
    expect(entries.map((e) => e.dtype)).toEqual(['float32', 'float32', 'int32']);
    if (q !== 'none') {
      expect(entries[0]!.quantization!.dtype).toBe(q);
      expect(entries[2]!.quantization).toBeUndefined(); // only float32 tensors are quantized
    }
  });

  it('quantizes to uint8 as tfjs-converter: the zero point is nudged so 0 stays exact', () => {
    const { data, quantization } = quantize(Float32Array.from([-1, 0, 0.5, 1]), 'uint8');
    const scale = 2 / 255;
    const min = -roundHalfEven(1 / scale) * scale; // −round(127.5) = −128 steps
    expect(quantization).toEqual({ dtype: 'uint8', min, scale, original_dtype: 'float32' });
    // q = round((clip(x, min, min + 255·scale) − min) / scale): −1 → 0.5 → 0 (half to even), 0 → 128, 0.5 → 191.75 → 192, 1 → clipped → 255.
    expect(Array.from(data)).toEqual([0, 128, 192, 255]);
    expect(128 * scale + min).toBe(0);
  });

  it('quantizes a constant tensor to zeros with scale 1', () => {
    expect(quantize(Float32Array.from([3, 3]), 'uint16')).toEqual({ data: new Uint16Array(2), quantization: { dtype: 'uint16', min: 3, scale: 1, original_dtype: 'float32' } });
  });

  it('converts float16 exactly, rounding half to even', () => {
    expect(floatToHalf(1 / 3)).toBe(0x3555);
    expect(halfToFloat(0x3555)).toBe(0.333251953125);
    expect(floatToHalf(65520)).toBe(0x7c00); // rounds to infinity
    expect(floatToHalf(2 ** -24)).toBe(1); // smallest subnormal
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // a tie rounds to the even neighbour
    expect(halfToFloat(0xfc00)).toBe(-Infinity);
  });

  it('shards the bytes as tfjs-converter names them, and concatenating them restores the data', () => {
    const { entries, data } = encodeWeights(arrays);
    const shards = shardWeights(data, 16);
    expect(shards.map(([n]) => n)).toEqual(['group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin']);
    expect(decodeWeights(entries, concatBytes(shards.map(([, b]) => b)))[2]!.data).toEqual(Int32Array.from([-3, 7]));
  });

  it('refuses shards that are too short or too long', () => {
    const { entries, data } = encodeWeights(arrays);
    expect(() => decodeWeights(entries, data.subarray(0, 30), 'model.json')).toThrow('model.json: weight "dense/bias" needs bytes 24…36, but the shards hold only 30 bytes (missing or truncated shard).');
    expect(() => decodeWeights(entries, concatBytes([data, new Uint8Array(4)]), 'model.json')).toThrow('model.json: the shards hold 48 bytes, but the manifest describes 44.');
  });

  it('refuses uint8 quantization without min and scale', () => {
    expect(() => decodeWeights([{ name: 'w', shape: [1], dtype: 'float32', quantization: { dtype: 'uint8' } }], new Uint8Array(1))).toThrow('Weight "w": uint8 quantization needs numeric "min" and "scale", received min=undefined, scale=undefined.');
  });
});

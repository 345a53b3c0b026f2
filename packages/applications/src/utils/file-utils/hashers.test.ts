import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesOf } from '../../test-support/server.js';
import { resolveHashAlgorithm } from './hash.js';
import { Md5 } from './md5.js';
import { Sha256 } from './sha256.js';

const LENGTHS = [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 100_003];

describe.each([
  ['md5', () => new Md5()],
  ['sha256', () => new Sha256()],
] as const)('%s in plain TypeScript', (algorithm, make) => {
  it.each(LENGTHS)('matches node:crypto on %i bytes, whole and in uneven chunks', (length) => {
    const data = bytesOf(length, length + 1);
    const expected = createHash(algorithm).update(data).digest('hex');
    const whole = make();
    whole.update(data);
    expect(whole.digest()).toBe(expected);
    const chunked = make();
    for (let i = 0, step = 1; i < length; i += step, step = (step * 7) % 97 + 1) chunked.update(data.subarray(i, i + step));
    expect(chunked.digest()).toBe(expected);
  });

  it('gives the RFC test vector for "abc"', () => {
    const h = make();
    h.update(new TextEncoder().encode('abc'));
    expect(h.digest()).toBe(
      algorithm === 'md5' ? '900150983cd24fb0d6963f7d28e17f72' : 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('refuses to be reused after digest()', () => {
    const h = make();
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow(/after digest/);
  });
});

describe('resolveHashAlgorithm', () => {
  it.each([
    ['auto', 'a'.repeat(32), 'md5'],
    ['auto', 'A'.repeat(64), 'sha256'],
    ['md5', 'b'.repeat(32), 'md5'],
    ['sha256', 'c'.repeat(64), 'sha256'],
  ] as const)('%s with %s → %s', (algorithm, hash, expected) => {
    expect(resolveHashAlgorithm(algorithm, hash)).toBe(expected);
  });

  it('names what it expected', () => {
    expect(() => resolveHashAlgorithm('auto', 'z'.repeat(32))).toThrow(/hexadecimal string, received "z{32}"/);
    expect(() => resolveHashAlgorithm('sha1' as 'md5', 'a'.repeat(40))).toThrow(/'auto', 'md5' or 'sha256', received "sha1"/);
  });
});

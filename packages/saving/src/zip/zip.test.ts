import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { caseBytes } from '../test-support/fixtures.js';
import { isZip, readZip } from './read-zip.js';
import { writeZip } from './write-zip.js';
import { unsafeMemberName } from './zip-limits.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A zip with arbitrary member names (fflate writes whatever name it is given). */
function rawZip(members: Record<string, Uint8Array>, level: 0 | 9 = 0): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 | 9 }]> = {};
  for (const [k, v] of Object.entries(members)) files[k] = [v, { level }];
  return zipSync(files);
}

describe('readZip', () => {
  it('reads a .keras file written by Keras in member order', () => {
    const members = readZip(caseBytes('seq_mlp', 'model.keras'), 'seq_mlp.keras');
    expect([...members.keys()]).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
    expect(JSON.parse(new TextDecoder().decode(members.get('metadata.json')))).toEqual({ keras_version: '3.15.1', date_saved: '1980-01-01@00:00:00' });
  });

  it('round-trips writeZip, storing members uncompressed, byte-identical for the same input', () => {
    const members: Array<[string, Uint8Array]> = [['metadata.json', enc('{}')], ['config.json', enc('{"a":1}')], ['model.weights.h5', new Uint8Array([1, 2, 3])]];
    const a = writeZip(members);
    expect(writeZip(members)).toEqual(a);
    // Local header: compression method (offset 8) is 0 = stored, as Keras writes.
    expect(a[8]).toBe(0);
    expect([...readZip(a, 'a.zip')]).toEqual(members);
  });

  it.each([
    ['../evil.sh', 'it contains a ".." segment'],
    ['assets/../../x', 'it contains a ".." segment'],
    ['/etc/passwd', 'it is an absolute path'],
    ['C:/x', 'it starts with a drive letter'],
    ['a\\b', 'it contains a backslash'],
    ['__proto__', 'it contains "__proto__"'],
  ])('refuses the member name %j', (name, why) => {
    expect(unsafeMemberName(name)).toBe(why);
    // fflate cannot take "__proto__" as a key: write a placeholder of the same length, then patch the name bytes.
    const placeholder = 'z'.repeat(name.length);
    const bytes = rawZip({ 'config.json': enc('{}'), [placeholder]: enc('x') }).slice();
    const from = enc(placeholder);
    const to = enc(name);
    for (let i = 0; i + from.length <= bytes.length; i++) {
      if (from.every((b, j) => bytes[i + j] === b)) bytes.set(to, i);
    }
    expect(() => readZip(bytes, 'bad.keras')).toThrow(`"bad.keras" contains the member "${name}", which is refused because ${why}.`);
  });

  it('refuses a member over the size limit before inflating it', () => {
    const bytes = rawZip({ 'model.weights.h5': new Uint8Array(5000) }, 9);
    expect(() => readZip(bytes, 'big.keras', { maxMemberBytes: 4096 })).toThrow('"big.keras": member "model.weights.h5" declares 5000 uncompressed bytes, over the limit of 4096.');
  });

  it('refuses a decompression bomb (expansion ratio above the limit)', () => {
    const zeros = new Uint8Array(1 << 20);
    const bytes = rawZip({ 'model.weights.h5': zeros }, 9);
    expect(() => readZip(bytes, 'bomb.keras', { expansionFloorBytes: 1024 })).toThrow(/"bomb\.keras": member "model\.weights\.h5" expands \d+ bytes to 1048576 \(over 100×\): refused as a possible decompression bomb\./);
    // Under the default floor (64 MiB) the same member is accepted.
    expect(readZip(bytes, 'ok.keras').get('model.weights.h5')!.length).toBe(1 << 20);
  });

  it('refuses a total over the limit', () => {
    const bytes = rawZip({ a: new Uint8Array(600), b: new Uint8Array(600) });
    expect(() => readZip(bytes, 't.zip', { maxTotalBytes: 1000 })).toThrow('"t.zip": the members declare more than 1000 uncompressed bytes in total.');
  });

  it('refuses wrong magic and truncated archives', () => {
    expect(isZip(enc('{"format": "layers-model"}'))).toBe(false);
    expect(() => readZip(enc('hello'), 'x.keras')).toThrow('"x.keras" is not a zip archive: expected the magic 50 4b 03 04, received 68 65 6c 6c.');
    const full = caseBytes('seq_mlp', 'model.keras');
    expect(() => readZip(full.subarray(0, full.length - 30), 'cut.keras')).toThrow(/"cut\.keras" is not a readable zip archive \(truncated or damaged\)/);
  });

  it('refuses a member whose data is shorter than its header declares', () => {
    const bytes = rawZip({ 'config.json': enc('{"abc": 1}') }).slice();
    // Raise the central directory's uncompressed size (offset 24 within the entry) from 10 to 11.
    const cd = bytes.findIndex((_, i) => bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 1 && bytes[i + 3] === 2);
    bytes[cd + 24] = 11;
    const lh = 0;
    bytes[lh + 22] = 11;
    expect(() => readZip(bytes, 'lie.keras')).toThrow(/lie\.keras/);
  });

  it('writeZip refuses unsafe names and duplicates', () => {
    expect(() => writeZip([['../x', enc('')]])).toThrow('Cannot write the zip member "../x": it contains a ".." segment.');
    expect(() => writeZip([['a', enc('')], ['a', enc('')]])).toThrow('Cannot write the zip member "a" twice.');
  });
});

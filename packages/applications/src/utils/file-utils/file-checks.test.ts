/**
 * The checks for files without a hash: size, HDF5 signature (at 0 or after a user block) and the length the HDF5
 * superblock declares. Real files come from @strata/saving's H5Writer (HDF5 itself); the superblocks of the other
 * versions are laid out by hand from the HDF5 file format specification (superblock versions 0–3), with what h5py
 * 3 / HDF5 1.14 write: the end-of-file address is absolute (with a 512-byte user block, base 512 and end-of-file
 * address = file size), and HDF5 refuses a shorter file as "truncated file".
 */
import { describe, expect, it } from 'vitest';
import { H5Writer } from '@strata/saving';
import { checkUnhashedFile, findHdf5Signature, HDF5_SIGNATURE, hdf5DeclaredEnd } from './file-checks.js';

const readerOf = (bytes: Uint8Array) => async (offset: number, length: number) => bytes.slice(offset, offset + length);

async function realHdf5(): Promise<Uint8Array> {
  const w = await H5Writer.create('file-checks');
  try {
    w.dataset('x', { dtype: 'float32', shape: [3000], data: new Float32Array(3000).fill(1.5) });
    return w.finish();
  } catch (e) {
    w.abort();
    throw e;
  }
}

/** A superblock of `version` at the start of `head`: offsets of `sizeOfOffsets` bytes, base and end-of-file addresses. */
function superblock(version: number, sizeOfOffsets: number, base: number, eof: number | 'undefined'): Uint8Array {
  const head = new Uint8Array(96);
  head.set(HDF5_SIGNATURE, 0);
  head[8] = version;
  const put = (at: number, value: number | 'undefined') => {
    for (let i = 0; i < sizeOfOffsets; i++) head[at + i] = value === 'undefined' ? 0xff : Math.floor(value / 256 ** i) % 256;
  };
  if (version <= 1) {
    head[13] = sizeOfOffsets; // size of offsets; then size of lengths, reserved, K values, flags
    head[14] = sizeOfOffsets;
    const start = version === 0 ? 24 : 28; // version 1 adds the indexed-storage K and 2 reserved bytes
    put(start, base); // base address, then the free-space info address, then the end-of-file address
    put(start + sizeOfOffsets, 'undefined');
    put(start + 2 * sizeOfOffsets, eof);
  } else {
    head[9] = sizeOfOffsets; // size of offsets, size of lengths, flags; then base, extension, end-of-file addresses
    head[10] = sizeOfOffsets;
    put(12, base);
    put(12 + sizeOfOffsets, 'undefined');
    put(12 + 2 * sizeOfOffsets, eof);
  }
  return head;
}

describe('hdf5DeclaredEnd', () => {
  it('reads the length of a file HDF5 wrote', async () => {
    const bytes = await realHdf5();
    expect(hdf5DeclaredEnd(bytes.subarray(0, 64))).toBe(bytes.length);
  });

  it.each([
    ['version 0, 8-byte offsets', 0, 8],
    ['version 0, 4-byte offsets', 0, 4],
    ['version 1, 8-byte offsets', 1, 8],
    ['version 2, 8-byte offsets', 2, 8],
    ['version 3, 4-byte offsets', 3, 4],
  ] as const)('reads the end-of-file address of a superblock %s (absolute, not added to the base)', (_name, version, sizeOfOffsets) => {
    expect(hdf5DeclaredEnd(superblock(version, sizeOfOffsets, 0, 70_000))).toBe(70_000);
    expect(hdf5DeclaredEnd(superblock(version, sizeOfOffsets, 512, 70_512))).toBe(70_512);
  });

  it('cannot tell for an undefined address, an unknown version, a cut-off superblock or no signature', () => {
    expect(hdf5DeclaredEnd(superblock(0, 8, 0, 'undefined'))).toBeNull();
    expect(hdf5DeclaredEnd(superblock(4, 8, 0, 1000))).toBeNull();
    expect(hdf5DeclaredEnd(superblock(0, 8, 0, 1000).subarray(0, 40))).toBeNull();
    expect(hdf5DeclaredEnd(new TextEncoder().encode('<html>not hdf5 at all, just a page</html>'))).toBeNull();
  });
});

describe('checkUnhashedFile (HDF5)', () => {
  it('accepts a complete file and refuses it cut short, naming both lengths', async () => {
    const bytes = await realHdf5();
    expect(await checkUnhashedFile(readerOf(bytes), bytes.length, { format: 'hdf5' })).toBeUndefined();
    const cut = bytes.slice(0, bytes.length - 100);
    expect(await checkUnhashedFile(readerOf(cut), cut.length, { format: 'hdf5', sizeRange: [1, 10 ** 9] })).toBe(
      `expected ${bytes.length} bytes (the length its HDF5 superblock declares), received ${cut.length} bytes: the file is truncated`,
    );
  });

  it('reads the superblock after a user block, where the signature is', async () => {
    const file = new Uint8Array(4096);
    file.set(superblock(0, 8, 512, 4096), 512);
    expect(await findHdf5Signature(readerOf(file), file.length)).toBe(512);
    expect(await checkUnhashedFile(readerOf(file), file.length, { format: 'hdf5' })).toBeUndefined();
    file.set(superblock(0, 8, 512, 4097), 512);
    expect(await checkUnhashedFile(readerOf(file), file.length, { format: 'hdf5' })).toMatch(/^expected 4097 bytes .* received 4096 bytes: the file is truncated$/);
  });

  it('checks the size range first, then the signature', async () => {
    const page = new TextEncoder().encode('<html>' + ' '.repeat(100) + '</html>');
    expect(await checkUnhashedFile(readerOf(page), page.length, { format: 'hdf5', sizeRange: [200, 300] })).toBe(
      `expected a size between 200 and 300 bytes, received ${page.length} bytes`,
    );
    expect(await checkUnhashedFile(readerOf(page), page.length, { format: 'hdf5' })).toBe(
      'expected an HDF5 file (signature 89 48 44 46 0d 0a 1a 0a), received bytes starting with 3c 68 74 6d 6c 3e 20 20',
    );
    expect(await findHdf5Signature(readerOf(page), page.length)).toBe(-1);
  });
});

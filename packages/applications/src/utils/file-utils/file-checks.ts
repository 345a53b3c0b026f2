/**
 * Checks for files that come without a hash (Keras records none for MobileNet's weights): a plausible size, the HDF5
 * signature, and the length the HDF5 superblock declares. They catch an HTML error page, a truncated file or the
 * wrong file, not a tampered one.
 *
 * @example
 * await checkUnhashedFile(read, 17_225_924, { format: 'hdf5', sizeRange: [12_915_456, 19_963_381] }); // undefined: fine
 */

/** HDF5's format signature, `\x89HDF\r\n\x1a\n`. */
export const HDF5_SIGNATURE = new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What a file without a hash must look like. */
export interface UnhashedFileCheck {
  /** The file's format, recognised by its signature (and, for HDF5, the length its superblock declares). */
  format?: 'hdf5';
  /** Inclusive bounds on the size in bytes. */
  sizeRange?: readonly [number, number];
}

type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

/**
 * Where the HDF5 signature (and so the superblock) starts: byte 0, or after a user block at 512, 1024, 2048…
 * bytes, as the format allows; -1 when it is nowhere.
 */
export async function findHdf5Signature(read: ReadAt, size: number): Promise<number> {
  for (let offset = 0; offset + HDF5_SIGNATURE.length <= size; offset = offset === 0 ? 512 : offset * 2) {
    const head = await read(offset, HDF5_SIGNATURE.length);
    if (HDF5_SIGNATURE.every((b, i) => head[i] === b)) return offset;
  }
  return -1;
}

/** An unsigned little-endian address of `bytes` bytes at `offset`; null if cut off or HDF5's "undefined" (all ones). */
function address(head: Uint8Array, offset: number, bytes: number): number | null {
  if (bytes < 1 || bytes > 8 || offset + bytes > head.length) return null;
  const field = head.subarray(offset, offset + bytes);
  if (field.every((b) => b === 0xff)) return null;
  return field.reduceRight((value, b) => value * 256 + b, 0);
}

/**
 * The file length an HDF5 superblock (at `head`, its first bytes) declares: its end-of-file address, which is
 * absolute (a user block before the superblock is counted; HDF5 reports "truncated file" when the file is shorter).
 * Superblock versions 0 and 1 give the size of offsets at byte 13 and the end-of-file address after the base and
 * free-space addresses (from byte 24, or 28 in version 1); versions 2 and 3 give the size of offsets at byte 9 and the
 * end-of-file address after the base and superblock-extension addresses (from byte 12). Null when it cannot tell.
 */
export function hdf5DeclaredEnd(head: Uint8Array): number | null {
  if (head.length < 16 || !HDF5_SIGNATURE.every((b, i) => head[i] === b)) return null;
  const version = head[8]!;
  if (version === 0 || version === 1) {
    const sizeOfOffsets = head[13]!;
    return address(head, (version === 0 ? 24 : 28) + 2 * sizeOfOffsets, sizeOfOffsets);
  }
  if (version === 2 || version === 3) {
    const sizeOfOffsets = head[9]!;
    return address(head, 12 + 2 * sizeOfOffsets, sizeOfOffsets);
  }
  return null;
}

/** Returns what is wrong with the file (a sentence), or undefined when it passes `check`. */
export async function checkUnhashedFile(read: ReadAt, size: number, check: UnhashedFileCheck): Promise<string | undefined> {
  if (check.sizeRange) {
    const [min, max] = check.sizeRange;
    if (size < min || size > max) return `expected a size between ${min} and ${max} bytes, received ${size} bytes`;
  }
  if (check.format === 'hdf5') {
    const at = await findHdf5Signature(read, size);
    if (at < 0) {
      const head = Array.from(await read(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
      return `expected an HDF5 file (signature 89 48 44 46 0d 0a 1a 0a), received bytes starting with ${head || '(empty)'}`;
    }
    const declared = hdf5DeclaredEnd(await read(at, Math.min(64, size - at)));
    if (declared !== null && declared > size) {
      return `expected ${declared} bytes (the length its HDF5 superblock declares), received ${size} bytes: the file is truncated`;
    }
  }
  return undefined;
}

/**
 * Checks for files that come without a hash (Keras records none for MobileNet's weights): the HDF5 signature and a
 * plausible size. They catch an HTML error page, a truncated file or the wrong file, not a tampered one.
 *
 * @example
 * await checkUnhashedFile(read, 17_225_924, { format: 'hdf5', sizeRange: [12_915_456, 19_963_381] }); // undefined: fine
 */

/** HDF5's format signature, `\x89HDF\r\n\x1a\n`. */
export const HDF5_SIGNATURE = new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What a file without a hash must look like. */
export interface UnhashedFileCheck {
  /** The file's format, recognised by its signature. */
  format?: 'hdf5';
  /** Inclusive bounds on the size in bytes. */
  sizeRange?: readonly [number, number];
}

type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

/**
 * True when the HDF5 signature sits where the format allows it: at byte 0, or after a user block at 512, 1024,
 * 2048… bytes.
 */
export async function hasHdf5Signature(read: ReadAt, size: number): Promise<boolean> {
  for (let offset = 0; offset + HDF5_SIGNATURE.length <= size; offset = offset === 0 ? 512 : offset * 2) {
    const head = await read(offset, HDF5_SIGNATURE.length);
    if (HDF5_SIGNATURE.every((b, i) => head[i] === b)) return true;
  }
  return false;
}

/** Returns what is wrong with the file (a sentence), or undefined when it passes `check`. */
export async function checkUnhashedFile(read: ReadAt, size: number, check: UnhashedFileCheck): Promise<string | undefined> {
  if (check.sizeRange) {
    const [min, max] = check.sizeRange;
    if (size < min || size > max) return `expected a size between ${min} and ${max} bytes, received ${size} bytes`;
  }
  if (check.format === 'hdf5' && !(await hasHdf5Signature(read, size))) {
    const head = Array.from(await read(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return `expected an HDF5 file (signature 89 48 44 46 0d 0a 1a 0a), received bytes starting with ${head || '(empty)'}`;
  }
  return undefined;
}

/**
 * Safe zip reading on fflate: checks the magic, refuses unsafe member names, duplicate members and decompression
 * bombs (declared and actual sizes against `ZipLimits`) before anything is used.
 */
import { ValueError } from '@strata/core';
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { DEFAULT_ZIP_LIMITS, unsafeMemberName, type ZipLimits } from './zip-limits.js';

/** Whether `bytes` starts like a zip archive (a local file header, or the end record of an empty archive). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/**
 * The members of a zip archive, by name, in archive order. Throws a ValueError naming `label` for a wrong magic,
 * a damaged archive, an unsafe name (`../x`, `/x`, `C:x`), a duplicate, or a member over the limits.
 *
 * @example
 * const members = readZip(bytes, 'model.keras'); // Map { 'metadata.json' => Uint8Array, … }
 */
export function readZip(bytes: Uint8Array, label: string, limits: ZipLimits = {}): Map<string, Uint8Array> {
  const lim = { ...DEFAULT_ZIP_LIMITS, ...limits };
  if (!isZip(bytes)) {
    const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new ValueError(`"${label}" is not a zip archive: expected the magic 50 4b 03 04, received ${head || 'an empty file'}.`);
  }
  const seen = new Set<string>();
  const declared = new Map<string, number>();
  let total = 0;
  const check = (file: UnzipFileInfo): boolean => {
    const why = unsafeMemberName(file.name);
    if (why) throw new ValueError(`"${label}" contains the member "${file.name}", which is refused because ${why}.`);
    if (seen.has(file.name)) throw new ValueError(`"${label}" contains the member "${file.name}" twice.`);
    seen.add(file.name);
    if (seen.size > lim.maxMembers) throw new ValueError(`"${label}" has more than ${lim.maxMembers} members.`);
    if (file.compression !== 0 && file.compression !== 8) {
      throw new ValueError(`"${label}": member "${file.name}" uses compression method ${file.compression}; only stored (0) and deflate (8) are supported.`);
    }
    const size = file.originalSize;
    if (size > lim.maxMemberBytes) {
      throw new ValueError(`"${label}": member "${file.name}" declares ${size} uncompressed bytes, over the limit of ${lim.maxMemberBytes}.`);
    }
    if (size > lim.expansionFloorBytes && size > lim.maxExpansion * Math.max(file.size, 1)) {
      throw new ValueError(
        `"${label}": member "${file.name}" expands ${file.size} bytes to ${size} (over ${lim.maxExpansion}×): refused as a possible decompression bomb.`,
      );
    }
    total += size;
    if (total > lim.maxTotalBytes) {
      throw new ValueError(`"${label}": the members declare more than ${lim.maxTotalBytes} uncompressed bytes in total.`);
    }
    declared.set(file.name, size);
    return true;
  };
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(bytes, { filter: check });
  } catch (e) {
    if (e instanceof ValueError) throw e;
    throw new ValueError(`"${label}" is not a readable zip archive (truncated or damaged): ${(e as Error).message}.`);
  }
  const out = new Map<string, Uint8Array>();
  for (const name of seen) {
    const data = unzipped[name];
    if (!data) throw new ValueError(`"${label}": member "${name}" could not be read.`);
    if (data.length !== declared.get(name)) {
      throw new ValueError(`"${label}": member "${name}" declares ${declared.get(name)} bytes but holds ${data.length} (damaged archive).`);
    }
    out.set(name, data);
  }
  return out;
}

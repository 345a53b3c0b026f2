/** Which format a file name or its first bytes mean. */
import { hasHdf5Signature } from '../h5/h5-data.js';
import { isZip } from '../zip/read-zip.js';

/** Model formats: Keras 3 `.keras`, legacy HDF5 `.h5`, TF.js layers `model.json`. */
export type ModelFormat = 'keras' | 'h5' | 'tfjs';

/** The format a file name's extension names, or null. */
export function formatFromName(name: string): ModelFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.keras')) return 'keras';
  if (lower.endsWith('.h5') || lower.endsWith('.hdf5')) return 'h5';
  if (lower.endsWith('.json')) return 'tfjs';
  return null;
}

/** The extension of a format. */
export function extensionOf(format: ModelFormat): string {
  return format === 'keras' ? '.keras' : format === 'h5' ? '.h5' : '.json';
}

/** What the bytes are: a zip, HDF5, JSON, or unknown. */
export function sniff(bytes: Uint8Array): 'zip' | 'hdf5' | 'json' | 'unknown' {
  if (isZip(bytes)) return 'zip';
  if (hasHdf5Signature(bytes)) return 'hdf5';
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b ? 'json' : 'unknown';
}

/** A short description of unknown bytes for errors. */
export function describeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file';
  return `bytes starting ${Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ')}`;
}

/** Limits that protect zip reading from hostile archives (decompression bombs, path traversal). */

/** Options of `readZip`. */
export interface ZipLimits {
  /** Largest uncompressed member accepted, in bytes (default 2 GiB − 1, the largest typed array engines allow). */
  maxMemberBytes?: number;
  /** Largest total uncompressed size, in bytes (default 4 GiB). */
  maxTotalBytes?: number;
  /**
   * Largest ratio of uncompressed to compressed size for a member above `expansionFloorBytes` (default 100, as
   * Keras' `_ZIP_MEMBER_MAX_EXPANSION`).
   */
  maxExpansion?: number;
  /** Members smaller than this are never refused for their ratio (default 64 MiB). */
  expansionFloorBytes?: number;
  /** Most members accepted (default 10,000). */
  maxMembers?: number;
}

export const DEFAULT_ZIP_LIMITS: Required<ZipLimits> = {
  maxMemberBytes: 2 ** 31 - 1,
  maxTotalBytes: 2 ** 32,
  maxExpansion: 100,
  expansionFloorBytes: 64 * 2 ** 20,
  maxMembers: 10_000,
};

/**
 * Why a member name is unsafe to use as a path, or null when it is safe: absolute paths, drive letters,
 * backslashes, `..` segments, NUL bytes and `__proto__` are refused.
 *
 * @example
 * unsafeMemberName('../evil.sh'); // 'it contains a ".." segment'
 */
export function unsafeMemberName(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (name.includes('\0')) return 'it contains a NUL byte';
  if (name.includes('\\')) return 'it contains a backslash';
  if (name.startsWith('/')) return 'it is an absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'it starts with a drive letter';
  if (name.split('/').some((s) => s === '..')) return 'it contains a ".." segment';
  if (name === '__proto__' || name.split('/').includes('__proto__')) return 'it contains "__proto__"';
  return null;
}

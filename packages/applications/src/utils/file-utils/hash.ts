/**
 * Hash algorithms for `getFile`, chosen as Keras' `resolve_hasher` does: a 64-hex hash is SHA-256, a 32-hex one MD5.
 *
 * @example
 * resolveHashAlgorithm('auto', '64373286793e3c8b2b4e3219cbf3544b'); // 'md5'
 */
import { ValueError } from '@strata/core';

/** The hash functions `getFile` verifies with. */
export type HashAlgorithm = 'md5' | 'sha256';

/** `'auto'` picks the algorithm from the hash's length (32 hex digits: MD5, 64: SHA-256). */
export type HashAlgorithmOption = 'auto' | HashAlgorithm;

/** An incremental hash: feed chunks, then read the lowercase hex digest once. */
export interface Hasher {
  update(chunk: Uint8Array): void;
  digest(): string;
}

/**
 * Which algorithm verifies `fileHash`. With `'auto'`, a 32-hex hash is MD5 and a 64-hex hash SHA-256; any other
 * hash is refused (Keras would silently try MD5 and then fail on every download).
 */
export function resolveHashAlgorithm(algorithm: HashAlgorithmOption, fileHash: string): HashAlgorithm {
  if (algorithm !== 'auto' && algorithm !== 'md5' && algorithm !== 'sha256') {
    throw new ValueError(`getFile: expected hashAlgorithm to be 'auto', 'md5' or 'sha256', received ${JSON.stringify(algorithm)}.`);
  }
  if (!/^[0-9a-fA-F]+$/.test(fileHash)) {
    throw new ValueError(`getFile: expected fileHash to be a hexadecimal string, received ${JSON.stringify(fileHash)}.`);
  }
  const expectedLength = { md5: 32, sha256: 64 };
  if (algorithm === 'auto') {
    if (fileHash.length === 32) return 'md5';
    if (fileHash.length === 64) return 'sha256';
    throw new ValueError(
      `getFile: expected fileHash to have 32 hex digits (MD5) or 64 (SHA-256), received ${fileHash.length}: ${fileHash}.`,
    );
  }
  if (fileHash.length !== expectedLength[algorithm]) {
    throw new ValueError(
      `getFile: a ${algorithm} hash has ${expectedLength[algorithm]} hex digits, received ${fileHash.length}: ${fileHash}.`,
    );
  }
  return algorithm;
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

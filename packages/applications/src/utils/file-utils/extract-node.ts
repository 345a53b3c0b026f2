/**
 * Archive extraction for `getFile({ extract: true })` in Node, as Keras' `extract_archive`: tar (plain or gzip) and
 * zip, skipping any member whose path would land outside the target folder (absolute paths, `..`, links).
 *
 * @example
 * await extractArchive('/tmp/data.tar.gz', '/tmp/data_extracted', ['tar', 'zip']); // true
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';

interface Member {
  name: string;
  kind: 'file' | 'dir' | 'other';
  data: Uint8Array;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

function readString(bytes: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(start, end));
}

function readOctal(bytes: Uint8Array, start: number, length: number): number {
  const text = readString(bytes, start, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** True when the 512-byte block is a tar header with a valid checksum. */
function isTarHeader(bytes: Uint8Array, offset: number): boolean {
  if (offset + 512 > bytes.length) return false;
  const stored = readOctal(bytes, offset + 148, 8);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : bytes[offset + i]!;
  return sum === stored;
}

function parseTar(bytes: Uint8Array): Member[] | undefined {
  if (!isTarHeader(bytes, 0)) return undefined;
  const members: Member[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= bytes.length) {
    if (bytes.subarray(offset, offset + 512).every((b) => b === 0)) break;
    if (!isTarHeader(bytes, offset)) throw new Error(`corrupt tar header at byte ${offset}`);
    const size = readOctal(bytes, offset + 124, 12);
    const type = String.fromCharCode(bytes[offset + 156] || 0x30);
    const prefix = readString(bytes, offset + 345, 155);
    let name = readString(bytes, offset, 100);
    if (prefix && readString(bytes, offset + 257, 6) === 'ustar') name = `${prefix}/${name}`;
    const data = bytes.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = readString(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(data));
      if (match) longName = match[1];
      continue;
    }
    if (type === 'g') continue;
    if (longName !== undefined) {
      name = longName;
      longName = undefined;
    }
    members.push({ name, kind: type === '0' || type === '7' ? 'file' : type === '5' ? 'dir' : 'other', data });
  }
  return members;
}

function parseZip(bytes: Uint8Array): Member[] {
  return Object.entries(unzipSync(bytes)).map(([name, data]) => ({ name, kind: name.endsWith('/') ? 'dir' : 'file', data }));
}

/** The member's destination inside `targetDir`, or undefined when it would escape it. */
function safeDestination(targetDir: string, name: string): string | undefined {
  if (name === '' || isAbsolute(name) || /^[a-zA-Z]:/.test(name)) return undefined;
  const dest = resolve(targetDir, name);
  const rel = relative(targetDir, dest);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return dest;
}

/**
 * Extracts `archivePath` into `targetDir` if it is one of `formats`; returns false when it is none of them.
 * Unsafe members are skipped with a warning through `onWarning`. On a failure the target folder is removed.
 */
export async function extractArchive(
  archivePath: string,
  targetDir: string,
  formats: Array<'tar' | 'zip'>,
  onWarning: (message: string) => void = (m) => console.warn(m),
): Promise<boolean> {
  let bytes: Uint8Array = await readFile(archivePath);
  let members: Member[] | undefined;
  for (const format of formats) {
    if (format === 'zip' && isZip(bytes)) {
      members = parseZip(bytes);
      break;
    }
    if (format === 'tar') {
      if (isGzip(bytes)) {
        try {
          bytes = gunzipSync(bytes);
        } catch {
          continue;
        }
      }
      members = parseTar(bytes);
      if (members) break;
    }
  }
  if (!members) return false;
  const root = resolve(targetDir);
  try {
    await mkdir(root, { recursive: true });
    for (const member of members) {
      const dest = safeDestination(root, member.name);
      if (dest === undefined || member.kind === 'other') {
        onWarning(`Skipping invalid path during archive extraction: '${member.name}'.`);
        continue;
      }
      if (member.kind === 'dir') {
        await mkdir(dest, { recursive: true });
      } else {
        await mkdir(dirname(dest), { recursive: true });
        await writeFile(dest, member.data);
      }
    }
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
  return true;
}


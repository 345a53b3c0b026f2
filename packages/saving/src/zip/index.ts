export { readZip, isZip } from './read-zip.js';
export { writeZip } from './write-zip.js';
export { unsafeMemberName, DEFAULT_ZIP_LIMITS } from './zip-limits.js';
export type { ZipLimits } from './zip-limits.js';

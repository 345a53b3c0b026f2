export { H5Reader, withH5 } from './h5-reader.js';
export type { H5ReadOptions } from './h5-reader.js';
export { H5Writer, arraySplit, HDF5_OBJECT_HEADER_LIMIT } from './h5-writer.js';
export type { StringStorage } from './h5-writer.js';
export { hasHdf5Signature, sizeOf } from './h5-data.js';
export type { H5Array } from './h5-data.js';

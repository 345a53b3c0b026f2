/**
 * Downloads (or finds in the cache) an application's ImageNet weights, as `weights='imagenet'` does in Keras.
 */
import { getFile, type GetFileOptions } from '../utils/file-utils/get-file.js';
import { imagenetWeightsFile, type WeightsFileOptions } from './registry.js';
import { resolveHash, resolveOrigin, type WeightsSourceOptions } from './weights-source.js';

/** Options of {@link getImagenetWeights}: which file, where from, and `getFile`'s download options. */
export type GetImagenetWeightsOptions = WeightsFileOptions &
  WeightsSourceOptions &
  Omit<GetFileOptions, 'fileHash' | 'hashAlgorithm' | 'cacheSubdir' | 'extract' | 'archiveFormat' | 'expect'>;

/**
 * The path (Node) or cache key (browser) of `model`'s ImageNet weights, downloaded and verified on first use
 * (`~/.keras/models/<Keras' file name>`, shared with Keras). MobileNet files, for which Keras records no hash,
 * are checked to be HDF5 files of a plausible size instead, with a warning.
 *
 * @example
 * const path = await getImagenetWeights('VGG16', { includeTop: false });
 */
export function getImagenetWeights(model: string, options: GetImagenetWeightsOptions = {}): Promise<string> {
  const file = imagenetWeightsFile(model, options);
  const fileHash = resolveHash(file.fname, file.fileHash, options);
  const { includeTop: _t, alpha: _a, inputSize: _s, baseUrl: _b, hashes: _h, ...getFileOptions } = options;
  return getFile(file.fname, resolveOrigin(file.relativePath, file.origin, options), {
    ...getFileOptions,
    fileHash,
    cacheSubdir: file.cacheSubdir,
    // Without a hash (MobileNet, or a mirror override of null) check the format and, where known, the size.
    expect: fileHash ? undefined : file.expect,
  });
}

/**
 * Where application files are downloaded from: Keras' own URLs by default, or a mirror given by the `baseUrl`
 * option or the `STRATA_KERAS_WEIGHTS_BASE_URL` environment variable (Node). A mirror holds the same layout as
 * Keras' bucket (`<base>/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels.h5`, `<base>/mobilenet/…`, and
 * `<base>/imagenet_class_index.json`). `file:` URLs work in Node. Expected hashes can be overridden per file name.
 *
 * @example
 * // STRATA_KERAS_WEIGHTS_BASE_URL=https://mirror.example.org/keras-applications/
 * resolveOrigin('vgg16/vgg16_weights_tf_dim_ordering_tf_kernels.h5', KERAS_URL, {}); // the mirror's URL
 */
import { platform } from '#platform';

/** The environment variable that points every application download at a mirror (Node). */
export const WEIGHTS_BASE_URL_ENV = 'STRATA_KERAS_WEIGHTS_BASE_URL';

/** Options shared by everything that downloads application files. */
export interface WeightsSourceOptions {
  /** A mirror's base URL (overrides `STRATA_KERAS_WEIGHTS_BASE_URL`). */
  baseUrl?: string;
  /**
   * Expected hashes by file name (e.g. `{ 'vgg16_weights_tf_dim_ordering_tf_kernels.h5': '<md5 or sha256>' }`),
   * replacing Keras' for files the mirror serves differently; `null` means "no hash known" (then only the format
   * and size are checked, with a warning).
   */
  hashes?: Readonly<Record<string, string | null>>;
}

/** The mirror base URL in force, if any. */
export function mirrorBaseUrl(options: WeightsSourceOptions = {}): string | undefined {
  const base = options.baseUrl ?? platform.env(WEIGHTS_BASE_URL_ENV);
  return base ? base : undefined;
}

/** `relativePath` under the mirror when one is set, else `kerasUrl`. */
export function resolveOrigin(relativePath: string, kerasUrl: string, options: WeightsSourceOptions = {}): string {
  const base = mirrorBaseUrl(options);
  if (!base) return kerasUrl;
  return `${base.replace(/\/+$/, '')}/${relativePath.replace(/^\/+/, '')}`;
}

/** The hash to check `fname` against: the override when one is given (even `null`), else Keras' hash. */
export function resolveHash(fname: string, kerasHash: string | null, options: WeightsSourceOptions = {}): string | null {
  const overrides = options.hashes;
  if (overrides && Object.prototype.hasOwnProperty.call(overrides, fname)) return overrides[fname] ?? null;
  return kerasHash;
}

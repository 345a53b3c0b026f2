/**
 * `decodePredictions`: Keras' `keras.applications.imagenet_utils.decode_predictions`, from ImageNet class scores to
 * `[classId, className, score]` triples. The class index (`imagenet_class_index.json`) is downloaded once into the
 * Keras cache and checked against Keras' MD5.
 */
import { Tensor, ValueError } from '@strata/core';
import { getFileBytes, type GetFileOptions } from '../utils/file-utils/get-file.js';
import { resolveHash, resolveOrigin, type WeightsSourceOptions } from '../weights/weights-source.js';

/** Keras' `CLASS_INDEX_PATH`. */
export const CLASS_INDEX_URL = 'https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json';
/** The file name Keras caches it under (in `models`). */
export const CLASS_INDEX_FNAME = 'imagenet_class_index.json';
/** Keras' MD5 of the class index. */
export const CLASS_INDEX_HASH = 'c2c37ea517e94d9795004a39431a14cb';

/** `{"0": ["n01440764", "tench"], …, "999": [...]}`: ImageNet class id and name by index. */
export type ClassIndex = Readonly<Record<string, readonly [string, string]>>;

/** One decoded prediction: `[classId (WordNet id), className, score]`. */
export type DecodedPrediction = [string, string, number];

/** Options of {@link decodePredictions} and {@link loadClassIndex}. */
export interface DecodePredictionsOptions
  extends WeightsSourceOptions,
    Omit<GetFileOptions, 'fileHash' | 'hashAlgorithm' | 'extract' | 'archiveFormat' | 'expect'> {
  /** How many top classes per sample (default 5). */
  top?: number;
  /** Use this class index instead of downloading Keras'. */
  classIndex?: ClassIndex;
}

const loaded = new Map<string, Promise<ClassIndex>>();

function validateClassIndex(value: unknown, origin: string): ClassIndex {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValueError(`The class index from ${origin} is not a JSON object of "index": [wnid, name] entries.`);
  }
  for (const [key, entry] of Object.entries(value)) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') {
      throw new ValueError(`The class index from ${origin} has an invalid entry ${JSON.stringify(key)}: expected [wnid, name].`);
    }
  }
  return value as ClassIndex;
}

/**
 * The ImageNet class index, downloaded on first use (`~/.keras/models/imagenet_class_index.json`, MD5-checked) and
 * kept in memory afterwards, per source.
 *
 * @example
 * (await loadClassIndex())['1']; // ['n01443537', 'goldfish']
 */
export function loadClassIndex(options: Omit<DecodePredictionsOptions, 'top' | 'classIndex'> = {}): Promise<ClassIndex> {
  const origin = resolveOrigin(CLASS_INDEX_FNAME, CLASS_INDEX_URL, options);
  const fileHash = resolveHash(CLASS_INDEX_FNAME, CLASS_INDEX_HASH, options);
  const key = JSON.stringify([origin, fileHash, options.cacheDir ?? null, options.cacheSubdir ?? null]);
  let pending = loaded.get(key);
  if (!pending) {
    const { baseUrl: _b, hashes: _h, ...getFileOptions } = options;
    pending = getFileBytes(CLASS_INDEX_FNAME, origin, { ...getFileOptions, fileHash, cacheSubdir: options.cacheSubdir ?? 'models' })
      .then((bytes) => validateClassIndex(JSON.parse(new TextDecoder().decode(bytes)), origin));
    loaded.set(key, pending);
    pending.catch(() => loaded.delete(key));
  }
  return pending;
}

function nestedShape(value: unknown): number[] {
  const shape: number[] = [];
  let v = value;
  while (typeof v === 'object' && v !== null && typeof (v as ArrayLike<unknown>).length === 'number') {
    shape.push((v as ArrayLike<unknown>).length);
    v = (v as ArrayLike<unknown>)[0];
  }
  return shape;
}

async function rowsOf(preds: Tensor | ArrayLike<ArrayLike<number>>): Promise<{ shape: number[]; rows: ArrayLike<number>[] }> {
  if (preds instanceof Tensor) {
    const shape = preds.shape.slice();
    if (shape.length !== 2) return { shape, rows: [] };
    const data = (await preds.data()) as Float32Array;
    const [n, k] = shape as [number, number];
    return { shape, rows: Array.from({ length: n }, (_, i) => data.subarray(i * k, (i + 1) * k)) };
  }
  const shape = nestedShape(preds);
  const rows = Array.from(preds);
  const ragged = rows.find((r) => r.length !== shape[1] || Array.from(r).some((v) => typeof v !== 'number'));
  if (shape.length === 2 && ragged) {
    throw new ValueError(`decodePredictions: expected every row to hold ${shape[1]} numbers, received a row of length ${ragged.length}.`);
  }
  return { shape, rows };
}

function formatShape(shape: number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * Decodes a batch of ImageNet predictions `(samples, 1000)` into the `top` classes per sample, best first:
 * `[[classId, className, score], …]` per sample, as Keras' `decode_predictions` (tuples become arrays).
 *
 * @example
 * const top3 = await decodePredictions(model.predict(x), { top: 3 });
 * // [[['n02504458', 'African_elephant', 0.82], ['n01871265', 'tusker', 0.11], …]]
 */
export async function decodePredictions(
  preds: Tensor | ArrayLike<ArrayLike<number>>,
  options: DecodePredictionsOptions = {},
): Promise<DecodedPrediction[][]> {
  const { shape, rows } = await rowsOf(preds);
  if (shape.length !== 2 || shape[1] !== 1000) {
    throw new ValueError(
      '`decode_predictions` expects a batch of predictions (i.e. a 2D array of shape (samples, 1000)). ' +
        `Received array with shape: ${formatShape(shape)}`,
    );
  }
  const top = options.top ?? 5;
  if (!Number.isInteger(top) || top < 0) throw new ValueError(`decodePredictions: expected top to be a non-negative integer, received ${top}.`);
  const { top: _t, classIndex: given, ...loadOptions } = options;
  const index = given ?? (await loadClassIndex(loadOptions));
  return rows.map((row) => {
    // numpy's argsort()[-top:][::-1]: the top scores, ties broken towards the higher index.
    const order = Array.from(row, (_, i) => i).sort((a, b) => row[b]! - row[a]! || b - a).slice(0, top);
    return order.map((i): DecodedPrediction => {
      const entry = index[String(i)];
      if (!entry) throw new ValueError(`decodePredictions: the class index has no entry for class ${i}.`);
      return [entry[0], entry[1], row[i]!];
    });
  });
}

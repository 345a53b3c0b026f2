/** Keras' `unpack_x_y_sample_weight` / `pack_x_y_sample_weight` (trainers/data_adapters/data_adapter_utils.py). */
import { ValueError } from '@strata/core';

/** One batch split into inputs, labels and sample weights (the last two may be missing). */
export interface UnpackedBatch {
  x: unknown;
  y: unknown;
  sampleWeight: unknown;
}

/**
 * Splits a batch as `trainStep(data)` receives it, as Keras: a list is `[x]`, `[x, y]` or `[x, y, sampleWeight]`;
 * anything else is `x` alone. (The loop always hands over a list, so a list of inputs arrives as `[[a, b], y]`.)
 *
 * @example
 * const { x, y, sampleWeight } = unpackXYSampleWeight(data);
 */
export function unpackXYSampleWeight(data: unknown): UnpackedBatch {
  if (!Array.isArray(data)) return { x: data, y: undefined, sampleWeight: undefined };
  if (data.length === 1) return { x: data[0], y: undefined, sampleWeight: undefined };
  if (data.length === 2) return { x: data[0], y: data[1], sampleWeight: undefined };
  if (data.length === 3) return { x: data[0], y: data[1], sampleWeight: data[2] ?? undefined };
  throw new ValueError(`Data is expected to be in format \`x\`, \`[x]\`, \`[x, y]\`, or \`[x, y, sampleWeight]\`, found a list of ${data.length} items.`);
}

/** Packs a batch as the loop hands it over: `[x]`, `[x, y]` or `[x, y, sampleWeight]`. */
export function packXYSampleWeight(x: unknown, y?: unknown, sampleWeight?: unknown): unknown[] {
  if (y === undefined || y === null) return [x];
  if (sampleWeight === undefined || sampleWeight === null) return [x, y];
  return [x, y, sampleWeight];
}

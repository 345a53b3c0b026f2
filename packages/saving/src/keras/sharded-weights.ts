/**
 * Keras 3's sharded weights (`ShardedH5IOStore`): `<base>.weights.json` maps each `vars` group to its shard file(s)
 * `<base>_00000.weights.h5`, `<base>_00001.weights.h5`…, each a weights file holding part of the tree. A new shard
 * starts when the running size would pass `max_shard_size`.
 */
import { parseJsonSafely, ValueError } from '@strata/core';
import { sizeOf } from '../h5/h5-data.js';
import { H5Reader } from '../h5/h5-reader.js';
import { H5Writer } from '../h5/h5-writer.js';
import type { HostArray } from '../host-array.js';
import { varsGroup, writeEntry, type StoredEntry, type WeightsSource } from './weights-h5.js';

const BITS: Record<string, number> = { float32: 32, int32: 32, float64: 64, int64: 64, uint8: 8, int8: 8, bool: 8, float16: 16, bfloat16: 16, uint16: 16, int16: 16, uint32: 32, uint64: 64 };

/** The shard file names' stem: `model.weights.json` → `model`. */
export function shardBaseName(jsonName: string): string {
  return jsonName.replace(/\.json$/, '').replace('.weights', '');
}

/** The sharding map (`<base>.weights.json`). */
export interface ShardingConfig {
  metadata: { total_size: number };
  weight_map: Record<string, string | string[]>;
}

/** Writes `entries` into shards of at most `maxShardBytes`; returns the JSON map's bytes and the shard files. */
export async function writeShardedWeights(entries: readonly StoredEntry[], jsonName: string, maxShardBytes: number): Promise<Map<string, Uint8Array>> {
  const base = shardBaseName(jsonName);
  const files = new Map<string, Uint8Array>();
  const config: ShardingConfig = { metadata: { total_size: 0 }, weight_map: {} };
  let index = 0;
  let shardName = `${base}_${String(index).padStart(5, '0')}.weights.h5`;
  let writer = await H5Writer.create(shardName);
  let current = 0;
  try {
    for (const e of entries) {
      const group = `/${varsGroup(e.path)}`;
      if (e.arrays.length === 0) {
        writeEntry(writer, e, []);
        continue;
      }
      for (let i = 0; i < e.arrays.length; i++) {
        const a = e.arrays[i]!;
        const bytes = (sizeOf(a.shape) * (BITS[a.dtype] ?? 32)) / 8;
        if (bytes > maxShardBytes) {
          throw new ValueError(`The size of ${group}/${i} is ${bytes} bytes, which exceeds the maximum shard size of ${maxShardBytes} bytes. Increase maxShardSize.`);
        }
        config.metadata.total_size += bytes;
        current += bytes;
        if (current > maxShardBytes) {
          files.set(shardName, writer.finish());
          index += 1;
          shardName = `${base}_${String(index).padStart(5, '0')}.weights.h5`;
          writer = await H5Writer.create(shardName);
          current = bytes;
        }
        writeEntry(writer, e, [i]);
        const known = config.weight_map[group];
        if (known === undefined) config.weight_map[group] = shardName;
        else {
          const list = Array.isArray(known) ? known : [known];
          if (!list.includes(shardName)) list.push(shardName);
          config.weight_map[group] = list;
        }
      }
    }
    files.set(shardName, writer.finish());
  } catch (err) {
    writer.abort();
    throw err;
  }
  files.set(jsonName, new TextEncoder().encode(JSON.stringify(config, null, 4)));
  return files;
}

/** Parses and checks a sharding map. */
export function parseShardingConfig(bytes: Uint8Array, label: string): ShardingConfig {
  let parsed: unknown;
  try {
    parsed = parseJsonSafely(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new ValueError(`"${label}" is not valid JSON: ${(e as Error).message}`);
  }
  const map = (parsed as ShardingConfig | null)?.weight_map;
  if (!map || typeof map !== 'object' || Array.isArray(map)) throw new ValueError(`"${label}" is not a Keras sharded-weights map: expected a "weight_map" object.`);
  for (const [k, v] of Object.entries(map)) {
    const list = Array.isArray(v) ? v : [v];
    if (!list.every((f) => typeof f === 'string' && /^[\w.-]+$/.test(f))) {
      throw new ValueError(`"${label}": the shard name(s) for "${k}" must be plain file names, received ${JSON.stringify(v)}.`);
    }
  }
  return parsed as ShardingConfig;
}

/** A `WeightsSource` over sharded weights; `open` reads a shard by file name (once). Close the returned readers. */
export async function shardedWeightsSource(
  config: ShardingConfig,
  label: string,
  open: (file: string) => Promise<Uint8Array>,
): Promise<{ source: WeightsSource; close: () => void }> {
  const readers = new Map<string, H5Reader>();
  const files = [...new Set(Object.values(config.weight_map).flatMap((v) => (Array.isArray(v) ? v : [v])))];
  try {
    for (const f of files) readers.set(f, await H5Reader.open(await open(f), f));
  } catch (e) {
    for (const r of readers.values()) r.close();
    throw e;
  }
  const source: WeightsSource = {
    label,
    get(path) {
      const group = varsGroup(path);
      const entry = config.weight_map[`/${group}`];
      if (entry === undefined) return null;
      const arrays: HostArray[] = [];
      const byIndex = new Map<number, HostArray>();
      for (const f of Array.isArray(entry) ? entry : [entry]) {
        const h5 = readers.get(f)!;
        if (!h5.isGroup(group)) continue;
        for (const k of h5.keys(group)) if (h5.isDataset(`${group}/${k}`)) byIndex.set(Number(k), h5.dataset(`${group}/${k}`));
      }
      for (let i = 0; i < byIndex.size; i++) {
        const a = byIndex.get(i);
        if (!a) throw new ValueError(`"${label}": variable ${i} of "${group}" is missing from its shards.`);
        arrays.push(a);
      }
      return arrays;
    },
    pathsWithValues() {
      return Object.keys(config.weight_map).map((g) => g.replace(/^\//, '').replace(/\/?vars$/, ''));
    },
  };
  return { source, close: () => { for (const r of readers.values()) r.close(); } };
}

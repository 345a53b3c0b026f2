/**
 * Test support: the Keras outputs `tools/keras-golden/training_golden.py` wrote to `packages/models/fixtures/training/`
 * (arrays decoded with `@strata/test-utils`; NaN and infinities, stored as the strings Python's repr gives, restored).
 */
import { readFileSync } from 'node:fs';
import { decodeGolden } from '@strata/test-utils';

function revive(x: unknown): unknown {
  if (x === 'nan') return NaN;
  if (x === 'inf') return Infinity;
  if (x === '-inf') return -Infinity;
  if (Array.isArray(x)) return x.map(revive);
  if (x !== null && typeof x === 'object' && !ArrayBuffer.isView(x)) {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, k === 'text' || k === 'repr' || k === 'formats' || k === 'outputs' ? v : revive(v)]));
  }
  return x;
}

/** One case of `packages/models/fixtures/training/`. */
export function trainingCase<T = any>(name: string): T {
  const raw = JSON.parse(readFileSync(new URL(`../../fixtures/training/${name}.json`, import.meta.url), 'utf8')) as unknown;
  return revive(decodeGolden(raw as never)) as T;
}

/** Keras' scripted clock of the progress-bar fixtures: the k-th reading is `start + step·k`. */
export function scriptedClock(start = 1000, step = 0.3): () => number {
  let calls = 0;
  return () => start + step * calls++;
}

/** Runs `fn` while capturing what is written to `process.stdout`. */
export async function captureStdout(fn: () => unknown): Promise<string> {
  const original = process.stdout.write.bind(process.stdout);
  let text = '';
  (process.stdout as { write: unknown }).write = (chunk: string | Uint8Array): boolean => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  try {
    await fn();
  } finally {
    (process.stdout as { write: unknown }).write = original;
  }
  return text;
}

/** The fixtures' regression model: `Sequential([Input([3]), Dense(1)])` named `reg`, with the given weights. */
export async function regressionModel(weights: import('@strata/test-utils').GoldenTensor[]): Promise<import('../index.js').Sequential> {
  const { Sequential } = await import('../index.js');
  const { Dense, Input } = await import('@strata/layers');
  const { goldenTensor } = await import('@strata/test-utils');
  const model = new Sequential({ layers: [Input({ shape: [3] }), new Dense({ units: 1 })], name: 'reg' });
  const w = weights.map(goldenTensor);
  model.setWeights(w);
  for (const t of w) t.dispose();
  return model;
}

/** A callback that overwrites `logs[monitor]` with `values[epoch]` at each epoch's end (the fixtures' scripted monitor). */
export async function injector(monitor: string, values: number[]): Promise<import('../index.js').Callback> {
  const { LambdaCallback } = await import('../index.js');
  return new LambdaCallback({
    onEpochEnd: (epoch, logs) => {
      logs![monitor] = values[epoch]!;
    },
  });
}

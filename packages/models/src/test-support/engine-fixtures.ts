/**
 * Test support: the Keras outputs `tools/keras-golden/engine_models.py` wrote to `packages/models/fixtures/engine/`.
 */
import { readFileSync } from 'node:fs';

/** One model as Keras described it. */
export interface EngineModelFixture {
  summary: string;
  summary_line_length_120: string;
  summary_show_trainable: string;
  summary_expand_nested: string;
  config: Record<string, unknown>;
  to_json: Record<string, unknown>;
  serialized: Record<string, unknown>;
  layers: Array<{ name: string; class_name: string }>;
  weights: Array<{ path: string; shape: number[]; trainable: boolean }>;
  trainable_params: number;
  non_trainable_params: number;
  build_config?: Record<string, unknown>;
  hidden_build_config?: Record<string, unknown>;
}

/** A case file: the model, and for some cases the summary before building or a symbolic call. */
export interface EngineCase {
  model: EngineModelFixture;
  summary_unbuilt?: string;
  symbolic?: { summary: string; output_shape: Array<number | null>; weights: string[] };
  keras_version: string;
}

export function engineCase(name: string): EngineCase {
  return JSON.parse(readFileSync(new URL(`../../fixtures/engine/${name}.json`, import.meta.url), 'utf8')) as EngineCase;
}

/** JSON-normalised value (drops undefined, tuples as lists), for comparing configs. */
export function plain(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x));
}

/** Captures a model summary as text. */
export function summaryOf(model: { summary(opts: { printFn: (s: string) => void } & Record<string, unknown>): void }, opts: Record<string, unknown> = {}): string {
  let text = '';
  model.summary({ ...opts, printFn: (s) => (text = s) });
  return text;
}

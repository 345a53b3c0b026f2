/**
 * `Progbar` against Keras' `keras.utils.Progbar`: the same scripted updates under the same scripted clock print the
 * same text, byte for byte (ANSI codes, `\b` redraws, ETA, time per step, averaging, throttling, verbose 2).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { trainingCase } from '../test-support/training-fixtures.js';
import { Progbar } from './progbar.js';

interface Run {
  name: string;
  options: { target: number | null; verbose: number; stateless_metrics?: string[] };
  dynamic: boolean;
  updates: Array<{ current: number; values: Array<[string, number]>; finalize: boolean | null }>;
  times: number[];
  outputs: string[];
}

const fixture = trainingCase<{ runs: Run[] }>('progbar');
const clock = Progbar.clock;
afterEach(() => {
  Progbar.clock = clock;
});

describe('Progbar', () => {
  it.each(fixture.runs.map((r) => [r.name, r] as const))('prints what Keras prints: %s', (_name, run) => {
    let k = 0;
    Progbar.clock = () => run.times[k++]!;
    const printed: string[] = [];
    let current = '';
    const bar = new Progbar(run.options.target, {
      verbose: run.options.verbose,
      statelessMetrics: run.options.stateless_metrics,
      dynamicDisplay: run.dynamic,
      print: (m) => (current += m),
    });
    for (const u of run.updates) {
      current = '';
      bar.update(u.current, u.values, u.finalize ?? undefined);
      printed.push(current);
    }
    expect(printed).toEqual(run.outputs);
    expect(k).toBe(run.updates.length + 1); // one reading at construction, one per update
  });
});

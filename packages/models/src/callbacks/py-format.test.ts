/**
 * Python's number formatting (what Keras prints and writes) against Python itself: `format(v, spec)` for the specs
 * Progbar, CSVLogger and ModelCheckpoint use, `repr(float)`, and `str.format` templates (tools/keras-golden
 * `formats`). Ties round to even on the exact binary value, as Python does.
 */
import { describe, expect, it } from 'vitest';
import { trainingCase } from '../test-support/training-fixtures.js';
import { floatRepr, formatSpec, pyFormat, type PyValue } from './py-format.js';

interface Fixture {
  numbers: Array<{ value: number; repr: string; formats: Record<string, string> }>;
  templates: Array<{ template: string; logs: Record<string, number>; epoch: number; batch: number | null; text: string }>;
}

const fixture = trainingCase<Fixture>('formats');

describe('Python number formatting', () => {
  it.each(fixture.numbers.map((n) => [n.repr, n] as const))('formats %s as Python does', (_repr, n) => {
    expect(floatRepr(n.value)).toBe(n.repr);
    for (const [spec, text] of Object.entries(n.formats)) expect([spec, formatSpec(n.value, spec)]).toEqual([spec, text]);
  });

  it.each(fixture.templates.map((t) => [t.template, t] as const))('str.format: %s', (_t, t) => {
    const values: Record<string, PyValue> = { ...t.logs, epoch: { int: t.epoch } };
    if (t.batch !== null) values.batch = { int: t.batch };
    expect(pyFormat(t.template, values)).toBe(t.text);
  });

  it('names the missing field of a template', () => {
    expect(() => pyFormat('{epoch}-{val_loss:.2f}.keras', { epoch: { int: 1 } })).toThrow(/no value for "\{val_loss\}"/);
  });
});

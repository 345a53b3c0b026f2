/** Strata models covering the layer types that exist today, in the three model kinds, for round-trip tests. */
import { tensor, type Tensor } from '@strata/core';
import { Activation, Dense, Dropout, Flatten, Input } from '@strata/layers';
import { Model, Sequential } from '@strata/models';

export const STRATA_MODELS: Array<[string, () => Model]> = [
  ['Sequential (Flatten, Dense, Dropout, Activation)', () => new Sequential([
    Input({ shape: [3, 2] }), new Flatten(), new Dense({ units: 5, activation: 'relu' }), new Dropout({ rate: 0.5 }),
    new Dense({ units: 4, useBias: false }), new Activation({ activation: 'softmax' }),
  ])],
  ['functional, two inputs, a shared layer, two outputs', () => {
    const a = Input({ shape: [4], name: 'a' });
    const b = Input({ shape: [4], name: 'b' });
    const shared = new Dense({ units: 3, activation: 'tanh' });
    const o1 = new Dense({ units: 2 }).apply(shared.apply(a));
    const o2 = new Activation({ activation: 'sigmoid' }).apply(shared.apply(b));
    return new Model({ inputs: [a, b], outputs: [o1, o2] });
  }],
  ['functional with nested functional and Sequential models', () => {
    const i = Input({ shape: [5] });
    const inner = new Model({ inputs: i, outputs: new Dense({ units: 4 }).apply(new Dense({ units: 6, activation: 'relu' }).apply(i)) });
    const block = new Sequential([Input({ shape: [4] }), new Dense({ units: 3 })]);
    const x = Input({ shape: [5] });
    return new Model({ inputs: x, outputs: block.apply(inner.apply(x)) });
  }],
];

/** Deterministic inputs (batch 3) for a model. */
export function inputsFor(model: Model): Tensor[] {
  return (model as unknown as { inputs: Array<{ shape: Array<number | null> }> }).inputs.map((t, k) => {
    const shape = [3, ...t.shape.slice(1)] as number[];
    const n = shape.reduce((p, q) => p * q, 1);
    return tensor(Array.from({ length: n }, (_, j) => Math.sin(j * 1.7 + k)), shape);
  });
}

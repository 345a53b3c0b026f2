import { describe, expect, it } from 'vitest';
import * as strata from 'strata';
import * as core from '@strata/core';

describe('strata umbrella', () => {
  it('re-exports the core namespaces under their Keras names', () => {
    expect(strata.ops).toBe(core.ops);
    expect(strata.activations.get('relu')).toBe(core.activations.get('relu'));
    expect(Array.from(strata.activations.get('relu')(strata.ops.tensor([-1, 2])).dataSync())).toEqual([0, 2]);
  });
});

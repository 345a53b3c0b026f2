import { describe, expect, it } from 'vitest';
import { ops, tidy, variable } from '@strata/core';
import { OptimizerVariable } from './optimizer-variable.js';
import { resolveVariable } from './variable-like.js';

describe('resolveVariable (the adapter for the two accepted forms)', () => {
  it('reads a tfjs Variable: its name is the label and, with / and : replaced, the slot prefix', () => {
    const v = tidy(() => variable(ops.zeros([2]), true, 'dense/kernel:0'));
    const r = resolveVariable(v);
    expect([r.variable, r.name, r.label, r.slotPrefix, r.constraint, r.overwriteWithGradient]).toEqual([v, 'dense/kernel:0', 'dense/kernel:0', 'dense_kernel_0', null, false]);
    v.dispose();
  });

  it('reads a wrapper: the path gives the label and slot prefix (Keras replaces only / in a path)', () => {
    const value = tidy(() => variable(ops.zeros([2])));
    const constraint = (x: ReturnType<typeof ops.zeros>) => x;
    const r = resolveVariable({ value, name: 'kernel', path: 'sequential/dense/kernel', constraint, overwriteWithGradient: true });
    expect([r.variable, r.name, r.label, r.slotPrefix, r.constraint, r.overwriteWithGradient]).toEqual([value, 'kernel', 'sequential/dense/kernel', 'sequential_dense_kernel', constraint, true]);
    expect(resolveVariable({ value, name: 'bias' }).slotPrefix).toBe('bias');
    value.dispose();
  });

  it("accepts the optimizer's own variables (same shape of object)", () => {
    const value = tidy(() => variable(ops.zeros([1])));
    expect(resolveVariable(new OptimizerVariable(value, 'w_momentum', 'adam/w_momentum')).label).toBe('adam/w_momentum');
    value.dispose();
  });

  it.each([
    ['a tensor that is not a variable', () => ops.zeros([1])],
    ['an object without value', () => ({ name: 'x' })],
    ['null', () => null],
  ])('refuses %s, saying what it expected', (_, make) => {
    const x = make();
    expect(() => resolveVariable(x as never)).toThrow(/Expected a model variable: a tfjs Variable or an object \{ value: Variable, name, path\? \}/);
    if (x && typeof (x as { dispose?: unknown }).dispose === 'function') (x as { dispose(): void }).dispose();
  });
});

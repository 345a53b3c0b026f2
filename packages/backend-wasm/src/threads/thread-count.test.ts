import { describe, expect, it } from 'vitest';
import { MAX_THREADS, parseThreadCount, planThreads, type ThreadPlan, type ThreadPlanInput } from './thread-count.js';

describe('parseThreadCount', () => {
  it.each([
    ['a number', 3, 3],
    ['a string of digits', '2', 2],
    ['digits with spaces', ' 4 ', 4],
    ['the smallest', 1, 1],
    ['the largest', MAX_THREADS, MAX_THREADS],
  ])('accepts %s', (_name, value, expected) => {
    expect(parseThreadCount(value, 'X')).toBe(expected);
  });

  it.each([
    ['zero', 0, 'received 0'],
    ['more than the pool', 9, 'received 9'],
    ['a fraction', 1.5, 'received 1.5'],
    ['a negative number', -2, 'received -2'],
    ['words', 'all', 'received "all"'],
    ['a decimal string', '2.5', 'received "2.5"'],
    ['NaN', Number.NaN, 'received null'],
  ])('rejects %s, naming the source, the range and the value', (_name, value, received) => {
    expect(() => parseThreadCount(value, 'STRATA_WASM_THREADS')).toThrow(`STRATA_WASM_THREADS must be a whole number from 1 to 8, ${received}`);
  });
});

describe('planThreads', () => {
  const cases: Array<[string, ThreadPlanInput, ThreadPlan]> = [
    ['every core outside vitest', { underVitest: false, cores: 2 }, { threads: 2 }],
    ['at most the pool of 8', { underVitest: false, cores: 32 }, { threads: 8, reason: "the threaded build's pool holds at most 8 threads (this machine has 32 cores)" }],
    ['one core', { underVitest: false, cores: 1 }, { threads: 1, reason: 'this machine reports a single core' }],
    ['1 under vitest', { underVitest: true, cores: 2 }, { threads: 1, reason: expect.stringContaining('under vitest') as unknown as string }],
    ['the env var over the vitest default', { env: '2', underVitest: true, cores: 2 }, { threads: 2 }],
    ['the env var set to 1', { env: '1', underVitest: false, cores: 2 }, { threads: 1, reason: 'STRATA_WASM_THREADS=1 set 1 of 2 cores' }],
    ['an empty env var as unset', { env: '', underVitest: false, cores: 2 }, { threads: 2 }],
    ['configureWasm over the env var', { configured: 1, env: '2', underVitest: false, cores: 2 }, { threads: 1, reason: 'configureWasm({ threads: 1 }) set 1 of 2 cores' }],
    ['configureWasm under vitest', { configured: 2, underVitest: true, cores: 2 }, { threads: 2 }],
    ['more threads than cores when asked', { configured: 4, underVitest: false, cores: 2 }, { threads: 4 }],
  ];
  it.each(cases)('takes %s', (_name, input, expected) => {
    expect(planThreads(input)).toEqual(expected);
  });

  it('rejects a bad STRATA_WASM_THREADS instead of guessing', () => {
    expect(() => planThreads({ env: 'max', underVitest: false, cores: 2 })).toThrow('STRATA_WASM_THREADS must be a whole number from 1 to 8, received "max"');
  });
});

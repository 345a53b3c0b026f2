import { describe, expect, it } from 'vitest';
import { configureWasm, configuredThreads } from './config.js';

describe('configureWasm', () => {
  it('records a thread count, and clears it with threads: undefined', () => {
    configureWasm({ threads: 3 });
    expect(configuredThreads()).toBe(3);
    configureWasm({ wasmPaths: '/assets/' }); // leaves threads alone
    expect(configuredThreads()).toBe(3);
    configureWasm({ threads: undefined });
    expect(configuredThreads()).toBeUndefined();
  });

  it.each([0, 9, 2.5, -1])('rejects threads: %s, naming the range', (threads) => {
    expect(() => configureWasm({ threads })).toThrow(`configureWasm({ threads }) must be a whole number from 1 to 8, received ${threads}`);
  });

  it('keeps passing wasmPaths to tfjs, which checks that a map names every binary', () => {
    expect(() => configureWasm({ wasmPaths: { 'tfjs-backend-wasm.wasm': '/a.wasm' } })).toThrow(
      'There were no entries found for the following binaries: tfjs-backend-wasm-simd.wasm,tfjs-backend-wasm-threaded-simd.wasm',
    );
  });
});

import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { getBackend, setBackend } from '@strata/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { configureWasm, disposeWasm } from './index.js';

// Deterministic inputs without tf.random, so both runs see identical values.
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

function compute(): { matMul: Float32Array; conv: Float32Array } {
  return tf.tidy(() => {
    const a = tf.tensor2d(values(96 * 130, 1), [96, 130]);
    const b = tf.tensor2d(values(130 * 70, 2), [130, 70]);
    const x = tf.tensor4d(values(2 * 20 * 20 * 8, 3), [2, 20, 20, 8]);
    const w = tf.tensor4d(values(3 * 3 * 8 * 16, 4), [3, 3, 8, 16]);
    return {
      matMul: tf.matMul(a, b).dataSync() as Float32Array,
      conv: tf.conv2d(x, w, 1, 'same').dataSync() as Float32Array,
    };
  });
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const processListeners = () => [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
const atImport = processListeners();

describe('the wasm backend under vitest', { timeout: 60_000 }, () => {
  afterAll(async () => {
    configureWasm({ threads: undefined });
    disposeWasm();
    await setBackend('wasm');
  });

  it('starts single-threaded by default, saying why, with SIMD', async () => {
    const { name, capabilities } = await setBackend('wasm');
    expect(name).toBe('wasm');
    expect(capabilities.simd).toBe(true);
    expect(capabilities.threads).toBe(1);
    expect(capabilities.threadsReason).toContain('under vitest');
    // Emscripten's rethrowing process listeners are removed once the module has started.
    expect(processListeners()).toEqual(atImport);
    const before = tf.memory().numTensors;
    const product = tf.tidy(() => Array.from(tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]])).dataSync()));
    expect(product).toEqual([19, 22, 43, 50]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('restarts on 2 threads when a test asks, with the same results, and keeps the application\'s process listeners', async () => {
    await setBackend('wasm');
    const single = compute();
    const before = tf.memory().numTensors;
    const mine = (): void => undefined;
    process.on('uncaughtException', mine);
    const listeners = processListeners();

    configureWasm({ threads: 2 });
    disposeWasm();
    expect(() => getBackend()).toThrow('No Strata backend is ready yet');
    const { capabilities } = await setBackend('wasm');
    expect(capabilities).toEqual({ simd: true, threads: 2 });
    const threaded = compute();
    expect(maxAbsDiff(threaded.matMul, single.matMul)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(threaded.conv, single.conv)).toBeLessThanOrEqual(1e-5);
    expect(tf.memory().numTensors).toBe(before);

    configureWasm({ threads: 1 });
    disposeWasm();
    // Emscripten's own listeners are gone once a module starts; tfjs' dispose would strip the application's too.
    expect(processListeners()).toEqual(listeners);
    expect(process.listeners('uncaughtException')).toContain(mine);
    const again = await setBackend('wasm');
    expect(processListeners()).toEqual(listeners);
    process.removeListener('uncaughtException', mine);
    expect(again.capabilities).toEqual({ simd: true, threads: 1, threadsReason: `configureWasm({ threads: 1 }) set 1 of ${availableParallelism()} cores` });
  });
});

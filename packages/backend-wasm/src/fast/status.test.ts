import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '@strata/backend';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { disposeWasm, fastKernelCalls, fastKernelsActive, fastKernelsReady, setFastKernels } from '../index.js';

afterEach(() => {
  vi.restoreAllMocks();
  setFastKernels(true);
});

describe('the fast kernels’ status', () => {
  it('is ready and active once the backend has started, and inactive while the switch is off', async () => {
    await setBackend('wasm');
    await expect(fastKernelsReady()).resolves.toBe(true);
    expect(fastKernelsActive()).toBe(true);
    setFastKernels(false);
    expect(fastKernelsActive()).toBe(false);
  });

  it('counts each SIMD kernel call', () => {
    const x = tf.randomUniform([64], -1, 1, 'float32', 1);
    const before = fastKernelCalls()['band_mask'] ?? 0;
    tf.dispose(tf.engine().runKernel('StrataReluGrad', { dy: x, x }, { lo: 0, hi: Infinity }));
    expect((fastKernelCalls()['band_mask'] ?? 0) - before).toBe(1);
    x.dispose();
  });

  it('is active as soon as a restarted backend has started, where synchronous compilation is refused (browsers)', async () => {
    const refuse = () => {
      throw new RangeError('WebAssembly.Instance(): synchronous instantiation is disallowed on the main thread');
    };
    vi.spyOn(WebAssembly, 'Module').mockImplementation(refuse as never);
    vi.spyOn(WebAssembly, 'Instance').mockImplementation(refuse as never);
    disposeWasm();
    await setBackend('wasm');
    expect(fastKernelsActive()).toBe(true);
  });
});

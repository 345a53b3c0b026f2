import { describe, expect, it } from 'vitest';
import { getBackend, listBackends, ready, registerBackend, resetBackend, setBackend } from './index.js';

describe('backend registry', () => {
  it('getBackend before any backend is ready says how to start one', () => {
    expect(() => getBackend()).toThrow(/Import "@strata\/core"/);
  });

  it('setBackend of a known but missing backend names the package to install', async () => {
    await expect(setBackend('cpu')).rejects.toThrow(/Backend "cpu" is not registered. Install and import "@strata\/backend-cpu"/);
  });

  it('setBackend of an unknown backend lists what exists', async () => {
    await expect(setBackend('webgpu2')).rejects.toThrow(/Unknown backend "webgpu2".*Strata provides wasm, cpu/);
  });

  it('a backend that fails to start says which, why, and what else to select', async () => {
    registerBackend({ name: 'broken', packageName: '@strata/backend-broken', priority: 0, init: () => Promise.reject(new Error('no WebAssembly here')) });
    registerBackend({ name: 'other', packageName: '@strata/backend-other', priority: 5, init: async () => ({ simd: false, threads: 3 }) });
    await expect(setBackend('broken')).rejects.toThrow(/Backend "broken" \(@strata\/backend-broken\) failed to start: no WebAssembly here Select another with setBackend\('other'\)/);
    expect(listBackends()).toEqual(['other', 'broken']);
  });

  it('a registered backend reports its capabilities through getBackend and ready', async () => {
    const info = await setBackend('other');
    expect(info).toEqual({ name: 'other', packageName: '@strata/backend-other', capabilities: { simd: false, threads: 3 } });
    expect(await ready()).toEqual(info);
    expect(getBackend().capabilities.threads).toBe(3);
  });

  it('resetBackend disposes a started backend and the next setBackend starts it again', async () => {
    let starts = 0;
    let disposals = 0;
    registerBackend({ name: 'counted', packageName: '@strata/backend-counted', priority: 0, init: async () => ({ simd: false, threads: ++starts }), dispose: () => void disposals++ });
    expect((await setBackend('counted')).capabilities.threads).toBe(1);
    resetBackend('counted');
    expect(disposals).toBe(1);
    expect((await setBackend('counted')).capabilities.threads).toBe(2);
    resetBackend('never-started');
    expect(disposals).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import '@strata/backend-cpu';
import { getBackend, ops, setBackend } from '@strata/core';

describe('default backend', () => {
  it('importing @strata/core starts wasm with SIMD, so ops run synchronously', () => {
    const { name, capabilities } = getBackend();
    expect(name).toBe('wasm');
    expect(capabilities.simd).toBe(true);
    expect(capabilities.threads).toBeGreaterThanOrEqual(1);
    expect(Array.from(ops.matmul(ops.tensor([[1, 2], [3, 4]]), ops.tensor([[5, 6], [7, 8]])).dataSync())).toEqual([19, 22, 43, 50]);
  });

  it('switches to cpu and back, with the same results', async () => {
    const compute = () => Array.from(ops.softmax(ops.tensor([[1, 2, 3]])).dataSync());
    const onWasm = compute();
    const cpu = await setBackend('cpu');
    expect(cpu.name).toBe('cpu');
    expect(cpu.capabilities).toMatchObject({ simd: false, threads: 1 });
    const onCpu = compute();
    onCpu.forEach((v, i) => expect(v).toBeCloseTo(onWasm[i]!, 6));
    await setBackend('wasm');
    expect(getBackend().name).toBe('wasm');
  });
});

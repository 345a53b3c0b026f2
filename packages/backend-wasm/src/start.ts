import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { Capabilities } from '@strata/backend';

/** Starts tfjs' wasm backend and reports what it runs with. */
export async function startWasm(): Promise<Capabilities> {
  if (!(await tf.setBackend('wasm'))) {
    throw new Error('tfjs-backend-wasm did not initialise (see the warning above for the cause: usually the .wasm binaries could not be fetched; in a browser call configureWasm({ wasmPaths }) or import "@strata/backend-wasm/vite").');
  }
  await tf.ready();
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const threads = getThreadsCount();
  const isNode = typeof process !== 'undefined' && process.versions?.node != null;
  return {
    simd,
    threads,
    ...(threads <= 1 ? { threadsReason: isNode ? 'tfjs-backend-wasm runs single-threaded in Node' : 'the page is not cross-origin isolated or has too few cores' } : {}),
  };
}

/**
 * The pure-JavaScript backend. Importing this package registers it as `'cpu'`.
 *
 * @example
 * import '@strata/backend-cpu';
 * import { setBackend } from '@strata/core';
 * await setBackend('cpu');
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerBackend } from '@strata/backend';

registerBackend({
  name: 'cpu',
  packageName: '@strata/backend-cpu',
  priority: 1,
  async init() {
    if (!(await tf.setBackend('cpu'))) throw new Error('tfjs-backend-cpu did not initialise.');
    await tf.ready();
    // tfjs-backend-cpu prints a banner recommending tfjs-node on its first write in Node; Strata users chose wasm/cpu.
    (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
    return { simd: false, threads: 1, threadsReason: 'the cpu backend is single-threaded JavaScript' };
  },
});

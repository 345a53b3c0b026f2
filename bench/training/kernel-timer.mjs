// Time per wasm kernel while it runs (CPU time of the process, which a busy machine inflates less than wall time):
// every registered wasm kernel is wrapped (outermost calls only, so a kernel composed of others counts once), and
// restored by stop().
import * as tf from '@tensorflow/tfjs-core';

export function startKernelTimer() {
  const totals = new Map();
  const originals = tf.getKernelsForBackend('wasm');
  let depth = 0;
  for (const config of originals) {
    const inner = config.kernelFunc;
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        depth++;
        const u0 = process.cpuUsage();
        try {
          return inner(args);
        } finally {
          depth--;
          if (depth === 0) {
            const entry = totals.get(config.kernelName) ?? { ms: 0, calls: 0 };
            const u = process.cpuUsage(u0);
            entry.ms += (u.user + u.system) / 1000;
            entry.calls++;
            totals.set(config.kernelName, entry);
          }
        }
      },
    });
  }
  return {
    /** Restores the kernels; returns { kernel: { ms, calls } } averaged over `steps`. */
    stop(steps = 1) {
      for (const config of originals) {
        tf.unregisterKernel(config.kernelName, 'wasm');
        tf.registerKernel(config);
      }
      return Object.fromEntries([...totals].map(([k, v]) => [k, { ms: v.ms / steps, calls: v.calls / steps }]));
    },
  };
}

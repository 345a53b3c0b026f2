// Every backward kernel of training on the wasm backend at typical sizes, next to its forward counterpart (the kernel
// of the same FLOPs or memory traffic), with Strata's fast kernels and with the composed ones (tfjs' gradients and
// kernels, plus the convolution gradients @strata/backend-wasm composes from forward convolutions; setFastKernels(false)),
// all measured in this run on one thread (medians of 7 runs after a warm-up). Needs the built packages:
// `pnpm -w build`, then `pnpm --filter @strata/bench kernels` (or `node bench/kernels/run.mjs`).
process.env.STRATA_WASM_THREADS ??= '1';
await import('@strata/core');
const { runKernelTable } = await import('./table.mjs');
await runKernelTable();

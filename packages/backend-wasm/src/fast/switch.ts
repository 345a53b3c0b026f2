import { env } from '@tensorflow/tfjs-core';

/** The tfjs environment flag holding the switch (readable by `@strata/core`'s gradients without importing this package). */
export const FAST_KERNELS_FLAG = 'STRATA_FAST_KERNELS';

function defaultFromEnvironment(): boolean {
  const value = typeof process !== 'undefined' ? process.env?.['STRATA_FAST_KERNELS'] : undefined;
  return !(value != null && /^(0|false|off|no)$/i.test(value.trim()));
}

const registry = (env() as unknown as { flagRegistry: Record<string, unknown> }).flagRegistry;
if (registry[FAST_KERNELS_FLAG] == null) env().registerFlag(FAST_KERNELS_FLAG, defaultFromEnvironment);

/**
 * Turns Strata's fast training kernels on the wasm backend on (the default) or off. Off, every gradient runs as
 * tfjs composes it (chains of elementwise kernels, convolution gradients as forward convolutions, `MaxPoolGrad` as a
 * plain loop — tfjs-backend-wasm's own is wrong on windows of negative values, so it is not used either way): the
 * reference path tests compare against. The environment variable
 * `STRATA_FAST_KERNELS=0` sets the default to off. Takes effect from the next kernel call.
 *
 * @example
 * import { setFastKernels } from '@strata/backend-wasm';
 * setFastKernels(false); // the composed kernels, e.g. to compare gradients
 */
export function setFastKernels(enabled: boolean): void {
  if (typeof enabled !== 'boolean') throw new TypeError(`setFastKernels: expected a boolean, received ${String(enabled)}.`);
  env().set(FAST_KERNELS_FLAG, enabled);
}

/** Whether the fast training kernels are on (see {@link setFastKernels}). */
export function fastKernelsEnabled(): boolean {
  return env().getBool(FAST_KERNELS_FLAG);
}

import * as tf from '@tensorflow/tfjs-core';

/** Gradient thunks by input name, as a tfjs gradient function returns them. */
export type GradientMap = Record<string, () => tf.Tensor>;

/** The tfjs flag `@strata/backend-wasm`'s `setFastKernels` sets. */
const FLAG = 'STRATA_FAST_KERNELS';

/** Whether the fast kernels are on (`setFastKernels` in `@strata/backend-wasm`; on unless that flag says otherwise). */
export function fastKernelsOn(): boolean {
  const registry = (tf.env() as unknown as { flagRegistry: Record<string, unknown> }).flagRegistry;
  return registry[FLAG] == null || tf.env().getBool(FLAG);
}

/** Whether `kernelName` can run now: fast kernels on, the kernel registered for the active backend, float32 inputs. */
export function canRunFast(kernelName: string, ...inputs: tf.Tensor[]): boolean {
  return fastKernelsOn() && inputs.every((t) => t.dtype === 'float32') && tf.getKernel(kernelName, tf.getBackend()) != null;
}

/** Runs a kernel through the engine (recorded on the tape, so it can itself be differentiated). */
export function runKernel(kernelName: string, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap = {}): tf.Tensor {
  return tf.engine().runKernel(kernelName, inputs, attrs) as tf.Tensor;
}

/**
 * Replaces the gradient of `kernelName` with `fast` where it applies (it returns null otherwise), keeping the
 * gradient registered now — tfjs' composed one — for everything else.
 *
 * @example
 * overrideGradient('Relu', ({ dy, saved: [x] }) => canRunFast('StrataReluGrad', dy, x!) ? { x: () => … } : null);
 */
export function overrideGradient(
  kernelName: string,
  fast: (args: { dy: tf.Tensor; saved: tf.Tensor[]; attrs: tf.NamedAttrMap }) => GradientMap | null,
  overrides: Partial<Pick<tf.GradConfig, 'inputsToSave' | 'outputsToSave'>> = {},
): void {
  const previous = tf.getGradient(kernelName);
  if (previous == null) throw new Error(`Expected a gradient registered for '${kernelName}' before Strata's fast one, found none.`);
  if ((previous as { strataFast?: true }).strataFast) return;
  const config: tf.GradConfig & { strataFast: true } = {
    ...previous,
    ...overrides,
    strataFast: true,
    gradFunc: (dy, saved, attrs) => fast({ dy: dy as tf.Tensor, saved, attrs }) ?? previous.gradFunc(dy, saved, attrs),
  };
  tf.registerGradient(config);
}

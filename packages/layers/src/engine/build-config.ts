/** The build side of `Layer` that loading needs: the build config (Keras' `get_build_config`) and building from it. */
import type { Layer } from './layer.js';
import type { ShapeStructure } from './shape.js';

/**
 * `{ inputShape }` when the layer was built from one input shape, `{ shapesDict }` when keyword tensors reached
 * `build` too, or null when it was not built by a call.
 */
export function buildConfigOf(layer: Layer): Record<string, unknown> | null {
  const dict = layer._buildShapesDict;
  if (!dict) return null;
  const keys = Object.keys(dict);
  return keys.length === 1 ? { inputShape: dict[keys[0]!] } : { shapesDict: dict };
}

/** Calls `layer.build` with what `buildConfigOf` recorded (nothing happens for a null config). */
export function buildFromConfigOf(layer: Layer, config: Record<string, unknown> | null | undefined): void {
  if (!config) return;
  if ('inputShape' in config) layer.build(config.inputShape as ShapeStructure | null);
  else if ('shapesDict' in config) {
    const { inputShape = null, ...rest } = config.shapesDict as Record<string, ShapeStructure | null>;
    layer.build(inputShape, rest);
  }
}

/** Marks a layer that overrides no `build` as built and locks its state (Keras' `_build_at_init`). */
export function markBuiltAtInit(layer: Layer): void {
  if (!layer._buildOverridden) {
    layer.built = true;
    layer._lockState();
  }
}

/**
 * Test support: `Concatenate` for the engine's tests of merge-shaped graphs. Uses `@strata/layers`' own
 * Concatenate once it exists; until then a minimal local one with Keras' class name (so summaries and configs read
 * as Keras'), registered only if no other `Concatenate` is.
 */
import { ops, type Tensor } from '@strata/core';
import * as layers from '@strata/layers';

class LocalConcatenate extends layers.Layer {
  static override className = 'Concatenate';
  readonly axis: number;

  constructor(args: layers.LayerArgs & { axis?: number } = {}) {
    super(args);
    this.axis = args.axis ?? -1;
  }

  override build(): void {
    // No weights; Keras' Concatenate checks the shapes here.
  }

  override call(inputs: Tensor[]): Tensor {
    return ops.concat(inputs, this.axis);
  }

  override computeOutputShape(shapes: layers.Shape[]): layers.Shape {
    const out = [...shapes[0]!];
    const axis = this.axis < 0 ? out.length + this.axis : this.axis;
    out[axis] = shapes.some((s) => s[axis] == null) ? null : shapes.reduce((n, s) => n + (s[axis] as number), 0);
    return out;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}

type ConcatenateClass = new (args?: layers.LayerArgs & { axis?: number }) => layers.Layer;

export const Concatenate: ConcatenateClass = ((layers as Record<string, unknown>).Concatenate as ConcatenateClass | undefined) ?? LocalConcatenate;
if (Concatenate === LocalConcatenate && !layers.registry.has('Concatenate')) layers.registerLayer(LocalConcatenate);

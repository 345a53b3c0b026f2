/**
 * Shapes of symbolic and concrete tensors: a dimension is a non-negative integer, or `null` where it is unknown
 * (the batch dimension of an `Input`).
 */
import { ValueError } from '@strata/core';

/** One dimension: a size, or `null` when unknown. */
export type Dim = number | null;

/** A tensor shape, batch dimension included: `[null, 28, 28, 1]`. */
export type Shape = Dim[];

/** A shape, or a (nested) list or record of shapes, for layers with several inputs or outputs. */
export type ShapeStructure = Shape | ShapeStructure[] | { [key: string]: ShapeStructure };

/** Whether `x` is one shape (an array of sizes and nulls), as opposed to a structure of shapes. */
export function isShape(x: unknown): x is Shape {
  return Array.isArray(x) && x.every((d) => d === null || typeof d === 'number');
}

/**
 * Validates a shape: every entry a non-negative integer or null (`undefined` and `-1` become null, as Keras
 * accepts None).
 *
 * @example
 * standardizeShape([null, 784]); // [null, 784]
 */
export function standardizeShape(shape: ReadonlyArray<number | null | undefined>): Shape {
  if (!Array.isArray(shape)) throw new ValueError(`Cannot interpret ${JSON.stringify(shape)} as a shape: expected an array of sizes.`);
  return shape.map((d) => {
    if (d === null || d === undefined || d === -1) return null;
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new ValueError(`Cannot interpret shape ${shapeToString(shape as Shape)}: dimensions must be non-negative integers or null, received ${String(d)}.`);
    }
    return d;
  });
}

/** `[32, 28, 28]`, `[null, 784]`: shapes as error messages print them. */
export function shapeToString(shape: ReadonlyArray<Dim | undefined> | null | undefined): string {
  if (shape == null) return 'null';
  return `[${shape.map((d) => (d === null || d === undefined ? 'null' : String(d))).join(', ')}]`;
}

/** `(None, 64)`: shapes as Keras' `summary()` prints them. */
export function formatKerasShape(shape: ReadonlyArray<Dim>): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
}

/** Whether two shapes are identical (nulls equal nulls). */
export function shapesEqual(a: ReadonlyArray<Dim>, b: ReadonlyArray<Dim>): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Whether a concrete or partial shape fits a reference shape (a null on either side matches anything). */
export function shapeCompatible(shape: ReadonlyArray<Dim>, reference: ReadonlyArray<Dim>): boolean {
  return shape.length === reference.length && shape.every((d, i) => d === null || reference[i] === null || d === reference[i]);
}

/** Number of elements of a fully defined shape. */
export function shapeSize(shape: ReadonlyArray<number>): number {
  return shape.reduce((a, b) => a * b, 1);
}

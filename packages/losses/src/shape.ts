/** Shape checks shared by the losses, with errors that name the loss and both shapes. */
import { ValueError, type Tensor } from '@strata/core';

/** `[4, 5]` as `[4, 5]`; used in error messages. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Whether two shapes broadcast together (numpy rules). */
export function broadcastable(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 1; i <= Math.min(a.length, b.length); i++) {
    const x = a[a.length - i]!;
    const y = b[b.length - i]!;
    if (x !== y && x !== 1 && y !== 1) return false;
  }
  return true;
}

/** Throws unless `y_true` and `y_pred` broadcast together. */
export function assertBroadcastable(loss: string, yTrue: Tensor, yPred: Tensor): void {
  if (!broadcastable(yTrue.shape, yPred.shape)) {
    throw new ValueError(
      `Loss "${loss}": y_true and y_pred have incompatible shapes: y_true ${formatShape(yTrue.shape)}, ` +
        `y_pred ${formatShape(yPred.shape)}. Expected equal shapes (or shapes that broadcast).`,
    );
  }
}

/** Throws unless `y_true` and `y_pred` have the same shape (crossentropies need it). */
export function assertSameShape(loss: string, yTrue: Tensor, yPred: Tensor): void {
  const a = yTrue.shape;
  const b = yPred.shape;
  if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
    throw new ValueError(
      `Loss "${loss}": y_true and y_pred must have the same shape, received y_true ${formatShape(a)} and ` +
        `y_pred ${formatShape(b)}.`,
    );
  }
}

/** A negative axis counted from the end, checked against the rank. */
export function canonicalizeAxis(loss: string, axis: number, rank: number): number {
  const ax = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || ax < 0 || ax >= rank) {
    throw new ValueError(`Loss "${loss}": axis ${axis} is out of range for y_pred of rank ${rank}.`);
  }
  return ax;
}

import {
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
  type UnsortedSegmentSumInputs,
  UnsortedSegmentSum,
  util,
} from '@tensorflow/tfjs-core';
import { WASM, withScope } from './kernel-scope.js';

/**
 * `out[s, ...] = Σ x[i, ...] over every i with segmentIds[i] = s`, as one `ScatterNd` on the wasm backend (which adds
 * the rows that land on the same segment). Segment ids may have any shape that prefixes `x`'s shape (TensorFlow's
 * rule); ids outside `[0, numSegments)` are dropped, as the cpu backend does. This is the gradient of `gather`, so it
 * is what an `Embedding` layer's training needs.
 *
 * @example
 * tf.unsortedSegmentSum(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), tf.tensor1d([0, 2, 0], 'int32'), 3);
 * // [[6, 8], [0, 0], [3, 4]]
 */
export const unsortedSegmentSum: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, segmentIds } = inputs as UnsortedSegmentSumInputs;
  const { numSegments } = attrs as unknown as UnsortedSegmentSumAttrs;
  const idsShape = segmentIds!.shape;
  if (idsShape.length > x!.shape.length || idsShape.some((d, i) => d !== x!.shape[i])) {
    throw new Error(`UnsortedSegmentSum: expected segmentIds' shape to prefix x's shape [${x!.shape}], received [${idsShape}].`);
  }
  if (!Number.isInteger(numSegments) || numSegments < 0) {
    throw new Error(`UnsortedSegmentSum: expected numSegments to be a non-negative integer, received ${numSegments}.`);
  }
  const rowShape = x!.shape.slice(idsShape.length);
  const rows = util.sizeFromShape(idsShape);
  const rowSize = util.sizeFromShape(rowShape);
  return withScope(backend as KernelBackend, (scope) => {
    const outShape = [numSegments, ...rowShape];
    if (rows === 0 || rowSize === 0 || numSegments === 0) return scope.zeros(outShape, x!.dtype);
    const ids = segmentIds!.dtype === 'int32' ? segmentIds! : scope.run('Cast', { x: segmentIds! }, { dtype: 'int32' });
    let updates = scope.reshape(x!, [rows, rowSize]);
    let indices: TensorInfo = scope.reshape(ids, [rows, 1]);
    const valid = validRows(scope.backend.readSync(ids.dataId) as Int32Array, numSegments);
    if (valid != null) {
      if (valid.rows.length === 0) return scope.zeros(outShape, x!.dtype);
      const keep = scope.fromValues(valid.rows, [valid.rows.length], 'int32');
      updates = scope.run('GatherV2', { x: updates, indices: keep }, { axis: 0, batchDims: 0 });
      indices = scope.fromValues(valid.ids, [valid.ids.length, 1], 'int32');
    }
    const out = scope.run('ScatterNd', { indices, updates }, { shape: [numSegments, rowSize] });
    return scope.reshape(out, outShape);
  });
};

/** The rows whose id is in range and their ids, or null when every id is (the common case: nothing to filter). */
function validRows(ids: Int32Array, numSegments: number): { rows: Int32Array; ids: Int32Array } | null {
  let count = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i]! >= 0 && ids[i]! < numSegments) count++;
  if (count === ids.length) return null;
  const rows = new Int32Array(count);
  const kept = new Int32Array(count);
  for (let i = 0, k = 0; i < ids.length; i++) {
    if (ids[i]! >= 0 && ids[i]! < numSegments) {
      rows[k] = i;
      kept[k++] = ids[i]!;
    }
  }
  return { rows, ids: kept };
}

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: WASM,
  kernelFunc: unsortedSegmentSum,
};

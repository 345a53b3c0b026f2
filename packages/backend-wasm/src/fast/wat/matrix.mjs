// WAT for row- and matrix-shaped kernels: softmax gradient rows, column sums (bias gradients), 2D transposes.
import { forBytes, forRange, get, i32Locals, i32Params, lanes } from './loops.mjs';

/** out = y · (dy − Σ_row dy·y), row by row (tfjs: dy·y − sum(dy·y, -1, keepDims)·y). */
const softmaxGrad = `
  (func (export "softmax_grad") ${i32Params('dy', 'y', 'out', 'rows', 'cols')}
    ${i32Locals('r', 'k', 'rowBytes', 'base')} (local $s f32) (local $t f32)
    (local.set $rowBytes (i32.shl ${get('cols')} (i32.const 2)))
    ${forRange('r', get('rows'), `
      (local.set $base (i32.mul ${get('r')} ${get('rowBytes')}))
      (local.set $s (f32.const 0))
      ${forBytes('k', get('base'), `(i32.add ${get('base')} ${get('rowBytes')})`, 4, `
        (local.set $s (f32.add ${get('s')} (f32.mul (f32.load (i32.add ${get('dy')} ${get('k')})) (f32.load (i32.add ${get('y')} ${get('k')})))))`)}
      ${forBytes('k', get('base'), `(i32.add ${get('base')} ${get('rowBytes')})`, 4, `
        (local.set $t (f32.load (i32.add ${get('y')} ${get('k')})))
        (f32.store (i32.add ${get('out')} ${get('k')})
          (f32.sub (f32.mul (f32.load (i32.add ${get('dy')} ${get('k')})) ${get('t')}) (f32.mul ${get('s')} ${get('t')})))`)}`)})`;

/** out[c] = Σ_r x[r, c] for x [rows, cols]: the gradient of a bias broadcast over the leading axes. */
const colSum = `
  (func (export "col_sum") ${i32Params('x', 'out', 'rows', 'cols')}
    ${i32Locals('r', 'k', 'rowBytes', 'vecBytes', 'row')}
    (local.set $rowBytes (i32.shl ${get('cols')} (i32.const 2)))
    (local.set $vecBytes (i32.shl (i32.shr_u ${get('cols')} (i32.const 2)) (i32.const 4)))
    (memory.fill ${get('out')} (i32.const 0) ${get('rowBytes')})
    ${forRange('r', get('rows'), `
      (local.set $row (i32.add ${get('x')} (i32.mul ${get('r')} ${get('rowBytes')})))
      ${forBytes('k', '(i32.const 0)', get('vecBytes'), 16, `
        (v128.store (i32.add ${get('out')} ${get('k')})
          (f32x4.add (v128.load (i32.add ${get('out')} ${get('k')})) (v128.load (i32.add ${get('row')} ${get('k')}))))`)}
      ${forBytes('k', get('vecBytes'), get('rowBytes'), 4, `
        (f32.store (i32.add ${get('out')} ${get('k')})
          (f32.add (f32.load (i32.add ${get('out')} ${get('k')})) (f32.load (i32.add ${get('row')} ${get('k')}))))`)}`)})`;

/** Columns per tile of the blocked transpose: 16 output rows written at once stay in L1 while the rows stream by. */
const TILE = 8;

/** The 4×4 block at row $r, column $c: four loads, eight lane shuffles, four stores. */
const block4x4 = `
        (local.set $p (i32.add ${get('x')} (i32.shl (i32.add (i32.mul ${get('r')} ${get('inStride')}) ${get('c')}) (i32.const 2))))
        (local.set $v0 (v128.load ${get('p')}))
        (local.set $v1 (v128.load (i32.add ${get('p')} ${get('inRow')})))
        (local.set $v2 (v128.load (i32.add ${get('p')} (i32.shl ${get('inRow')} (i32.const 1)))))
        (local.set $v3 (v128.load (i32.add ${get('p')} (i32.mul ${get('inRow')} (i32.const 3)))))
        (local.set $t0 (i8x16.shuffle ${lanes(0, 4, 1, 5)} ${get('v0')} ${get('v1')}))
        (local.set $t1 (i8x16.shuffle ${lanes(2, 6, 3, 7)} ${get('v0')} ${get('v1')}))
        (local.set $t2 (i8x16.shuffle ${lanes(0, 4, 1, 5)} ${get('v2')} ${get('v3')}))
        (local.set $t3 (i8x16.shuffle ${lanes(2, 6, 3, 7)} ${get('v2')} ${get('v3')}))
        (local.set $q (i32.add ${get('out')} (i32.shl (i32.add (i32.mul ${get('c')} ${get('outStride')}) ${get('r')}) (i32.const 2))))
        (v128.store ${get('q')} (i8x16.shuffle ${lanes(0, 1, 4, 5)} ${get('t0')} ${get('t2')}))
        (v128.store (i32.add ${get('q')} ${get('outRow')}) (i8x16.shuffle ${lanes(2, 3, 6, 7)} ${get('t0')} ${get('t2')}))
        (v128.store (i32.add ${get('q')} (i32.shl ${get('outRow')} (i32.const 1))) (i8x16.shuffle ${lanes(0, 1, 4, 5)} ${get('t1')} ${get('t3')}))
        (v128.store (i32.add ${get('q')} (i32.mul ${get('outRow')} (i32.const 3))) (i8x16.shuffle ${lanes(2, 3, 6, 7)} ${get('t1')} ${get('t3')}))`;

/** out[c·outStride + r] = x[r·inStride + c] for the given element ranges (scalar). */
const scalarCopy = (rFrom, rTo, cFrom, cTo) => `
    (local.set $r ${rFrom})
    (block $sr_done (loop $sr_loop
      (br_if $sr_done (i32.ge_s ${get('r')} ${rTo}))
      (local.set $c ${cFrom})
      (block $sc_done (loop $sc_loop
        (br_if $sc_done (i32.ge_s ${get('c')} ${cTo}))
        (f32.store (i32.add ${get('out')} (i32.shl (i32.add (i32.mul ${get('c')} ${get('outStride')}) ${get('r')}) (i32.const 2)))
          (f32.load (i32.add ${get('x')} (i32.shl (i32.add (i32.mul ${get('r')} ${get('inStride')}) ${get('c')}) (i32.const 2)))))
        (local.set $c (i32.add ${get('c')} (i32.const 1)))
        (br $sc_loop)))
      (local.set $r (i32.add ${get('r')} (i32.const 1)))
      (br $sr_loop)))`;

/**
 * out[c, r] = x[r, c] for r < rows, c < cols, with row strides `inStride` (x) and `outStride` (out) in elements: 4×4
 * blocks of lane shuffles, column tiles of ${TILE} so the rows being written stay cached, and scalar edges.
 */
const transposeStrided = `
  (func $transpose_strided (export "transpose_strided") ${i32Params('x', 'out', 'rows', 'cols', 'inStride', 'outStride')}
    ${i32Locals('r', 'c', 'r4', 'c4', 'inRow', 'outRow', 'p', 'q', 'tile', 'tileEnd')}
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $r4 (i32.and ${get('rows')} (i32.const -4)))
    (local.set $c4 (i32.and ${get('cols')} (i32.const -4)))
    (local.set $inRow (i32.shl ${get('inStride')} (i32.const 2)))
    (local.set $outRow (i32.shl ${get('outStride')} (i32.const 2)))
    (local.set $tile (i32.const 0))
    (block $tile_done (loop $tile_loop
      (br_if $tile_done (i32.ge_s ${get('tile')} ${get('c4')}))
      (local.set $tileEnd (select (i32.add ${get('tile')} (i32.const ${TILE})) ${get('c4')} (i32.lt_s (i32.add ${get('tile')} (i32.const ${TILE})) ${get('c4')})))
      (local.set $r (i32.const 0))
      (block $r_done (loop $r_loop
        (br_if $r_done (i32.ge_s ${get('r')} ${get('r4')}))
        (local.set $c ${get('tile')})
        (block $c_done (loop $c_loop
          (br_if $c_done (i32.ge_s ${get('c')} ${get('tileEnd')}))
          ${block4x4}
          (local.set $c (i32.add ${get('c')} (i32.const 4)))
          (br $c_loop)))
        (local.set $r (i32.add ${get('r')} (i32.const 4)))
        (br $r_loop)))
      (local.set $tile (i32.add ${get('tile')} (i32.const ${TILE})))
      (br $tile_loop)))
    ;; the last cols % 4 columns of the first rows − rows % 4 rows, then the last rows % 4 rows whole
    ${scalarCopy('(i32.const 0)', get('r4'), get('c4'), get('cols'))}
    ${scalarCopy(get('r4'), get('rows'), '(i32.const 0)', get('cols'))})`;

/** out [rows, cols] = x [rows, cols] + b [cols]: a bias broadcast over the leading axes. */
const biasAdd = `
  (func (export "bias_add") ${i32Params('x', 'b', 'out', 'rows', 'cols')}
    ${i32Locals('r', 'k', 'rowBytes', 'vecBytes', 'row')}
    (local.set $rowBytes (i32.shl ${get('cols')} (i32.const 2)))
    (local.set $vecBytes (i32.shl (i32.shr_u ${get('cols')} (i32.const 2)) (i32.const 4)))
    ${forRange('r', get('rows'), `
      (local.set $row (i32.mul ${get('r')} ${get('rowBytes')}))
      ${forBytes('k', '(i32.const 0)', get('vecBytes'), 16, `
        (v128.store (i32.add ${get('out')} (i32.add ${get('row')} ${get('k')}))
          (f32x4.add (v128.load (i32.add ${get('x')} (i32.add ${get('row')} ${get('k')}))) (v128.load (i32.add ${get('b')} ${get('k')}))))`)}
      ${forBytes('k', get('vecBytes'), get('rowBytes'), 4, `
        (f32.store (i32.add ${get('out')} (i32.add ${get('row')} ${get('k')}))
          (f32.add (f32.load (i32.add ${get('x')} (i32.add ${get('row')} ${get('k')}))) (f32.load (i32.add ${get('b')} ${get('k')}))))`)}`)})`;

/** out [cols, rows] = x [rows, cols]ᵀ. */
const transpose2d = `
  (func (export "transpose2d") ${i32Params('x', 'out', 'rows', 'cols')}
    (call $transpose_strided ${get('x')} ${get('out')} ${get('rows')} ${get('cols')} ${get('cols')} ${get('rows')}))`;

export const matrixKernels = [softmaxGrad, colSum, transposeStrided, transpose2d, biasAdd];

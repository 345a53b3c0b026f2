// WAT for the transposed im2col of the convolution filter gradient, strip by strip. Geometry parameters as in
// conv.mjs: batch n, input h × w × c, window kh × kw, strides sh, sw, dilations dh, dw, leading pads pt, pl, output
// ho × wo.
import { forRange, get, i32Locals, i32Params } from './loops.mjs';

const GEOMETRY = ['n', 'h', 'w', 'c', 'kh', 'kw', 'sh', 'sw', 'dh', 'dw', 'pt', 'pl', 'ho', 'wo'];

/** Zeros columns [$p + from, $p + to) of the c rows starting at $tapRow (row length $pixels floats). */
const zeroColumns = (from, to) => `
        (if (i32.lt_s ${from} ${to}) (then
          ${forRange('ch', get('c'), `
          (memory.fill (i32.add (i32.add ${get('tapRow')} (i32.mul ${get('ch')} ${get('rowBytes')})) (i32.shl (i32.add ${get('p')} ${from}) (i32.const 2)))
            (i32.const 0) (i32.shl (i32.sub ${to} ${from}) (i32.const 2)))`)}))`;

/**
 * colsᵀ [kh·kw·c, n·ho·wo] ← x [n, h, w, c]. For one tap and one output row (b, oy), the window's pixels along the
 * row are evenly spaced in x (sw·c floats apart): that strip, [valid ox × c], is transposed into its c rows of colsᵀ
 * with the SIMD block transpose, and the columns whose pixel falls in the padding are zeroed. Every element of colsᵀ
 * is written once, in 4 × 4 blocks, and x is read from cache (each pixel once per tap).
 */
const im2colTStrips = `
  (func (export "im2col_t_strips") ${i32Params('x', 'out', ...GEOMETRY)}
    ${i32Locals('i', 'j', 'b', 'oy', 'iy', 'ox0', 'ox1', 'a', 'pixels', 'rowBytes', 'tapRow', 'p', 'ch')}
    (local.set $pixels (i32.mul (i32.mul ${get('n')} ${get('ho')}) ${get('wo')}))
    (local.set $rowBytes (i32.shl ${get('pixels')} (i32.const 2)))
    ${forRange('i', get('kh'), forRange('j', get('kw'), `
      (local.set $tapRow (i32.add ${get('out')} (i32.mul (i32.mul (i32.add (i32.mul ${get('i')} ${get('kw')}) ${get('j')}) ${get('c')}) ${get('rowBytes')})))
      ;; ox whose column ix = ox·sw + j·dw − pl lies in [0, w): [ox0, ox1)
      (local.set $a (i32.sub ${get('pl')} (i32.mul ${get('j')} ${get('dw')})))
      (local.set $ox0 (select (i32.const 0) (i32.div_s (i32.sub (i32.add ${get('a')} ${get('sw')}) (i32.const 1)) ${get('sw')}) (i32.le_s ${get('a')} (i32.const 0))))
      (local.set $a (i32.add ${get('a')} (i32.sub ${get('w')} (i32.const 1))))
      (local.set $ox1 (select (i32.const 0) (i32.add (i32.div_s ${get('a')} ${get('sw')}) (i32.const 1)) (i32.lt_s ${get('a')} (i32.const 0))))
      (if (i32.gt_s ${get('ox0')} ${get('wo')}) (then (local.set $ox0 ${get('wo')})))
      (if (i32.gt_s ${get('ox1')} ${get('wo')}) (then (local.set $ox1 ${get('wo')})))
      (if (i32.lt_s ${get('ox1')} ${get('ox0')}) (then (local.set $ox1 ${get('ox0')})))
      (local.set $p (i32.const 0))
      ${forRange('b', get('n'), forRange('oy', get('ho'), `
        (local.set $iy (i32.sub (i32.add (i32.mul ${get('oy')} ${get('sh')}) (i32.mul ${get('i')} ${get('dh')})) ${get('pt')}))
        (if (i32.and (i32.lt_u ${get('iy')} ${get('h')}) (i32.lt_s ${get('ox0')} ${get('ox1')}))
          (then
            ${zeroColumns('(i32.const 0)', get('ox0'))}
            (call $transpose_strided
              (i32.add ${get('x')} (i32.shl (i32.mul (i32.add (i32.mul (i32.add (i32.mul ${get('b')} ${get('h')}) ${get('iy')}) ${get('w')})
                (i32.sub (i32.add (i32.mul ${get('ox0')} ${get('sw')}) (i32.mul ${get('j')} ${get('dw')})) ${get('pl')})) ${get('c')}) (i32.const 2)))
              (i32.add ${get('tapRow')} (i32.shl (i32.add ${get('p')} ${get('ox0')}) (i32.const 2)))
              (i32.sub ${get('ox1')} ${get('ox0')}) ${get('c')} (i32.mul ${get('sw')} ${get('c')}) ${get('pixels')})
            ${zeroColumns(get('ox1'), get('wo'))})
          (else ${zeroColumns('(i32.const 0)', get('wo'))}))
        (local.set $p (i32.add ${get('p')} ${get('wo')}))`))}`))})`;

export const im2colStripKernels = [im2colTStrips];

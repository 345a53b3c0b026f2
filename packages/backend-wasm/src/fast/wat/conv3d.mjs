// WAT for the NDHWC im2col / col2im pair of 3D convolutions (forward and gradients as GEMMs). Geometry parameters:
// batch n, input d × h × w × c, window kd × kh × kw, strides sd, sh, sw, dilations dd, dh, dw, leading pads pf, pt,
// pl, output od × oh × ow. Rows of the column matrix are output voxels (b, oz, oy, ox); its columns are (a, i, j, c).
import { addRun, copyRun, forRange, get, i32Locals, i32Params } from './loops.mjs';

const GEOMETRY = ['n', 'd', 'h', 'w', 'c', 'kd', 'kh', 'kw', 'sd', 'sh', 'sw', 'dd', 'dh', 'dw', 'pf', 'pt', 'pl', 'od', 'oh', 'ow'];
const COUNTERS = ['b', 'oz', 'oy', 'ox', 'a', 'i', 'j', 'iz', 'iy', 'ix', 'k', 'kv', 'cb', 'rowB', 'tapB', 'run', 'px'];

/** Byte offset, in an NDHWC tensor, of pixel (b, iz, iy, ix). */
const voxel = (ix) => `(i32.mul (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul ${get('b')} ${get('d')}) ${get('iz')}) ${get('h')}) ${get('iy')}) ${get('w')}) ${ix}) ${get('cb')})`;

const prologue = `
    (local.set $cb (i32.shl ${get('c')} (i32.const 2)))
    (local.set $rowB (i32.mul ${get('kw')} ${get('cb')}))
    (local.set $tapB (i32.mul ${get('kh')} ${get('rowB')}))`;

/**
 * Walks the column matrix at $run, output voxel by voxel and window row (a, i) by row: `whole` where the row's kw
 * pixels are adjacent and all inside the input (dw = 1: one run of kw·c floats at byte offset $px), else `perTap` for
 * each inside pixel at $px and `zeros(bytes)` for each pixel, row or plane falling in the padding. $run advances.
 */
function walk({ whole, perTap, zeros }) {
  return forRange('b', get('n'), forRange('oz', get('od'), forRange('oy', get('oh'), forRange('ox', get('ow'), forRange('a', get('kd'), `
    (local.set $iz (i32.sub (i32.add (i32.mul ${get('oz')} ${get('sd')}) (i32.mul ${get('a')} ${get('dd')})) ${get('pf')}))
    (if (i32.lt_u ${get('iz')} ${get('d')})
      (then
        ${forRange('i', get('kh'), `
          (local.set $iy (i32.sub (i32.add (i32.mul ${get('oy')} ${get('sh')}) (i32.mul ${get('i')} ${get('dh')})) ${get('pt')}))
          (local.set $ix (i32.sub (i32.mul ${get('ox')} ${get('sw')}) ${get('pl')}))
          (if (i32.lt_u ${get('iy')} ${get('h')})
            (then
              (if (i32.and (i32.eq ${get('dw')} (i32.const 1))
                    (i32.and (i32.ge_s ${get('ix')} (i32.const 0)) (i32.le_s (i32.add ${get('ix')} ${get('kw')}) ${get('w')})))
                (then
                  (local.set $px ${voxel(get('ix'))})
                  ${whole}
                  (local.set $run (i32.add ${get('run')} ${get('rowB')})))
                (else
                  ${forRange('j', get('kw'), `
                    (local.set $ix (i32.sub (i32.add (i32.mul ${get('ox')} ${get('sw')}) (i32.mul ${get('j')} ${get('dw')})) ${get('pl')}))
                    (if (i32.lt_u ${get('ix')} ${get('w')}) (then (local.set $px ${voxel(get('ix'))}) ${perTap}) (else ${zeros(get('cb'))}))
                    (local.set $run (i32.add ${get('run')} ${get('cb')}))`)})))
            (else
              ${zeros(get('rowB'))}
              (local.set $run (i32.add ${get('run')} ${get('rowB')}))))`)})
      (else
        ${zeros(get('tapB'))}
        (local.set $run (i32.add ${get('run')} ${get('tapB')}))))`)))));
}

/** cols [n·od·oh·ow, kd·kh·kw·c] ← x [n, d, h, w, c] (zeros where the window leaves the padded input). */
const im2col3d = `
  (func (export "im2col3d") ${i32Params('x', 'out', ...GEOMETRY)} ${i32Locals(...COUNTERS)}
    ${prologue}
    (local.set $run ${get('out')})
    ${walk({
      whole: copyRun(get('run'), `(i32.add ${get('x')} ${get('px')})`, get('rowB')),
      perTap: copyRun(get('run'), `(i32.add ${get('x')} ${get('px')})`, get('cb')),
      zeros: (bytes) => `(memory.fill ${get('run')} (i32.const 0) ${bytes})`,
    })})`;

/** out [n, d, h, w, c] ← Σ of cols [n·od·oh·ow, kd·kh·kw·c] over the windows covering each voxel (im2col3d's adjoint). */
const col2im3d = `
  (func (export "col2im3d") ${i32Params('cols', 'out', ...GEOMETRY)} ${i32Locals(...COUNTERS)}
    ${prologue}
    (memory.fill ${get('out')} (i32.const 0) (i32.mul (i32.mul (i32.mul (i32.mul ${get('n')} ${get('d')}) ${get('h')}) ${get('w')}) ${get('cb')}))
    (local.set $run ${get('cols')})
    ${walk({
      whole: addRun(`(i32.add ${get('out')} ${get('px')})`, get('run'), get('rowB')),
      perTap: addRun(`(i32.add ${get('out')} ${get('px')})`, get('run'), get('cb')),
      zeros: () => '',
    })})`;

/** Zeros columns [$p + from, $p + to) of the c rows of colsᵀ starting at $tapRow (row length $pixels floats). */
const zeroColumns = (from, to) => `
        (if (i32.lt_s ${from} ${to}) (then
          ${forRange('ch', get('c'), `
          (memory.fill (i32.add (i32.add ${get('tapRow')} (i32.mul ${get('ch')} ${get('rowBytes')})) (i32.shl (i32.add ${get('p')} ${from}) (i32.const 2)))
            (i32.const 0) (i32.shl (i32.sub ${to} ${from}) (i32.const 2)))`)}))`;

/**
 * colsᵀ [kd·kh·kw·c, n·od·oh·ow] ← x [n, d, h, w, c], strip by strip as wat/im2col-strips.mjs does in 2D: for one tap
 * and one output row (b, oz, oy), the window's pixels along the row are sw·c floats apart in x; that strip is
 * transposed into the tap's c rows of colsᵀ, and the columns whose pixel falls in the padding are zeroed.
 */
const im2col3dTStrips = `
  (func (export "im2col3d_t_strips") ${i32Params('x', 'out', ...GEOMETRY)}
    ${i32Locals('a', 'i', 'j', 'b', 'oz', 'oy', 'iz', 'iy', 'ox0', 'ox1', 't', 'pixels', 'rowBytes', 'tapRow', 'p', 'ch')}
    (local.set $pixels (i32.mul (i32.mul (i32.mul ${get('n')} ${get('od')}) ${get('oh')}) ${get('ow')}))
    (local.set $rowBytes (i32.shl ${get('pixels')} (i32.const 2)))
    ${forRange('a', get('kd'), forRange('i', get('kh'), forRange('j', get('kw'), `
      (local.set $tapRow (i32.add ${get('out')} (i32.mul (i32.mul (i32.add (i32.mul (i32.add (i32.mul ${get('a')} ${get('kh')}) ${get('i')}) ${get('kw')}) ${get('j')}) ${get('c')}) ${get('rowBytes')})))
      ;; ox whose column ix = ox·sw + j·dw − pl lies in [0, w): [ox0, ox1)
      (local.set $t (i32.sub ${get('pl')} (i32.mul ${get('j')} ${get('dw')})))
      (local.set $ox0 (select (i32.const 0) (i32.div_s (i32.sub (i32.add ${get('t')} ${get('sw')}) (i32.const 1)) ${get('sw')}) (i32.le_s ${get('t')} (i32.const 0))))
      (local.set $t (i32.add ${get('t')} (i32.sub ${get('w')} (i32.const 1))))
      (local.set $ox1 (select (i32.const 0) (i32.add (i32.div_s ${get('t')} ${get('sw')}) (i32.const 1)) (i32.lt_s ${get('t')} (i32.const 0))))
      (if (i32.gt_s ${get('ox0')} ${get('ow')}) (then (local.set $ox0 ${get('ow')})))
      (if (i32.gt_s ${get('ox1')} ${get('ow')}) (then (local.set $ox1 ${get('ow')})))
      (if (i32.lt_s ${get('ox1')} ${get('ox0')}) (then (local.set $ox1 ${get('ox0')})))
      (local.set $p (i32.const 0))
      ${forRange('b', get('n'), forRange('oz', get('od'), forRange('oy', get('oh'), `
        (local.set $iz (i32.sub (i32.add (i32.mul ${get('oz')} ${get('sd')}) (i32.mul ${get('a')} ${get('dd')})) ${get('pf')}))
        (local.set $iy (i32.sub (i32.add (i32.mul ${get('oy')} ${get('sh')}) (i32.mul ${get('i')} ${get('dh')})) ${get('pt')}))
        (if (i32.and (i32.and (i32.lt_u ${get('iz')} ${get('d')}) (i32.lt_u ${get('iy')} ${get('h')})) (i32.lt_s ${get('ox0')} ${get('ox1')}))
          (then
            ${zeroColumns('(i32.const 0)', get('ox0'))}
            (call $transpose_strided
              (i32.add ${get('x')} (i32.shl (i32.mul (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul ${get('b')} ${get('d')}) ${get('iz')}) ${get('h')}) ${get('iy')}) ${get('w')})
                (i32.sub (i32.add (i32.mul ${get('ox0')} ${get('sw')}) (i32.mul ${get('j')} ${get('dw')})) ${get('pl')})) ${get('c')}) (i32.const 2)))
              (i32.add ${get('tapRow')} (i32.shl (i32.add ${get('p')} ${get('ox0')}) (i32.const 2)))
              (i32.sub ${get('ox1')} ${get('ox0')}) ${get('c')} (i32.mul ${get('sw')} ${get('c')}) ${get('pixels')})
            ${zeroColumns(get('ox1'), get('ow'))})
          (else ${zeroColumns('(i32.const 0)', get('ow'))}))
        (local.set $p (i32.add ${get('p')} ${get('ow')}))`)))}`)))})`;

export const conv3dKernels = [im2col3d, col2im3d, im2col3dTStrips];

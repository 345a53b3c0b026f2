// WAT for batch normalization over the rows of a [rows, cols] matrix (channels last: cols features): per-column
// moments, the normalization as one scale-and-shift pass, and the gradient as one pass of sums and one of outputs.
// Column sums run in blocks of BLOCK rows (each block summed apart, then added to the total), so a long column is not
// summed one float at a time into a large total.
import { forBytes, forRange, get, i32Locals, i32Params } from './loops.mjs';

/** Rows per block of the blocked column sums. */
const BLOCK = 64;

const ld = (p, k) => `(v128.load (i32.add ${get(p)} ${k}))`;
const lds = (p, k) => `(f32.load (i32.add ${get(p)} ${k}))`;

/**
 * Column sums of up to two per-element terms over every row, blocked: `terms` are `{ acc, vec, scalar }` with `acc`
 * the output pointer local, `vec`/`scalar` expressions of element byte offset `$k` in the row (row start in `$row`,
 * relative to each input's base). Uses `$scratch` (one float per column per term).
 */
function blockedColumnSums(terms) {
  const slot = (i) => (i === 0 ? get('scratch') : `(i32.add ${get('scratch')} ${get('rowBytes')})`);
  const addVec = (i, t) => `(v128.store (i32.add ${slot(i)} ${get('k')}) (f32x4.add (v128.load (i32.add ${slot(i)} ${get('k')})) ${t.vec}))`;
  const addScalar = (i, t) => `(f32.store (i32.add ${slot(i)} ${get('k')}) (f32.add (f32.load (i32.add ${slot(i)} ${get('k')})) ${t.scalar}))`;
  const flushVec = (i, t) => `(v128.store (i32.add ${get(t.acc)} ${get('k')}) (f32x4.add (v128.load (i32.add ${get(t.acc)} ${get('k')})) (v128.load (i32.add ${slot(i)} ${get('k')}))))`;
  const flushScalar = (i, t) => `(f32.store (i32.add ${get(t.acc)} ${get('k')}) (f32.add (f32.load (i32.add ${get(t.acc)} ${get('k')})) (f32.load (i32.add ${slot(i)} ${get('k')}))))`;
  return `
    ${terms.map((t) => `(memory.fill ${get(t.acc)} (i32.const 0) ${get('rowBytes')})`).join('\n    ')}
    (local.set $r0 (i32.const 0))
    (block $r0_done (loop $r0_loop
      (br_if $r0_done (i32.ge_s ${get('r0')} ${get('rows')}))
      (local.set $rEnd (i32.add ${get('r0')} (i32.const ${BLOCK})))
      (if (i32.gt_s ${get('rEnd')} ${get('rows')}) (then (local.set $rEnd ${get('rows')})))
      (memory.fill ${get('scratch')} (i32.const 0) (i32.mul ${get('rowBytes')} (i32.const ${terms.length})))
      (local.set $r ${get('r0')})
      (block $r_done (loop $r_loop
        (br_if $r_done (i32.ge_s ${get('r')} ${get('rEnd')}))
        (local.set $row (i32.mul ${get('r')} ${get('rowBytes')}))
        ${forBytes('k', '(i32.const 0)', get('vecBytes'), 16, terms.map((t, i) => addVec(i, t)).join('\n'))}
        ${forBytes('k', get('vecBytes'), get('rowBytes'), 4, terms.map((t, i) => addScalar(i, t)).join('\n'))}
        (local.set $r (i32.add ${get('r')} (i32.const 1)))
        (br $r_loop)))
      ${forBytes('k', '(i32.const 0)', get('vecBytes'), 16, terms.map((t, i) => flushVec(i, t)).join('\n'))}
      ${forBytes('k', get('vecBytes'), get('rowBytes'), 4, terms.map((t, i) => flushScalar(i, t)).join('\n'))}
      (local.set $r0 ${get('rEnd')})
      (br $r0_loop)))`;
}

/** `acc[c] *= $inv` for every column. */
const scaleColumns = (acc) => `
    ${forBytes('k', '(i32.const 0)', get('vecBytes'), 16, `(v128.store (i32.add ${get(acc)} ${get('k')}) (f32x4.mul ${ld(acc, get('k'))} (f32x4.splat ${get('inv')})))`)}
    ${forBytes('k', get('vecBytes'), get('rowBytes'), 4, `(f32.store (i32.add ${get(acc)} ${get('k')}) (f32.mul ${lds(acc, get('k'))} ${get('inv')}))`)}`;

const prologue = `
    (local.set $rowBytes (i32.shl ${get('cols')} (i32.const 2)))
    (local.set $vecBytes (i32.shl (i32.shr_u ${get('cols')} (i32.const 2)) (i32.const 4)))
    (local.set $inv (f32.div (f32.const 1) (f32.convert_i32_u ${get('rows')})))`;

const LOCALS = `${i32Locals('r', 'r0', 'rEnd', 'k', 'row', 'rowBytes', 'vecBytes')} (local $inv f32)`;

/** At byte offset $row + $k of `p`. */
const at = (p) => `(i32.add ${get(p)} (i32.add ${get('row')} ${get('k')}))`;

/**
 * mean[c] = Σ_r x[r, c] / rows and var[c] = Σ_r (x[r, c] − mean[c])² / rows (biased, as moments): two passes, the
 * second over centred values. `scratch` holds one float per column.
 */
const colMoments = `
  (func (export "col_moments") ${i32Params('x', 'mean', 'var', 'scratch', 'rows', 'cols')} ${LOCALS}
    ${prologue}
    ${blockedColumnSums([{ acc: 'mean', vec: `(v128.load ${at('x')})`, scalar: `(f32.load ${at('x')})` }])}
    ${scaleColumns('mean')}
    ${blockedColumnSums([{
      acc: 'var',
      vec: `(f32x4.mul (f32x4.sub (v128.load ${at('x')}) ${ld('mean', get('k'))}) (f32x4.sub (v128.load ${at('x')}) ${ld('mean', get('k'))}))`,
      scalar: `(f32.mul (f32.sub (f32.load ${at('x')}) ${lds('mean', get('k'))}) (f32.sub (f32.load ${at('x')}) ${lds('mean', get('k'))}))`,
    }])}
    ${scaleColumns('var')})`;

/** out[r, c] = x[r, c] · scale[c] + shift[c]. */
const scaleShift = `
  (func (export "scale_shift") ${i32Params('x', 'scale', 'shift', 'out', 'rows', 'cols')} ${LOCALS}
    ${prologue}
    ${forRange('r', get('rows'), `
      (local.set $row (i32.mul ${get('r')} ${get('rowBytes')}))
      ${forBytes('k', '(i32.const 0)', get('vecBytes'), 16, `(v128.store ${at('out')}
        (f32x4.add (f32x4.mul (v128.load ${at('x')}) ${ld('scale', get('k'))}) ${ld('shift', get('k'))}))`)}
      ${forBytes('k', get('vecBytes'), get('rowBytes'), 4, `(f32.store ${at('out')}
        (f32.add (f32.mul (f32.load ${at('x')}) ${lds('scale', get('k'))}) ${lds('shift', get('k'))}))`)}`)})`;

/** sumDy[c] = Σ_r dy[r, c] and sumDyXc[c] = Σ_r dy[r, c] · (x[r, c] − mean[c]), in one pass. `scratch`: two floats per column. */
const bnGradSums = `
  (func (export "bn_grad_sums") ${i32Params('dy', 'x', 'mean', 'sumDy', 'sumDyXc', 'scratch', 'rows', 'cols')} ${LOCALS}
    ${prologue}
    ${blockedColumnSums([
      { acc: 'sumDy', vec: `(v128.load ${at('dy')})`, scalar: `(f32.load ${at('dy')})` },
      {
        acc: 'sumDyXc',
        vec: `(f32x4.mul (v128.load ${at('dy')}) (f32x4.sub (v128.load ${at('x')}) ${ld('mean', get('k'))}))`,
        scalar: `(f32.mul (f32.load ${at('dy')}) (f32.sub (f32.load ${at('x')}) ${lds('mean', get('k'))}))`,
      },
    ])})`;

/** out[r, c] = a[c] · dy[r, c] + b[c] · (x[r, c] − mean[c]) + c[c]: the input gradient, given its per-column coefficients. */
const bnGradApply = `
  (func (export "bn_grad_apply") ${i32Params('dy', 'x', 'mean', 'a', 'b', 'c', 'out', 'rows', 'cols')} ${LOCALS}
    ${prologue}
    ${forRange('r', get('rows'), `
      (local.set $row (i32.mul ${get('r')} ${get('rowBytes')}))
      ${forBytes('k', '(i32.const 0)', get('vecBytes'), 16, `(v128.store ${at('out')}
        (f32x4.add (f32x4.add (f32x4.mul ${ld('a', get('k'))} (v128.load ${at('dy')}))
          (f32x4.mul ${ld('b', get('k'))} (f32x4.sub (v128.load ${at('x')}) ${ld('mean', get('k'))}))) ${ld('c', get('k'))}))`)}
      ${forBytes('k', get('vecBytes'), get('rowBytes'), 4, `(f32.store ${at('out')}
        (f32.add (f32.add (f32.mul ${lds('a', get('k'))} (f32.load ${at('dy')}))
          (f32.mul ${lds('b', get('k'))} (f32.sub (f32.load ${at('x')}) ${lds('mean', get('k'))}))) ${lds('c', get('k'))}))`)}`)})`;

export const normKernels = [colMoments, scaleShift, bnGradSums, bnGradApply];

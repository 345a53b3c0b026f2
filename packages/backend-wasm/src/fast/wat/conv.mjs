// WAT for the NHWC im2col / col2im pair (convolution filter and input gradients as GEMMs) and for the max-pooling
// gradient. Geometry parameters: batch n, input h × w × c, window kh × kw, strides sh, sw, dilations dh, dw, leading
// pads pt, pl, output ho × wo. Rows of the column matrix are output pixels (b, oy, ox); its columns are (i, j, c).
import { forBytes, forRange, get, i32Locals, i32Params } from './loops.mjs';

const GEOMETRY = ['n', 'h', 'w', 'c', 'kh', 'kw', 'sh', 'sw', 'dh', 'dw', 'pt', 'pl', 'ho', 'wo'];
const COUNTERS = ['b', 'oy', 'ox', 'i', 'j', 'iy', 'ix', 'k', 'cb', 'cv', 'run', 'px'];

/** Byte offset of pixel (b, iy, ix) in an NHWC tensor. */
const pixel = `(i32.mul (i32.add (i32.mul (i32.add (i32.mul ${get('b')} ${get('h')}) ${get('iy')}) ${get('w')}) ${get('ix')}) ${get('cb')})`;

/** Walks every (b, oy, ox, i, j) with in-bounds (iy, ix), running `inside` or `outside`, then advancing $run by a pixel row. */
function windows(inside, outside) {
  return forRange('b', get('n'), forRange('oy', get('ho'), forRange('ox', get('wo'), forRange('i', get('kh'), `
    (local.set $iy (i32.sub (i32.add (i32.mul ${get('oy')} ${get('sh')}) (i32.mul ${get('i')} ${get('dh')})) ${get('pt')}))
    ${forRange('j', get('kw'), `
      (local.set $ix (i32.sub (i32.add (i32.mul ${get('ox')} ${get('sw')}) (i32.mul ${get('j')} ${get('dw')})) ${get('pl')}))
      (if (i32.and (i32.lt_u ${get('iy')} ${get('h')}) (i32.lt_u ${get('ix')} ${get('w')}))
        (then (local.set $px ${pixel}) ${inside})
        (else ${outside}))
      (local.set $run (i32.add ${get('run')} ${get('cb')}))`)}`))));
}

const prologue = `
    (local.set $cb (i32.shl ${get('c')} (i32.const 2)))
    (local.set $cv (i32.shl (i32.shr_u ${get('c')} (i32.const 2)) (i32.const 4)))`;

/** cols [n·ho·wo, kh·kw·c] ← x [n, h, w, c] (zeros where the window leaves the padded input). */
const im2col = `
  (func (export "im2col") ${i32Params('x', 'out', ...GEOMETRY)} ${i32Locals(...COUNTERS)}
    ${prologue}
    (local.set $run ${get('out')})
    ${windows(`
      (local.set $px (i32.add ${get('x')} ${get('px')}))
      ${forBytes('k', '(i32.const 0)', get('cv'), 16, `(v128.store (i32.add ${get('run')} ${get('k')}) (v128.load (i32.add ${get('px')} ${get('k')})))`)}
      ${forBytes('k', get('cv'), get('cb'), 4, `(f32.store (i32.add ${get('run')} ${get('k')}) (f32.load (i32.add ${get('px')} ${get('k')})))`)}`,
    `(memory.fill ${get('run')} (i32.const 0) ${get('cb')})`)})`;

/** out [n, h, w, c] ← Σ of cols [n·ho·wo, kh·kw·c] over the windows covering each pixel (the adjoint of im2col). */
const col2im = `
  (func (export "col2im") ${i32Params('cols', 'out', ...GEOMETRY)} ${i32Locals(...COUNTERS)}
    ${prologue}
    (memory.fill ${get('out')} (i32.const 0) (i32.mul (i32.mul (i32.mul ${get('n')} ${get('h')}) ${get('w')}) ${get('cb')}))
    (local.set $run ${get('cols')})
    ${windows(`
      (local.set $px (i32.add ${get('out')} ${get('px')}))
      ${forBytes('k', '(i32.const 0)', get('cv'), 16, `(v128.store (i32.add ${get('px')} ${get('k')})
        (f32x4.add (v128.load (i32.add ${get('px')} ${get('k')})) (v128.load (i32.add ${get('run')} ${get('k')}))))`)}
      ${forBytes('k', get('cv'), get('cb'), 4, `(f32.store (i32.add ${get('px')} ${get('k')})
        (f32.add (f32.load (i32.add ${get('px')} ${get('k')})) (f32.load (i32.add ${get('run')} ${get('k')}))))`)}`,
    '')})`;

/** Adds lane `l` of $g into out at byte offset (lane `l` of $idx) + 4l, when that offset is not −1. */
const scatterLane = (l) => `
        (local.set $o (i32x4.extract_lane ${l} ${get('idx')}))
        (if (i32.ge_s ${get('o')} (i32.const 0)) (then
          (local.set $o (i32.add ${get('out')} (i32.add ${get('o')} (i32.const ${4 * l}))))
          (f32.store ${get('o')} (f32.add (f32.load ${get('o')}) (f32x4.extract_lane ${l} ${get('g')})))))`;

/** One pooling window at channel byte offset $k: every in-bounds (iy, ix), with `body` seeing $off (byte offset in x). */
const poolWindow = (body) => forRange('i', get('kh'), `
      (local.set $iy (i32.sub (i32.add (i32.mul ${get('oy')} ${get('sh')}) ${get('i')}) ${get('pt')}))
      (if (i32.lt_u ${get('iy')} ${get('h')}) (then
        ${forRange('j', get('kw'), `
          (local.set $ix (i32.sub (i32.add (i32.mul ${get('ox')} ${get('sw')}) ${get('j')}) ${get('pl')}))
          (if (i32.lt_u ${get('ix')} ${get('w')}) (then
            (local.set $off (i32.add ${pixel} ${get('k')}))
            ${body}))`)}))`);

/**
 * dx [n, h, w, c] of a max pooling with window kh × kw (no dilation; dh, dw unused): each dy goes to the first
 * maximum of its window in row-major order, as tfjs' cpu backend routes it.
 */
const maxPoolGrad = `
  (func (export "max_pool_grad") ${i32Params('x', 'dy', 'out', ...GEOMETRY)} ${i32Locals(...COUNTERS, 'off', 'o', 'is')}
    (local $best v128) (local $idx v128) (local $v v128) (local $m v128) (local $g v128) (local $bs f32) (local $vs f32)
    ${prologue}
    (memory.fill ${get('out')} (i32.const 0) (i32.mul (i32.mul (i32.mul ${get('n')} ${get('h')}) ${get('w')}) ${get('cb')}))
    (local.set $run ${get('dy')})
    ${forRange('b', get('n'), forRange('oy', get('ho'), forRange('ox', get('wo'), `
      ${forBytes('k', '(i32.const 0)', get('cv'), 16, `
        (local.set $best (v128.const f32x4 -inf -inf -inf -inf))
        (local.set $idx (v128.const i32x4 -1 -1 -1 -1))
        ${poolWindow(`
            (local.set $v (v128.load (i32.add ${get('x')} ${get('off')})))
            (local.set $m (f32x4.gt ${get('v')} ${get('best')}))
            (local.set $best (v128.bitselect ${get('v')} ${get('best')} ${get('m')}))
            (local.set $idx (v128.bitselect (i32x4.splat ${get('off')}) ${get('idx')} ${get('m')}))`)}
        (local.set $g (v128.load (i32.add ${get('run')} ${get('k')})))
        ${[0, 1, 2, 3].map(scatterLane).join('')}`)}
      ${forBytes('k', get('cv'), get('cb'), 4, `
        (local.set $bs (f32.const -inf))
        (local.set $is (i32.const -1))
        ${poolWindow(`
            (local.set $vs (f32.load (i32.add ${get('x')} ${get('off')})))
            (if (f32.gt ${get('vs')} ${get('bs')}) (then (local.set $bs ${get('vs')}) (local.set $is ${get('off')})))`)}
        (if (i32.ge_s ${get('is')} (i32.const 0)) (then
          (local.set $o (i32.add ${get('out')} ${get('is')}))
          (f32.store ${get('o')} (f32.add (f32.load ${get('o')}) (f32.load (i32.add ${get('run')} ${get('k')}))))))`)}
      (local.set $run (i32.add ${get('run')} ${get('cb')}))`)))})`;

/**
 * dW [kh, kw, c, m] of a depthwise convolution (channel multiplier m): for every output pixel and tap, the input's
 * channels times dy's, accumulated into the (small, cached) filter gradient; four channels at a time when m = 1.
 */
const depthwiseFilterGrad = `
  (func (export "depthwise_filter_grad") ${i32Params('x', 'dy', 'out', ...GEOMETRY, 'm')} ${i32Locals(...COUNTERS, 'cm', 'cmb', 'acc', 'q')}
    ${prologue}
    (local.set $cm (i32.mul ${get('c')} ${get('m')}))
    (local.set $cmb (i32.shl ${get('cm')} (i32.const 2)))
    (memory.fill ${get('out')} (i32.const 0) (i32.mul (i32.mul ${get('kh')} ${get('kw')}) ${get('cmb')}))
    (local.set $run ${get('dy')})
    ${forRange('b', get('n'), forRange('oy', get('ho'), forRange('ox', get('wo'), `
      ${forRange('i', get('kh'), `
        (local.set $iy (i32.sub (i32.add (i32.mul ${get('oy')} ${get('sh')}) (i32.mul ${get('i')} ${get('dh')})) ${get('pt')}))
        (if (i32.lt_u ${get('iy')} ${get('h')}) (then
          ${forRange('j', get('kw'), `
            (local.set $ix (i32.sub (i32.add (i32.mul ${get('ox')} ${get('sw')}) (i32.mul ${get('j')} ${get('dw')})) ${get('pl')}))
            (if (i32.lt_u ${get('ix')} ${get('w')}) (then
              (local.set $px (i32.add ${get('x')} ${pixel}))
              (local.set $acc (i32.add ${get('out')} (i32.mul (i32.add (i32.mul ${get('i')} ${get('kw')}) ${get('j')}) ${get('cmb')})))
              (if (i32.eq ${get('m')} (i32.const 1))
                (then
                  ${forBytes('k', '(i32.const 0)', get('cv'), 16, `(v128.store (i32.add ${get('acc')} ${get('k')})
                    (f32x4.add (v128.load (i32.add ${get('acc')} ${get('k')})) (f32x4.mul (v128.load (i32.add ${get('px')} ${get('k')})) (v128.load (i32.add ${get('run')} ${get('k')})))))`)}
                  ${forBytes('k', get('cv'), get('cb'), 4, `(f32.store (i32.add ${get('acc')} ${get('k')})
                    (f32.add (f32.load (i32.add ${get('acc')} ${get('k')})) (f32.mul (f32.load (i32.add ${get('px')} ${get('k')})) (f32.load (i32.add ${get('run')} ${get('k')})))))`)})
                (else
                  ${forRange('q', get('cm'), `(local.set $k (i32.shl ${get('q')} (i32.const 2)))
                    (f32.store (i32.add ${get('acc')} ${get('k')}) (f32.add (f32.load (i32.add ${get('acc')} ${get('k')}))
                      (f32.mul (f32.load (i32.add ${get('px')} (i32.shl (i32.div_u ${get('q')} ${get('m')}) (i32.const 2)))) (f32.load (i32.add ${get('run')} ${get('k')})))))`)}))))`)}))`)}
      (local.set $run (i32.add ${get('run')} ${get('cmb')}))`)))})`;

/**
 * dx [n, h, w, c] of an average pooling: each dy divided by the number of input pixels its window covers (padding
 * excluded, as the forward pooling counts them) and added to each of them. dh, dw unused.
 */
const avgPoolGrad = `
  (func (export "avg_pool_grad") ${i32Params('dy', 'out', ...GEOMETRY)} ${i32Locals(...COUNTERS, 'y0', 'y1', 'x0', 'x1')}
    (local $scale f32) (local $g v128)
    ${prologue}
    (memory.fill ${get('out')} (i32.const 0) (i32.mul (i32.mul (i32.mul ${get('n')} ${get('h')}) ${get('w')}) ${get('cb')}))
    (local.set $run ${get('dy')})
    ${forRange('b', get('n'), forRange('oy', get('ho'), forRange('ox', get('wo'), `
      (local.set $y0 (i32.sub (i32.mul ${get('oy')} ${get('sh')}) ${get('pt')}))
      (local.set $x0 (i32.sub (i32.mul ${get('ox')} ${get('sw')}) ${get('pl')}))
      (local.set $y1 (i32.add ${get('y0')} ${get('kh')}))
      (local.set $x1 (i32.add ${get('x0')} ${get('kw')}))
      (if (i32.lt_s ${get('y0')} (i32.const 0)) (then (local.set $y0 (i32.const 0))))
      (if (i32.lt_s ${get('x0')} (i32.const 0)) (then (local.set $x0 (i32.const 0))))
      (if (i32.gt_s ${get('y1')} ${get('h')}) (then (local.set $y1 ${get('h')})))
      (if (i32.gt_s ${get('x1')} ${get('w')}) (then (local.set $x1 ${get('w')})))
      (if (i32.and (i32.gt_s ${get('y1')} ${get('y0')}) (i32.gt_s ${get('x1')} ${get('x0')})) (then
        (local.set $scale (f32.div (f32.const 1) (f32.convert_i32_s (i32.mul (i32.sub ${get('y1')} ${get('y0')}) (i32.sub ${get('x1')} ${get('x0')})))))
        (local.set $g (f32x4.splat ${get('scale')}))
        (local.set $iy ${get('y0')})
        (block $iy_done (loop $iy_loop
          (br_if $iy_done (i32.ge_s ${get('iy')} ${get('y1')}))
          (local.set $ix ${get('x0')})
          (block $ix_done (loop $ix_loop
            (br_if $ix_done (i32.ge_s ${get('ix')} ${get('x1')}))
            (local.set $px (i32.add ${get('out')} ${pixel}))
            ${forBytes('k', '(i32.const 0)', get('cv'), 16, `(v128.store (i32.add ${get('px')} ${get('k')})
              (f32x4.add (v128.load (i32.add ${get('px')} ${get('k')})) (f32x4.mul (v128.load (i32.add ${get('run')} ${get('k')})) ${get('g')})))`)}
            ${forBytes('k', get('cv'), get('cb'), 4, `(f32.store (i32.add ${get('px')} ${get('k')})
              (f32.add (f32.load (i32.add ${get('px')} ${get('k')})) (f32.mul (f32.load (i32.add ${get('run')} ${get('k')})) ${get('scale')})))`)}
            (local.set $ix (i32.add ${get('ix')} (i32.const 1)))
            (br $ix_loop)))
          (local.set $iy (i32.add ${get('iy')} (i32.const 1)))
          (br $iy_loop)))))
      (local.set $run (i32.add ${get('run')} ${get('cb')}))`)))})`;

/**
 * dx of a 2 × 2, stride 2, 'valid' max pooling (the common one): each window's four pixels read once, the first
 * maximum picked with three comparisons per four channels, and every covered pixel written once (dy or 0) — no
 * zero fill, no scatter. Pixels past the last whole window (odd sizes) are zeroed. kh, kw, sh, sw, dh, dw, pt, pl unused.
 */
const maxPoolGrad2x2 = `
  (func (export "max_pool_grad_2x2") ${i32Params('x', 'dy', 'out', ...GEOMETRY)} ${i32Locals(...COUNTERS, 'rowB', 'base', 'o', 'y')}
    (local $p00 v128) (local $p01 v128) (local $p10 v128) (local $p11 v128) (local $g1 v128) (local $g2 v128) (local $g3 v128)
    (local $best v128) (local $d v128) (local $bs f32)
    ${prologue}
    (local.set $rowB (i32.mul ${get('w')} ${get('cb')}))
    (local.set $run ${get('dy')})
    ${forRange('b', get('n'), `
      ${forRange('oy', get('ho'), `
        ${forRange('ox', get('wo'), `
          (local.set $iy (i32.shl ${get('oy')} (i32.const 1)))
          (local.set $ix (i32.shl ${get('ox')} (i32.const 1)))
          (local.set $base ${pixel})
          ${forBytes('k', '(i32.const 0)', get('cv'), 16, `
            (local.set $px (i32.add ${get('x')} (i32.add ${get('base')} ${get('k')})))
            (local.set $p00 (v128.load ${get('px')}))
            (local.set $p01 (v128.load (i32.add ${get('px')} ${get('cb')})))
            (local.set $p10 (v128.load (i32.add ${get('px')} ${get('rowB')})))
            (local.set $p11 (v128.load (i32.add ${get('px')} (i32.add ${get('rowB')} ${get('cb')}))))
            (local.set $g1 (f32x4.gt ${get('p01')} ${get('p00')}))
            (local.set $best (v128.bitselect ${get('p01')} ${get('p00')} ${get('g1')}))
            (local.set $g2 (f32x4.gt ${get('p10')} ${get('best')}))
            (local.set $best (v128.bitselect ${get('p10')} ${get('best')} ${get('g2')}))
            (local.set $g3 (f32x4.gt ${get('p11')} ${get('best')}))
            (local.set $g2 (v128.andnot ${get('g2')} ${get('g3')}))
            (local.set $g1 (v128.andnot (v128.andnot ${get('g1')} ${get('g3')}) ${get('g2')}))
            (local.set $d (v128.load (i32.add ${get('run')} ${get('k')})))
            (local.set $o (i32.add ${get('out')} (i32.add ${get('base')} ${get('k')})))
            (v128.store ${get('o')} (v128.andnot ${get('d')} (v128.or (v128.or ${get('g1')} ${get('g2')}) ${get('g3')})))
            (v128.store (i32.add ${get('o')} ${get('cb')}) (v128.and ${get('d')} ${get('g1')}))
            (v128.store (i32.add ${get('o')} ${get('rowB')}) (v128.and ${get('d')} ${get('g2')}))
            (v128.store (i32.add ${get('o')} (i32.add ${get('rowB')} ${get('cb')})) (v128.and ${get('d')} ${get('g3')}))`)}
          ${forBytes('k', get('cv'), get('cb'), 4, `
            (local.set $px (i32.add ${get('x')} (i32.add ${get('base')} ${get('k')})))
            (local.set $o (i32.add ${get('out')} (i32.add ${get('base')} ${get('k')})))
            (f32.store ${get('o')} (f32.const 0))
            (f32.store (i32.add ${get('o')} ${get('cb')}) (f32.const 0))
            (f32.store (i32.add ${get('o')} ${get('rowB')}) (f32.const 0))
            (f32.store (i32.add ${get('o')} (i32.add ${get('rowB')} ${get('cb')})) (f32.const 0))
            ;; the first maximum of the four, in row-major order
            (local.set $y (i32.const 0))
            (local.set $bs (f32.load ${get('px')}))
            (if (f32.gt (f32.load (i32.add ${get('px')} ${get('cb')})) ${get('bs')}) (then (local.set $bs (f32.load (i32.add ${get('px')} ${get('cb')}))) (local.set $y ${get('cb')})))
            (if (f32.gt (f32.load (i32.add ${get('px')} ${get('rowB')})) ${get('bs')}) (then (local.set $bs (f32.load (i32.add ${get('px')} ${get('rowB')}))) (local.set $y ${get('rowB')})))
            (if (f32.gt (f32.load (i32.add ${get('px')} (i32.add ${get('rowB')} ${get('cb')}))) ${get('bs')}) (then (local.set $y (i32.add ${get('rowB')} ${get('cb')}))))
            (f32.store (i32.add ${get('o')} ${get('y')}) (f32.load (i32.add ${get('run')} ${get('k')})))`)}
          (local.set $run (i32.add ${get('run')} ${get('cb')}))`)}
        ;; an odd last column
        (if (i32.and ${get('w')} (i32.const 1)) (then
          (local.set $iy (i32.shl ${get('oy')} (i32.const 1)))
          (local.set $ix (i32.sub ${get('w')} (i32.const 1)))
          (memory.fill (i32.add ${get('out')} ${pixel}) (i32.const 0) ${get('cb')})
          (local.set $iy (i32.add ${get('iy')} (i32.const 1)))
          (memory.fill (i32.add ${get('out')} ${pixel}) (i32.const 0) ${get('cb')})))`)}
      ;; rows past the last window
      (local.set $iy (i32.shl ${get('ho')} (i32.const 1)))
      (local.set $ix (i32.const 0))
      (if (i32.lt_s ${get('iy')} ${get('h')}) (then
        (memory.fill (i32.add ${get('out')} ${pixel}) (i32.const 0) (i32.mul (i32.sub ${get('h')} ${get('iy')}) ${get('rowB')}))))`)})`;

/** Output pixels per block of the direct filter gradient: their dy rows (≤ 64 × Cout floats) stay in L1 over every tap. */
export const FILTER_GRAD_BLOCK = 64;


const accumulate = (a, offset) => `(local.set $${a} (f32x4.add ${get(a)} (f32x4.mul ${get('xv')} (v128.load offset=${offset} ${get('dyp')}))))`;
const flush = (a, offset) => `(v128.store offset=${offset} ${get('accRow')} (f32x4.add (v128.load offset=${offset} ${get('accRow')}) ${get(a)}))`;

/**
 * dW [kh·kw·c, co] of a convolution with few taps × input channels (a first layer on grey images): per block of
 * output pixels and per tap, the source pixel offsets go to `scratch` (FILTER_GRAD_BLOCK i32s), then each input
 * channel's values times dy rows accumulate in registers, sixteen output channels at a time (then four, then one).
 */
const filterGradSmall = `
  (func (export "filter_grad_small") ${i32Params('x', 'dy', 'out', 'scratch', ...GEOMETRY, 'co')}
    ${i32Locals(...COUNTERS, 'pixels', 'hw', 'p0', 'pn', 't', 'ch', 'cob', 'co16', 'co4', 'g', 'dyp', 'accRow', 'src', 'q', 'b0', 'oy0', 'ox0', 'rem')}
    (local $xv v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $xs f32) (local $as f32)
    ${prologue}
    (local.set $cob (i32.shl ${get('co')} (i32.const 2)))
    (local.set $co16 (i32.shl (i32.shr_u ${get('co')} (i32.const 4)) (i32.const 6)))
    (local.set $co4 (i32.shl (i32.shr_u ${get('co')} (i32.const 2)) (i32.const 4)))
    (local.set $hw (i32.mul ${get('ho')} ${get('wo')}))
    (local.set $pixels (i32.mul ${get('n')} ${get('hw')}))
    (memory.fill ${get('out')} (i32.const 0) (i32.mul (i32.mul (i32.mul ${get('kh')} ${get('kw')}) ${get('c')}) ${get('cob')}))
    (block $p0_done (loop $p0_loop
      (br_if $p0_done (i32.ge_s ${get('p0')} ${get('pixels')}))
      (local.set $pn (i32.sub ${get('pixels')} ${get('p0')}))
      (if (i32.gt_s ${get('pn')} (i32.const ${FILTER_GRAD_BLOCK})) (then (local.set $pn (i32.const ${FILTER_GRAD_BLOCK}))))
      (local.set $b0 (i32.div_u ${get('p0')} ${get('hw')}))
      (local.set $rem (i32.rem_u ${get('p0')} ${get('hw')}))
      (local.set $oy0 (i32.div_u ${get('rem')} ${get('wo')}))
      (local.set $ox0 (i32.rem_u ${get('rem')} ${get('wo')}))
      ${forRange('i', get('kh'), forRange('j', get('kw'), `
        ;; source pixel byte offsets of this tap for the block's pixels
        (local.set $b ${get('b0')}) (local.set $oy ${get('oy0')}) (local.set $ox ${get('ox0')})
        ${forRange('t', get('pn'), `
          (local.set $iy (i32.sub (i32.add (i32.mul ${get('oy')} ${get('sh')}) (i32.mul ${get('i')} ${get('dh')})) ${get('pt')}))
          (local.set $ix (i32.sub (i32.add (i32.mul ${get('ox')} ${get('sw')}) (i32.mul ${get('j')} ${get('dw')})) ${get('pl')}))
          (i32.store (i32.add ${get('scratch')} (i32.shl ${get('t')} (i32.const 2)))
            (select ${pixel} (i32.const -1) (i32.and (i32.lt_u ${get('iy')} ${get('h')}) (i32.lt_u ${get('ix')} ${get('w')}))))
          (local.set $ox (i32.add ${get('ox')} (i32.const 1)))
          (if (i32.eq ${get('ox')} ${get('wo')}) (then
            (local.set $ox (i32.const 0))
            (local.set $oy (i32.add ${get('oy')} (i32.const 1)))
            (if (i32.eq ${get('oy')} ${get('ho')}) (then (local.set $oy (i32.const 0)) (local.set $b (i32.add ${get('b')} (i32.const 1)))))))`)}
        ${forRange('ch', get('c'), `
          (local.set $accRow (i32.add ${get('out')} (i32.mul (i32.add (i32.mul (i32.add (i32.mul ${get('i')} ${get('kw')}) ${get('j')}) ${get('c')}) ${get('ch')}) ${get('cob')})))
          (local.set $src (i32.add ${get('x')} (i32.shl ${get('ch')} (i32.const 2))))
          ;; sixteen output channels at a time
          (local.set $g (i32.const 0))
          (block $g16_done (loop $g16_loop
            (br_if $g16_done (i32.ge_u ${get('g')} ${get('co16')}))
            (local.set $a0 (v128.const i32x4 0 0 0 0)) (local.set $a1 (v128.const i32x4 0 0 0 0))
            (local.set $a2 (v128.const i32x4 0 0 0 0)) (local.set $a3 (v128.const i32x4 0 0 0 0))
            (local.set $dyp (i32.add ${get('dy')} (i32.add (i32.mul ${get('p0')} ${get('cob')}) ${get('g')})))
            ${forRange('t', get('pn'), `
              (local.set $q (i32.load (i32.add ${get('scratch')} (i32.shl ${get('t')} (i32.const 2)))))
              (if (i32.ge_s ${get('q')} (i32.const 0)) (then
                (local.set $xv (v128.load32_splat (i32.add ${get('src')} ${get('q')})))
                ${accumulate('a0', 0)} ${accumulate('a1', 16)} ${accumulate('a2', 32)} ${accumulate('a3', 48)}))
              (local.set $dyp (i32.add ${get('dyp')} ${get('cob')}))`)}
            (local.set $accRow (i32.add ${get('accRow')} ${get('g')}))
            ${flush('a0', 0)} ${flush('a1', 16)} ${flush('a2', 32)} ${flush('a3', 48)}
            (local.set $accRow (i32.sub ${get('accRow')} ${get('g')}))
            (local.set $g (i32.add ${get('g')} (i32.const 64)))
            (br $g16_loop)))
          ;; then four at a time
          (block $g4_done (loop $g4_loop
            (br_if $g4_done (i32.ge_u ${get('g')} ${get('co4')}))
            (local.set $a0 (v128.const i32x4 0 0 0 0))
            (local.set $dyp (i32.add ${get('dy')} (i32.add (i32.mul ${get('p0')} ${get('cob')}) ${get('g')})))
            ${forRange('t', get('pn'), `
              (local.set $q (i32.load (i32.add ${get('scratch')} (i32.shl ${get('t')} (i32.const 2)))))
              (if (i32.ge_s ${get('q')} (i32.const 0)) (then
                (local.set $xv (v128.load32_splat (i32.add ${get('src')} ${get('q')})))
                ${accumulate('a0', 0)}))
              (local.set $dyp (i32.add ${get('dyp')} ${get('cob')}))`)}
            (local.set $accRow (i32.add ${get('accRow')} ${get('g')}))
            ${flush('a0', 0)}
            (local.set $accRow (i32.sub ${get('accRow')} ${get('g')}))
            (local.set $g (i32.add ${get('g')} (i32.const 16)))
            (br $g4_loop)))
          ;; then one at a time
          (block $g1_done (loop $g1_loop
            (br_if $g1_done (i32.ge_u ${get('g')} ${get('cob')}))
            (local.set $as (f32.const 0))
            (local.set $dyp (i32.add ${get('dy')} (i32.add (i32.mul ${get('p0')} ${get('cob')}) ${get('g')})))
            ${forRange('t', get('pn'), `
              (local.set $q (i32.load (i32.add ${get('scratch')} (i32.shl ${get('t')} (i32.const 2)))))
              (if (i32.ge_s ${get('q')} (i32.const 0)) (then
                (local.set $as (f32.add ${get('as')} (f32.mul (f32.load (i32.add ${get('src')} ${get('q')})) (f32.load ${get('dyp')}))))))
              (local.set $dyp (i32.add ${get('dyp')} ${get('cob')}))`)}
            (f32.store (i32.add ${get('accRow')} ${get('g')}) (f32.add (f32.load (i32.add ${get('accRow')} ${get('g')})) ${get('as')}))
            (local.set $g (i32.add ${get('g')} (i32.const 4)))
            (br $g1_loop)))`)}`))}
      (local.set $p0 (i32.add ${get('p0')} ${get('pn')}))
      (br $p0_loop))))`;

export const convKernels = [im2col, col2im, maxPoolGrad, maxPoolGrad2x2, avgPoolGrad, depthwiseFilterGrad, filterGradSmall];

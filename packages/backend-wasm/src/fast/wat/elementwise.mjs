// WAT for the elementwise gradient kernels: one pass over dy and a saved tensor, four lanes at a time, then a
// scalar tail. Every pointer is a byte offset into tfjs' own wasm memory; `n` counts float32 elements.

const get = (name) => `(local.get $${name})`;

/**
 * A kernel `out[i] = f(a[i], b[i])`. `vec` and `scalar` are WAT expressions of `$av`/`$bv` (v128) and `$as`/`$bs`
 * (f32); `params` are extra f32 parameters, each also splatted into a v128 local `$<name>v`.
 */
export function binaryElementwise(name, { params = [], vec, scalar }) {
  const extra = params.map((p) => `(param $${p} f32)`).join(' ');
  const splats = params.map((p) => `(local $${p}v v128)`).join(' ');
  const setSplats = params.map((p) => `(local.set $${p}v (f32x4.splat ${get(p)}))`).join('\n    ');
  return `
  (func (export "${name}") (param $a i32) (param $b i32) (param $out i32) (param $n i32) ${extra}
    (local $i i32) (local $end i32) (local $av v128) (local $bv v128) (local $as f32) (local $bs f32) ${splats}
    ${setSplats}
    (local.set $end (i32.shl (i32.shr_u ${get('n')} (i32.const 2)) (i32.const 4)))
    (block $vdone (loop $vloop
      (br_if $vdone (i32.ge_u ${get('i')} ${get('end')}))
      (local.set $av (v128.load (i32.add ${get('a')} ${get('i')})))
      (local.set $bv (v128.load (i32.add ${get('b')} ${get('i')})))
      (v128.store (i32.add ${get('out')} ${get('i')}) ${vec})
      (local.set $i (i32.add ${get('i')} (i32.const 16)))
      (br $vloop)))
    (local.set $end (i32.shl ${get('n')} (i32.const 2)))
    (block $sdone (loop $sloop
      (br_if $sdone (i32.ge_u ${get('i')} ${get('end')}))
      (local.set $as (f32.load (i32.add ${get('a')} ${get('i')})))
      (local.set $bs (f32.load (i32.add ${get('b')} ${get('i')})))
      (f32.store (i32.add ${get('out')} ${get('i')}) ${scalar})
      (local.set $i (i32.add ${get('i')} (i32.const 4)))
      (br $sloop))))`;
}

const ZERO_V = '(v128.const f32x4 0 0 0 0)';
const ONE_V = '(v128.const f32x4 1 1 1 1)';

export const elementwiseKernels = [
  // ReLU / ReLU6: dy where lo < x <= hi, else 0 (tfjs: dy · step(x) [· (x <= 6)]).
  binaryElementwise('band_mask', {
    params: ['lo', 'hi'],
    vec: '(v128.and (local.get $av) (v128.and (f32x4.gt (local.get $bv) (local.get $lov)) (f32x4.le (local.get $bv) (local.get $hiv))))',
    scalar: '(select (local.get $as) (f32.const 0) (i32.and (f32.gt (local.get $bs) (local.get $lo)) (f32.le (local.get $bs) (local.get $hi))))',
  }),
  // LeakyReLU: x > 0 ? dy : alpha · dy.
  binaryElementwise('leaky_mask', {
    params: ['alpha'],
    vec: '(v128.bitselect (local.get $av) (f32x4.mul (local.get $av) (local.get $alphav)) (f32x4.gt (local.get $bv) ' + ZERO_V + '))',
    scalar: '(select (local.get $as) (f32.mul (local.get $as) (local.get $alpha)) (f32.gt (local.get $bs) (f32.const 0)))',
  }),
  // Sigmoid from its output y: dy · (y · (1 − y)), in tfjs' order of operations.
  binaryElementwise('sigmoid_grad', {
    vec: `(f32x4.mul (local.get $av) (f32x4.mul (local.get $bv) (f32x4.sub ${ONE_V} (local.get $bv))))`,
    scalar: '(f32.mul (local.get $as) (f32.mul (local.get $bs) (f32.sub (f32.const 1) (local.get $bs))))',
  }),
  // Tanh from its output y: (1 − y²) · dy, in tfjs' order of operations.
  binaryElementwise('tanh_grad', {
    vec: `(f32x4.mul (f32x4.sub ${ONE_V} (f32x4.mul (local.get $bv) (local.get $bv))) (local.get $av))`,
    scalar: '(f32.mul (f32.sub (f32.const 1) (f32.mul (local.get $bs) (local.get $bs))) (local.get $as))',
  }),
];

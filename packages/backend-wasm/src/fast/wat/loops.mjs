// Small WAT-writing helpers shared by the kernel generators.

/** `(local.get $name)`. */
export const get = (name) => `(local.get $${name})`;

/** A counted loop `for ($v = 0; $v < limit; $v++) body` (signed compare; labels derive from the variable name). */
export function forRange(v, limit, body) {
  return `
    (local.set $${v} (i32.const 0))
    (block $${v}_done (loop $${v}_loop
      (br_if $${v}_done (i32.ge_s (local.get $${v}) ${limit}))
      ${body}
      (local.set $${v} (i32.add (local.get $${v}) (i32.const 1)))
      (br $${v}_loop)))`;
}

/** A loop over byte offsets `for ($v = start; $v < end; $v += step) body` (unsigned compare). */
export function forBytes(v, start, end, step, body) {
  return `
    (local.set $${v} ${start})
    (block $${v}_done (loop $${v}_loop
      (br_if $${v}_done (i32.ge_u (local.get $${v}) ${end}))
      ${body}
      (local.set $${v} (i32.add (local.get $${v}) (i32.const ${step})))
      (br $${v}_loop)))`;
}

/** `(param $a i32) (param $b i32) …` for the given names. */
export const i32Params = (...names) => names.map((n) => `(param $${n} i32)`).join(' ');

/** `(local $a i32) …` for the given names. */
export const i32Locals = (...names) => names.map((n) => `(local $${n} i32)`).join(' ');

/** i8x16.shuffle byte indices picking f32 lanes (0–3 from the first operand, 4–7 from the second). */
export const lanes = (...ls) => ls.flatMap((l) => [0, 1, 2, 3].map((b) => 4 * l + b)).join(' ');

/** `len` bytes (a multiple of 4) from `src` to `dst`, sixteen at a time, then four. Uses $k, $kv. */
export const copyRun = (dst, src, len) => `
    (local.set $kv (i32.and ${len} (i32.const -16)))
    (local.set $k (i32.const 0))
    (block $v_done (loop $v_loop
      (br_if $v_done (i32.ge_u ${get('k')} ${get('kv')}))
      (v128.store (i32.add ${dst} ${get('k')}) (v128.load (i32.add ${src} ${get('k')})))
      (local.set $k (i32.add ${get('k')} (i32.const 16)))
      (br $v_loop)))
    (block $s_done (loop $s_loop
      (br_if $s_done (i32.ge_u ${get('k')} ${len}))
      (f32.store (i32.add ${dst} ${get('k')}) (f32.load (i32.add ${src} ${get('k')})))
      (local.set $k (i32.add ${get('k')} (i32.const 4)))
      (br $s_loop)))`;

/** `dst[0 .. len) += src[0 .. len)` (bytes, a multiple of 4), sixteen at a time, then four. Uses $k, $kv. */
export const addRun = (dst, src, len) => `
    (local.set $kv (i32.and ${len} (i32.const -16)))
    (local.set $k (i32.const 0))
    (block $v_done (loop $v_loop
      (br_if $v_done (i32.ge_u ${get('k')} ${get('kv')}))
      (v128.store (i32.add ${dst} ${get('k')}) (f32x4.add (v128.load (i32.add ${dst} ${get('k')})) (v128.load (i32.add ${src} ${get('k')}))))
      (local.set $k (i32.add ${get('k')} (i32.const 16)))
      (br $v_loop)))
    (block $s_done (loop $s_loop
      (br_if $s_done (i32.ge_u ${get('k')} ${len}))
      (f32.store (i32.add ${dst} ${get('k')}) (f32.add (f32.load (i32.add ${dst} ${get('k')})) (f32.load (i32.add ${src} ${get('k')}))))
      (local.set $k (i32.add ${get('k')} (i32.const 4)))
      (br $s_loop)))`;

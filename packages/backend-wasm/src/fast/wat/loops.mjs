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

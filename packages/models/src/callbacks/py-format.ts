/**
 * Python's number formatting, digit for digit, for text Keras prints or writes: `f"{v:.4f}"`, `f"{v:.4e}"`,
 * `str(float)` (CSVLogger), `"%d"`, and `str.format` templates (ModelCheckpoint's `{epoch:02d}-{val_loss:.2f}`).
 * Rounding is Python's: round-half-even on the exact binary value (JavaScript's `toFixed` rounds ties up).
 */
import { ValueError } from '@strata/core';

/** The exact value of a finite, non-negative double as `digits × 10^exp`. */
function exactDecimal(x: number): { digits: bigint; exp: number } {
  if (x === 0) return { digits: 0n, exp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2 = -1074;
  if (expBits !== 0) {
    mantissa |= 1n << 52n;
    e2 = expBits - 1075;
  }
  if (e2 >= 0) return { digits: mantissa << BigInt(e2), exp: 0 };
  return { digits: mantissa * 5n ** BigInt(-e2), exp: e2 };
}

/** `round(digits × 10^shift)`, ties to even. */
function roundShift(digits: bigint, shift: number): bigint {
  if (shift >= 0) return digits * 10n ** BigInt(shift);
  const div = 10n ** BigInt(-shift);
  const q = digits / div;
  const r = digits % div;
  const twice = 2n * r;
  if (twice > div || (twice === div && q % 2n === 1n)) return q + 1n;
  return q;
}

function special(x: number): string | null {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/**
 * `f"{x:.{precision}f}"`.
 *
 * @example
 * formatFixed(0.03125, 4); // '0.0312' (JavaScript's toFixed gives '0.0313')
 */
export function formatFixed(x: number, precision: number): string {
  const s = special(x);
  if (s) return s;
  const { digits, exp } = exactDecimal(Math.abs(x));
  const n = roundShift(digits, exp + precision).toString().padStart(precision + 1, '0');
  const body = precision > 0 ? `${n.slice(0, n.length - precision)}.${n.slice(n.length - precision)}` : n;
  return (isNegative(x) ? '-' : '') + body;
}

/** Mantissa digits and decimal exponent of `|x|` rounded to `significant` digits. */
function scientificParts(x: number, significant: number): { mantissa: string; exponent: number } {
  const { digits, exp } = exactDecimal(Math.abs(x));
  if (digits === 0n) return { mantissa: '0'.repeat(significant), exponent: 0 };
  let exponent = digits.toString().length - 1 + exp;
  let n = roundShift(digits, exp + significant - 1 - exponent);
  if (n.toString().length > significant) {
    exponent += 1;
    n = roundShift(digits, exp + significant - 1 - exponent);
  }
  return { mantissa: n.toString(), exponent };
}

function exponentText(e: number): string {
  return `${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/**
 * `f"{x:.{precision}e}"`.
 *
 * @example
 * formatExponential(0.00001234, 4); // '1.2340e-05'
 */
export function formatExponential(x: number, precision: number): string {
  const s = special(x);
  if (s) return s;
  const { mantissa, exponent } = scientificParts(x, precision + 1);
  const body = precision > 0 ? `${mantissa[0]}.${mantissa.slice(1)}` : mantissa;
  return `${isNegative(x) ? '-' : ''}${body}e${exponentText(exponent)}`;
}

/**
 * `f"{x:.{precision}g}"` (trailing zeros removed unless `alternate`).
 */
export function formatGeneral(x: number, precision = 6, alternate = false): string {
  const s = special(x);
  if (s) return s;
  const p = precision === 0 ? 1 : precision;
  const { exponent } = scientificParts(x, p);
  let out: string;
  if (x !== 0 && (exponent < -4 || exponent >= p)) {
    out = formatExponential(x, p - 1);
    if (!alternate) out = out.replace(/\.?0+e/, 'e');
  } else {
    out = formatFixed(x, Math.max(0, p - 1 - (x === 0 ? 0 : exponent)));
    if (!alternate && out.includes('.')) out = out.replace(/\.?0+$/, '');
  }
  return out;
}

/**
 * Python's `str(float)` / `repr(float)`: the shortest digits that round-trip, scientific below 1e-4 and from 1e16,
 * and always a decimal point or exponent (`1.0`, `1e-05`, `0.4000000059604645`).
 */
export function floatRepr(x: number): string {
  const s = special(x);
  if (s) return s;
  const [m, e] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = m.replace('.', '');
  const exponent = Number(e);
  const sign = isNegative(x) ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mant}e${exponentText(exponent)}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const frac = digits.slice(exponent + 1);
  return `${sign}${intPart}.${frac || '0'}`;
}

/** A value for {@link pyFormat}: a number is a float unless wrapped as `{ int: n }`. */
export type PyValue = number | string | { int: number };

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

function group(intDigits: string, sep: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Formats one value with a Python format spec (`02d`, `.2f`, `>8.3e`, …). */
export function formatSpec(value: PyValue, spec: string): string {
  const m = SPEC.exec(spec);
  if (!m) throw new ValueError(`Invalid format specifier "${spec}".`);
  const [, fillChar, alignChar, signChar, alt, zero, widthText, grouping, precisionText, typeChar] = m;
  const precision = precisionText !== undefined ? Number(precisionText) : undefined;
  const isInt = typeof value === 'object';
  const num = typeof value === 'object' ? value.int : value;
  let body: string;
  let numeric = true;
  if (typeof num === 'string') {
    if (typeChar && typeChar !== 's') throw new ValueError(`Unknown format code "${typeChar}" for a string.`);
    numeric = false;
    body = precision !== undefined ? num.slice(0, precision) : num;
  } else {
    const type = typeChar ?? (isInt ? 'd' : '');
    const abs = Math.abs(num);
    switch (type) {
      case 'd':
      case 'n':
        if (!Number.isInteger(num)) throw new ValueError(`Unknown format code "d" for a float value (${num}): use ".0f" or an int.`);
        body = String(abs);
        break;
      case 'f':
      case 'F':
        body = formatFixed(abs, precision ?? 6);
        break;
      case 'e':
      case 'E':
        body = formatExponential(abs, precision ?? 6);
        break;
      case 'g':
      case 'G':
        body = formatGeneral(abs, precision ?? 6, alt === '#');
        break;
      case '%':
        body = `${formatFixed(abs * 100, precision ?? 6)}%`;
        break;
      case '':
        body = precision !== undefined ? formatGeneral(abs, precision, alt === '#') : isInt ? String(abs) : floatRepr(abs);
        break;
      default:
        throw new ValueError(`Unsupported format code "${type}" in "${spec}".`);
    }
    if (type === 'E' || type === 'G' || type === 'F') body = body.toUpperCase();
    if (grouping) {
      const [i, ...rest] = body.split('.');
      body = [group(i!, grouping), ...rest].join('.');
    }
    const neg = isNegative(num) && !Number.isNaN(num);
    const sign = neg ? '-' : signChar === '+' ? '+' : signChar === ' ' ? ' ' : '';
    const width = widthText !== undefined ? Number(widthText) : 0;
    if ((zero || alignChar === '=') && !(alignChar && alignChar !== '=')) {
      const fill = alignChar === '=' ? (fillChar ?? ' ') : '0';
      return sign + body.padStart(Math.max(0, width - sign.length), fill);
    }
    body = sign + body;
  }
  const width = widthText !== undefined ? Number(widthText) : 0;
  const fill = fillChar ?? ' ';
  const align = alignChar ?? (numeric ? '>' : '<');
  const pad = Math.max(0, width - body.length);
  if (align === '<') return body + fill.repeat(pad);
  if (align === '^') return fill.repeat(Math.floor(pad / 2)) + body + fill.repeat(pad - Math.floor(pad / 2));
  return fill.repeat(pad) + body;
}

/**
 * Python's `template.format(**values)` for named fields (`{name}` or `{name:spec}`; `{{`/`}}` escape braces).
 * A missing name throws, naming the template and the field.
 *
 * @example
 * pyFormat('ckpt-{epoch:02d}-{val_loss:.2f}.keras', { epoch: { int: 3 }, val_loss: 0.4567 }); // 'ckpt-03-0.46.keras'
 */
export function pyFormat(template: string, values: Record<string, PyValue>): string {
  return template.replace(/\{\{|\}\}|\{([^{}:!]*)(?:![rsa])?(?::([^{}]*))?\}/g, (match, name: string | undefined, spec: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    if (!name || !(name in values)) {
      throw new ValueError(`Failed to format "${template}": no value for "{${name ?? ''}}". Available: ${Object.keys(values).join(', ')}.`);
    }
    return formatSpec(values[name]!, spec ?? '');
  });
}

/**
 * MobileNet's default model name, Keras' `f"mobilenet_{alpha:0.2f}_{rows}"`.
 *
 * @example
 * mobilenetModelName(0.5, 160);  // 'mobilenet_0.50_160'
 * mobilenetModelName(1, null);   // 'mobilenet_1.00_None'
 */

/**
 * `x` with two decimals as Python's `format(x, '0.2f')`: correctly rounded, exact ties to even (`0.125` → `'0.12'`,
 * where `toFixed` gives `'0.13'`). A tie at the hundredths is exactly an odd multiple of 1/8.
 *
 * @example
 * formatFixed2(0.375); // '0.38'
 */
export function formatFixed2(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const eighths = x * 8;
  if (Number.isInteger(eighths) && !Number.isInteger(x * 4) && Math.abs(eighths) < 2 ** 50) {
    const lower = Math.floor(x * 100); // x * 100 = lower + 0.5 exactly
    const even = lower % 2 === 0 ? lower : lower + 1;
    const text = (Math.abs(even) / 100).toFixed(2);
    return even < 0 ? `-${text}` : text;
  }
  return x.toFixed(2);
}

/** Keras' default name for a MobileNet of width `alpha` on `rows`-pixel inputs (`None` when the size is open). */
export function mobilenetModelName(alpha: number, rows: number | null): string {
  return `mobilenet_${formatFixed2(alpha)}_${rows === null ? 'None' : String(rows)}`;
}

/**
 * `Progbar`: Keras' text progress bar (`keras.utils.Progbar`, utils/progbar.py), with the same text: a 20-cell bar
 * of `━` (green done, grey to do), the step count, ETA or elapsed time, time per step and the metrics.
 */
import { formatExponential, formatFixed } from './py-format.js';
import { hasDynamicDisplay, printMsg } from './io.js';

/** Options of {@link Progbar}. */
export interface ProgbarOptions {
  /** Bar width in cells (default 20). */
  width?: number;
  /** 0 silent, 1 a bar redrawn per update, 2 one line at the end. */
  verbose?: number;
  /** Minimum seconds between redraws (default 0.05). */
  interval?: number;
  /** Names of metrics shown as given (all others are averaged over updates). Exclusive with `statelessMetrics`. */
  statefulMetrics?: Iterable<string>;
  /** Names of metrics averaged over updates (all others are shown as given). */
  statelessMetrics?: Iterable<string>;
  /** The unit in `ms/step` (default `'step'`). */
  unitName?: string;
  /** Overrides whether the line is redrawn in place (default: a TTY or any POSIX system, as Keras). */
  dynamicDisplay?: boolean;
  /** Where text goes (default: stdout in Node, the console in browsers). */
  print?: (message: string) => void;
}

/** Seconds since the epoch (Keras' `time.time()`), read through `Progbar.clock`. */
function now(): number {
  return Progbar.clock();
}

/** Python's `"%d" % x` for a non-negative float: truncation. */
function pyInt(x: number): string {
  return String(Math.trunc(x));
}

function pad2(x: number): string {
  return pyInt(x).padStart(2, '0');
}

/** Python's `%` (the result takes the divisor's sign). */
function pyMod(a: number, b: number): number {
  return a - Math.floor(a / b) * b;
}

/**
 * A progress bar, as `keras.utils.Progbar`.
 *
 * @example
 * const bar = new Progbar(100);
 * for (let i = 1; i <= 100; i++) bar.update(i, [['loss', 1 / i]]);
 */
export class Progbar {
  /** @internal The clock every bar reads, in seconds (tests script it). */
  static clock: () => number = () => Date.now() / 1000;
  target: number | null;
  readonly width: number;
  readonly verbose: number;
  readonly interval: number;
  readonly unitName: string;
  private readonly statefulMetrics: Set<string> | null;
  private readonly statelessMetrics: Set<string> | null;
  private readonly dynamicDisplay: boolean;
  private readonly print: (message: string) => void;
  private seenSoFar = 0;
  private readonly values = new Map<string, [number, number]>();
  private readonly valuesOrder: string[] = [];
  private readonly start: number;
  private lastUpdate = 0;
  private timeAfterFirstStep: number | null = null;
  private prevTotalWidth = 0;

  constructor(target: number | null, options: ProgbarOptions = {}) {
    if (options.statefulMetrics && options.statelessMetrics) {
      throw new Error('Only one of `statefulMetrics` or `statelessMetrics` can be provided.');
    }
    this.target = target;
    this.width = options.width ?? 20;
    this.verbose = options.verbose ?? 1;
    this.interval = options.interval ?? 0.05;
    this.unitName = options.unitName ?? 'step';
    this.statelessMetrics = options.statelessMetrics ? new Set(options.statelessMetrics) : null;
    this.statefulMetrics = this.statelessMetrics ? null : new Set(options.statefulMetrics ?? []);
    this.dynamicDisplay = options.dynamicDisplay ?? hasDynamicDisplay();
    this.print = options.print ?? ((m) => printMsg(m, false));
    this.start = now();
  }

  /**
   * Moves the bar to step `current`, with `[name, value]` pairs for the last step. `finalize` (default: `current
   * >= target`) prints the final line.
   */
  update(current: number, values: Array<[string, number]> = [], finalize?: boolean): void {
    const fin = finalize ?? (this.target === null ? false : current >= this.target);
    for (const [k, v] of values) {
      if (!this.valuesOrder.includes(k)) this.valuesOrder.push(k);
      const stateless = this.statefulMetrics ? !this.statefulMetrics.has(k) : this.statelessMetrics!.has(k);
      if (stateless && !fin) {
        const base = Math.max(current - this.seenSoFar, 1);
        const prev = this.values.get(k);
        if (prev) {
          prev[0] += v * base;
          prev[1] += base;
        } else {
          this.values.set(k, [v * base, base]);
        }
      } else {
        this.values.set(k, [v, 1]);
      }
    }
    this.seenSoFar = current;

    const t = now();
    const timePerUnit = this.estimateStepDuration(current, t);
    if (this.verbose === 1) {
      if (t - this.lastUpdate < this.interval && !fin) return;
      let message = this.dynamicDisplay ? `${'\b'.repeat(this.prevTotalWidth)}\r` : '\n';
      let special = 0;
      let bar: string;
      const target = this.target;
      if (target !== null && target > 0) {
        const numDigits = Math.floor(Math.log10(target)) + 1;
        bar = `\x1b[1m${String(current).padStart(numDigits)}/${target}\x1b[0m `;
        special += 8;
        const progWidth = Math.trunc((this.width * current) / target);
        if (progWidth > 0) {
          bar += `\x1b[32m${'━'.repeat(progWidth)}\x1b[0m`;
          special += 9;
        }
        bar += `\x1b[37m${'━'.repeat(Math.max(0, this.width - progWidth))}\x1b[0m`;
        special += 9;
      } else {
        bar = `${String(current).padStart(7)}/Unknown`;
      }
      message += bar;
      let info: string;
      if (target !== null && target > 0 && !fin) {
        const eta = timePerUnit * (target - current);
        let etaFormat: string;
        if (eta > 3600) etaFormat = `${pyInt(eta / 3600)}:${pad2(pyMod(eta, 3600) / 60)}:${pad2(pyMod(eta, 60))}`;
        else if (eta > 60) etaFormat = `${pyInt(eta / 60)}:${pad2(pyMod(eta, 60))}`;
        else etaFormat = `${pyInt(eta)}s`;
        info = ` \x1b[1m${etaFormat}\x1b[0m`;
      } else {
        info = ` \x1b[1m${formatFixed(t - this.start, 0)}s\x1b[0m`;
      }
      special += 8;
      info += formatTime(timePerUnit, this.unitName);
      for (const k of this.valuesOrder) info += ` - ${k}: ${this.average(k, (a) => Math.abs(a) > 1e-3)}`;
      message += info;
      const totalWidth = bar.length + info.length - special;
      if (this.prevTotalWidth > totalWidth) message += ' '.repeat(this.prevTotalWidth - totalWidth);
      if (fin) message += '\n';
      this.print(message);
      this.prevTotalWidth = totalWidth;
    } else if (this.verbose === 2) {
      if (fin && this.target !== null && this.target > 0) {
        const numDigits = Math.floor(Math.log10(this.target)) + 1;
        let info = `${String(current).padStart(numDigits)}/${this.target} - ${formatFixed(t - this.start, 0)}s`;
        info += ` -${formatTime(timePerUnit, this.unitName)}`;
        for (const k of this.valuesOrder) info += ` - ${k}: ${this.average(k, (a) => a > 1e-3)}`;
        this.print(`${info}\n`);
      }
    }
    this.lastUpdate = t;
  }

  /** Advances the bar by `n` steps. */
  add(n: number, values?: Array<[string, number]>): void {
    this.update(this.seenSoFar + n, values);
  }

  private average(k: string, useFixed: (avg: number) => boolean): string {
    const [sum, count] = this.values.get(k)!;
    const avg = sum / Math.max(1, count);
    return useFixed(avg) ? formatFixed(avg, 4) : formatExponential(avg, 4);
  }

  private estimateStepDuration(current: number, t: number): number {
    if (!current) return 0;
    const perUnit = this.timeAfterFirstStep !== null && current > 1
      ? (t - this.timeAfterFirstStep) / (current - 1)
      : (t - this.start) / current;
    if (current === 1) this.timeAfterFirstStep = t;
    return perUnit;
  }
}

/** ` 12ms/step`, ` 2s/step` or ` 350us/step`, as Keras' `_format_time`. */
function formatTime(timePerUnit: number, unitName: string): string {
  if (timePerUnit >= 1 || timePerUnit === 0) return ` ${formatFixed(timePerUnit, 0)}s/${unitName}`;
  if (timePerUnit >= 1e-3) return ` ${formatFixed(timePerUnit * 1000, 0)}ms/${unitName}`;
  return ` ${formatFixed(timePerUnit * 1e6, 0)}us/${unitName}`;
}

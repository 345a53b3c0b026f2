/**
 * The terminal progress bar `getFile` draws while it downloads, in the style of Keras' `Progbar`
 * (`17225924/17225924 ━━━━━━━━━━━━━━━━━━━━ 3s`). It is drawn only on a TTY; Node's platform decides that.
 *
 * @example
 * const bar = new ProgressBar(process.stderr);
 * bar.update(512, 1024);
 * bar.done(1024, 1024);
 */
import type { ProgressDisplay, ProgressStream } from '../../platform/types.js';

const WIDTH = 20;
const BOLD = '\x1b[1m';
const GREEN = '\x1b[32m';
const GREY = '\x1b[37m';
const RESET = '\x1b[0m';

function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s > 3600) return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  if (s > 60) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return `${s}s`;
}

/** Keras-style byte progress bar; redraws at most every `intervalMs` (the final line is always drawn). */
export class ProgressBar implements ProgressDisplay {
  private readonly start = Date.now();
  private lastDraw = -Infinity;
  private previousWidth = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly intervalMs = 100,
  ) {}

  update(loaded: number, total: number | undefined): void {
    const now = Date.now();
    if (now - this.lastDraw < this.intervalMs) return;
    this.lastDraw = now;
    this.draw(loaded, total, false);
  }

  done(loaded: number, total: number | undefined): void {
    this.draw(loaded, total ?? loaded, true);
    this.stream.write('\n');
  }

  /** The line for `loaded` of `total` bytes (without the leading carriage return). */
  render(loaded: number, total: number | undefined, final: boolean): string {
    const elapsed = (Date.now() - this.start) / 1000;
    if (total === undefined || total <= 0) {
      return `${String(loaded).padStart(7)}/Unknown ${BOLD}${formatDuration(elapsed)}${RESET}`;
    }
    const digits = String(total).length;
    const fraction = Math.min(1, loaded / total);
    const filled = Math.floor(WIDTH * fraction);
    let line = `${BOLD}${String(loaded).padStart(digits)}/${total}${RESET} `;
    if (filled > 0) line += `${GREEN}${'━'.repeat(filled)}${RESET}`;
    line += `${GREY}${'━'.repeat(WIDTH - filled)}${RESET}`;
    const time = final || loaded <= 0 ? elapsed : (elapsed / loaded) * (total - loaded);
    return `${line} ${BOLD}${formatDuration(time)}${RESET}`;
  }

  private draw(loaded: number, total: number | undefined, final: boolean): void {
    const line = this.render(loaded, total, final);
    const visible = line.replace(/\x1b\[[0-9;]*m/g, '').length;
    const pad = Math.max(0, this.previousWidth - visible);
    this.previousWidth = visible;
    this.stream.write(`\r${line}${' '.repeat(pad)}`);
  }
}

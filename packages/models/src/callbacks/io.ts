/**
 * Where training prints, as Keras' `io_utils.print_msg`: `process.stdout` in Node (written as is, so a progress bar
 * redraws its line), `console.log` in browsers (one call per completed line, since a console cannot redraw).
 */

interface NodeStdout {
  write(text: string): boolean;
  isTTY?: boolean;
}

function nodeStdout(): NodeStdout | null {
  const proc = (globalThis as { process?: { stdout?: NodeStdout; versions?: { node?: string } } }).process;
  return proc?.versions?.node && proc.stdout && typeof proc.stdout.write === 'function' ? proc.stdout : null;
}

let pending = '';

/** Prints `message`, followed by a newline unless `lineBreak` is false. */
export function printMsg(message: string, lineBreak = true): void {
  const text = lineBreak ? `${message}\n` : message;
  const out = nodeStdout();
  if (out) {
    out.write(text);
    return;
  }
  pending += text;
  const lines = pending.split('\n');
  pending = lines.pop()!;
  for (const line of lines) {
    // A console has no cursor: keep what the last redraw left on the line.
    const shown = line.slice(Math.max(line.lastIndexOf('\r'), line.lastIndexOf('\b')) + 1);
    if (shown.trim()) console.log(shown);
  }
}

/** Whether output goes to an interactive terminal (Node's stdout is a TTY). */
export function isInteractive(): boolean {
  return nodeStdout()?.isTTY === true;
}

/**
 * Whether a progress bar may redraw its line with `\b` and `\r`: a TTY, or any POSIX system, as Keras' Progbar
 * decides (browsers and Windows pipes get one line per update instead).
 */
export function hasDynamicDisplay(): boolean {
  const out = nodeStdout();
  if (!out) return false;
  if (out.isTTY) return true;
  const platform = (globalThis as { process?: { platform?: string } }).process?.platform;
  return platform !== undefined && platform !== 'win32';
}

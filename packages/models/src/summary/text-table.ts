/**
 * A plain-text table drawn like the `rich` table Keras' `summary()` prints (HEAVY_HEAD box, a rule between rows),
 * with rich's column-width arithmetic and word wrapping, so Strata's summaries line up with Keras' character for
 * character.
 */

/** One column: header, justification and width (cell content plus one space of padding on each side). */
export interface TextColumn {
  header: string;
  justify: 'left' | 'right' | 'center';
  width: number;
}

/** Python's `round` (ties to even), which rich's width arithmetic uses. */
function pyRound(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff === 0.5) return f % 2 === 0 ? f : f + 1;
  return Math.round(x);
}

/** rich's `ratio_reduce`: removes `total` from `values` in proportion to `ratios`. */
function ratioReduce(total: number, ratios: number[], maximums: number[], values: number[]): number[] {
  const r = ratios.map((ratio, i) => (maximums[i] ? ratio : 0));
  let totalRatio = r.reduce((a, b) => a + b, 0);
  if (!totalRatio) return [...values];
  let remaining = total;
  return r.map((ratio, i) => {
    if (ratio && totalRatio > 0) {
      const distributed = Math.min(maximums[i]!, pyRound((ratio * remaining) / totalRatio));
      remaining -= distributed;
      totalRatio -= ratio;
      return values[i]! - distributed;
    }
    return values[i]!;
  });
}

/** rich's `ratio_distribute`: splits `total` in proportion to `ratios`. */
function ratioDistribute(total: number, ratios: number[]): number[] {
  let totalRatio = ratios.reduce((a, b) => a + b, 0);
  let remaining = total;
  return ratios.map((ratio) => {
    const distributed = totalRatio > 0 ? Math.ceil((ratio * remaining) / totalRatio) : remaining;
    totalRatio -= ratio;
    remaining -= distributed;
    return distributed;
  });
}

/**
 * Column widths (padding included) for a table `lineLength` wide whose columns end at `positions` (fractions of
 * the line), as Keras computes them and rich then fits them between the borders.
 */
export function columnWidths(lineLength: number, positions: number[]): number[] {
  const requested: number[] = [];
  let current = 0;
  for (const pos of positions) {
    const width = Math.floor(pos * lineLength) - current;
    if (width < 4) throw new Error('Insufficient console width to print summary.');
    requested.push(width);
    current += width;
  }
  const maxWidth = lineLength - (positions.length + 1);
  let widths = requested.map((w) => w + 2);
  let tableWidth = widths.reduce((a, b) => a + b, 0);
  if (tableWidth > maxWidth) {
    widths = ratioReduce(tableWidth - maxWidth, widths.map(() => 1), widths, widths);
    tableWidth = widths.reduce((a, b) => a + b, 0);
  }
  if (tableWidth < maxWidth) {
    const pads = ratioDistribute(maxWidth - tableWidth, widths);
    widths = widths.map((w, i) => w + pads[i]!);
  }
  return widths;
}

/**
 * rich's word wrap for table cells (overflow "ellipsis"): words keep their trailing spaces and move to the next
 * line when they do not fit; a word longer than a line gets a line of its own, cut with "…".
 */
export function wrapText(text: string, width: number): string[] {
  const breaks: number[] = [];
  let offset = 0;
  const re = /\s*\S+\s*/y;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text)) !== null) {
    const start = match.index;
    const word = match[0];
    const wordLength = word.trimEnd().length;
    if (width - offset >= wordLength) {
      offset += word.length;
    } else if (wordLength > width) {
      if (start) breaks.push(start);
      offset = word.length;
    } else if (offset && start) {
      breaks.push(start);
      offset = word.length;
    }
  }
  const lines: string[] = [];
  let from = 0;
  for (const b of breaks) {
    lines.push(text.slice(from, b));
    from = b;
  }
  lines.push(text.slice(from));
  return lines;
}

/** Cuts `text` to `width` characters, ending with "…" when it had to be cut. */
function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

function justifyLine(line: string, width: number, justify: TextColumn['justify']): string {
  if (justify === 'right') {
    const t = truncate(line.trimEnd(), width);
    return ' '.repeat(width - t.length) + t;
  }
  if (justify === 'center') {
    const t = truncate(line.trimEnd(), width);
    const left = Math.floor((width - t.length) / 2);
    return ' '.repeat(left) + t + ' '.repeat(width - t.length - left);
  }
  const t = truncate(line.length > width ? line.trimEnd() : line, width);
  return t + ' '.repeat(width - t.length);
}

function renderRow(cells: string[], columns: TextColumn[], edge: string, divider: string): string[] {
  const wrapped = cells.map((cell, i) => {
    const content = columns[i]!.width - 2;
    return cell.split('\n').flatMap((part) => wrapText(part, content)).map((l) => justifyLine(l, content, columns[i]!.justify));
  });
  const height = Math.max(...wrapped.map((w) => w.length));
  const lines: string[] = [];
  for (let r = 0; r < height; r++) {
    const parts = wrapped.map((w, i) => ` ${w[r] ?? ' '.repeat(columns[i]!.width - 2)} `);
    lines.push(edge + parts.join(divider) + edge);
  }
  return lines;
}

/** Draws the table: heavy header box, light body, a rule between rows. */
export function renderTable(columns: TextColumn[], rows: string[][]): string[] {
  const rule = (left: string, fill: string, mid: string, right: string): string => left + columns.map((c) => fill.repeat(c.width)).join(mid) + right;
  const lines = [rule('┏', '━', '┳', '┓'), ...renderRow(columns.map((c) => c.header), columns, '┃', '┃'), rule('┡', '━', '╇', '┩')];
  rows.forEach((row, i) => {
    if (i > 0) lines.push(rule('├', '─', '┼', '┤'));
    lines.push(...renderRow(row, columns, '│', '│'));
  });
  lines.push(rule('└', '─', '┴', '┘'));
  return lines;
}

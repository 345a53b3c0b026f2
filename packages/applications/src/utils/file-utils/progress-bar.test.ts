import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress-bar.js';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('ProgressBar', () => {
  it('renders bytes over the total with a 20-character bar, filled in proportion', () => {
    const bar = new ProgressBar({ write: () => undefined });
    expect(plain(bar.render(250, 1000, false))).toMatch(/^ 250\/1000 ━{20} \d+s$/);
    const raw = bar.render(250, 1000, false);
    expect(raw).toContain(`\x1b[32m${'━'.repeat(5)}\x1b[0m\x1b[37m${'━'.repeat(15)}`);
  });

  it('renders an unknown total as Keras does', () => {
    const bar = new ProgressBar({ write: () => undefined });
    expect(plain(bar.render(4096, undefined, false))).toMatch(/^ {3}4096\/Unknown \d+s$/);
  });

  it('redraws at most once per interval, always draws the last line, and clears leftovers', () => {
    const out: string[] = [];
    const bar = new ProgressBar({ isTTY: true, write: (s) => out.push(s) }, 60_000);
    bar.update(1, 100_000);
    bar.update(2, 100_000);
    bar.update(3, 100_000);
    expect(out).toHaveLength(1);
    bar.done(100_000, 100_000);
    expect(out).toHaveLength(3);
    expect(plain(out[1]!)).toMatch(/^\r100000\/100000 ━{20} \d+s *$/);
    expect(out[2]).toBe('\n');
  });
});

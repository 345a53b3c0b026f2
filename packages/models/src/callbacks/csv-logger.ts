import { ValueError } from '@strata/core';
import { Callback, type Logs } from './callback.js';
import { floatRepr } from './py-format.js';

interface FileHandleLike {
  write(text: string): Promise<unknown>;
  sync?(): Promise<void>;
  close(): Promise<void>;
}

interface FsLike {
  open(path: string, flags: string): Promise<FileHandleLike>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}

async function nodeFs(): Promise<FsLike> {
  const specifier = 'node:fs/promises';
  try {
    return (await import(/* @vite-ignore */ specifier)) as FsLike;
  } catch {
    throw new ValueError('CSVLogger writes a file and needs Node.js (node:fs). In a browser, use a LambdaCallback to collect the logs.');
  }
}

/** Python's csv (excel dialect) quoting: fields holding the separator, a quote or a line break are quoted. */
function csvField(value: string, sep: string): string {
  return value.includes(sep) || value.includes('"') || value.includes('\n') || value.includes('\r') ? `"${value.replace(/"/g, '""')}"` : value;
}

function cell(value: unknown): string {
  if (typeof value === 'number') return floatRepr(value); // logged values are Python floats
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `"[${value.map((v) => (typeof v === 'number' ? floatRepr(v) : String(v))).join(', ')}]"`;
  return String(value);
}

/**
 * Streams each epoch's logs to a CSV file (Node), as `keras.callbacks.CSVLogger`: an `epoch` column, then the logs'
 * names sorted (with `val_` columns filled with `NA` when there is no validation), CRLF line ends, Python's number
 * text (`0.4000000059604645`).
 *
 * @example
 * await model.fit(x, y, { epochs: 10, callbacks: [new CSVLogger('training.log')] });
 */
export class CSVLogger extends Callback {
  readonly filename: string;
  readonly sep: string;
  readonly append: boolean;
  private keys: string[] | null = null;
  private appendHeader = true;
  private file: FileHandleLike | null = null;
  private headerWritten = false;

  constructor(filename: string, options: { separator?: string; append?: boolean } = {}) {
    super();
    this.filename = filename;
    this.sep = options.separator ?? ',';
    this.append = options.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    const fs = await nodeFs();
    this.appendHeader = true;
    if (this.append) {
      try {
        const text = await fs.readFile(this.filename, 'utf8');
        this.appendHeader = text.length === 0;
      } catch {
        // A missing file gets a header.
      }
    }
    await this.file?.close();
    this.file = await fs.open(this.filename, this.append ? 'a' : 'w');
    this.keys = null;
    this.headerWritten = false;
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (this.keys === null) {
      this.keys = Object.keys(logs).sort();
      if (!this.keys.some((k) => k.startsWith('val_')) && this.keys.length) this.keys.push(...this.keys.map((k) => `val_${k}`));
    }
    let text = '';
    if (!this.headerWritten) {
      this.headerWritten = true;
      if (this.appendHeader) text += `${['epoch', ...this.keys].map((k) => csvField(k, this.sep)).join(this.sep)}\r\n`;
    }
    const row = [String(epoch), ...this.keys.map((k) => cell(k in logs ? logs[k] : 'NA'))];
    text += `${row.map((v) => csvField(v, this.sep)).join(this.sep)}\r\n`;
    if (!this.file) throw new ValueError('CSVLogger: the file is not open (onTrainBegin was not called).');
    await this.file.write(text);
    await this.file.sync?.();
  }

  override async onTrainEnd(): Promise<void> {
    await this.file?.close();
    this.file = null;
  }
}

/**
 * `model.summary()`, as Keras 3's `utils/summary_utils.py`: the layers with their output shapes and parameter
 * counts (plus what each is connected to, for graphs that are not a plain stack), then the totals with their
 * memory sizes (`Total params: 50,890 (198.79 KB)`).
 */
import { NotImplementedError, ValueError } from '@strata/core';
import { formatKerasShape, isShape, kerasClassName, type KerasTensor, type Layer, type Node, type Shape } from '@strata/layers';
import { columnWidths, renderTable, type TextColumn } from './text-table.js';

/** Options of `summary`. */
export interface SummaryOptions {
  /**
   * Total width of the table (default: 88, or 108 with a "Connected to" column, capped at the terminal width − 4).
   * As in Keras, a table wider than the terminal (`process.stdout.columns`, else `$COLUMNS`, else 80) is cut.
   */
  lineLength?: number;
  /** Where each column ends, as fractions of the line (default `[0.45, 0.8, 1]` or `[0.3, 0.56, 0.74, 1]`). */
  positions?: number[];
  /** Receives the whole summary as one string (default `console.log`). */
  printFn?: (text: string) => void;
  /** Also list the layers of nested models. */
  expandNested?: boolean;
  /** Add a "Trainable" column. */
  showTrainable?: boolean;
  /** `[first, last]` layer names (regular expressions) delimiting the rows to print. */
  layerRange?: [string, string];
}

/** What the summary needs from a model (duck-typed, so trainer state can join later). */
interface SummarizedModel extends Layer {
  readonly layers: Layer[];
  readonly _nodesByDepth?: Map<number, Node[]>;
  readonly _operations?: Layer[];
  readonly compiled?: boolean;
  readonly optimizer?: { built?: boolean; variables?: Array<{ shape: number[]; dtype: string }> } | null;
}

const DTYPE_BITS: Record<string, number> = { float32: 32, int32: 32, bool: 8, complex64: 64, float16: 16, bfloat16: 16, int64: 64, float64: 64, int8: 8, uint8: 8, int16: 16 };

/** Bits of memory of `weights`, each counted once. */
export function weightMemoryBits(weights: ReadonlyArray<{ shape: number[]; dtype: string }>): bigint {
  let bits = 0n;
  for (const w of new Set(weights)) bits += BigInt(w.shape.reduce((a, b) => a * b, 1)) * BigInt(DTYPE_BITS[w.dtype] ?? 32);
  return bits;
}

/** `198.79 KB`: bytes in steps of 1024, two decimals rounded half-to-even on the exact value, as Python prints. */
export function readableMemorySize(bits: bigint): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let k = 0;
  while (k < units.length - 1 && bits >= 8n * 1024n ** BigInt(k + 1)) k++;
  const denominator = 8n * 1024n ** BigInt(k);
  const numerator = bits * 100n;
  let q = numerator / denominator;
  const r2 = (numerator % denominator) * 2n;
  if (r2 > denominator || (r2 === denominator && q % 2n === 1n)) q += 1n;
  return `${q / 100n}.${(q % 100n).toString().padStart(2, '0')} ${units[k]}`;
}

/** `50,890`. */
function withCommas(n: number): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function countParams(weights: ReadonlyArray<{ shape: number[] }>): number {
  return weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
}

function formatShapeStructure(x: unknown): string {
  if (isShape(x)) return formatKerasShape(x);
  if (Array.isArray(x)) return `[${x.map(formatShapeStructure).join(', ')}]`;
  if (x && typeof x === 'object') return `{${Object.entries(x).map(([k, v]) => `${k}: ${formatShapeStructure(v)}`).join(', ')}}`;
  return String(x);
}

/** The output shape cell: the last symbolic call's outputs, else the shape computed from the build shape, else `?`. */
export function formatLayerShape(layer: Layer): string {
  const buildShape = layer._buildShapesDict?.inputShape;
  if (!layer.inboundNodes.length && !layer._buildShapesDict) return '?';
  if (layer.inboundNodes.length) {
    const outputs = layer.inboundNodes[layer.inboundNodes.length - 1]!.outputTensors;
    const shapes = outputs.map((t: KerasTensor) => formatKerasShape(t.shape));
    return shapes.length === 1 ? shapes[0]! : `[${shapes.join(', ')}]`;
  }
  try {
    const modelShape = (layer as { outputShape?: unknown }).outputShape;
    if (modelShape !== undefined) return formatShapeStructure(modelShape);
  } catch {
    // A model not built yet: fall back to its build shape.
  }
  try {
    return formatShapeStructure(layer.computeOutputShape(buildShape as Shape));
  } catch (e) {
    if (e instanceof NotImplementedError) return '?';
    throw e;
  }
}

function isSequentialLike(model: SummarizedModel): boolean {
  const byDepth = model._nodesByDepth;
  if (!model._operations || !byDepth) return true;
  const nodes: Node[] = [];
  for (const list of byDepth.values()) {
    if (list.length > 1 || (list.length === 1 && list[0]!.inputTensors.length > 1)) return false;
    nodes.push(...list);
  }
  for (const layer of model.layers) {
    if (layer.inboundNodes.filter((n) => nodes.includes(n)).length > 1) return false;
  }
  return true;
}

function layerRangeBounds(layers: Layer[], range?: [string, string]): [number, number] {
  if (!range) return [0, layers.length];
  if (range.length !== 2) throw new ValueError(`layerRange must be a list of length 2. Received: layerRange=${JSON.stringify(range)}`);
  const match = (re: string): number[] => layers.flatMap((l, i) => (new RegExp(`^(?:${re})`).test(l.name) ? [i] : []));
  const lower = match(range[0]);
  const upper = match(range[1]);
  if (!lower.length || !upper.length) throw new ValueError(`Passed layer names do not match the layer names in the model. Received: ${JSON.stringify(range)}`);
  if (Math.min(...lower) > Math.max(...upper)) return [Math.min(...upper), Math.max(...lower) + 1];
  return [Math.min(...lower), Math.max(...upper) + 1];
}

function terminalColumns(): number {
  const proc = (globalThis as { process?: { stdout?: { columns?: number; isTTY?: boolean }; env?: Record<string, string | undefined> } }).process;
  const fromTty = proc?.stdout?.isTTY ? proc.stdout.columns : undefined;
  const fromEnv = Number(proc?.env?.COLUMNS);
  return fromTty ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 80);
}

/** The summary text of `model` (what `summary()` prints). */
export function summaryText(model: SummarizedModel, options: SummaryOptions = {}): string {
  const functional = Boolean(model._operations && model._nodesByDepth);
  const layers = functional ? model._operations! : model.layers;
  const sequentialLike = isSequentialLike(model);
  let defaultLength: number;
  let positions: number[];
  const header = ['Layer (type)', 'Output Shape', 'Param #'];
  const justify: TextColumn['justify'][] = ['left', 'left', 'right'];
  if (sequentialLike) {
    defaultLength = 88;
    positions = options.positions ?? [0.45, 0.8, 1.0];
  } else {
    defaultLength = 108;
    positions = options.positions ?? [0.3, 0.56, 0.74, 1.0];
    header.push('Connected to');
    justify.push('left');
  }
  const relevant = new Set<Node>();
  if (!sequentialLike) for (const list of model._nodesByDepth!.values()) for (const n of list) relevant.add(n);
  if (options.showTrainable) {
    defaultLength += 12;
    positions = [...positions.map((p) => p * 0.9), 1.0];
    header.push('Trainable');
    justify.push('center');
  }
  const lineLength = options.lineLength ?? Math.min(defaultLength, terminalColumns() - 4);
  const widths = columnWidths(lineLength, positions);
  const columns: TextColumn[] = header.map((h, i) => ({ header: h, justify: justify[i]!, width: widths[i]! }));

  const connections = (layer: Layer): string => {
    const parts: string[] = [];
    for (const node of layer.inboundNodes) {
      if (relevant.size && !relevant.has(node)) continue;
      for (const kt of node.inputTensors) {
        const h = kt.kerasHistory!;
        parts.push(`${h.operation.name}[${h.nodeIndex}][${h.tensorIndex}]`);
      }
    }
    return parts.length ? parts.join(', ') : '-';
  };
  const fields = (layer: Layer, prefix: string): string[] => {
    const row = [`${prefix}${layer.name} (${kerasClassName(layer)})`, formatLayerShape(layer), layer.built ? withCommas(layer.countParams()) : '0 (unbuilt)'];
    if (!sequentialLike) row.push(connections(layer));
    if (options.showTrainable) row.push(layer.weights.length ? (layer.trainable ? 'Y' : 'N') : '-');
    return row;
  };
  const rowsFor = (layer: Layer, level: number): string[][] => {
    const rows = [fields(layer, level ? `${'   '.repeat(level)}└ ` : '')];
    const nested = (layer as { layers?: Layer[] }).layers;
    if (options.expandNested && Array.isArray(nested) && nested.length) for (const l of nested) rows.push(...rowsFor(l, level + 1));
    return rows;
  };
  const [lo, hi] = layerRangeBounds(layers, options.layerRange);
  const rows = layers.slice(lo, hi).flatMap((l) => rowsFor(l, 0));

  const trainable = model.trainableWeights;
  const nonTrainable = model.nonTrainableWeights;
  const opt = model.compiled && model.optimizer?.built ? (model.optimizer.variables ?? []) : null;
  const trainableBits = weightMemoryBits(trainable);
  const nonTrainableBits = weightMemoryBits(nonTrainable);
  const optBits = opt ? weightMemoryBits(opt) : 0n;
  const total = countParams(trainable) + countParams(nonTrainable) + (opt ? countParams(opt) : 0);
  // Like rich printing to a console of the terminal's width: a wider table is cut at the edge.
  const consoleWidth = terminalColumns();
  const lines = [
    `Model: "${model.name}"`,
    ...renderTable(columns, rows).map((line) => (line.length > consoleWidth ? line.slice(0, consoleWidth) : line)),
    ` Total params: ${withCommas(total)} (${readableMemorySize(trainableBits + nonTrainableBits + optBits)})`,
    ` Trainable params: ${withCommas(countParams(trainable))} (${readableMemorySize(trainableBits)})`,
    ` Non-trainable params: ${withCommas(countParams(nonTrainable))} (${readableMemorySize(nonTrainableBits)})`,
  ];
  if (opt) lines.push(` Optimizer params: ${withCommas(countParams(opt))} (${readableMemorySize(optBits)})`);
  return lines.join('\n');
}

/** Prints the summary with `options.printFn` (one call, the whole text) or `console.log`. */
export function printSummary(model: SummarizedModel, options: SummaryOptions = {}): void {
  const text = summaryText(model, options);
  (options.printFn ?? console.log)(text);
}

/**
 * `CompileMetrics`: `compile`'s `metrics` and `weightedMetrics` resolved per output, as Keras'
 * `compile_utils.CompileMetrics`, with Keras' log names: `<metric>` for one output, `<output>_<metric>` for
 * several, `_1`, `_2` for repeats, and `weighted_<metric>` for a weighted metric whose name is taken.
 */
import { Tensor, tidy, ValueError, type Variable } from '@strata/core';
import { getKerasMask } from '@strata/layers';
import { Metric, resolveMetric, type MetricIdentifier } from '@strata/metrics';
import { alignLabels, alignToOutputs, flattenOutputs, isNameRecord, type FlatOutputs } from './outputs.js';

/** `compile`'s `metrics`: a list for every output (one output), one entry per output, or a record by output name. */
export type MetricsArg = MetricIdentifier[] | Array<MetricIdentifier | MetricIdentifier[] | null> | Record<string, MetricIdentifier | MetricIdentifier[] | null> | null;

/** The metrics of one output. */
interface MetricsList {
  metrics: Metric[];
  outputName: string | null;
}

function toList(x: MetricIdentifier | MetricIdentifier[]): MetricIdentifier[] {
  return Array.isArray(x) ? x : [x];
}

export class CompileMetrics {
  readonly name = 'compile_metrics';
  readonly userMetrics: MetricsArg;
  readonly userWeightedMetrics: MetricsArg;
  readonly outputNames: string[] | null;
  built = false;
  private flatMetrics: Array<MetricsList | null> = [];
  private flatWeighted: Array<MetricsList | null> = [];
  /** Metrics created here (from names or functions), not the caller's own `Metric` objects. */
  private readonly owned = new Set<Metric>();

  constructor(metrics: MetricsArg, weightedMetrics: MetricsArg, outputNames: string[] | null) {
    for (const [label, value] of [['metrics', metrics], ['weightedMetrics', weightedMetrics]] as const) {
      if (value != null && !Array.isArray(value) && !isNameRecord(value)) {
        throw new ValueError(`Expected \`${label}\` to be a list or a record keyed by output name. Received: ${label}=${String(value)}`);
      }
    }
    this.userMetrics = metrics;
    this.userWeightedMetrics = weightedMetrics;
    this.outputNames = outputNames;
  }

  /** The metric objects, unweighted then weighted (empty until built). */
  get metrics(): Metric[] {
    return [...this.flatMetrics, ...this.flatWeighted].flatMap((m) => m?.metrics ?? []);
  }

  /** Every metric's state variables. */
  get variables(): Variable[] {
    return this.metrics.flatMap((m) => m.variables);
  }

  /** Resolves the metrics against the first batch's labels and predictions (`'accuracy'` needs their shapes). */
  build(yTrue: unknown, yPred: unknown): void {
    const outputs = flattenOutputs(yPred, this.outputNames);
    const labels = alignLabels(yTrue, outputs, outputs.tensors.map(() => true));
    this.flatMetrics = this.buildSet(this.userMetrics, outputs, labels, 'metrics');
    this.flatWeighted = this.buildSet(this.userWeightedMetrics, outputs, labels, 'weightedMetrics');
    this.built = true;
  }

  private buildSet(metrics: MetricsArg, outputs: FlatOutputs, labels: Array<Tensor | null>, what: string): Array<MetricsList | null> {
    const n = outputs.tensors.length;
    const empty = metrics == null || (Array.isArray(metrics) ? metrics.length === 0 : Object.keys(metrics).length === 0);
    if (empty) return outputs.tensors.map(() => null);
    const make = (ids: MetricIdentifier[], i: number, outputName: string | null): MetricsList => ({
      outputName,
      metrics: ids.map((id) => {
        const m = resolveMetric(id, { yTrueShape: labels[i]?.shape, yPredShape: outputs.tensors[i]!.shape });
        if (m !== id) this.owned.add(m);
        return m;
      }),
    });
    if (n === 1) {
      const ids = Array.isArray(metrics) ? (metrics.flat() as MetricIdentifier[]) : (Object.values(metrics!).flat().filter((m) => m != null) as MetricIdentifier[]);
      return [make(ids, 0, null)];
    }
    if (Array.isArray(metrics) && metrics.length !== n) {
      throw new ValueError(
        `Invalid \`${what}\`: with ${n} outputs (${JSON.stringify(outputs.names)}), \`${what}\` must be a record keyed by output ` +
          `name or a list with one entry (a metric or a list of metrics) per output. Received a list of ${metrics.length}.`,
      );
    }
    const perOutput = alignToOutputs<MetricIdentifier | MetricIdentifier[]>(metrics, outputs, what);
    return perOutput.map((m, i) => (m == null ? null : make(toList(m), i, outputs.names[i]!)));
  }

  /** Updates every metric with one batch (weighted metrics with the sample weights). Call it inside `tidy`. */
  updateState(yTrue: unknown, yPred: unknown, sampleWeight?: unknown): void {
    if (!this.built) this.build(yTrue, yPred);
    const outputs = flattenOutputs(yPred, this.outputNames);
    const labels = alignLabels(yTrue, outputs, outputs.tensors.map((_, i) => !!(this.flatMetrics[i] || this.flatWeighted[i])));
    let weights: Array<Tensor | null>;
    if (sampleWeight == null) weights = outputs.tensors.map(() => null);
    else if (sampleWeight instanceof Tensor) weights = outputs.tensors.map(() => sampleWeight);
    else weights = alignToOutputs<Tensor>(sampleWeight, outputs, 'sampleWeight');
    const update = (list: MetricsList | null, i: number, sw: Tensor | null): void => {
      if (!list) return;
      const yP = outputs.tensors[i]!;
      const mask = getKerasMask(yP);
      for (const m of list.metrics) {
        (m.updateState as (a: Tensor, b: Tensor, c: Tensor | null, d: Tensor | null) => void)(labels[i]!, yP, sw, mask instanceof Tensor ? mask : null);
      }
    };
    this.flatMetrics.forEach((list, i) => update(list, i, null));
    this.flatWeighted.forEach((list, i) => update(list, i, weights[i] ?? null));
  }

  /** Zeroes every metric. */
  resetState(): void {
    for (const m of this.metrics) m.resetState();
  }

  /** Each metric's result under its log name (new tensors). */
  result(): Record<string, Tensor> {
    if (!this.built) throw new ValueError('Cannot get result() since the metric has not yet been built.');
    return tidy(() => {
      const results: Record<string, Tensor> = {};
      const counters = new Map<string, number>();
      const unique = (name: string): string => {
        const index = counters.get(name);
        if (index === undefined) {
          counters.set(name, 1);
          return name;
        }
        counters.set(name, index + 1);
        return `${name}_${index}`;
      };
      for (const list of this.flatMetrics) {
        for (const m of list?.metrics ?? []) results[unique(list!.outputName ? `${list!.outputName}_${m.name}` : m.name)] = m.result();
      }
      for (const list of this.flatWeighted) {
        for (const m of list?.metrics ?? []) {
          const plain = list!.outputName ? `${list!.outputName}_${m.name}` : m.name;
          if (!counters.has(plain)) {
            counters.set(plain, 1);
            results[plain] = m.result();
          } else {
            results[unique(list!.outputName ? `${list!.outputName}_weighted_${m.name}` : `weighted_${m.name}`)] = m.result();
          }
        }
      }
      return results;
    });
  }

  /** Frees the state of the metrics created from names or functions (the caller's `Metric` objects stay usable). */
  dispose(): void {
    for (const m of this.owned) m.dispose();
    this.owned.clear();
  }
}

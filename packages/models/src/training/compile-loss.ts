/**
 * `CompileLoss`: `compile`'s `loss` and `lossWeights` resolved per output, as Keras' `compile_utils.CompileLoss`.
 * Each output's loss gets its labels and sample weights, is multiplied by its weight, and the values are summed;
 * with two or more losses, a `Mean` named `<output>_loss` tracks each one's unweighted value.
 */
import { ops, Tensor, ValueError } from '@strata/core';
import { getKerasMask } from '@strata/layers';
import { resolveLoss, type Loss, type LossIdentifier } from '@strata/losses';
import { Mean } from '@strata/metrics';
import { alignLabels, alignToOutputs, flattenOutputs, isNameRecord, type FlatOutputs } from './outputs.js';

/** `compile`'s `loss`: one loss for every output, one per output (a list), or a record keyed by output name. */
export type LossArg = LossIdentifier | null | Array<LossIdentifier | null> | Record<string, LossIdentifier | null>;

/** `compile`'s `lossWeights`: a number (single loss), a list, or a record keyed by output name. */
export type LossWeightsArg = number | Array<number | null> | Record<string, number | null> | null;

interface FlatLoss {
  index: number;
  loss: Loss;
  weight: number | null;
  name: string;
  tracker: Mean | null;
}

function shapeText(t: Tensor | null): string {
  return t ? `[${t.shape.join(', ')}]` : 'none';
}

export class CompileLoss {
  readonly userLoss: LossArg;
  readonly userLossWeights: LossWeightsArg;
  readonly outputNames: string[] | null;
  built = false;
  private flat: FlatLoss[] = [];
  private outputCount = 0;

  constructor(loss: LossArg, lossWeights: LossWeightsArg, outputNames: string[] | null) {
    if (lossWeights != null && typeof lossWeights !== 'number' && !Array.isArray(lossWeights) && !isNameRecord(lossWeights)) {
      throw new ValueError(
        'Expected `lossWeights` to be a number (single output) or a list or record (several outputs). ' +
          `Received: lossWeights=${JSON.stringify(lossWeights)}`,
      );
    }
    this.userLoss = loss;
    this.userLossWeights = lossWeights;
    this.outputNames = outputNames;
  }

  /** The per-output loss trackers (only with two or more losses). */
  get metrics(): Mean[] {
    return this.flat.flatMap((f) => (f.tracker ? [f.tracker] : []));
  }

  /** Resolves the losses against the first batch's labels and predictions. */
  build(yTrue: unknown, yPred: unknown): void {
    const outputs = flattenOutputs(yPred, this.outputNames);
    const losses = alignToOutputs<LossIdentifier>(this.userLoss, outputs, 'loss', { requireAllKeys: outputs.kind !== 'record' });
    const used = losses.map((l) => l != null);
    const labels = alignLabels(yTrue, outputs, used);
    const weights = this.alignWeights(outputs, losses);
    this.flat = [];
    losses.forEach((identifier, i) => {
      if (identifier == null) return;
      const yT = labels[i];
      const yP = outputs.tensors[i]!;
      if (!yT) throw new ValueError(`Output "${outputs.names[i]}" has a loss but no labels were given for it.`);
      const loss = resolveLoss(identifier, { yTrueShape: yT.shape, yPredShape: yP.shape })!;
      this.flat.push({ index: i, loss, weight: weights[i] ?? null, name: outputs.names.length > 1 || this.outputNames ? outputs.names[i]! : loss.name, tracker: null });
    });
    if (this.flat.length > 1) for (const f of this.flat) f.tracker = new Mean({ name: `${f.name}_loss` });
    this.outputCount = outputs.tensors.length;
    this.built = true;
  }

  private alignWeights(outputs: FlatOutputs, losses: Array<LossIdentifier | null>): Array<number | null> {
    const w = this.userLossWeights;
    if (w == null) return losses.map(() => null);
    if (typeof w === 'number') {
      const count = losses.filter((l) => l != null).length;
      if (count !== 1) throw new ValueError(`\`lossWeights\` must match the number of losses, got ${count} losses and 1 weight.`);
      return losses.map((l) => (l != null ? w : null));
    }
    if (Array.isArray(w) && w.length !== outputs.tensors.length) {
      throw new ValueError(`\`lossWeights\` must match the number of losses, got ${outputs.tensors.length} losses and ${w.length} weights.`);
    }
    return alignToOutputs<number>(w, outputs, 'lossWeights');
  }

  /**
   * The weighted sum of the outputs' losses (a float32 scalar), or null when no output has a loss. Call it inside
   * `tidy` (or a gradient function).
   */
  call(yTrue: unknown, yPred: unknown, sampleWeight?: unknown): Tensor | null {
    if (!this.built) this.build(yTrue, yPred);
    const outputs = flattenOutputs(yPred, this.outputNames);
    if (outputs.tensors.length !== this.outputCount) {
      throw new ValueError(`The model returned ${outputs.tensors.length} outputs, but the losses were built for ${this.outputCount}.`);
    }
    const labels = alignLabels(yTrue, outputs, outputs.tensors.map((_, i) => this.flat.some((f) => f.index === i)));
    const weights = sampleWeight == null || sampleWeight instanceof Tensor ? null : alignToOutputs<Tensor>(sampleWeight, outputs, 'sampleWeight');
    const values: Tensor[] = [];
    for (const f of this.flat) {
      const yT = labels[f.index]!;
      const yP = outputs.tensors[f.index]!;
      const sw = weights ? weights[f.index] : ((sampleWeight as Tensor | null | undefined) ?? null);
      const mask = getKerasMask(yP);
      let value: Tensor;
      try {
        value = f.loss.apply(yT, yP, sw, mask instanceof Tensor ? mask : null);
      } catch (e) {
        throw new ValueError(
          `Could not compute loss "${f.loss.name}" for output "${outputs.names[f.index]}": y_true has shape ${shapeText(yT)} ` +
            `and y_pred has shape ${shapeText(yP)}. ${(e as Error).message}`,
        );
      }
      if (value.dtype !== 'float32') value = ops.cast(value, 'float32');
      f.tracker?.updateState(value, ops.scalar(yP.shape[0] ?? 1));
      if (f.weight != null) value = ops.mul(value, ops.scalar(f.weight));
      values.push(value);
    }
    if (values.length === 0) return null;
    return values.length === 1 ? values[0]! : ops.addN(values);
  }

  /** Frees the trackers' state. */
  dispose(): void {
    for (const m of this.metrics) m.dispose();
  }
}

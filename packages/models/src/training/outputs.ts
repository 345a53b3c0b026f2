/**
 * A model's outputs as compile's losses and metrics see them: a flat list of tensors with one name each, and the
 * rules that line labels, sample weights, losses and metrics up with it (Keras' `compile_utils` flattening:
 * a record is read by output name, a list by position, a single value applies to every output).
 */
import { Tensor, ValueError } from '@strata/core';
import { tree } from '@strata/layers';

/** The flat outputs of one batch. */
export interface FlatOutputs {
  tensors: Tensor[];
  /** One name per output: the model's output names, or the record's keys. */
  names: string[];
  /** How the model returned them. */
  kind: 'single' | 'list' | 'record';
}

/** The model's output names (`outputNames` of a functional model, of a built Sequential's graph), or null. */
export function modelOutputNames(model: unknown): string[] | null {
  const m = model as { outputNames?: string[]; _functional?: { outputNames?: string[] } | null };
  return m.outputNames ?? m._functional?.outputNames ?? null;
}

/** Flattens `yPred` (a tensor, a list, or a record) into named outputs. */
export function flattenOutputs(yPred: unknown, outputNames: string[] | null): FlatOutputs {
  if (yPred instanceof Tensor) return { tensors: [yPred], names: [outputNames?.length === 1 ? outputNames[0]! : 'output'], kind: 'single' };
  if (Array.isArray(yPred)) {
    const tensors = yPred as Tensor[];
    const names = outputNames?.length === tensors.length ? outputNames : tensors.map((_, i) => `output_${i + 1}`);
    return { tensors, names, kind: 'list' };
  }
  if (tree.isPlainObject(yPred)) {
    const keys = Object.keys(yPred);
    const names = outputNames && outputNames.length === keys.length && outputNames.every((n) => n in yPred) ? outputNames : keys.sort();
    return { tensors: names.map((n) => yPred[n] as Tensor), names, kind: 'record' };
  }
  throw new ValueError(`The model returned ${String(yPred)}: expected a tensor, a list or a record of tensors.`);
}

/** Whether `x` is a record keyed by names (not a serialized `{ className, config }` envelope). */
export function isNameRecord(x: unknown): x is Record<string, unknown> {
  return tree.isPlainObject(x) && !('className' in x && 'config' in x) && !('class_name' in x);
}

/**
 * Lines `value` up with the outputs: a record by output name (missing names give null), a list by position (its
 * length must match), anything else is the same for every output (or, with `single: 'first'`, only for a lone
 * output). `what` names the argument in errors.
 */
export function alignToOutputs<T>(value: unknown, outputs: FlatOutputs, what: string, options: { requireAllKeys?: boolean } = {}): Array<T | null> {
  const n = outputs.tensors.length;
  if (value === null || value === undefined) return outputs.names.map(() => null);
  if (isNameRecord(value)) {
    const unknown = Object.keys(value).filter((k) => !outputs.names.includes(k));
    const missing = outputs.names.filter((k) => !(k in value));
    if (unknown.length || (options.requireAllKeys && missing.length)) {
      throw new ValueError(`Expected keys ${JSON.stringify(outputs.names)} in ${what}, but found ${what}.keys()=${JSON.stringify(Object.keys(value))}.`);
    }
    return outputs.names.map((name) => (value[name] ?? null) as T | null);
  }
  if (Array.isArray(value)) {
    if (value.length !== n) {
      throw new ValueError(
        `${what} has ${value.length} entries but the model has ${n} output${n === 1 ? '' : 's'} ` +
          `(${JSON.stringify(outputs.names)}): give one entry per output, or a record keyed by output name.`,
      );
    }
    return value as Array<T | null>;
  }
  return outputs.names.map(() => value as T);
}

/**
 * Lines the labels `yTrue` up with the outputs: a record by output name, a list by position, a single tensor for a
 * single output (or for the only output that has a loss).
 */
export function alignLabels(yTrue: unknown, outputs: FlatOutputs, used: boolean[]): Array<Tensor | null> {
  const n = outputs.tensors.length;
  if (yTrue instanceof Tensor) {
    if (n === 1) return [yTrue];
    const withLoss = used.map((u, i) => (u ? i : -1)).filter((i) => i >= 0);
    if (withLoss.length === 1) return outputs.names.map((_, i) => (i === withLoss[0] ? yTrue : null));
  }
  if (Array.isArray(yTrue) && yTrue.length === n) return yTrue as Tensor[];
  if (Array.isArray(yTrue) && yTrue.length === used.filter(Boolean).length) {
    let j = 0;
    return used.map((u) => (u ? (yTrue[j++] as Tensor) : null));
  }
  if (isNameRecord(yTrue)) {
    const missing = outputs.names.filter((name, i) => used[i] && !(name in yTrue));
    if (missing.length === 0) return outputs.names.map((name) => (yTrue[name] as Tensor | undefined) ?? null);
  }
  const describe = (x: unknown): string => JSON.stringify(tree.mapStructure(() => '*', x));
  throw new ValueError(
    `y_true and y_pred have different structures.\ny_true: ${describe(yTrue)}\ny_pred: ${JSON.stringify(outputs.names)} ` +
      '(give the labels as one tensor per output: a list in output order, or a record keyed by output name)',
  );
}

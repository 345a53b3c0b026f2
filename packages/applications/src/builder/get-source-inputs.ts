/**
 * `getSourceInputs`: Keras' `operation_utils.get_source_inputs` — the `Input` tensors a symbolic tensor was computed
 * from, so an application built on `inputTensor` takes the right model inputs.
 *
 * @example
 * const x = Input({ shape: [224, 224, 3] });
 * getSourceInputs(new Rescaling({ scale: 1 / 255 }).apply(x)); // [x]
 */
import type { KerasTensor } from '@strata/layers';

/** The source `Input` tensors of `tensor`, in discovery order, without repeats. */
export function getSourceInputs(tensor: KerasTensor): KerasTensor[] {
  const found: KerasTensor[] = [];
  const seen = new Set<KerasTensor>();
  const stack: KerasTensor[] = [tensor];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (seen.has(t)) continue;
    seen.add(t);
    const history = t.kerasHistory;
    const node = history ? history.operation.inboundNodes[history.nodeIndex] : undefined;
    const parents = node ? (node.inputTensors as KerasTensor[]) : [];
    if (!node || parents.length === 0) {
      found.push(t);
      continue;
    }
    for (let i = parents.length - 1; i >= 0; i--) stack.push(parents[i]!);
  }
  return found;
}

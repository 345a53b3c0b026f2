/**
 * Wires the playground's textarea, Run button and output together. The output element's `data-state`
 * (`ok` | `error`) and `data-runs` (a counter) let tests wait for a run to finish.
 *
 * @example
 * mountPlayground(textarea, button, output);
 */
import { runSnippet } from './playground.js';

/** The snippet the playground starts with. */
export const DEFAULT_SNIPPET = `// A matMul, a softmax and a gradient.
const x = tensor([[1, 2], [3, 4]]);
const w = tensor([[0.5], [-1]]);
const y = ops.matmul(x, w);
print('x·w =', y);
print('softmax:', activations.softmax(ops.reshape(y, [1, 2])));
const dSigmoid = grad((w) => ops.sum(activations.sigmoid(ops.matmul(x, w))));
return dSigmoid(w);`;

/** Fills in the default snippet and runs it on click or Ctrl/Cmd+Enter. */
export function mountPlayground(code: HTMLTextAreaElement, run: HTMLButtonElement, output: HTMLElement): void {
  let runs = 0;
  const execute = (): void => {
    const { lines, error, leaked } = runSnippet(code.value);
    const text = [...lines];
    if (error) text.push(error);
    if (leaked > 0) text.push(`(${leaked} tensor${leaked === 1 ? '' : 's'} still alive after the run)`);
    output.textContent = text.length > 0 ? text.join('\n') : '(nothing printed: use print(…) or return a value)';
    output.dataset.state = error ? 'error' : 'ok';
    output.dataset.runs = String(++runs);
  };
  code.value = DEFAULT_SNIPPET;
  run.addEventListener('click', execute);
  code.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      execute();
    }
  });
  run.disabled = false;
  execute();
}

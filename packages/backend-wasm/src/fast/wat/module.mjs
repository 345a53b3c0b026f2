// The whole WAT module: every kernel, importing tfjs-backend-wasm's memory (shared for its threaded build).
import { convKernels } from './conv.mjs';
import { elementwiseKernels } from './elementwise.mjs';
import { matrixKernels } from './matrix.mjs';

/** The module's text; `shared` imports a shared memory (tfjs' threaded build), otherwise a plain one. */
export function moduleText({ shared }) {
  const memory = shared ? '(memory 1 65536 shared)' : '(memory 1)';
  return `(module
  (import "env" "memory" ${memory})
${[...elementwiseKernels, ...matrixKernels, ...convKernels].join('\n')}
)
`;
}

// The whole WAT module: every kernel, importing tfjs-backend-wasm's memory (shared for its threaded build).
import { convKernels } from './conv.mjs';
import { conv3dKernels } from './conv3d.mjs';
import { elementwiseKernels } from './elementwise.mjs';
import { im2colStripKernels } from './im2col-strips.mjs';
import { matrixKernels } from './matrix.mjs';
import { normKernels } from './norm.mjs';
import { spaceBatchKernels } from './space-batch.mjs';

/** The module's text; `shared` imports a shared memory (tfjs' threaded build), otherwise a plain one. */
export function moduleText({ shared }) {
  const memory = shared ? '(memory 1 65536 shared)' : '(memory 1)';
  return `(module
  (import "env" "memory" ${memory})
${[...elementwiseKernels, ...matrixKernels, ...convKernels, ...conv3dKernels, ...im2colStripKernels, ...normKernels, ...spaceBatchKernels].join('\n')}
)
`;
}

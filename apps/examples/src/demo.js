// The README's demo: a few ops and a gradient on the default backend, run by plain Node.
import { getBackend, grad, ops, activations } from 'strata';

const started = performance.now();
const { name, capabilities } = getBackend();
console.log(`Backend: ${name} (SIMD ${capabilities.simd ? 'on' : 'off'}, ${capabilities.threads} thread${capabilities.threads === 1 ? '' : 's'}${capabilities.threadsReason ? `: ${capabilities.threadsReason}` : ''})`);

const a = ops.tensor([[1, 2], [3, 4]]);
const b = ops.tensor([[5, 6], [7, 8]]);
console.log('matmul([[1,2],[3,4]], [[5,6],[7,8]]) =', JSON.stringify(ops.matmul(a, b).arraySync()));
console.log('softmax([1, 2, 3]) =', JSON.stringify(Array.from(activations.softmax(ops.tensor([[1, 2, 3]])).dataSync(), (v) => +v.toFixed(4))));

// d/dx sum(gelu(x) · x) on the default backend, checked against a central difference.
const f = (x) => ops.sum(ops.mul(activations.gelu(x), x));
const x = ops.tensor([-1.5, 0.2, 2.0]);
const analytic = Array.from(grad(f)(x).dataSync());
const h = 1e-3;
const numeric = [0, 1, 2].map((i) => {
  const shift = (d) => ops.tensor([-1.5, 0.2, 2.0].map((v, j) => (j === i ? v + d : v)));
  return (f(shift(h)).dataSync()[0] - f(shift(-h)).dataSync()[0]) / (2 * h);
});
console.log('grad of sum(gelu(x)·x) at [-1.5, 0.2, 2] =', JSON.stringify(analytic.map((v) => +v.toFixed(4))));
console.log('central difference                      =', JSON.stringify(numeric.map((v) => +v.toFixed(4))));
const worst = Math.max(...analytic.map((v, i) => Math.abs(v - numeric[i])));
console.log(`max difference ${worst.toExponential(2)} — ${worst < 1e-2 ? 'gradient OK' : 'GRADIENT MISMATCH'}`);
console.log(`Done in ${(performance.now() - started).toFixed(0)} ms.`);
if (worst >= 1e-2) process.exitCode = 1;

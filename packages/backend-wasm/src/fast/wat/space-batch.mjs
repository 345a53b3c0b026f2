// WAT for SpaceToBatchND and BatchToSpaceND over up to three block dimensions (TensorFlow's atrous scheme for dilated
// convolutions moves data with them, each the other's gradient). Parameters: the space-side tensor [n, d, h, w, c]
// (unpadded for space → batch, cropped for batch → space; c holds every trailing dimension), block bd × bh × bw,
// leading pads (or crops) pf, pt, pl, and the batch-side tensor [bd·bh·bw·n, od, oh, ow, c]. Elements are 4 bytes.
import { copyRun, forRange, get, i32Locals, i32Params } from './loops.mjs';

const PARAMS = ['space', 'batch', 'n', 'd', 'h', 'w', 'c', 'bd', 'bh', 'bw', 'pf', 'pt', 'pl', 'od', 'oh', 'ow'];
const LOCALS = ['a', 'i', 'j', 'b', 'oz', 'oy', 'ox', 'z', 'y', 'x', 'k', 'kv', 'cb', 'rowB', 'planeB', 'run', 'px'];

/** Byte offset of the space-side pixel (b, z, y, x). */
const pixel = `(i32.mul (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul ${get('b')} ${get('d')}) ${get('z')}) ${get('h')}) ${get('y')}) ${get('w')}) ${get('x')}) ${get('cb')})`;

/**
 * Walks the batch-side tensor in order ($run), block offset (a, i, j), then (b, oz, oy, ox), with the space-side pixel
 * z = oz·bd + a − pf (and so on): `inside` where it lies in the space tensor ($px its byte offset), `outside(bytes)`
 * for the batch-side bytes that fall in the padding — a whole plane or row at once where it can.
 */
function walk(inside, outside) {
  return forRange('a', get('bd'), forRange('i', get('bh'), forRange('j', get('bw'), forRange('b', get('n'), forRange('oz', get('od'), `
    (local.set $z (i32.sub (i32.add (i32.mul ${get('oz')} ${get('bd')}) ${get('a')}) ${get('pf')}))
    (if (i32.lt_u ${get('z')} ${get('d')})
      (then
        ${forRange('oy', get('oh'), `
          (local.set $y (i32.sub (i32.add (i32.mul ${get('oy')} ${get('bh')}) ${get('i')}) ${get('pt')}))
          (if (i32.lt_u ${get('y')} ${get('h')})
            (then
              ${forRange('ox', get('ow'), `
                (local.set $x (i32.sub (i32.add (i32.mul ${get('ox')} ${get('bw')}) ${get('j')}) ${get('pl')}))
                (if (i32.lt_u ${get('x')} ${get('w')}) (then (local.set $px ${pixel}) ${inside}) (else ${outside(get('cb'))}))
                (local.set $run (i32.add ${get('run')} ${get('cb')}))`)})
            (else
              ${outside(get('rowB'))}
              (local.set $run (i32.add ${get('run')} ${get('rowB')}))))`)})
      (else
        ${outside(get('planeB'))}
        (local.set $run (i32.add ${get('run')} ${get('planeB')}))))`)))));
}

const kernel = (name, inside, outside) => `
  (func (export "${name}") ${i32Params(...PARAMS)} ${i32Locals(...LOCALS)}
    (local.set $cb (i32.shl ${get('c')} (i32.const 2)))
    (local.set $rowB (i32.mul ${get('ow')} ${get('cb')}))
    (local.set $planeB (i32.mul ${get('oh')} ${get('rowB')}))
    (local.set $run ${get('batch')})
    ${walk(inside, outside)})`;

/** batch ← space, zeros where the batch-side pixel lies in the padding. */
const spaceToBatch = kernel('space_to_batch',
  copyRun(get('run'), `(i32.add ${get('space')} ${get('px')})`, get('cb')),
  (bytes) => `(memory.fill ${get('run')} (i32.const 0) ${bytes})`);

/** space ← batch, dropping the batch-side pixels cropped away (every space-side pixel is written exactly once). */
const batchToSpace = kernel('batch_to_space',
  copyRun(`(i32.add ${get('space')} ${get('px')})`, get('run'), get('cb')),
  () => '');

export const spaceBatchKernels = [spaceToBatch, batchToSpace];

import { ops, type Tensor } from '@strata/core';

/** `y_pred` as float (int predictions become float32) and `y_true` cast to its dtype, as Keras' loss functions do. */
export function castInputs(yTrue: Tensor, yPred: Tensor): [Tensor, Tensor] {
  const p = yPred.dtype === 'float32' ? yPred : ops.cast(yPred, 'float32');
  const t = yTrue.dtype === p.dtype ? yTrue : ops.cast(yTrue, p.dtype);
  return [t, p];
}

/**
 * `validateActivation`: Keras' `imagenet_utils.validate_activation`. Pretrained classifiers were trained with a
 * softmax, so with weights only `softmax` or no activation (`null`, `'linear'`) may top them.
 *
 * @example
 * validateActivation('softmax', 'imagenet'); // fine
 * validateActivation('relu', 'imagenet');    // ValueError
 */
import { ValueError, activations } from '@strata/core';

type ActivationIdentifier = Parameters<typeof activations.get>[0];

function describe(identifier: ActivationIdentifier): string {
  if (identifier == null) return 'None';
  if (typeof identifier === 'string') return identifier;
  if (typeof identifier === 'function') return identifier.name || 'a function';
  return JSON.stringify(identifier);
}

/** Throws Keras' error unless `classifierActivation` is softmax or linear, when `weights` are given. */
export function validateActivation(classifierActivation: ActivationIdentifier, weights: string | null | undefined): void {
  if (weights == null) return;
  const fn = activations.get(classifierActivation);
  if (fn !== activations.get('softmax') && fn !== activations.get(null)) {
    throw new ValueError(
      'Only `None` and `softmax` activations are allowed for the `classifier_activation` argument when using ' +
        `pretrained weights, with \`include_top=True\`; Received: classifier_activation=${describe(classifierActivation)}`,
    );
  }
}

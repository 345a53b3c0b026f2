/**
 * `obtainInputShape`: Keras' `imagenet_utils.obtain_input_shape`, which the application builders use to pick and
 * validate the input shape from `inputShape`, the model's default and minimum sizes, `includeTop` and `weights`.
 *
 * @example
 * obtainInputShape({ inputShape: null, defaultSize: 224, minSize: 32, requireFlatten: false, weights: 'imagenet' });
 * // [null, null, 3]
 */
import { ValueError } from '@strata/core';

/** A 3-D image shape; `null` for a size left open. */
export type ImageShape = Array<number | null>;

/** Arguments of {@link obtainInputShape}, Keras' in camelCase. */
export interface ObtainInputShapeArgs {
  inputShape?: readonly (number | null)[] | null;
  defaultSize: number;
  minSize: number;
  dataFormat?: 'channels_last' | 'channels_first';
  /** True when the model ends in a classifier (`includeTop`). */
  requireFlatten: boolean;
  /** `'imagenet'`, a weights path, or null. */
  weights?: string | null;
  onWarning?: (message: string) => void;
}

/** A shape as Python prints a tuple: `(224, 224, 3)`, `(None, None, 3)`. */
export function formatShape(shape: readonly (number | null)[]): string {
  const items = shape.map((d) => (d === null ? 'None' : String(d)));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

function sameShape(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The model's input shape, or Keras' error for an input shape the model or its weights cannot take. */
export function obtainInputShape(args: ObtainInputShapeArgs): ImageShape {
  const { defaultSize, minSize, requireFlatten } = args;
  const dataFormat = args.dataFormat ?? 'channels_last';
  const weights = args.weights ?? null;
  const warn = args.onWarning ?? ((m: string) => console.warn(m));
  const given = args.inputShape && args.inputShape.length > 0 ? [...args.inputShape] : null;
  const first = dataFormat === 'channels_first';

  let defaultShape: ImageShape;
  if (weights !== 'imagenet' && given && given.length === 3) {
    const channels = first ? given[0]! : given[2]!;
    if (channels !== 1 && channels !== 3) {
      warn(`This model usually expects 1 or 3 input channels. However, it was passed an input_shape with ${channels ?? 'None'} input channels.`);
    }
    defaultShape = first ? [given[0]!, defaultSize, defaultSize] : [defaultSize, defaultSize, given[2]!];
  } else {
    defaultShape = first ? [3, defaultSize, defaultSize] : [defaultSize, defaultSize, 3];
  }

  if (weights === 'imagenet' && requireFlatten) {
    if (args.inputShape != null && !sameShape(args.inputShape, defaultShape)) {
      throw new ValueError(
        'When setting `include_top=True` and loading `imagenet` weights, ' +
          `\`input_shape\` should be ${formatShape(defaultShape)}.  Received: input_shape=${formatShape(args.inputShape)}`,
      );
    }
    return defaultShape;
  }

  let shape: ImageShape;
  if (given) {
    if (given.length !== 3) throw new ValueError('`input_shape` must be a tuple of three integers.');
    const [channels, rows, cols] = first ? [given[0], given[1], given[2]] : [given[2], given[0], given[1]];
    if (channels !== 3 && weights === 'imagenet') {
      throw new ValueError(`The input must have 3 channels; Received \`input_shape=${formatShape(given)}\``);
    }
    if ((rows != null && rows < minSize) || (cols != null && cols < minSize)) {
      throw new ValueError(`Input size must be at least ${minSize}x${minSize}; Received: input_shape=${formatShape(given)}`);
    }
    shape = given;
  } else if (requireFlatten) {
    shape = defaultShape;
  } else {
    shape = first ? [3, null, null] : [null, null, 3];
  }
  if (requireFlatten && shape.includes(null)) {
    throw new ValueError(`If \`include_top\` is True, you should specify a static \`input_shape\`. Received: input_shape=${formatShape(shape)}`);
  }
  return shape;
}

/**
 * A weight's initializer, regularizer and constraint as a convolution layer takes them (`kernelInitializer`,
 * `kernelRegularizer`, `kernelConstraint`, …): resolved with each namespace's `get`, written back into configs.
 */
import * as initializers from '@strata/initializers';
import * as constraints from '../constraints/index.js';
import * as regularizers from '../regularizers/index.js';

/** The resolved options of one weight. */
export interface WeightOptions {
  initializer: initializers.Initializer;
  regularizer: regularizers.Regularizer | null;
  constraint: constraints.Constraint | null;
}

/** Resolves identifiers (names, configs, instances) to a weight's options. */
export function resolveWeightOptions(
  initializer: initializers.InitializerIdentifier | null | undefined,
  regularizer: regularizers.RegularizerIdentifier | null | undefined,
  constraint: constraints.ConstraintIdentifier | null | undefined,
  defaultInitializer: string,
): WeightOptions {
  return {
    initializer: initializers.get(initializer ?? defaultInitializer),
    regularizer: regularizers.get(regularizer ?? null),
    constraint: constraints.get(constraint ?? null),
  };
}

/** `{ <prefix>Initializer, <prefix>Regularizer, <prefix>Constraint }` for `getConfig`. */
export function serializeWeightOptions(prefix: string, options: WeightOptions): Record<string, unknown> {
  return {
    [`${prefix}Initializer`]: initializers.serialize(options.initializer),
    [`${prefix}Regularizer`]: options.regularizer ? regularizers.serialize(options.regularizer) : null,
    [`${prefix}Constraint`]: options.constraint ? constraints.serialize(options.constraint) : null,
  };
}

/** The activity regularizer as Keras configs always write it (null when unset). */
export function serializeActivityRegularizer(regularizer: regularizers.Regularizer | null): unknown {
  return regularizer ? regularizers.serialize(regularizer) : null;
}

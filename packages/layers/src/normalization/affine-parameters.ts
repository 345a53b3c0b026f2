import * as initializers from '@strata/initializers';
import * as constraints from '../constraints/index.js';
import * as regularizers from '../regularizers/index.js';

/** The `beta` / `gamma` options shared by the normalization layers (`LayerNormalization`, `GroupNormalization`). */
export interface AffineParameterArgs {
  /** Whether to add the offset `beta` (default true). */
  center?: boolean;
  /** Whether to multiply by `gamma` (default true). */
  scale?: boolean;
  betaInitializer?: initializers.InitializerIdentifier;
  gammaInitializer?: initializers.InitializerIdentifier;
  betaRegularizer?: regularizers.RegularizerIdentifier | null;
  gammaRegularizer?: regularizers.RegularizerIdentifier | null;
  betaConstraint?: constraints.ConstraintIdentifier | null;
  gammaConstraint?: constraints.ConstraintIdentifier | null;
}

/** {@link AffineParameterArgs} resolved: Keras' defaults applied, identifiers turned into objects. */
export interface AffineParameters {
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: initializers.Initializer;
  readonly gammaInitializer: initializers.Initializer;
  readonly betaRegularizer: regularizers.Regularizer | null;
  readonly gammaRegularizer: regularizers.Regularizer | null;
  readonly betaConstraint: constraints.Constraint | null;
  readonly gammaConstraint: constraints.Constraint | null;
}

/**
 * Resolves the `beta` / `gamma` options with Keras' defaults (`center` and `scale` true, `zeros` / `ones`
 * initializers, no regularizer or constraint).
 *
 * @example
 * resolveAffineParameters({ center: false }).gammaInitializer; // the `ones` initializer
 */
export function resolveAffineParameters(args: AffineParameterArgs): AffineParameters {
  return {
    center: args.center ?? true,
    scale: args.scale ?? true,
    betaInitializer: initializers.get(args.betaInitializer ?? 'zeros'),
    gammaInitializer: initializers.get(args.gammaInitializer ?? 'ones'),
    betaRegularizer: regularizers.get(args.betaRegularizer ?? null),
    gammaRegularizer: regularizers.get(args.gammaRegularizer ?? null),
    betaConstraint: constraints.get(args.betaConstraint ?? null),
    gammaConstraint: constraints.get(args.gammaConstraint ?? null),
  };
}

/**
 * The config entries of the `beta` / `gamma` initializers, regularizers and constraints, in Keras' order
 * (`center` and `scale` are left to the layer, which places them among its own keys).
 *
 * @example
 * serializeAffineParameters(resolveAffineParameters({})).betaInitializer; // { className: 'Zeros', ... }
 */
export function serializeAffineParameters(p: AffineParameters): Record<string, unknown> {
  return {
    betaInitializer: initializers.serialize(p.betaInitializer),
    gammaInitializer: initializers.serialize(p.gammaInitializer),
    betaRegularizer: p.betaRegularizer ? regularizers.serialize(p.betaRegularizer) : null,
    gammaRegularizer: p.gammaRegularizer ? regularizers.serialize(p.gammaRegularizer) : null,
    betaConstraint: p.betaConstraint ? constraints.serialize(p.betaConstraint) : null,
    gammaConstraint: p.gammaConstraint ? constraints.serialize(p.gammaConstraint) : null,
  };
}

import { beforeEach, describe, expect, it } from 'vitest';
import { fromKerasJson, ops, registerKerasSerializable, tidy, toKerasJson, type Tensor } from '@strata/core';
import { expectTensorsClose, runLayerTest } from '@strata/test-utils';
import { clearSession, deserialize, getKerasMask, Input, Lambda, serialize, type SerializedLayer } from '../index.js';

beforeEach(() => clearSession());

function scaledSquare(x: Tensor, args: Record<string, unknown>): Tensor {
  return ops.mul(ops.square(x), ops.scalar((args.factor as number | undefined) ?? 1));
}
registerKerasSerializable(scaledSquare, { package: 'LambdaTest', name: 'scaledSquare' });

function firstHalf(x: Tensor): Tensor {
  return ops.slice(x, [0, 0], [-1, Math.floor(x.shape[1]! / 2)]);
}
registerKerasSerializable(firstHalf, { package: 'LambdaTest', name: 'firstHalf' });

describe('Lambda', () => {
  it('passes the standard layer checks with a registered function and arguments', () => {
    runLayerTest({
      layerClass: Lambda, init: { function: scaledSquare, arguments: { factor: 3 } }, inputShape: [2, 3],
      expectedOutputShape: [2, 3], expectedTrainableWeights: 0, expectedNonTrainableWeights: 0, supportsMasking: false,
    });
  });

  it('infers the output shape by tracing, or takes it from outputShape (without batch) or a function', () => {
    expect(new Lambda({ function: firstHalf }).apply(Input({ shape: [6] })).shape).toEqual([null, 3]);
    expect(new Lambda({ function: firstHalf, outputShape: [3] }).apply(Input({ shape: [6] })).shape).toEqual([null, 3]);
    expect(new Lambda({ function: firstHalf, outputShape: (s: number[]) => [s[0]!, 3] }).computeOutputShape([7, 6])).toEqual([7, 3]);
    tidy(() => expectTensorsClose(new Lambda({ function: firstHalf }).apply(ops.tensor([[1, 2, 3, 4]])) as Tensor, [[1, 2]]));
  });

  it('passes arguments, training and mask to the function, and computes an output mask when given one', () => {
    const seen: unknown[] = [];
    const probe = new Lambda({
      function: (x: Tensor, args) => {
        seen.push({ factor: args.factor, training: args.training, masked: args.mask != null });
        return ops.relu(x);
      },
      arguments: { factor: 2 },
      mask: (x: Tensor) => ops.greater(ops.sum(x, -1), 0),
    });
    tidy(() => {
      const y = probe.apply(ops.tensor([[[1, 1]], [[-1, -1]]]), { training: true }) as Tensor;
      expect(Array.from((getKerasMask(y) as Tensor).dataSync())).toEqual([1, 0]);
    });
    expect(seen).toEqual([{ factor: 2, training: true, masked: false }]);
    expect(probe.supportsMasking).toBe(true);
  });

  it('serializes a registered function by name, as Keras, and loads it back', () => {
    const layer = new Lambda({ function: scaledSquare, arguments: { factor: 2 }, outputShape: [3], name: 'sq' });
    const json = toKerasJson(serialize(layer)) as Record<string, any>;
    expect(json.config.function).toEqual({ module: 'builtins', class_name: 'function', config: 'LambdaTest>scaledSquare', registered_name: 'function' });
    expect(json.config.output_shape).toEqual([3]);
    expect(json.config.arguments).toEqual({ factor: 2 });
    const revived = deserialize(fromKerasJson(JSON.parse(JSON.stringify(json))) as unknown as SerializedLayer) as Lambda;
    expect(revived.function).toBe(scaledSquare);
    tidy(() => expectTensorsClose(revived.apply(ops.tensor([[1, 2, 3]])) as Tensor, [[2, 8, 18]]));
  });

  it('loads a function named in a Keras file from customObjects', () => {
    const keras = {
      module: 'keras.layers', class_name: 'Lambda', registered_name: null,
      config: {
        name: 'lambda', trainable: true, dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null },
        function: { module: 'builtins', class_name: 'function', config: 'plain', registered_name: 'function' }, arguments: {},
      },
    };
    const plain = (x: Tensor): Tensor => ops.add(x, ops.scalar(1));
    const layer = deserialize(fromKerasJson(keras) as unknown as SerializedLayer, { plain }) as Lambda;
    tidy(() => expectTensorsClose(layer.apply(ops.tensor([1, 2])) as Tensor, [2, 3]));
  });

  it('refuses to load an unregistered function or a Python lambda, explaining why and what to do', () => {
    const config = (fn: unknown): SerializedLayer => fromKerasJson({ class_name: 'Lambda', config: { name: 'my_lambda', function: fn, arguments: {} } }) as unknown as SerializedLayer;
    expect(() => deserialize(config({ module: 'builtins', class_name: 'function', config: 'Mine>missing', registered_name: 'function' })))
      .toThrow(/Lambda layer "my_lambda": the function "Mine>missing" \(its "function"\) is not registered. Strata never executes code from files: register a TypeScript implementation with registerKerasSerializable/);
    expect(() => deserialize(config({ class_name: '__lambda__', config: { code: '4wEAAAAA', defaults: null, closure: null } })))
      .toThrow(/Lambda layer "my_lambda": its "function" is a Python lambda stored as bytecode. Strata never executes code from files/);
    // Keras 2 writes a lambda as [bytecode, defaults, closure] with function_type "lambda".
    expect(() => deserialize(fromKerasJson({ class_name: 'Lambda', config: { name: 'old', function: ['4wEAAAAA', null, null], function_type: 'lambda', module: '__main__' } }) as unknown as SerializedLayer))
      .toThrow(/Python lambda stored as bytecode/);
  });

  it('requires a function', () => {
    expect(() => new Lambda({ function: 3 as never })).toThrow('Argument "function" of Lambda must be a function. Received: number');
  });
});

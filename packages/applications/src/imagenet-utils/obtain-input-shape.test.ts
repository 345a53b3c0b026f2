import { kerasGolden } from '@strata/test-utils';
import { describe, expect, it } from 'vitest';
import { formatShape, obtainInputShape } from './obtain-input-shape.js';
import { validateActivation } from './validate-activation.js';

interface Case {
  args: {
    input_shape: Array<number | null> | null;
    default_size: number;
    min_size: number;
    data_format: 'channels_last' | 'channels_first';
    require_flatten: boolean;
    weights: string | null;
  };
  shape?: Array<number | null>;
  error?: string;
  warnings: string[];
}
const golden = kerasGolden('applications/obtain_input_shape') as unknown as {
  cases: Case[];
  validate_activation: Array<{ activation: string | null; weights: string | null; ok: boolean }>;
};

const label = (a: Case['args']) =>
  `${a.input_shape ? formatShape(a.input_shape) : 'None'} ${a.data_format} include_top=${a.require_flatten} weights=${a.weights ?? 'None'}`;

describe('obtainInputShape matches Keras', () => {
  it.each(golden.cases.map((c) => [label(c.args), c] as const))('%s', (_name, c) => {
    const warnings: string[] = [];
    const run = () =>
      obtainInputShape({
        inputShape: c.args.input_shape,
        defaultSize: c.args.default_size,
        minSize: c.args.min_size,
        dataFormat: c.args.data_format,
        requireFlatten: c.args.require_flatten,
        weights: c.args.weights,
        onWarning: (m) => warnings.push(m),
      });
    if (c.error !== undefined) expect(run).toThrow(c.error);
    else expect(run()).toEqual(c.shape);
    expect(warnings).toEqual(c.warnings);
  });
});

describe('validateActivation matches Keras', () => {
  it.each(golden.validate_activation.map((c) => [String(c.activation), String(c.weights), c.ok] as const))(
    'activation %s with weights %s: allowed=%s',
    (activation, weights, ok) => {
      const run = () => validateActivation(activation === 'null' ? null : activation, weights === 'null' ? null : weights);
      if (ok) expect(run).not.toThrow();
      else expect(run).toThrow(`Only \`None\` and \`softmax\` activations are allowed for the \`classifier_activation\` argument when using pretrained weights, with \`include_top=True\`; Received: classifier_activation=${activation}`);
    },
  );
});

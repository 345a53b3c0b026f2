// .keras files from other Keras versions, built as keras-formats.md §4 describes: tf.keras 2.13/2.14
// (`_layer_checkpoint_dependencies`, list-form inbound nodes, string dtypes) and Keras 3.0–3.3 (string dtypes).
import { tensor, type Tensor } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../api/load-model.js';
import { H5Writer } from '../h5/h5-writer.js';
import { B1, B2, K1, K2, X, Y } from '../test-support/keras2-files.js';
import { caseBytes, caseInputs, maxAbsDiff, predictArrays, savingCase } from '../test-support/fixtures.js';
import { readZip } from '../zip/read-zip.js';
import { writeZip } from '../zip/write-zip.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function denseConfig(name: string, units: number, activation: string): Record<string, unknown> {
  return {
    module: 'keras.layers', class_name: 'Dense', registered_name: null, name,
    config: {
      name, trainable: true, dtype: 'float32', units, activation, use_bias: true,
      kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
      bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
      kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    },
  };
}

/** tf.keras 2.13's `.keras`: keras_v3 envelopes with Keras 2 inner forms, weights under `_layer_checkpoint_dependencies`. */
async function tfKeras213File(): Promise<Uint8Array> {
  const config = {
    module: 'keras.engine.functional', class_name: 'Functional', registered_name: 'Functional',
    build_config: { input_shape: [null, 3] },
    config: {
      name: 'model', trainable: true,
      layers: [
        { module: 'keras.layers', class_name: 'InputLayer', registered_name: null, name: 'input_1', inbound_nodes: [],
          config: { batch_input_shape: [null, 3], dtype: 'float32', sparse: false, ragged: false, name: 'input_1' } },
        { ...denseConfig('dense', 2, 'relu'), build_config: { input_shape: [null, 3] }, inbound_nodes: [[['input_1', 0, 0, {}]]] },
        { ...denseConfig('dense_1', 1, 'linear'), build_config: { input_shape: [null, 2] }, inbound_nodes: [[['dense', 0, 0, {}]]] },
      ],
      input_layers: [['input_1', 0, 0]],
      output_layers: [['dense_1', 0, 0]],
    },
  };
  const w = await H5Writer.create();
  // tf.keras 2.13 walked dir() alphabetically, so `_layer_checkpoint_dependencies` came before `layers`.
  w.group('_layer_checkpoint_dependencies/input_layer/vars');
  [[K1, B1], [K2, B2]].forEach((values, i) => {
    const g = `_layer_checkpoint_dependencies/${i === 0 ? 'dense' : 'dense_1'}/vars`;
    values.forEach((v, j) => w.dataset(`${g}/${j}`, { dtype: 'float32', ...v }));
  });
  w.group('vars');
  return writeZip([
    ['metadata.json', enc(JSON.stringify({ keras_version: '2.13.1', date_saved: '2023-07-01@12:00:00' }))],
    ['config.json', enc(JSON.stringify(config))],
    ['model.weights.h5', w.finish()],
  ]);
}

describe('.keras files from older Keras versions', () => {
  it('tf.keras 2.13/2.14: `_layer_checkpoint_dependencies`, list-form inbound nodes, string dtypes', async () => {
    const model = await loadModel(await tfKeras213File());
    const x = tensor(X.data, X.shape);
    const y = model.predict(x) as Tensor;
    expect(Array.from(y.dataSync())).toEqual(Y);
    x.dispose();
    y.dispose();
    model.dispose();
  });

  it('Keras 3.0–3.3: dtypes as plain strings instead of DTypePolicy objects', async () => {
    const members = readZip(caseBytes('multi_io', 'model.keras'), 'multi_io.keras');
    const text = new TextDecoder().decode(members.get('config.json'));
    const policy = /\{"module": "keras", "class_name": "DTypePolicy", "config": \{"name": "float32"\}, "registered_name": null(, "shared_object_id": \d+)?\}/g;
    expect(text.match(policy)!.length).toBeGreaterThan(3);
    members.set('config.json', enc(text.replace(policy, '"float32"')));
    const model = await loadModel(writeZip([...members]));
    const c = savingCase('multi_io');
    const xs = caseInputs(c);
    expect(maxAbsDiff(predictArrays(model, xs), c.predictions)).toBeLessThan(1e-5);
    for (const t of xs) t.dispose();
    model.dispose();
  });
});

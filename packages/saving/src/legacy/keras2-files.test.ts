// Keras 2.x / Keras 1 HDF5 files, built by hand as keras-formats.md §3 describes, load as a hand computation says.
import { tensor, type Tensor } from '@strata/core';
import { Dense, Input } from '@strata/layers';
import { Model } from '@strata/models';
import { describe, expect, it, vi } from 'vitest';
import { loadModel } from '../api/load-model.js';
import { loadWeights } from '../api/weights.js';
import { modelFromJson } from '../config/model-json.js';
import { withH5 } from '../h5/h5-reader.js';
import { B1, K1, KERAS2_FUNCTIONAL, KERAS2_SEQUENTIAL, keras2ModelH5, keras2WeightsH5, X, Y } from '../test-support/keras2-files.js';

function predict(model: Model): number[] {
  const x = tensor(X.data, X.shape);
  const y = model.predict(x) as Tensor;
  const out = Array.from(y.dataSync());
  x.dispose();
  y.dispose();
  model.dispose();
  return out;
}

/** A Strata model of the same architecture with other layer names (for positional loading). */
function renamed(): Model {
  const x = Input({ shape: [3], name: 'x' });
  const y = new Dense({ units: 1, name: 'second' }).apply(new Dense({ units: 2, activation: 'relu', name: 'first' }).apply(x));
  return new Model({ inputs: x, outputs: y });
}

describe('Keras 2 .h5 files', () => {
  it('stores strings as fixed-length bytes, as Keras 2 did (the reader decodes them)', async () => {
    await withH5(await keras2ModelH5(), 'k2.h5', (h5) => {
      expect(h5.stringAttr('', 'keras_version')).toBe('2.2.4');
      expect(h5.stringList('model_weights/dense_1', 'weight_names')).toEqual(['dense_1/kernel:0', 'dense_1/bias:0']);
      expect(h5.isDataset('model_weights/dense_1/dense_1/kernel:0')).toBe(true);
    });
  });

  it('loadModel reads a Keras 2.2.4 functional model ("Model", list-form inbound_nodes, batch_input_shape, VarianceScaling "normal")', async () => {
    const model = await loadModel(await keras2ModelH5());
    expect(model.layers.map((l) => l.name)).toEqual(['input_1', 'dense_1', 'dense_2']);
    const init = (model.layers[1]!.getConfig().kernelInitializer as { config: { distribution: string } }).config.distribution;
    expect(init).toBe('truncated_normal');
    expect(predict(model)).toEqual(Y);
  });

  it('loadModel reads a Keras 2 Sequential with batch_input_shape on its first layer', async () => {
    const model = await loadModel(await keras2ModelH5(KERAS2_SEQUENTIAL, false));
    expect(model.constructor.name).toBe('Sequential');
    expect(predict(model)).toEqual(Y);
  });

  it('modelFromJson accepts the Keras 2 configs (functional and Sequential)', () => {
    expect(modelFromJson(JSON.stringify(KERAS2_FUNCTIONAL)).layers.map((l) => l.name)).toEqual(['input_1', 'dense_1', 'dense_2']);
    expect(modelFromJson(KERAS2_SEQUENTIAL).layers.map((l) => l.name)).toEqual(['dense_1', 'dense_2']);
  });

  it('loadWeights matches by position in Keras layer order, whatever the names', async () => {
    const model = renamed();
    await loadWeights(model, await keras2WeightsH5());
    expect(predict(model)).toEqual(Y);
  });

  it('loadWeights by name loads only the layers whose names match, leaving the others', async () => {
    const model = modelFromJson(KERAS2_FUNCTIONAL);
    const before = model.layers[2]!.getWeights();
    await loadWeights(model, await keras2WeightsH5({ layerNames: ['dense_1', 'unrelated'] }), { byName: true });
    expect(Array.from(model.layers[1]!.getWeights()[0]!.dataSync())).toEqual(Array.from(K1.data));
    expect(Array.from(model.layers[2]!.getWeights()[0]!.dataSync())).toEqual(Array.from(before[0]!.dataSync()));
    model.dispose();
  });

  it('reads chunked layer_names0, layer_names1 attributes', async () => {
    const model = renamed();
    await loadWeights(model, await keras2WeightsH5({ chunked: true }));
    expect(predict(model)).toEqual(Y);
  });

  it('reads Keras 1 files: flat weight names (dense_1_W:0) and no version attributes', async () => {
    const model = renamed();
    await loadWeights(model, await keras2WeightsH5({ keras1: true, version: null }));
    expect(predict(model)).toEqual(Y);
  });

  it('refuses a layer-count mismatch by position, naming both sides', async () => {
    const x = Input({ shape: [3] });
    const model = new Model({ inputs: x, outputs: new Dense({ units: 2, name: 'only' }).apply(x) });
    await expect(loadWeights(model, await keras2WeightsH5(), {})).rejects.toThrow(
      /Layer count mismatch when loading weights from file ".*"\. Model expected 1 layers with weights \(\["only"\]\), found 2 saved layers \(\["dense_1","dense_2"\]\)\./,
    );
    model.dispose();
  });

  it('refuses a shape mismatch naming the layer and the weight; skipMismatch skips it with a warning and loads the rest', async () => {
    const make = (): Model => {
      const x = Input({ shape: [3] });
      return new Model({ inputs: x, outputs: new Dense({ units: 1, name: 'b' }).apply(new Dense({ units: 2, activation: 'relu', useBias: true, name: 'a' }).apply(x)) });
    };
    const bad = await keras2WeightsH5();
    // A model whose first kernel is [3, 2] but reads a file where dense_1's bias was written as [2]: swap in a 4-unit model.
    const x = Input({ shape: [3] });
    const wrong = new Model({ inputs: x, outputs: new Dense({ units: 1, name: 'b2' }).apply(new Dense({ units: 4, name: 'a4' }).apply(x)) });
    await expect(loadWeights(wrong, bad)).rejects.toThrow(/Shape mismatch in layer #0 \(named a4\) for weight .*a4\/kernel\. Weight expects shape \[3, 4\]\. Received saved weight with incompatible shape \[3, 2\]\./);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await loadWeights(wrong, bad, { skipMismatch: true });
    expect(warn).toHaveBeenCalledTimes(3); // kernel and bias of a4, kernel of b2 ([2,1] vs [4,1]); b2's bias [1] loads
    warn.mockRestore();
    expect(Array.from(wrong.layers[2]!.getWeights()[1]!.dataSync())).toEqual([0.25]);
    wrong.dispose();
    const ok = make();
    await loadWeights(ok, bad);
    expect(predict(ok)).toEqual(Y);
    void B1;
  });
});

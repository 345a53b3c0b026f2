// Corrupt and hostile inputs are refused with a clear error, and nothing is written; custom objects resolve only when
// the user provides them.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ops, registerKerasSerializable, type Tensor } from '@strata/core';
import { Dense, Input, Layer, registerLayer, type KerasVariable } from '@strata/layers';
import { Model, Sequential } from '@strata/models';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryHandler } from '../io/memory.js';
import { caseBytes } from '../test-support/fixtures.js';
import { readZip } from '../zip/read-zip.js';
import { writeZip } from '../zip/write-zip.js';
import { loadModel } from './load-model.js';
import { saveModel } from './save-model.js';
import { loadWeights } from './weights.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** The seq_mlp .keras with one member replaced. */
function patched(member: string, edit: (text: string) => string): Uint8Array {
  const members = readZip(caseBytes('seq_mlp', 'model.keras'), 'seq_mlp.keras');
  members.set(member, enc(edit(dec(members.get(member)!))));
  return writeZip([...members]);
}

/** A layer with one weight, multiplying its input. */
class Scale extends Layer {
  static override className = 'Scale';
  scale!: KerasVariable;
  override build(inputShape: Array<number | null>): void {
    this.scale = this.addWeight({ name: 'scale', shape: [inputShape.at(-1)!], initializer: 'ones' });
  }
  override call(x: Tensor): Tensor {
    return ops.mul(x, this.scale.value);
  }
  override computeOutputShape(s: unknown): unknown {
    return s;
  }
}

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'strata-saving-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('corrupt and hostile files are refused with a clear error', () => {
  it('truncated .keras', async () => {
    const full = caseBytes('seq_mlp', 'model.keras');
    await expect(loadModel(full.subarray(0, full.length - 100))).rejects.toThrow(/"model\.keras" is not a readable zip archive \(truncated or damaged\)/);
  });

  it('truncated .h5', async () => {
    const full = caseBytes('seq_mlp', 'model.h5');
    await expect(loadModel(full.subarray(0, 2048))).rejects.toThrow(`"model.keras" is truncated: its HDF5 superblock declares ${full.length} bytes, received 2048.`);
  });

  it('wrong magic', async () => {
    await expect(loadModel(enc('GIF89a....'))).rejects.toThrow(
      '"model.keras" is not a model file Strata reads: expected a .keras zip, an HDF5 .h5 file or a TF.js model.json, received bytes starting 47 49 46 38 39 61 2e 2e.',
    );
    await expect(loadWeights(new Sequential([Input({ shape: [2] }), new Dense({ units: 1 })]), enc('junk'))).rejects.toThrow(/is not a weights file/);
  });

  it('a zip member with a ../ path, and nothing is written anywhere', async () => {
    const members = readZip(caseBytes('seq_mlp', 'model.keras'), 'x');
    const evil = zipSync({ ...Object.fromEntries(members), '../../evil.sh': enc('rm -rf /') });
    await expect(loadModel(evil)).rejects.toThrow('"model.keras" contains the member "../../evil.sh", which is refused because it contains a ".." segment.');
    expect(await readdir(dir)).toEqual([]);
  });

  it('an oversized member (decompression bomb)', async () => {
    const members = readZip(caseBytes('seq_mlp', 'model.keras'), 'x');
    const bomb = zipSync({ ...Object.fromEntries(members), 'assets/big.bin': [new Uint8Array(4 << 20), { level: 9 }] });
    await expect(loadModel(bomb, { zipLimits: { expansionFloorBytes: 1 << 20 } })).rejects.toThrow(/member "assets\/big\.bin" expands \d+ bytes to 4194304 \(over 100×\): refused as a possible decompression bomb/);
  });

  it('__proto__ keys in a config', async () => {
    const bad = patched('config.json', (t) => t.replace('"config": {', '"config": {"__proto__": {"polluted": true}, '));
    await expect(loadModel(bad)).rejects.toThrow(/config\.json in "model\.keras" is not valid JSON: Refusing JSON key "__proto__"/);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('an unknown class name, listing the known ones', async () => {
    const bad = patched('config.json', (t) => t.replace('"class_name": "Activation"', '"class_name": "FancyActivation"'));
    await expect(loadModel(bad)).rejects.toThrow(/Unknown layer: "FancyActivation"\. Accepted names: .*Dense.*Register custom objects with registerKerasSerializable\(\) or pass them in customObjects\./);
  });

  it('a Lambda layer (Python code) unless the user registered one; files never run code', async () => {
    const lambda = (t: string): string => t.replace(
      /\{"module": "keras.layers", "class_name": "Activation", "config": \{"name": "activation"[^}]*\}[^}]*\}, "activation": "softmax"\}/,
      '{"module": "keras.layers", "class_name": "Lambda", "config": {"name": "activation", "function": {"class_name": "__lambda__", "config": {"value": "4wEAAA=="}}, "arguments": {}}',
    );
    const bad = patched('config.json', lambda);
    expect(dec(readZip(bad, 'x').get('config.json')!)).toContain('"Lambda"');
    await expect(loadModel(bad)).rejects.toThrow(/The layer "activation" is a Lambda layer, which holds Python code; Strata never executes code from a file \(Keras' safe_mode\)/);
    class Softmax extends Layer {
      static override className = 'Lambda';
      override call(x: Tensor): Tensor { return ops.softmax(x); }
      override computeOutputShape(s: unknown): unknown { return s; }
    }
    const model = await loadModel(bad, { customObjects: { Lambda: Softmax } });
    expect(model.layers.at(-1)).toBeInstanceOf(Softmax);
    model.dispose();
  });

  it('weight shapes that do not match the model, naming the layer and the weight; nothing is assigned', async () => {
    const bad = patched('config.json', (t) => t.replace('"units": 4', '"units": 3'));
    await expect(loadModel(bad)).rejects.toThrow(
      /^Layer "dense_1" weight "(seq_mlp\/)?dense_1\/kernel" has shape \[5, 3\], but "layers\/dense_1" in "model\.keras\/model\.weights\.h5" holds shape \[5, 4\] \(vars\/0\)\.$/,
    );
    const model = new Sequential([Input({ shape: [3, 2] }), new Dense({ units: 4, name: 'other' })]);
    const before = model.getWeights().map((t) => Array.from(t.dataSync()));
    await expect(loadWeights(model, caseBytes('seq_mlp', 'model.weights.h5'))).rejects.toThrow(/^Layer "other" weight ".*other\/kernel" has shape \[2, 4\], but "layers\/dense" in "model\.weights\.h5" holds shape \[6, 5\] \(vars\/0\)\.$/);
    expect(model.getWeights().map((t) => Array.from(t.dataSync()))).toEqual(before);
    model.dispose();
  });

  it('a failed save writes nothing', async () => {
    class Broken extends Dense {
      static override className = 'Broken';
      override getConfig(): Record<string, unknown> { throw new Error('cannot describe myself'); }
    }
    const x = Input({ shape: [2] });
    const model = new Model({ inputs: x, outputs: new Broken({ units: 1 }).apply(x) });
    await expect(saveModel(model, join(dir, 'broken.keras'))).rejects.toThrow('cannot describe myself');
    expect(await readdir(dir)).toEqual([]);
    model.dispose();
  });
});

describe('custom objects', () => {
  it('a custom layer needs customObjects or registration to load, then restores its weights', async () => {
    const x = Input({ shape: [3] });
    const scale = new Scale();
    const model = new Model({ inputs: x, outputs: new Dense({ units: 2 }).apply(scale.apply(x)) });
    scale.scale.assign(ops.tensor([1, 2, 3]));
    const mem = memoryHandler('custom.keras');
    await saveModel(model, mem);
    await expect(loadModel(mem)).rejects.toThrow(/Unknown layer: "Scale"/);
    const viaOption = await loadModel(mem, { customObjects: { Scale } });
    expect(Array.from((viaOption.layers[1] as Scale).scale.value.dataSync())).toEqual([1, 2, 3]);
    registerLayer(Scale);
    registerKerasSerializable(Scale, { package: 'Tests' });
    const viaRegistry = await loadModel(mem);
    expect(viaRegistry.layers[1]).toBeInstanceOf(Scale);
    for (const m of [model, viaOption, viaRegistry]) m.dispose();
  });
});

import { describe, expect, it } from 'vitest';
import { caseBytes } from '../test-support/fixtures.js';
import { hasHdf5Signature, hdf5DeclaredLength } from './h5-data.js';
import { H5Reader, withH5 } from './h5-reader.js';
import { arraySplit, H5Writer, HDF5_OBJECT_HEADER_LIMIT } from './h5-writer.js';

async function roundTrip(build: (w: H5Writer) => void): Promise<Uint8Array> {
  const w = await H5Writer.create();
  build(w);
  return w.finish();
}

describe('H5Writer / H5Reader', () => {
  it.each([
    ['float32', new Float32Array([1.5, -2, 3.25, 4, 5, 6]), [2, 3]],
    ['float64', new Float64Array([1e-300, 2]), [2]],
    ['int32', new Int32Array([-7, 8, 2 ** 31 - 1]), [3]],
    ['int8', new Int8Array([-128, 127]), [2, 1]],
    ['uint16', new Uint16Array([0, 65535]), [2]],
    ['int64', new BigInt64Array([-(2n ** 40n), 3n]), [2]],
  ] as const)('writes and reads a %s dataset with its shape', async (dtype, data, shape) => {
    const bytes = await roundTrip((w) => w.dataset('a/b/c', { dtype, shape: [...shape], data }));
    await withH5(bytes, 't.h5', (h5) => {
      expect(h5.isGroup('a/b')).toBe(true);
      expect(h5.datasetInfo('a/b/c')).toEqual({ dtype, shape });
      expect(h5.dataset('a/b/c').data).toEqual(data);
    });
  });

  it('writes a scalar dataset (shape [])', async () => {
    const bytes = await roundTrip((w) => w.dataset('optimizer/vars/0', { dtype: 'int32', shape: [], data: new Int32Array([42]) }));
    await withH5(bytes, 't.h5', (h5) => expect(h5.dataset('optimizer/vars/0')).toEqual({ dtype: 'int32', shape: [], data: new Int32Array([42]) }));
  });

  it('reads strings stored variable-length (h5py str) and fixed-length (numpy bytes), scalar and lists', async () => {
    const bytes = await roundTrip((w) => {
      w.stringAttr('', 'vlen', '{"a": "é"}');
      w.stringAttr('', 'fixed', '{"class_name": "Model"}', 'fixed');
      w.stringListAttr('g', 'names_vlen', ['dense_1', 'x']);
      w.stringListAttr('g', 'names_fixed', ['dense_1/kernel:0', 'b'], 'fixed');
      w.stringListAttr('g', 'empty', []);
    });
    await withH5(bytes, 't.h5', (h5) => {
      expect(h5.stringAttr('', 'vlen')).toBe('{"a": "é"}');
      expect(h5.stringAttr('', 'fixed')).toBe('{"class_name": "Model"}');
      expect(h5.stringList('g', 'names_vlen')).toEqual(['dense_1', 'x']);
      expect(h5.stringList('g', 'names_fixed')).toEqual(['dense_1/kernel:0', 'b']);
      expect(h5.stringList('g', 'empty')).toEqual([]);
      expect(h5.stringList('g', 'absent')).toBeUndefined();
    });
  });

  it('splits a list attribute over the object-header limit into name0, name1… as numpy.array_split, and joins it back', async () => {
    const names = Array.from({ length: 600 }, (_, i) => `layer_with_a_rather_long_name_number_${String(i).padStart(4, '0')}`);
    const bytes = await roundTrip((w) => w.stringListAttr('', 'layer_names', names));
    await withH5(bytes, 't.h5', (h5) => {
      const attrs = h5.attrNames('').sort();
      // 600 names × 41 chars × 4 bytes = 98,400 bytes > 64,512: two chunks of 300.
      expect(attrs).toEqual(['layer_names0', 'layer_names1']);
      expect(h5.attr('', 'layer_names0')).toEqual(names.slice(0, 300));
      expect(h5.stringList('', 'layer_names')).toEqual(names);
    });
    expect(4 * 41 * 600).toBeGreaterThan(HDF5_OBJECT_HEADER_LIMIT);
  });

  it('arraySplit matches numpy.array_split', () => {
    expect(arraySplit([1, 2, 3, 4, 5], 2)).toEqual([[1, 2, 3], [4, 5]]);
    expect(arraySplit([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5], [6, 7]]);
  });

  it('reads a weights file written by Keras 3 (layout, name attributes, shapes)', async () => {
    await withH5(caseBytes('nested', 'model.weights.h5'), 'nested.weights.h5', (h5) => {
      expect(h5.keys('layers')).toEqual(['dense', 'functional', 'input_layer', 'sequential']);
      expect(h5.stringAttr('vars', 'name')).toBe('nested');
      expect(h5.stringAttr('layers/functional/vars', 'name')).toBe('inner');
      expect(h5.datasetInfo('layers/functional/layers/dense/vars/0')).toEqual({ dtype: 'float32', shape: [5, 6] });
    });
  });

  it('refuses bytes without the HDF5 signature, naming what it received', async () => {
    await expect(H5Reader.open(new TextEncoder().encode('PK\u0003\u0004 not hdf5'), 'x.h5')).rejects.toThrow(/"x.h5" is not an HDF5 file: expected the signature 89 48 44 46 0d 0a 1a 0a, received 50 4b 03 04/);
    await expect(H5Reader.open(new Uint8Array(0), 'empty.h5')).rejects.toThrow(/received an empty file/);
  });

  it('refuses a truncated file, naming the declared and received sizes', async () => {
    const full = caseBytes('seq_mlp', 'model.weights.h5');
    expect(hasHdf5Signature(full)).toBe(true);
    expect(hdf5DeclaredLength(full)).toBe(full.length);
    await expect(H5Reader.open(full.subarray(0, 4000), 'cut.h5')).rejects.toThrow(`"cut.h5" is truncated: its HDF5 superblock declares ${full.length} bytes, received 4000.`);
  });

  it('refuses a damaged file whose superblock is intact', async () => {
    const bad = caseBytes('seq_mlp', 'model.weights.h5').slice();
    bad.fill(0xab, 200, bad.length - 10);
    await expect(withH5(bad, 'damaged.h5', (h5) => h5.dataset('layers/dense/vars/0'))).rejects.toThrow(/damaged\.h5/);
  });
});

"""files/<model>.json + files/<model>.keras / .h5 / .weights.h5, written by Keras itself.

Each model gets seeded weights (model_zoo.set_seeded_weights), seeded inputs (batch 2), and:
  <model>.keras        model.save()            (zip rewritten for determinism, see below)
  <model>.h5           model.save() legacy HDF5 (keras.src.legacy.saving)
  <model>.weights.h5   model.save_weights()
The JSON holds the inputs, Keras' predictions from the in-memory model, the predictions Keras makes
after loading each file back (load_model for .keras/.h5; a fresh model + load_weights for
.weights.h5), and the HDF5 dataset listing of each file (path, shape).

Determinism: Keras stamps metadata.json with `date_saved` and every zip member with the current time.
After Keras writes the .keras file, the zip is rewritten member by member, in Keras' order, keeping
every member's bytes and zip attributes except: `date_saved` is set to "1980-01-01@00:00:00" and every
member's zip timestamp to 1980-01-01 00:00:00, and in config.json the `shared_object_id` values
(Python id()s, i.e. memory addresses) are renumbered 1, 2, ... in order of first appearance. The HDF5 files are byte-stable as written (h5py does
not track object times by default).
"""

import io
import json
import os
import re
import tempfile
import zipfile

import numpy as np

import model_zoo as Z
from common import enc, fresh

FIXED_DATE = "1980-01-01@00:00:00"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

MODELS = [
    ("mlp_small", "Sequential: Dense(relu), Dropout, Dense(softmax)"),
    ("two_inputs", "functional: two inputs, a shared Dense, Concatenate"),
    ("nested", "functional with a Sequential (Dense, BatchNormalization) inside, Add"),
    ("cnn_zoo", "Sequential: Conv2D, BN, DepthwiseConv2D, SeparableConv2D, pooling, Conv2DTranspose, padding, "
                "cropping, upsampling, LayerNormalization, Dense"),
    ("seq_zoo", "functional, int32 + float inputs: Embedding, Concatenate, Conv1D causal, Multiply, pooling, "
                "Average, PReLU"),
    ("nested_compiled", "the nested model compiled with Adam after one train_on_batch (optimizer state saved)"),
]


def mlp_small():
    import keras
    from keras import layers as L

    return keras.Sequential([
        keras.Input(shape=(16,)),
        L.Dense(8, activation="relu"),
        L.Dropout(0.2),
        L.Dense(3, activation="softmax"),
    ], name="mlp_small")


FACTORIES = {
    "mlp_small": mlp_small,
    "two_inputs": Z.functional_two_inputs,
    "nested": Z.nested,
    "cnn_zoo": Z.small_cnn_zoo,
    "seq_zoo": Z.functional_seq_zoo,
    "nested_compiled": Z.nested,
}


def renumber_shared_object_ids(text):
    """Keras writes `"shared_object_id": id(obj)` (a memory address); map them to 1, 2, ... in order of
    first appearance, editing only those digits so the rest of config.json stays byte-for-byte Keras'."""
    mapping = {}

    def sub(m):
        new = mapping.setdefault(m.group(2), str(len(mapping) + 1))
        return m.group(1) + new

    return re.sub(r'("shared_object_id": )(\d+)', sub, text)


def normalize_keras_zip(raw):
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "metadata.json":
                meta = json.loads(data)
                meta["date_saved"] = FIXED_DATE
                data = json.dumps(meta).encode()
            elif info.filename == "config.json":
                data = renumber_shared_object_ids(data.decode()).encode()
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = info.compress_type
            zi.external_attr = info.external_attr
            zi.create_system = info.create_system
            with dst.open(zi, "w") as f:
                f.write(data)
    return out.getvalue()


def h5_listing(data):
    import h5py

    items = []
    with h5py.File(io.BytesIO(data), "r") as f:
        def visit(path, obj):
            if isinstance(obj, h5py.Dataset):
                items.append({"path": path, "shape": list(obj.shape), "dtype": str(obj.dtype)})
        f.visititems(visit)
    return items


def predict(model, xs):
    arg = xs if len(xs) > 1 else xs[0]
    return np.asarray(model.predict(arg, verbose=0))


def generate(w):
    import keras

    tmp = tempfile.mkdtemp(prefix="keras-golden-files-")
    try:
        for case, description in MODELS:
            name = f"files/{case}"
            fresh(name)
            model = FACTORIES[case]()
            Z.set_seeded_weights(model, name)
            xs = Z.model_inputs(model, name)
            if case == "nested_compiled":
                model.compile(optimizer=keras.optimizers.Adam(0.01), loss="categorical_crossentropy",
                              metrics=["accuracy"])
                y = np.eye(3, dtype=np.float32)[[0, 2]]
                model.train_on_batch(xs[0], y)
            preds = predict(model, xs)
            paths = {ext: os.path.join(tmp, f"{case}{ext}") for ext in (".keras", ".h5", ".weights.h5")}
            model.save(paths[".keras"])
            model.save(paths[".h5"])
            model.save_weights(paths[".weights.h5"])
            with open(paths[".keras"], "rb") as f:
                keras_bytes = normalize_keras_zip(f.read())
            with open(paths[".keras"], "wb") as f:
                f.write(keras_bytes)
            with open(paths[".h5"], "rb") as f:
                h5_bytes = f.read()
            with open(paths[".weights.h5"], "rb") as f:
                weights_bytes = f.read()

            loaded = {}
            keras.backend.clear_session()
            loaded[".keras"] = predict(keras.saving.load_model(paths[".keras"]), xs)
            keras.backend.clear_session()
            loaded[".h5"] = predict(keras.saving.load_model(paths[".h5"]), xs)
            keras.backend.clear_session()
            fresh_model = FACTORIES[case]()
            fresh_model.load_weights(paths[".weights.h5"])
            loaded[".weights.h5"] = predict(fresh_model, xs)
            for ext, p in loaded.items():
                if not np.allclose(p, preds, atol=1e-6):
                    raise AssertionError(f"{name}{ext}: Keras' own round trip differs")

            files = {}
            for ext, data in ((".keras", keras_bytes), (".h5", h5_bytes), (".weights.h5", weights_bytes)):
                files[ext] = w.binary(f"files/{case}{ext}", data)
            with zipfile.ZipFile(io.BytesIO(keras_bytes)) as z:
                members = [i.filename for i in z.infolist()]
                config = json.loads(z.read("config.json"))
                inner_weights = h5_listing(z.read("model.weights.h5"))
            w.case(name, {
                "description": description,
                "files": {ext: os.path.basename(p) for ext, p in files.items()},
                "keras_zip_members": members,
                "keras_config": config,
                "keras_weights_h5": inner_weights,
                "h5_datasets": h5_listing(h5_bytes),
                "weights_h5_datasets": h5_listing(weights_bytes),
                "model_weights": [{"path": v.path, "shape": list(v.shape), "value": enc(np.asarray(v))}
                                  for v in model.weights],
                "inputs": [enc(x) for x in xs],
                "input_names": [t.name for t in model.inputs],
                "predictions": enc(preds),
                "predictions_after_load": {ext: enc(p) for ext, p in loaded.items()},
            }, files=list(files.values()))
    finally:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)

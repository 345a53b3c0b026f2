"""Real Keras 3 files for @strata/saving's tests, built from the layer types Strata has today
(InputLayer, Dense, Activation, Dropout, Flatten), covering Sequential, functional multi-input/output,
shared layers, nested models, a compiled model with Adam state, and sharded weights.

Run: KERAS_BACKEND=jax <venv>/bin/python tools/keras-golden/saving_files.py [out_dir]
(default out_dir: packages/saving/fixtures/keras). Writes, per case, <case>/model.keras (zip normalised for
determinism: fixed date_saved and member times, as gen_files.py does), model.h5 (legacy), model.weights.h5,
sharded/model.weights.json + shards (only for `sharded`), and case.json: inputs, Keras' predictions, and the
predictions Keras makes after loading each file back (checked equal here).
"""

import base64
import io
import json
import os
import re
import shutil
import sys
import zipfile
import zlib

import numpy as np

FIXED_DATE = "1980-01-01@00:00:00"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def seed_for(name):
    return zlib.crc32(name.encode()) & 0x7FFFFFFF


def enc(a):
    a = np.asarray(a)
    dtype = "int32" if a.dtype.kind in "iub" else "float32"
    a = a.astype(np.int32 if dtype == "int32" else np.float32)
    return {"__ndarray__": base64.b64encode(np.ascontiguousarray(a).astype("<" + a.dtype.str[1:]).tobytes()).decode(),
            "dtype": dtype, "shape": list(a.shape)}


def renumber_shared_object_ids(text):
    """Keras writes `"shared_object_id": id(obj)` (a memory address): renumber them 1, 2, ... by first appearance."""
    mapping = {}

    def sub(m):
        return m.group(1) + mapping.setdefault(m.group(2), str(len(mapping) + 1))

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
            with dst.open(zi, "w") as f:
                f.write(data)
    return out.getvalue()


def seq_mlp():
    import keras
    from keras import layers as L
    return keras.Sequential([
        keras.Input(shape=(3, 2)), L.Flatten(), L.Dense(5, activation="relu"), L.Dropout(0.3),
        L.Dense(4), L.Activation("softmax"),
    ], name="seq_mlp")


def multi_io():
    import keras
    from keras import layers as L
    a = keras.Input(shape=(4,), name="a")
    b = keras.Input(shape=(4,), name="b")
    shared = L.Dense(3, activation="tanh", name="shared")
    sa, sb = shared(a), shared(b)
    out1 = L.Dense(2, name="head1")(sa)
    out2 = L.Activation("sigmoid", name="head2")(L.Dense(3, use_bias=False)(sb))
    return keras.Model([a, b], [out1, out2], name="multi_io")


def nested():
    import keras
    from keras import layers as L
    inner_in = keras.Input(shape=(5,))
    inner = keras.Model(inner_in, L.Dense(4, activation="relu")(L.Dense(6)(inner_in)), name="inner")
    block = keras.Sequential([keras.Input(shape=(4,)), L.Dense(4), L.Dropout(0.1)], name="block")
    x = keras.Input(shape=(5,), name="x")
    h = inner(x)
    y = block(h)
    z = block(L.Dense(4)(h))  # the nested Sequential is shared (called twice)
    return keras.Model(x, [y, z], name="nested")


def compiled():
    import keras
    m = seq_mlp()
    m.compile(optimizer=keras.optimizers.Adam(0.01), loss="categorical_crossentropy", metrics=["accuracy"])
    return m


def sharded():
    return seq_mlp()


CASES = {"seq_mlp": seq_mlp, "multi_io": multi_io, "nested": nested, "compiled": compiled, "sharded": sharded}


def predict(model, xs):
    out = model.predict(xs if len(xs) > 1 else xs[0], verbose=0)
    return [np.asarray(o) for o in out] if isinstance(out, (list, tuple)) else [np.asarray(out)]


def close(a, b):
    return len(a) == len(b) and all(np.allclose(x, y, atol=1e-6) for x, y in zip(a, b))


def main():
    os.environ.setdefault("KERAS_BACKEND", "jax")
    import keras

    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "..", "packages", "saving", "fixtures", "keras")
    for case, factory in CASES.items():
        keras.backend.clear_session()
        keras.utils.set_random_seed(seed_for(case))
        rng = np.random.default_rng(seed_for(case))
        model = factory()
        for v in model.weights:
            v.assign(rng.uniform(-0.8, 0.8, tuple(v.shape)).astype(np.float32))
        xs = [rng.uniform(-1, 1, (3,) + tuple(t.shape[1:])).astype(np.float32) for t in model.inputs]
        if case == "compiled":
            y = np.eye(4, dtype=np.float32)[[0, 2, 3]]
            model.train_on_batch(xs[0], y)
            model.train_on_batch(xs[0], y)
        preds = predict(model, xs)
        out = os.path.join(root, case)
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        model.save(os.path.join(out, "model.keras"))
        with open(os.path.join(out, "model.keras"), "rb") as f:
            raw = f.read()
        with open(os.path.join(out, "model.keras"), "wb") as f:
            f.write(normalize_keras_zip(raw))
        model.save(os.path.join(out, "model.h5"))
        model.save_weights(os.path.join(out, "model.weights.h5"))
        loaded = {}
        keras.backend.clear_session()
        loaded["keras"] = predict(keras.saving.load_model(os.path.join(out, "model.keras")), xs)
        keras.backend.clear_session()
        loaded["h5"] = predict(keras.saving.load_model(os.path.join(out, "model.h5")), xs)
        keras.backend.clear_session()
        fresh = factory()
        fresh.load_weights(os.path.join(out, "model.weights.h5"))
        loaded["weights_h5"] = predict(fresh, xs)
        extra = {}
        if case == "sharded":
            os.makedirs(os.path.join(out, "sharded"))
            # max_shard_size is in GB: 130 bytes puts the 120-byte kernel alone and packs the small arrays.
            model.save_weights(os.path.join(out, "sharded", "model.weights.json"), max_shard_size=130 / 1024**3)
            keras.backend.clear_session()
            fresh = factory()
            fresh.load_weights(os.path.join(out, "sharded", "model.weights.json"))
            loaded["sharded"] = predict(fresh, xs)
            extra["shards"] = sorted(os.listdir(os.path.join(out, "sharded")))
        if case == "compiled":
            extra["optimizer_variables"] = [{"path": v.path, "value": enc(v)} for v in model.optimizer.variables]
        for k, p in loaded.items():
            if not close(p, preds):
                raise AssertionError(f"{case}: Keras' own {k} round trip differs")
        doc = {
            "case": case,
            "keras_version": keras.__version__,
            "inputs": [enc(x) for x in xs],
            "input_names": [t.name for t in model.inputs],
            "predictions": [enc(p) for p in preds],
            "weights": [{"path": v.path, "value": enc(v)} for v in model.weights],
            **extra,
        }
        with open(os.path.join(out, "case.json"), "w") as f:
            json.dump(doc, f, indent=1, sort_keys=True)
            f.write("\n")
        print("wrote", out)


if __name__ == "__main__":
    main()

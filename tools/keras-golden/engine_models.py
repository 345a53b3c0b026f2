#!/usr/bin/env python3
"""Keras oracle for the layer engine and models of @strata/layers and @strata/models.

    KERAS_BACKEND=jax /work/.venv-keras/bin/python tools/keras-golden/engine_models.py

Writes packages/models/fixtures/engine/<case>.json: for each small model built only from the engine's first layers
(Input, Dense, Dropout, Activation, Flatten, plus Concatenate, which the TypeScript tests define locally), Keras'
summary() text (default width, line_length=120, show_trainable, expand_nested), get_config(), to_json(), layer
names, weight paths and parameter counts, and, for subclassed and lazily built models, the same after a first call.
Every case starts from keras.backend.clear_session() so names are Keras' first names; the TypeScript tests call
clearSession() and build the same models in the same order.
"""

import sys

sys.dont_write_bytecode = True

import json  # noqa: E402
import os  # noqa: E402

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ["COLUMNS"] = "80"  # Keras then prints 76 columns, as with no terminal

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "packages", "models", "fixtures", "engine")


def to_jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return float(obj)
    if isinstance(obj, np.bool_):
        return bool(obj)
    return obj


def summary(model, **kwargs):
    lines = []
    model.summary(print_fn=lambda s, **_: lines.append(s), **kwargs)
    return "\n".join(lines).rstrip("\n")


def describe(model):
    import keras

    return {
        "summary": summary(model),
        "summary_line_length_120": summary(model, line_length=120),
        "summary_show_trainable": summary(model, show_trainable=True),
        "summary_expand_nested": summary(model, expand_nested=True),
        "config": model.get_config(),
        "to_json": json.loads(model.to_json()),
        "serialized": keras.saving.serialize_keras_object(model),
        "layers": [{"name": l.name, "class_name": l.__class__.__name__} for l in model.layers],
        "weights": [{"path": v.path, "shape": list(v.shape), "trainable": bool(v.trainable)} for v in model.weights],
        "trainable_params": int(sum(np.prod(v.shape) for v in model.trainable_weights)),
        "non_trainable_params": int(sum(np.prod(v.shape) for v in model.non_trainable_weights)),
    }


def fresh():
    import keras

    keras.backend.clear_session()
    keras.utils.set_random_seed(1)


def sequential_mlp():
    import keras
    from keras import layers as L

    m = keras.Sequential([
        keras.Input(shape=(784,)),
        L.Dense(64, activation="relu"),
        L.Dropout(0.5),
        L.Dense(10, activation="softmax"),
    ])
    return {"model": describe(m)}


def two_inputs_shared():
    import keras
    from keras import layers as L

    a = keras.Input(shape=(8,), name="a")
    b = keras.Input(shape=(8,), name="b")
    shared = L.Dense(4)
    out = L.Dense(1)(L.Concatenate()([shared(a), shared(b)]))
    m = keras.Model(inputs=[a, b], outputs=out)
    return {"model": describe(m)}


def dict_io():
    import keras
    from keras import layers as L

    x = keras.Input(shape=(6,), name="x")
    h = L.Dense(5, activation="tanh", name="hidden")(x)
    frozen = L.Dense(3, name="frozen", trainable=False)
    m = keras.Model(inputs={"x": x}, outputs={"logits": L.Dense(2, name="logits")(h), "aux": frozen(h)}, name="dict_io")
    return {"model": describe(m)}


def nested_shared_sequential():
    import keras
    from keras import layers as L

    inner = keras.Sequential([keras.Input(shape=(3,)), L.Dense(3, activation="relu")], name="inner")
    x = keras.Input(shape=(3,), name="x")
    y = inner(x)
    z = inner(L.Dense(3, name="middle")(y))
    m = keras.Model(x, L.Activation("sigmoid", name="act")(z), name="outer")
    return {"model": describe(m)}


def sequential_lazy():
    import keras
    from keras import layers as L

    m = keras.Sequential([L.Dense(4, activation="relu"), L.Flatten(), L.Dense(2)])
    before = summary(m)
    m(np.zeros((5, 3), dtype=np.float32))
    return {"summary_unbuilt": before, "model": describe(m)}


def subclassed_mlp():
    import keras
    from keras import layers as L

    class MLP(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.hidden = L.Dense(64, activation="relu")
            self.drop = L.Dropout(0.5)
            self.out = L.Dense(10)

        def call(self, x, training=None):
            return self.out(self.drop(self.hidden(x), training=training))

    m = MLP()
    before = summary(m)
    m.predict(np.zeros((3, 784), dtype=np.float32), verbose=0)
    eager = describe(m)
    eager["build_config"] = m.get_build_config()
    eager["hidden_build_config"] = m.hidden.get_build_config()

    m2 = MLP()
    out = m2(keras.Input(shape=(784,)))
    symbolic = {"summary": summary(m2), "output_shape": list(out.shape), "weights": [v.path for v in m2.weights]}
    return {"summary_unbuilt": before, "model": eager, "symbolic": to_jsonable(symbolic)}


def branching_order():
    """Branches of different depths and two outputs: model.layers follows map_graph's depth-then-discovery order."""
    import keras
    from keras import layers as L

    # Layers are created in an order unlike the one Keras lists them in.
    x = keras.Input(shape=(4,), name="x")
    b = L.Dense(3, name="b")(x)
    h = L.Dense(2, name="h")(b)
    a = L.Dense(3, name="a")(x)
    e = L.Activation("relu", name="e")(a)
    c = L.Dense(3, name="c")(a)
    d = L.Concatenate(name="d")([b, c])
    f = L.Concatenate(name="f")([d, e])
    g = L.Dense(2, name="g")(f)
    m = keras.Model(x, [g, h], name="branching")
    return {"model": describe(m)}


def memory_sizes():
    from keras.src.utils.summary_utils import readable_memory_size

    # Byte counts around unit boundaries and rounding ties (1152 B = 1.125 KB rounds half to even).
    sizes = [0, 4, 908, 1023, 1024, 1036, 1152, 1160, 203_560, 1_048_575, 1_048_576, 5 * 2**30 + 123, 3 * 2**40, 7 * 2**50]
    return {"sizes": sizes, "readable": [readable_memory_size(float(b)) for b in sizes]}


CASES = [
    ("memory_sizes", memory_sizes),
    ("branching_order", branching_order),
    ("sequential_mlp", sequential_mlp),
    ("two_inputs_shared", two_inputs_shared),
    ("dict_io", dict_io),
    ("nested_shared_sequential", nested_shared_sequential),
    ("sequential_lazy", sequential_lazy),
    ("subclassed_mlp", subclassed_mlp),
]


def main():
    import keras

    keras.config.disable_interactive_logging()
    os.makedirs(OUT, exist_ok=True)
    for name, make in CASES:
        fresh()
        payload = to_jsonable(make())
        payload["keras_version"] = keras.__version__
        payload["backend"] = keras.backend.backend()
        with open(os.path.join(OUT, f"{name}.json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(payload, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {name}")


if __name__ == "__main__":
    main()

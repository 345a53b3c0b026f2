"""Shared helpers for the Keras golden-fixture generators.

Encoding (read by packages/test-utils/src/golden/decode.ts):

* Every fixture is one JSON file `<family>/<case>.json` under the output root
  (packages/test-utils/fixtures/keras by default), written with sorted keys,
  one-space indentation and a trailing newline, so regenerating gives the same bytes.
* An array is stored as `{"__ndarray__": "<base64>", "dtype": "float32"|"int32", "shape": [..]}`
  where the base64 string holds the little-endian float32 / int32 values in C order.
  Floats are always float32 (Keras' default floatx), integers int32, booleans int32 0/1.
* Binary files (.keras, .h5, .weights.h5) sit beside the JSON that describes them.
* Every case carries `"keras_version"`, `"backend"` and `"name"`.
"""

import base64
import json
import os
import zlib

import numpy as np

KERAS_VERSION_EXPECTED = "3.15.1"
FIXTURE_FORMAT = 1


SNAKE_OVERRIDES = {"ReLU": "relu", "PReLU": "prelu", "LeakyReLU": "leaky_relu", "RMSprop": "rmsprop",
                   "AdamW": "adamw", "SGD": "sgd"}


def snake(name):
    """Class name -> fixture directory: Conv1DTranspose -> conv1d_transpose, F1Score -> f1_score,
    KLDivergence -> kl_divergence, GlobalMaxPooling2D -> global_max_pooling2d (ReLU -> relu etc. by table)."""
    if name in SNAKE_OVERRIDES:
        return SNAKE_OVERRIDES[name]
    out = ""
    for i, ch in enumerate(name):
        if ch.isupper() and i:
            prev, nxt = name[i - 1], name[i + 1] if i + 1 < len(name) else ""
            if prev.islower() or ((prev.isupper() or prev.isdigit()) and nxt.islower()):
                out += "_"
        out += ch.lower()
    return out


def seed_for(name):
    """A stable 31-bit seed derived from a case name (independent of generation order)."""
    return zlib.crc32(name.encode("utf-8")) & 0x7FFFFFFF


def rng_for(name):
    return np.random.default_rng(seed_for(name))


def reset_keras_seed(name):
    import keras

    keras.utils.set_random_seed(seed_for(name) % (2**31 - 1))


def fresh(name):
    """Start a case from a clean slate: Keras' name counters reset (so names are 'dense', 'auc', not
    'dense_7'), and the Keras/numpy seeds derived from the case name."""
    import keras

    keras.backend.clear_session()
    reset_keras_seed(name)


def enc(value, dtype=None):
    """Encode an array-like (numpy, jax, keras tensor, python scalar/list) as a tagged JSON object."""
    a = np.asarray(value)
    if dtype is None:
        if a.dtype == np.bool_ or np.issubdtype(a.dtype, np.integer):
            dtype = "int32"
        else:
            dtype = "float32"
    if dtype == "float32":
        a = a.astype("<f4")
    elif dtype == "int32":
        a = a.astype("<i4")
    else:
        raise ValueError(f"unsupported dtype {dtype}")
    a = np.ascontiguousarray(a)
    return {
        "__ndarray__": base64.b64encode(a.tobytes()).decode("ascii"),
        "dtype": dtype,
        "shape": [int(d) for d in a.shape],
    }


def to_jsonable(obj):
    """Make Keras configs JSON-safe: tuples -> lists, numpy scalars -> python, shapes -> lists."""
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating,)):
        return float(obj)
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, np.ndarray):
        return to_jsonable(obj.tolist())
    if isinstance(obj, float):
        if obj != obj or obj in (float("inf"), float("-inf")):
            return repr(obj)  # "nan" / "inf" strings: JSON has no NaN
        return obj
    return obj


def dumps(obj):
    return json.dumps(obj, sort_keys=True, indent=1, ensure_ascii=True, allow_nan=False) + "\n"


class Writer:
    """Collects fixtures for one run and writes them under `root`."""

    def __init__(self, root, keras_version, backend):
        self.root = root
        self.keras_version = keras_version
        self.backend = backend
        self.cases = []  # (name, [relative file paths])
        self.skipped = []  # (name, reason)

    def _path(self, rel):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def case(self, name, payload, files=()):
        """Write `<name>.json`. `payload` may contain arrays wrapped with enc()."""
        if any(n == name for n, _ in self.cases):
            raise ValueError(f"duplicate case {name}")
        doc = dict(payload)
        doc["name"] = name
        doc["keras_version"] = self.keras_version
        doc["backend"] = self.backend
        doc["format"] = FIXTURE_FORMAT
        text = dumps(to_jsonable(doc))
        with open(self._path(name + ".json"), "w", encoding="ascii", newline="\n") as f:
            f.write(text)
        self.cases.append((name, [name + ".json"] + list(files)))
        print(f"  wrote {name}")

    def binary(self, rel, data):
        with open(self._path(rel), "wb") as f:
            f.write(data)
        return rel

    def skip(self, name, reason):
        self.skipped.append((name, reason))
        print(f"  SKIPPED {name}: {reason}")

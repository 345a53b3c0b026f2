"""Parity for @strata/saving: do files written by Strata load in real Keras 3 and predict what Strata predicted?

Usage: KERAS_BACKEND=jax <venv>/bin/python tools/keras-golden/saving_parity.py <dir>

<dir>/manifest.json lists cases: {"file": "<name>.keras|.h5|.weights.h5", "inputs": [array...],
"predictions": [array...], "config_file": "<name>.keras" (only for .weights.h5: the model to load the weights into),
"optimizer_iterations": n (optional: the file holds a compiled model whose optimizer has taken n steps)},
arrays encoded as {"__ndarray__": base64 little-endian, "dtype", "shape"} (as common.py). For each case Keras loads
the file (`keras.saving.load_model`, or `load_weights` into the model of `config_file`), predicts on the inputs and
compares with Strata's predictions. Prints one line per case and, last, a JSON summary line; exits 1 on a mismatch.
"""

import base64
import json
import os
import sys

import numpy as np

ATOL = 1e-5


def dec(e):
    dtype = np.float32 if e["dtype"] == "float32" else np.int32
    return np.frombuffer(base64.b64decode(e["__ndarray__"]), dtype=np.dtype(dtype).newbyteorder("<")).reshape(e["shape"])


def main():
    os.environ.setdefault("KERAS_BACKEND", "jax")
    import keras

    root = sys.argv[1]
    with open(os.path.join(root, "manifest.json")) as f:
        cases = json.load(f)
    results = []
    for case in cases:
        path = os.path.join(root, case["file"])
        keras.backend.clear_session()
        try:
            if case["file"].endswith(".weights.h5"):
                model = keras.saving.load_model(os.path.join(root, case["config_file"]))
                for v in model.weights:
                    v.assign(np.zeros(v.shape, dtype=v.dtype))
                model.load_weights(path)
            else:
                model = keras.saving.load_model(path)
            xs = [dec(x) for x in case["inputs"]]
            out = model.predict(xs if len(xs) > 1 else xs[0], verbose=0)
            out = [np.asarray(o) for o in out] if isinstance(out, (list, tuple)) else [np.asarray(out)]
            expected = [dec(p) for p in case["predictions"]]
            diff = max(float(np.max(np.abs(a - b))) if a.shape == b.shape else float("inf") for a, b in zip(out, expected))
            ok = len(out) == len(expected) and diff <= ATOL
            r = {"file": case["file"], "ok": ok, "max_abs_diff": diff, "layers": [l.name for l in model.layers]}
            if "optimizer_iterations" in case:
                opt = getattr(model, "optimizer", None)
                r["optimizer_iterations"] = int(opt.iterations.numpy()) if opt is not None else None
                r["ok"] = ok and r["optimizer_iterations"] == case["optimizer_iterations"]
            results.append(r)
        except Exception as e:  # report every case, then fail
            results.append({"file": case["file"], "ok": False, "error": f"{type(e).__name__}: {e}"})
        r = results[-1]
        print(f"{'ok  ' if r['ok'] else 'FAIL'} {r['file']}: " + (f"max |diff| {r['max_abs_diff']:.3g}" if "max_abs_diff" in r else r.get("error", "")))
    print(json.dumps({"keras_version": keras.__version__, "results": results}))
    sys.exit(0 if all(r["ok"] for r in results) else 1)


if __name__ == "__main__":
    main()

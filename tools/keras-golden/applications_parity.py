#!/usr/bin/env python3
"""Keras side of the applications parity check (the Strata side is applications-parity.mjs).

    KERAS_BACKEND=jax <venv>/bin/python tools/keras-golden/applications_parity.py OUT_DIR
        [--models vgg16,vgg19,resnet50,xception,inception_v3,mobilenet] [--batch 2] [--seed 0] [--skip-check]

For each application, with a fixed seed, Keras 3.15.1 builds it at full size with `weights=None` and its defaults
(include_top, 1000 classes, softmax), then replaces every weight that initialises to a constant: biases and
BatchNormalization gamma/beta get seeded random values, BatchNormalization moving mean/variance the statistics of
their input on another random image batch (see perturb_constant_weights), so that a swapped, dropped or misplaced
weight changes the predictions (with Keras' initial values BatchNormalization is the identity up to epsilon, and every
bias is zero). Kernels keep Keras' seeded initialisation. It writes OUT_DIR/<model>/:

    model.h5        model.save("model.h5")  (legacy HDF5, Keras 3's legacy writer)
    model.keras     model.save("model.keras")
    weights.h5      the layout of Keras' downloaded application files: root attrs layer_names, backend,
                    keras_version and one group per layer with weight_names (written by Keras' own
                    legacy_h5_format.save_weights_to_hdf5_group; the empty top_level_model_weights group it adds
                    is removed, as Keras' downloaded files have only layer groups)
    case.json       the input (a seeded random 0..255 image batch passed through the model's preprocess_input),
                    Keras' predictions, the output of the layer before the last (`features`: fc2 / avg_pool /
                    MobileNet's logits, so the comparison is not limited to near-uniform softmax values), names,
                    counts, file names

and OUT_DIR/manifest.json (the list of models written). Unless --skip-check, each saved file is loaded back in Keras
(load_model for .h5/.keras, load_weights of weights.h5 into a fresh build) and must predict the same (max |diff| is
recorded as keras_reload_diff), so the files are known-good before Strata reads them.

Prints one line per model and, last, a JSON summary line. Exits 1 when Keras' own reload check fails.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import time  # noqa: E402

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402

from common import enc, seed_for  # noqa: E402

# name -> (keras.applications module, function, default input size)
APPLICATIONS = {
    "vgg16": ("vgg16", "VGG16", 224),
    "vgg19": ("vgg19", "VGG19", 224),
    "resnet50": ("resnet50", "ResNet50", 224),
    "xception": ("xception", "Xception", 299),
    "inception_v3": ("inception_v3", "InceptionV3", 299),
    "mobilenet": ("mobilenet", "MobileNet", 224),
}


def perturb_constant_weights(model, rng, calibration):
    """Values for the weights Keras initialises to constants, so that every one of them matters.

    Biases and BatchNormalization gamma/beta get seeded random values. BatchNormalization moving mean/variance get the
    statistics of each layer's input on `calibration` (another random image batch): one forward pass in training mode
    with momentum 0 (restored afterwards), so in inference every BN layer normalises its input to about unit variance.
    With random moving statistics instead, the input-dependent part of the signal decays layer by layer under the
    random offsets, and the last layers' outputs hardly depend on the early layers (a swapped mean/variance in the
    middle of MobileNet then moved its logits by < 1e-6).
    """
    import keras

    bns = [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    for layer in model.layers:
        for v in layer.weights:
            leaf = v.path.split("/")[-1]
            if leaf == "gamma":
                v.assign(rng.uniform(0.5, 1.5, v.shape).astype("float32"))
            elif leaf in ("beta", "bias"):
                v.assign(rng.normal(0.0, 0.2 if leaf == "beta" else 0.05, v.shape).astype("float32"))
    momenta = [layer.momentum for layer in bns]
    for layer in bns:
        layer.momentum = 0.0
    model(calibration, training=True)
    for layer, m in zip(bns, momenta):
        layer.momentum = m


def write_application_weights(model, path):
    """Keras' application weights layout: layer_names + one group per layer (Keras' legacy writer)."""
    import h5py
    from keras.src.legacy.saving import legacy_h5_format

    with h5py.File(path, "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)
        del f["top_level_model_weights"]


def max_diff(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape != b.shape:
        return float("inf")
    return float(np.max(np.abs(a - b)))


def build_case(name, out_dir, batch, seed, check):
    import keras

    module_name, fn_name, size = APPLICATIONS[name]
    module = getattr(keras.applications, module_name)
    fn = getattr(keras.applications, fn_name)
    case_seed = (seed_for(f"applications_parity/{name}") + seed) % (2**31 - 1)
    rng = np.random.default_rng(case_seed)

    t0 = time.time()
    keras.backend.clear_session()
    keras.utils.set_random_seed(case_seed)
    model = fn(weights=None)
    image, calibration = (rng.uniform(0.0, 255.0, (batch, size, size, 3)).astype("float32") for _ in range(2))
    x = np.asarray(module.preprocess_input(image)).astype("float32")
    perturb_constant_weights(model, rng, np.asarray(module.preprocess_input(calibration)).astype("float32"))
    y = np.asarray(model.predict(x, batch_size=batch, verbose=0))
    feature_layer = model.layers[-2]
    features = np.asarray(keras.Model(model.inputs, feature_layer.output).predict(x, batch_size=batch, verbose=0))

    d = os.path.join(out_dir, name)
    os.makedirs(d, exist_ok=True)
    model.save(os.path.join(d, "model.h5"))
    model.save(os.path.join(d, "model.keras"))
    write_application_weights(model, os.path.join(d, "weights.h5"))

    reload = {}
    if check:
        for fname in ("model.h5", "model.keras"):
            keras.backend.clear_session()
            again = keras.saving.load_model(os.path.join(d, fname))
            reload[fname] = max_diff(again.predict(x, batch_size=batch, verbose=0), y)
            del again
        keras.backend.clear_session()
        fresh = fn(weights=None)
        fresh.load_weights(os.path.join(d, "weights.h5"))
        reload["weights.h5"] = max_diff(fresh.predict(x, batch_size=batch, verbose=0), y)
        del fresh

    doc = {
        "model": name,
        "function": fn_name,
        "model_name": model.name,
        "input_size": size,
        "batch": batch,
        "seed": case_seed,
        "count_params": int(model.count_params()),
        "num_weight_arrays": len(model.weights),
        "x": enc(x),
        "y": enc(y),
        "feature_layer": feature_layer.name,
        "features": enc(features),
        "files": {"h5": "model.h5", "keras": "model.keras", "weights": "weights.h5"},
        "keras_reload_diff": reload,
        "keras_version": keras.__version__,
        "backend": keras.backend.backend(),
        "seconds": round(time.time() - t0, 1),
    }
    with open(os.path.join(d, "case.json"), "w") as f:
        json.dump(doc, f)
    return doc


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir")
    parser.add_argument("--models", default=",".join(APPLICATIONS))
    parser.add_argument("--batch", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-check", action="store_true", help="do not reload the files in Keras")
    args = parser.parse_args()

    import keras

    names = [n for n in args.models.split(",") if n]
    unknown = [n for n in names if n not in APPLICATIONS]
    if unknown:
        parser.error(f"unknown model(s) {unknown}; expected some of {list(APPLICATIONS)}")
    os.makedirs(args.out_dir, exist_ok=True)
    summary = []
    ok = True
    for name in names:
        doc = build_case(name, args.out_dir, args.batch, args.seed, not args.skip_check)
        bad = {k: v for k, v in doc["keras_reload_diff"].items() if not v <= 1e-5}
        ok = ok and not bad
        reload = ", ".join(f"{k} {v:.2g}" for k, v in doc["keras_reload_diff"].items()) or "not checked"
        print(
            f"{'ok  ' if not bad else 'FAIL'} {name}: {doc['count_params']:,} params, "
            f"input {args.batch}x{doc['input_size']}x{doc['input_size']}x3, Keras reload max |diff|: {reload} "
            f"({doc['seconds']} s)",
            flush=True,
        )
        summary.append({k: doc[k] for k in ("model", "function", "count_params", "keras_reload_diff", "seconds")})
    manifest_path = os.path.join(args.out_dir, "manifest.json")
    earlier = []
    if os.path.exists(manifest_path):  # a second run into the same folder adds its models
        with open(manifest_path) as f:
            earlier = [n for n in json.load(f)["models"] if n not in names]
    with open(manifest_path, "w") as f:
        json.dump({"keras_version": keras.__version__, "models": earlier + names, "batch": args.batch}, f)
    print(json.dumps({"keras_version": keras.__version__, "ok": ok, "models": summary}))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Golden fixtures for @strata/applications, from real Keras 3.15.1 (JAX) and Pillow.

    PYTHONPATH=<dir with pillow==12.3.0> KERAS_BACKEND=jax .venv/bin/python tools/keras-golden/applications_golden.py
    ... applications_golden.py --check     # regenerate into a temp dir and compare bytes with the committed files
    ... applications_golden.py --only images,input_shape   # rewrite just those fixtures

Keras' `load_img` needs Pillow, which requirements.txt does not pin (yet): install pillow==12.3.0 into the venv or
into a folder on PYTHONPATH (`pip install --no-deps --target /tmp/pil-site pillow==12.3.0`).

Writes packages/test-utils/fixtures/keras/applications/:
  weights_registry.json   every get_file call Keras makes for weights="imagenet" (file name, URL, cache_subdir,
                          hash), recorded by replacing keras.src.utils.file_utils.get_file while each application
                          is built, plus decode_predictions' class-index download, MobileNet's parameter counts per
                          alpha and its fall-back to 224 for other input sizes (with Keras' warning)
  preprocess_input.json   imagenet_utils.preprocess_input on fixed inputs, every mode and data format, 3-D and 4-D
  class_index.json        a synthetic 1000-class index in Keras' format (served by the tests from 127.0.0.1)
  decode_predictions.json decode_predictions with that index on fixed predictions (top 5 and top 3)
  images/*.png, *.jpg     small images written by Pillow
  obtain_input_shape.json imagenet_utils.obtain_input_shape over a grid of arguments (shape or error, warnings), and
                          validate_activation
  architectures/*.json    each application built with weights=None: layers in order, weight paths and shapes,
                          parameter counts, and (main variants) the full model config
  load_img.json           keras.utils.load_img + img_to_array on those images: colour modes, target sizes,
                          every interpolation, keep_aspect_ratio; and Pillow's plain decode of each file
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import filecmp  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import warnings  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(REPO, "packages", "test-utils", "fixtures", "keras")
FAMILY = "applications"

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402

from common import Writer, enc, rng_for  # noqa: E402


class _Recorded(Exception):
    pass


def record_get_file(build):
    """Runs `build()` with get_file replaced; returns the first call's arguments and any warnings."""
    from keras.src.utils import file_utils

    calls = []
    original = file_utils.get_file

    def fake(fname=None, origin=None, **kwargs):
        calls.append({"fname": fname, "origin": origin, "cache_subdir": kwargs.get("cache_subdir", "datasets"),
                      "file_hash": kwargs.get("file_hash")})
        raise _Recorded()

    file_utils.get_file = fake
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                build()
            except _Recorded:
                pass
    finally:
        file_utils.get_file = original
    if len(calls) != 1:
        raise RuntimeError(f"expected one get_file call, saw {calls}")
    messages = [str(w.message) for w in caught if "Weights for input shape" in str(w.message)]
    return calls[0], messages


def weights_registry(w):
    import keras
    from keras.src.applications import imagenet_utils

    apps = {
        "xception": keras.applications.Xception,
        "vgg16": keras.applications.VGG16,
        "vgg19": keras.applications.VGG19,
        "resnet50": keras.applications.ResNet50,
        "inception_v3": keras.applications.InceptionV3,
    }
    entries = []
    for name, fn in apps.items():
        for include_top in (True, False):
            keras.backend.clear_session()
            call, _ = record_get_file(lambda: fn(weights="imagenet", include_top=include_top))
            entries.append({"model": name, "include_top": include_top, **call})
            print(f"  {name} include_top={include_top}: {call['fname']}")
    for alpha in (0.25, 0.5, 0.75, 1.0):
        for rows in (128, 160, 192, 224):
            for include_top in (True, False):
                keras.backend.clear_session()
                call, _ = record_get_file(lambda: keras.applications.MobileNet(
                    input_shape=(rows, rows, 3), alpha=alpha, include_top=include_top, weights="imagenet"))
                entries.append({"model": "mobilenet", "include_top": include_top, "alpha": alpha, "rows": rows, **call})
    fallbacks = []
    for shape in ((200, 200, 3), (160, 192, 3)):
        keras.backend.clear_session()
        call, messages = record_get_file(lambda: keras.applications.MobileNet(
            input_shape=shape, alpha=0.5, include_top=False, weights="imagenet"))
        fallbacks.append({"input_shape": list(shape), "alpha": 0.5, "include_top": False, **call, "warnings": messages})
    params = []
    for alpha in (0.25, 0.5, 0.75, 1.0):
        for include_top in (True, False):
            keras.backend.clear_session()
            model = keras.applications.MobileNet(alpha=alpha, include_top=include_top, weights=None)
            params.append({"alpha": alpha, "include_top": include_top, "params": int(model.count_params())})
    class_index_call, _ = record_get_file(lambda: imagenet_utils.decode_predictions(np.zeros((1, 1000), "float32")))
    imagenet_utils.CLASS_INDEX = None
    w.case(f"{FAMILY}/weights_registry", {
        "weights": entries,
        "mobilenet_fallbacks": fallbacks,
        "mobilenet_params": params,
        "class_index": class_index_call,
    })


def preprocess(w):
    from keras.src.applications import imagenet_utils
    import keras

    name = f"{FAMILY}/preprocess_input"
    rng = rng_for(name)
    cases = []
    shapes = {
        ("channels_last", 4): (2, 5, 4, 3),
        ("channels_last", 3): (5, 4, 3),
        ("channels_first", 4): (2, 3, 5, 4),
        ("channels_first", 3): (3, 5, 4),
    }
    for (data_format, rank), shape in shapes.items():
        x = rng.integers(0, 256, size=shape).astype("float32")
        for mode in ("caffe", "tf", "torch"):
            y = imagenet_utils.preprocess_input(x.copy(), data_format=data_format, mode=mode)
            # The backend-tensor path must agree with the NumPy one.
            y_tensor = keras.ops.convert_to_numpy(
                imagenet_utils.preprocess_input(keras.ops.convert_to_tensor(x.copy()), data_format=data_format, mode=mode))
            if not np.allclose(y, y_tensor, atol=1e-5):
                raise RuntimeError(f"numpy and tensor preprocess_input differ for {mode} {data_format}")
            cases.append({"mode": mode, "data_format": data_format, "x": enc(x), "y": enc(y)})
    # Integer input is cast to float first.
    xi = rng.integers(0, 256, size=(1, 2, 2, 3)).astype("uint8")
    cases.append({"mode": "caffe", "data_format": "channels_last", "x": enc(xi, "int32"),
                  "y": enc(imagenet_utils.preprocess_input(xi.copy(), data_format="channels_last", mode="caffe"))})
    model_modes = {}
    for module in ("vgg16", "vgg19", "resnet50", "xception", "inception_v3", "mobilenet"):
        fn = getattr(keras.applications, module).preprocess_input
        x = rng.integers(0, 256, size=(1, 2, 2, 3)).astype("float32")
        model_modes[module] = {"x": enc(x), "y": enc(fn(x.copy()))}
    w.case(name, {"cases": cases, "models": model_modes})


def decode(w):
    from keras.src.applications import imagenet_utils

    name = f"{FAMILY}/decode_predictions"
    rng = rng_for(name)
    index = {str(i): [f"n{90000000 + i * 7:08d}", f"class_{i}_" + "".join(rng.choice(list("abcdefgh"), 4))] for i in range(1000)}
    text = json.dumps(index, sort_keys=False)
    w.binary(f"{FAMILY}/class_index.json", text.encode("ascii"))
    logits = rng.normal(size=(3, 1000)).astype("float32") * 3
    preds = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    preds = preds.astype("float32")
    imagenet_utils.CLASS_INDEX = index
    try:
        results = {}
        for top in (5, 3):
            decoded = imagenet_utils.decode_predictions(preds, top=top)
            results[str(top)] = [[[wnid, label, float(score)] for wnid, label, score in row] for row in decoded]
        errors = {}
        for shape in ((1000,), (2, 999), (1, 1000, 1)):
            try:
                imagenet_utils.decode_predictions(np.zeros(shape, "float32"))
                errors[str(shape)] = None
            except ValueError as e:
                errors[str(list(shape))] = str(e)
    finally:
        imagenet_utils.CLASS_INDEX = None
    w.case(name, {"preds": enc(preds), "results": results, "errors": errors}, files=[f"{FAMILY}/class_index.json"])


def images(w):
    from PIL import Image
    from keras.utils import img_to_array, load_img

    name = f"{FAMILY}/load_img"
    rng = rng_for(name)
    h, wd = 29, 37
    yy, xx = np.mgrid[0:h, 0:wd]
    base = np.stack([xx * 255 / (wd - 1), yy * 255 / (h - 1), (xx + yy) * 255 / (wd + h - 2)], axis=-1)
    rgb = np.clip(base + rng.normal(scale=40, size=base.shape), 0, 255).astype("uint8")
    alpha = np.clip(rng.integers(0, 256, size=(h, wd)) * (xx % 3 != 0), 0, 255).astype("uint8")
    files = {}

    def save(fname, img, **kwargs):
        buf = io.BytesIO()
        img.save(buf, **kwargs)
        files[fname] = w.binary(f"{FAMILY}/images/{fname}", buf.getvalue())

    save("rgb.png", Image.fromarray(rgb, "RGB"), format="PNG")
    save("rgba.png", Image.fromarray(np.dstack([rgb, alpha]), "RGBA"), format="PNG")
    save("gray.png", Image.fromarray(rgb[..., 1], "L"), format="PNG")
    save("photo.jpg", Image.fromarray(rgb, "RGB"), format="JPEG", quality=92)  # 4:2:0 chroma subsampling
    save("photo444.jpg", Image.fromarray(rgb, "RGB"), format="JPEG", quality=92, subsampling=0)
    save("photo422.jpg", Image.fromarray(rgb, "RGB"), format="JPEG", quality=92, subsampling=1)

    cases = []

    def add(fname, **kwargs):
        path = os.path.join(w.root, files[fname])
        arr = img_to_array(load_img(path, **kwargs))
        args = {k: (list(v) if isinstance(v, tuple) else v) for k, v in kwargs.items()}
        cases.append({"file": fname, "args": args, "array": enc(arr)})

    for fname in ("rgb.png", "rgba.png", "gray.png", "photo.jpg", "photo444.jpg", "photo422.jpg"):
        add(fname)
    for interp in ("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos"):
        for size in ((16, 20), (50, 45), (29, 11)):
            add("rgb.png", target_size=size, interpolation=interp)
        add("rgb.png", target_size=(16, 16), interpolation=interp, keep_aspect_ratio=True)
        add("rgba.png", target_size=(16, 20), interpolation=interp, color_mode="rgba")
        add("rgba.png", target_size=(40, 30), interpolation=interp, color_mode="rgb")
    add("rgb.png", target_size=(16, 20), color_mode="grayscale", interpolation="bilinear")
    add("gray.png", target_size=(16, 20), color_mode="grayscale", interpolation="bilinear")
    add("gray.png", color_mode="rgb")
    add("rgb.png", target_size=(29, 37), interpolation="bilinear", keep_aspect_ratio=True)
    add("photo.jpg", target_size=(16, 20), interpolation="bilinear")
    add("photo444.jpg", target_size=(16, 20), interpolation="bilinear")
    add("rgb.png", target_size=(10, 30), interpolation="nearest", keep_aspect_ratio=True)
    w.case(name, {"cases": cases, "source": enc(rgb, "int32")}, files=list(files.values()))


def input_shapes(w):
    from keras.src.applications import imagenet_utils

    cases = []
    shapes = [None, (224, 224, 3), (3, 224, 224), (150, 150, 3), (3, 150, 150), (150, 200, 3), (150, 150, 1),
              (150, 150, 4), (20, 20, 3), (3, 20, 20), (None, None, 3), (3, None, None), (None, 150, 3), (224, 224),
              (299, 299, 3)]
    for input_shape in shapes:
        for data_format in ("channels_last", "channels_first"):
            for require_flatten in (True, False):
                for weights in ("imagenet", None):
                    args = {"input_shape": list(input_shape) if input_shape is not None else None, "default_size": 224,
                            "min_size": 32, "data_format": data_format, "require_flatten": require_flatten,
                            "weights": weights}
                    with warnings.catch_warnings(record=True) as caught:
                        warnings.simplefilter("always")
                        try:
                            result = {"shape": list(imagenet_utils.obtain_input_shape(
                                input_shape, 224, 32, data_format, require_flatten, weights))}
                        except ValueError as e:
                            result = {"error": str(e)}
                    result["warnings"] = [str(x.message) for x in caught]
                    cases.append({"args": args, **result})
    activations = []
    for act in ("softmax", None, "linear", "relu", "sigmoid"):
        for weights in ("imagenet", None):
            try:
                imagenet_utils.validate_activation(act, weights)
                activations.append({"activation": act, "weights": weights, "ok": True})
            except ValueError:
                activations.append({"activation": act, "weights": weights, "ok": False})
    w.case(f"{FAMILY}/obtain_input_shape", {"cases": cases, "validate_activation": activations})


ARCH_VARIANTS = [
    # (case name, Keras function, kwargs, include the full model config)
    ("xception", "Xception", {}, True),
    ("xception_notop_avg", "Xception", {"include_top": False, "pooling": "avg"}, False),
    ("vgg16", "VGG16", {}, True),
    ("vgg16_notop", "VGG16", {"include_top": False}, False),
    ("vgg19", "VGG19", {}, True),
    ("vgg19_notop_max", "VGG19", {"include_top": False, "pooling": "max", "input_shape": (64, 64, 3)}, False),
    ("resnet50", "ResNet50", {}, True),
    ("resnet50_notop_avg", "ResNet50", {"include_top": False, "pooling": "avg"}, False),
    ("inception_v3", "InceptionV3", {}, True),
    ("inception_v3_notop", "InceptionV3", {"include_top": False, "input_shape": (150, 150, 3)}, False),
    ("mobilenet", "MobileNet", {}, True),
    ("mobilenet_notop_avg", "MobileNet", {"include_top": False, "pooling": "avg"}, False),
    ("mobilenet_a050_160_dm2", "MobileNet",
     {"alpha": 0.5, "depth_multiplier": 2, "input_shape": (160, 160, 3), "classes": 10, "dropout": 0.25,
      "classifier_activation": None}, True),
]


def architectures(w):
    """Each application as Keras 3 builds it with weights=None: layers in order (name, class, weight paths and
    shapes), parameter counts, output shape, and for the main variants the full model config."""
    import keras

    for case, fn_name, kwargs, full in ARCH_VARIANTS:
        keras.backend.clear_session()
        model = getattr(keras.applications, fn_name)(weights=None, **kwargs)
        layers = []
        for layer in model.layers:
            layers.append({"name": layer.name, "class_name": layer.__class__.__name__,
                           "weights": [[v.path, list(v.shape)] for v in layer.weights]})
        payload = {
            "function": fn_name,
            "kwargs": {k: (list(v) if isinstance(v, tuple) else v) for k, v in kwargs.items()},
            "model_name": model.name,
            "count_params": int(model.count_params()),
            "trainable_params": int(sum(int(np.prod(v.shape)) for v in model.trainable_weights)),
            "num_weight_arrays": len(model.weights),
            "weight_shapes": [list(v.shape) for v in model.weights],
            "input_shape": list(model.input_shape),
            "output_shape": list(model.output_shape),
            "layers": layers,
        }
        if full:
            payload["config"] = json.loads(model.to_json())
        w.case(f"{FAMILY}/architectures/{case}", payload)


GENERATORS = {"preprocess": "preprocess", "decode": "decode", "images": "images", "input_shape": "input_shapes",
              "weights": "weights_registry",
              "architectures": "architectures"}


def generate(out, only=None):
    import keras
    import PIL

    w = Writer(out, keras.__version__, keras.backend.backend())
    print(f"Keras {keras.__version__} ({keras.backend.backend()}), Pillow {PIL.__version__} -> {out}/{FAMILY}")
    if not only:
        shutil.rmtree(os.path.join(out, FAMILY), ignore_errors=True)
    for key, fn in GENERATORS.items():
        if not only or key in only:
            globals()[fn](w)
    return w


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(GENERATORS)} (rewrites just those)")
    args = parser.parse_args()
    if not args.check:
        generate(args.out, args.only.split(",") if args.only else None)
        return
    with tempfile.TemporaryDirectory() as tmp:
        generate(tmp)
        cmp = filecmp.dircmp(os.path.join(tmp, FAMILY), os.path.join(args.out, FAMILY))
        bad = []

        def walk(c, prefix):
            bad.extend(prefix + n for n in c.diff_files + c.left_only + c.right_only)
            for sub, sc in c.subdirs.items():
                walk(sc, f"{prefix}{sub}/")

        walk(cmp, "")
        if bad:
            sys.exit("differs from the committed fixtures: " + ", ".join(bad))
        print("applications fixtures are up to date")


if __name__ == "__main__":
    main()

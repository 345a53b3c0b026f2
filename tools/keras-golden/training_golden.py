#!/usr/bin/env python3
"""Keras oracle for the training loop of @strata/models (compile/fit/evaluate, callbacks, progress bar).

    KERAS_BACKEND=jax /work/.venv-keras/bin/python tools/keras-golden/training_golden.py

Writes packages/models/fixtures/training/<case>.json:

* progbar            keras.utils.Progbar driven by scripted updates under a scripted clock: the exact text of each update.
* progbar_fit        the text real fit / evaluate / predict print (verbose 1 and 2) under a scripted clock
                     (every time.time() call in utils/progbar.py returns the next value of 1000 + 0.3·k).
* early_stopping     EarlyStopping on scripted monitor values (a callback before it overwrites the logged value):
                     the epochs run, stopped_epoch, best, printed text; restore_best_weights' weights.
* lr_callbacks       ReduceLROnPlateau / LearningRateScheduler on scripted values: learning_rate history, printed text.
* terminate_on_nan   a fit whose second batch has a NaN: batches run, printed text, History.
* csv_logger         CSVLogger's file text for scripted logs (with/without val_ keys, a separator, append).
* formats            Python's number formatting and str.format on tricky values (Progbar, CSVLogger, ModelCheckpoint).
* multi_output_*     a two-output functional model compiled with per-output losses/metrics/weights: History keys and
                     values, evaluate (list and dict), metrics_names, train_on_batch, get_compile_config.
* regularized        Dense layers with kernel/bias/activity regularizers: History and final weights.
* class_weight       class_weight plus weighted metrics: History and final weights.

Every case starts from keras.backend.clear_session() with seeded initial weights, and fits with shuffle=False, so the
TypeScript tests rebuild the same models and compare.
"""

import sys

sys.dont_write_bytecode = True

import contextlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import tempfile  # noqa: E402

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "packages", "models", "fixtures", "training")

from common import dumps, enc, fresh, rng_for  # noqa: E402


def jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, (np.floating, float)):
        v = float(obj)
        return repr(v) if (v != v or v in (float("inf"), float("-inf"))) else v
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.bool_):
        return bool(obj)
    return obj


def write(name, payload):
    import keras

    os.makedirs(OUT, exist_ok=True)
    doc = dict(payload)
    doc["name"] = f"training/{name}"
    doc["keras_version"] = keras.__version__
    doc["backend"] = keras.backend.backend()
    with open(os.path.join(OUT, name + ".json"), "w", encoding="ascii", newline="\n") as f:
        f.write(dumps(jsonable(doc)))
    print(f"  wrote training/{name}")


class Clock:
    """A scripted time.time(): the k-th call returns start + step·k."""

    def __init__(self, start=1000.0, step=0.3):
        self.start, self.step, self.calls = start, step, 0

    def time(self):
        t = self.start + self.step * self.calls
        self.calls += 1
        return t


@contextlib.contextmanager
def scripted_clock(clock):
    from keras.src.utils import progbar

    saved = progbar.time
    progbar.time = clock
    try:
        yield
    finally:
        progbar.time = saved


@contextlib.contextmanager
def captured():
    buf = io.StringIO()
    saved = sys.stdout
    sys.stdout = buf
    try:
        yield buf
    finally:
        sys.stdout = saved


def seeded(model, name):
    rng = rng_for(name + "/weights")
    for v in model.weights:
        v.assign(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32))


def weights_of(model):
    return [enc(np.asarray(v)) for v in model.weights]


# ----------------------------------------------------------------------------------------------------- progbar


def progbar_case():
    from keras.src.utils.progbar import Progbar

    runs = []
    scripts = [
        ("dynamic_v1_avg", dict(target=5, verbose=1), True,
         [(1, [("loss", 0.9), ("acc", 0.25)], None), (2, [("loss", 0.7), ("acc", 0.5)], None),
          (3, [("loss", 0.00012), ("acc", 0.75)], None), (5, [("loss", 0.5), ("acc", 1.0)], None)],
         [0.0, 0.5, 1.25, 2.0, 2.01, 3.7]),
        ("dynamic_v1_stateful_eta", dict(target=300, verbose=1, stateless_metrics=set()), True,
         [(1, [("loss", 2.5)], None), (2, [("loss", 1.25)], None), (3, [("loss", 1e-05)], None),
          (4, [("loss", -0.00005)], None), (150, [("loss", float("nan"))], None), (300, [("loss", 0.03125)], True)],
         [0.0, 40.0, 60.0, 60.02, 61.0, 100.0, 4000.0]),
        ("plain_v1", dict(target=3, verbose=1, stateless_metrics=set()), False,
         [(1, [("loss", 1.5)], None), (2, [("loss", 1.0)], None), (3, [("loss", 0.5), ("val_loss", 0.75)], True)],
         [0.0, 0.001, 0.0015, 0.9]),
        ("v2", dict(target=12, verbose=2, stateless_metrics=set()), True,
         [(4, [("loss", 1.0)], None), (12, [("loss", 0.0004), ("accuracy", 0.5)], True)],
         [0.0, 0.2, 2.6]),
        ("unknown_target", dict(target=None, verbose=1, stateless_metrics=set()), True,
         [(1, [("loss", 1.0)], None), (2, [("loss", 0.5)], None), (2, [("loss", 0.5)], True)],
         [0.0, 0.1, 0.2, 0.3]),
        ("throttled", dict(target=10, verbose=1, stateless_metrics=set()), True,
         [(i, [("loss", 1.0 / i)], None) for i in range(1, 11)],
         [0.0] + [0.02 * i for i in range(1, 11)]),
    ]
    for name, kwargs, dynamic, updates, times in scripts:
        clock = iter([1000.0 + t for t in times])

        class T:
            @staticmethod
            def time():
                return next(clock)

        outputs = []
        with scripted_clock(T):
            bar = Progbar(**kwargs)
            bar._dynamic_display = dynamic
            for current, values, finalize in updates:
                with captured() as buf:
                    bar.update(current, values, finalize=finalize)
                outputs.append(buf.getvalue())
        runs.append({
            "name": name, "options": {k: (sorted(v) if isinstance(v, set) else v) for k, v in kwargs.items()},
            "dynamic": dynamic, "updates": [{"current": c, "values": v, "finalize": f} for c, v, f in updates],
            "times": [1000.0 + t for t in times], "outputs": outputs,
        })
    write("progbar", {"runs": runs})


def small_classifier(name):
    import keras
    from keras import layers as L

    fresh(name)
    model = keras.Sequential([keras.Input((3,)), L.Dense(4, activation="relu"), L.Dense(3, activation="softmax")], name="clf")
    seeded(model, "training/progbar_fit")
    return model


def classifier_data():
    rng = rng_for("training/classifier_data")
    x = rng.normal(size=(12, 3)).astype(np.float32)
    y = (np.argmax(x @ rng.normal(size=(3, 3)), axis=1)).astype(np.int32)
    return x, y


def progbar_fit_case():
    import keras

    x, y = classifier_data()
    runs = {}
    for verbose in (1, 2):
        model = small_classifier(f"training/progbar_fit/{verbose}")
        model.compile(optimizer=keras.optimizers.Adam(0.05), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        clock = Clock()
        with scripted_clock(clock), captured() as buf:
            # An explicit ProgbarLogger turns off Keras' asynchronous batch-end dispatch (a thread pool whose ordering
            # would make the clock readings, hence the text, vary between runs); the text is the default one.
            hist = model.fit(x, y, batch_size=4, epochs=2, validation_data=(x[:4], y[:4]), shuffle=False, verbose=verbose,
                             callbacks=[keras.callbacks.ProgbarLogger()])
        runs[f"fit_v{verbose}"] = {"text": buf.getvalue(), "clock_calls": clock.calls,
                                   "history": {k: [float(v) for v in vs] for k, vs in hist.history.items()}}
        clock = Clock()
        with scripted_clock(clock), captured() as buf:
            model.evaluate(x, y, batch_size=5, verbose=verbose, callbacks=[keras.callbacks.ProgbarLogger()])
        runs[f"evaluate_v{verbose}"] = {"text": buf.getvalue(), "clock_calls": clock.calls}
        clock = Clock()
        with scripted_clock(clock), captured() as buf:
            model.predict(x, batch_size=5, verbose=verbose, callbacks=[keras.callbacks.ProgbarLogger()])
        runs[f"predict_v{verbose}"] = {"text": buf.getvalue(), "clock_calls": clock.calls}
    write("progbar_fit", {"x": enc(x), "y": enc(y), "initial_weights": weights_of(small_classifier("training/progbar_fit/w")),
                          "runs": runs})


# ----------------------------------------------------------------------------------------------------- callbacks


def regression_model(name):
    import keras
    from keras import layers as L

    fresh(name)
    model = keras.Sequential([keras.Input((3,)), L.Dense(1)], name="reg")
    seeded(model, "training/regression")
    return model


def regression_data():
    rng = rng_for("training/regression_data")
    x = rng.normal(size=(8, 3)).astype(np.float32)
    y = (x @ np.array([[0.5], [-1.0], [2.0]], dtype=np.float32)).astype(np.float32)
    return x, y


def injector(monitor, values):
    import keras

    def on_epoch_end(epoch, logs):
        logs[monitor] = values[epoch]

    return keras.callbacks.LambdaCallback(on_epoch_end=on_epoch_end)


def early_stopping_case():
    import keras

    x, y = regression_data()
    seq = [1.0, 0.9, 0.95, 0.91, 0.92, 0.85, 0.86, 0.87, 0.88, 0.89, 0.9, 0.91]
    acc = [0.5, 0.6, 0.6, 0.55, 0.7, 0.69, 0.68, 0.71, 0.6, 0.6, 0.6, 0.6]
    configs = [
        ("patience_2", "val_loss", seq, dict(patience=2)),
        ("patience_0", "val_loss", seq, dict()),
        ("min_delta", "val_loss", seq, dict(patience=1, min_delta=0.05)),
        ("baseline", "val_loss", seq, dict(patience=3, baseline=0.8)),
        ("start_from_epoch", "val_loss", seq, dict(patience=1, start_from_epoch=4)),
        ("mode_auto_metric", "val_mae", [0.5 - a for a in acc], dict(patience=2)),
        ("max_mode", "val_acc_scripted", acc, dict(patience=2, mode="max")),
        ("restore_best", "val_loss", seq, dict(patience=3, restore_best_weights=True, verbose=1)),
        ("float32_tie", "val_loss", [0.1, 0.1 + 1e-9, 0.1 - 1e-9, 0.2, 0.3], dict(patience=1)),
    ]
    runs = []
    for name, monitor, values, kwargs in configs:
        model = regression_model(f"training/early_stopping/{name}")
        model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse", metrics=["mae"])
        es = keras.callbacks.EarlyStopping(monitor=monitor, **kwargs)
        with captured() as buf:
            hist = model.fit(x, y, batch_size=4, epochs=len(values), shuffle=False, verbose=0,
                             callbacks=[injector(monitor, values), es])
        runs.append({"name": name, "monitor": monitor, "values": values, "kwargs": kwargs, "epochs": len(values),
                     "history_epoch": list(hist.epoch), "stopped_epoch": es.stopped_epoch, "best": es.best,
                     "best_epoch": es.best_epoch, "wait": es.wait, "text": buf.getvalue(), "final_weights": weights_of(model)})
    write("early_stopping", {"x": enc(x), "y": enc(y), "initial_weights": weights_of(regression_model("training/es_w")),
                             "runs": runs})


def lr_callbacks_case():
    import keras

    x, y = regression_data()
    seq = [1.0, 0.9, 0.95, 0.91, 0.92, 0.85, 0.86, 0.87, 0.88, 0.89]
    runs = []
    for name, kwargs in [
        ("factor_half", dict(factor=0.5, patience=2, verbose=1)),
        ("cooldown_min_lr", dict(factor=0.1, patience=1, cooldown=1, min_lr=0.0005, verbose=1)),
        ("min_delta", dict(factor=0.5, patience=1, min_delta=0.03)),
    ]:
        model = regression_model(f"training/lr/{name}")
        model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
        cb = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", **kwargs)
        with captured() as buf:
            hist = model.fit(x, y, batch_size=4, epochs=len(seq), shuffle=False, verbose=0, callbacks=[injector("val_loss", seq), cb])
        runs.append({"name": name, "kind": "ReduceLROnPlateau", "kwargs": kwargs, "values": seq, "text": buf.getvalue(),
                     "learning_rate": hist.history["learning_rate"], "final_lr": float(model.optimizer.learning_rate)})
    model = regression_model("training/lr/scheduler")
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
    cb = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr if epoch < 2 else lr * 0.5, verbose=1)
    with captured() as buf:
        hist = model.fit(x, y, batch_size=4, epochs=4, shuffle=False, verbose=0, callbacks=[cb])
    runs.append({"name": "scheduler", "kind": "LearningRateScheduler", "text": buf.getvalue(),
                 "learning_rate": hist.history["learning_rate"], "history_keys": sorted(hist.history.keys()),
                 "final_weights": weights_of(model)})
    write("lr_callbacks", {"x": enc(x), "y": enc(y), "initial_weights": weights_of(regression_model("training/lr_w")), "runs": runs})


def terminate_on_nan_case():
    import keras

    x, y = regression_data()
    x = x.copy()
    x[5, 1] = np.nan  # second batch of 4
    model = regression_model("training/terminate_on_nan")
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
    seen = []
    rec = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: seen.append([b, float(logs["loss"])]))
    with captured() as buf:
        hist = model.fit(x, y, batch_size=4, epochs=3, shuffle=False, verbose=0, callbacks=[keras.callbacks.TerminateOnNaN(), rec])
    write("terminate_on_nan", {"x": enc(x), "y": enc(y), "initial_weights": weights_of(regression_model("training/nan_w")),
                               "text": buf.getvalue(), "batches": seen, "history_epoch": list(hist.epoch),
                               "history": {k: [float(v) for v in vs] for k, vs in hist.history.items()}})


def csv_logger_case():
    import keras

    x, y = regression_data()
    scripted = [
        {"loss": 0.4000000059604645, "mae": 1.0 / 3.0},
        {"loss": 1e-05, "mae": 123456789.125},
        {"loss": float("nan"), "mae": 2.0},
    ]
    with_val = [dict(d, val_loss=d["loss"] * 2, val_mae=0.5) for d in scripted]
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, logs_seq, kwargs, prefix in [
            ("no_val", scripted, {}, None),
            ("with_val", with_val, {}, None),
            ("separator", with_val, {"separator": ";"}, None),
            ("append", scripted, {"append": True}, "epoch,loss\r\n0,1.0\r\n"),
            ("append_empty", scripted, {"append": True}, ""),
        ]:
            path = os.path.join(tmp, name + ".csv")
            if prefix is not None:
                with open(path, "w", newline="") as f:
                    f.write(prefix)

            def replace(epoch, logs, seq=logs_seq):
                logs.clear()
                logs.update(seq[epoch])

            model = regression_model(f"training/csv/{name}")
            model.compile(optimizer="sgd", loss="mse")
            model.fit(x, y, batch_size=8, epochs=len(logs_seq), verbose=0, shuffle=False,
                      callbacks=[keras.callbacks.LambdaCallback(on_epoch_end=replace), keras.callbacks.CSVLogger(path, **kwargs)])
            with open(path, "r", newline="") as f:
                runs.append({"name": name, "logs": logs_seq, "kwargs": kwargs, "prefix": prefix, "text": f.read()})
    write("csv_logger", {"runs": runs})


def formats_case():
    values = [0.0, -0.0, 1.0, 0.5, 2.5, 0.03125, 0.00015, 0.001, 0.0010000000474974513, 1e-05, -1e-05, 0.4000000059604645,
              1.0 / 3.0, 123456789.125, 1e16, 1.5e16, 9999.99995, 0.99995, 5e-324, 1e300, 12.0, 0.1, 3.14159, -2.5,
              float("nan"), float("inf"), float("-inf")]
    specs = [".4f", ".4e", ".0f", ".2f", ".5f", "", "g", ".3g", "10.3f", "<10.2e", "+.1%", "08.3f", "^9.1f"]
    rows = []
    for v in values:
        rows.append({"value": v, "repr": repr(v), "formats": {s: format(v, s) for s in specs}})
    templates = [
        ("ckpt-{epoch:02d}-{val_loss:.2f}.keras", {"val_loss": 0.4567}),
        ("w.{epoch:03d}-{loss:.4e}.weights.h5", {"loss": 0.000123456}),
        ("{epoch}-{loss}.keras", {"loss": 0.5}),
        ("{epoch}-{loss:g}-{{literal}}.keras", {"loss": 1e-07}),
        ("m_{epoch:>4d}_{batch}_{acc:.1%}.keras", {"acc": 0.98765, "batch": None}),
    ]
    formatted = []
    for template, logs in templates:
        args = {k: v for k, v in logs.items() if v is not None}
        args["epoch"] = 7
        if "batch" in logs:
            args["batch"] = 12
        formatted.append({"template": template, "logs": {k: v for k, v in logs.items() if v is not None},
                          "epoch": 7, "batch": 12 if "batch" in logs else None, "text": template.format(**args)})
    write("formats", {"numbers": rows, "templates": formatted})


# ------------------------------------------------------------------------------------------------- compile/fit


def multi_output_model(name):
    import keras
    from keras import layers as L

    fresh(name)
    inp = keras.Input((4,), name="features")
    h = L.Dense(5, activation="tanh", name="hidden")(inp)
    cls = L.Dense(3, activation="softmax", name="cls")(h)
    reg = L.Dense(1, name="reg")(h)
    model = keras.Model(inp, [cls, reg], name="two_heads")
    seeded(model, "training/multi_output")
    return model


def multi_output_data():
    rng = rng_for("training/multi_output_data")
    x = rng.normal(size=(20, 4)).astype(np.float32)
    y_cls = rng.integers(0, 3, size=(20,)).astype(np.int32)
    y_reg = rng.normal(size=(20, 1)).astype(np.float32)
    sw = rng.uniform(0.5, 1.5, size=(20,)).astype(np.float32)
    return x, y_cls, y_reg, sw


def multi_output_case(name, compile_kwargs, y_as, fit_extra=None):
    import keras

    x, y_cls, y_reg, sw = multi_output_data()
    y = {"cls": y_cls, "reg": y_reg} if y_as == "dict" else [y_cls, y_reg]
    model = multi_output_model(f"training/{name}")
    initial = weights_of(model)
    model.compile(optimizer=keras.optimizers.SGD(0.05), **compile_kwargs)
    fit_kwargs = dict(batch_size=8, epochs=2, validation_split=0.25, shuffle=False, verbose=0, **(fit_extra or {}))
    if fit_extra and fit_extra.get("sample_weight") == "sw":
        fit_kwargs["sample_weight"] = sw
    hist = model.fit(x, y, **fit_kwargs)
    ev_list = model.evaluate(x, y, batch_size=8, verbose=0)
    ev_dict = model.evaluate(x, y, batch_size=8, verbose=0, return_dict=True)
    tob = model.train_on_batch(x[:8], {k: v[:8] for k, v in y.items()} if y_as == "dict" else [v[:8] for v in y])
    tob_dict = model.test_on_batch(x[:8], {k: v[:8] for k, v in y.items()} if y_as == "dict" else [v[:8] for v in y], return_dict=True)
    write(name, {
        "compile": {k: v for k, v in compile_kwargs.items()}, "y_as": y_as,
        "fit_kwargs": {k: ("sw" if k == "sample_weight" else v) for k, v in fit_kwargs.items()},
        "x": enc(x), "y_cls": enc(y_cls), "y_reg": enc(y_reg), "sw": enc(sw),
        "weight_paths": [v.path for v in model.weights], "initial_weights": initial,
        "history": {k: [float(v) for v in vs] for k, vs in hist.history.items()}, "history_params": hist.params,
        "evaluate_list": [float(v) for v in ev_list], "evaluate_dict": {k: float(v) for k, v in ev_dict.items()},
        "metrics_names": model.metrics_names, "train_on_batch": [float(v) for v in tob],
        "test_on_batch": {k: float(v) for k, v in tob_dict.items()},
        "final_weights": weights_of(model),
        "compile_config": json.loads(json.dumps(model.get_compile_config(), default=str)),
    })


def regularized_case():
    import keras
    from keras import layers as L

    fresh("training/regularized")
    model = keras.Sequential([
        keras.Input((3,)),
        L.Dense(4, activation="relu", kernel_regularizer=keras.regularizers.L2(0.01), bias_regularizer=keras.regularizers.L1(0.02),
                activity_regularizer=keras.regularizers.L1(0.01)),
        L.Dense(1, kernel_regularizer=keras.regularizers.L1L2(l1=0.001, l2=0.002)),
    ], name="reg_mlp")
    seeded(model, "training/regularized")
    initial = weights_of(model)
    x, y = regression_data()
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse", metrics=["mae"])
    hist = model.fit(x, y, batch_size=3, epochs=2, shuffle=False, verbose=0)
    ev = model.evaluate(x, y, batch_size=8, verbose=0, return_dict=True)
    write("regularized", {"x": enc(x), "y": enc(y), "initial_weights": initial, "final_weights": weights_of(model),
                          "history": {k: [float(v) for v in vs] for k, vs in hist.history.items()},
                          "evaluate": {k: float(v) for k, v in ev.items()}})


def class_weight_case():
    import keras

    x, y = classifier_data()
    model = small_classifier("training/class_weight")
    initial = weights_of(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy", metrics=["accuracy"],
                  weighted_metrics=["accuracy", "sparse_categorical_crossentropy"])
    hist = model.fit(x, y, batch_size=5, epochs=2, shuffle=False, verbose=0, class_weight={0: 1.0, 1: 3.0, 2: 0.5})
    write("class_weight", {"x": enc(x), "y": enc(y), "initial_weights": initial, "final_weights": weights_of(model),
                           "history": {k: [float(v) for v in vs] for k, vs in hist.history.items()},
                           "metrics_names": model.metrics_names})


def main():
    import keras

    assert keras.__version__ == "3.15.1", keras.__version__
    progbar_case()
    progbar_fit_case()
    early_stopping_case()
    lr_callbacks_case()
    terminate_on_nan_case()
    csv_logger_case()
    formats_case()
    multi_output_case("multi_output_dict", dict(
        loss={"cls": "sparse_categorical_crossentropy", "reg": "mse"},
        loss_weights={"cls": 1.0, "reg": 0.5},
        metrics={"cls": ["accuracy", "acc"], "reg": ["mae"]},
        weighted_metrics={"cls": ["accuracy"]},
    ), "dict")
    multi_output_case("multi_output_list", dict(
        loss=["sparse_categorical_crossentropy", "mse"],
        loss_weights=[0.3, 2.0],
        metrics=[["accuracy"], ["mae", "mse"]],
        weighted_metrics=[["accuracy"], None],
    ), "list", {"sample_weight": "sw"})
    multi_output_case("multi_output_partial", dict(loss=[None, "mse"], metrics=[["accuracy"], None]), "list")
    regularized_case()
    class_weight_case()


if __name__ == "__main__":
    main()

"""models/<case>: summary() text, get_config(), to_json(); and models/fit/<case>: a short deterministic fit.

Summaries are captured with print_fn and COLUMNS=80 (no terminal: Keras prints 76 columns wide, see
keras-engine.md 6.4); `summary_line_length_120` passes line_length=120, `summary_show_trainable` adds
the Trainable column, `summary_expand_nested` expands nested models.
"""

import json

import numpy as np

import model_zoo as Z
from common import enc, fresh, rng_for

MODELS = [
    ("sequential_dense", Z.sequential_dense),
    ("sequential_mlp", Z.sequential_mlp),
    ("sequential_cnn", Z.sequential_cnn),
    ("sequential_unbuilt", Z.sequential_unbuilt),
    ("functional_two_inputs", Z.functional_two_inputs),
    ("nested", Z.nested),
    ("cnn_zoo", Z.small_cnn_zoo),
    ("seq_zoo", Z.functional_seq_zoo),
]


def capture_summary(model, **kwargs):
    lines = []
    model.summary(print_fn=lambda s, **_: lines.append(s), **kwargs)
    return "\n".join(lines)


def describe(model):
    return {
        "summary": capture_summary(model),
        "summary_line_length_120": capture_summary(model, line_length=120),
        "summary_show_trainable": capture_summary(model, show_trainable=True),
        "summary_expand_nested": capture_summary(model, expand_nested=True),
        "config": model.get_config(),
        "to_json": model.to_json(),
        "layers": [{"name": l.name, "class_name": l.__class__.__name__} for l in model.layers],
        "weights": [{"path": v.path, "name": v.name, "shape": list(v.shape), "trainable": bool(v.trainable)}
                    for v in model.weights],
        "params": {
            "total": int(model.count_params()) if model.built else None,
            "trainable": int(sum(np.prod(v.shape) for v in model.trainable_weights)),
            "non_trainable": int(sum(np.prod(v.shape) for v in model.non_trainable_weights)),
        },
    }


def fit_cases():
    import keras

    return [
        ("sgd_5_batches", lambda: keras.optimizers.SGD(learning_rate=0.1), {"batch_size": 4, "epochs": 1}),
        ("adam_5_batches", lambda: keras.optimizers.Adam(learning_rate=0.01), {"batch_size": 4, "epochs": 1}),
        ("sgd_5_epochs", lambda: keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
         {"batch_size": 20, "epochs": 5}),
        ("adam_5_epochs", lambda: keras.optimizers.Adam(learning_rate=0.01), {"batch_size": 20, "epochs": 5}),
        ("sgd_partial_batch", lambda: keras.optimizers.SGD(learning_rate=0.05),
         {"batch_size": 8, "epochs": 2}),  # 20 samples -> batches of 8, 8, 4
    ]


class Recorder:
    def __init__(self):
        import keras

        rec = self

        class CB(keras.callbacks.Callback):
            def on_train_batch_end(self, batch, logs=None):
                rec.batches.append({
                    "batch": batch,
                    "logs": {k: float(v) for k, v in (logs or {}).items()},
                    "weights": [enc(np.asarray(v)) for v in self.model.weights],
                })

        self.batches = []
        self.callback = CB()


def fit_model():
    import keras
    from keras import layers as L

    return keras.Sequential([keras.Input(shape=(3,)), L.Dense(4, activation="relu"), L.Dense(1)], name="fit_mlp")


def generate(w):
    import keras

    for case, make in MODELS:
        name = f"models/{case}"
        fresh(name)
        model = make()
        payload = {"description": make.__doc__ or "", **describe(model)}
        payload["serialized"] = keras.saving.serialize_keras_object(model)
        if case == "sequential_mlp":
            # After compile + one train step the summary gains "Optimizer params".
            model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
            rng = rng_for(name + "/train")
            x = rng.normal(size=(4, 784)).astype(np.float32)
            y = np.eye(10, dtype=np.float32)[rng.integers(0, 10, 4)]
            model.train_on_batch(x, y)
            payload["summary_after_train_step"] = capture_summary(model)
            payload["compiled_config"] = json.loads(model.to_json())
        w.case(name, payload)

    rng = rng_for("models/fit/data")
    x = rng.normal(size=(20, 3)).astype(np.float32)
    y = (x @ np.array([[0.5], [-1.0], [2.0]], dtype=np.float32) + 0.3).astype(np.float32)
    for case, make_opt, fit_kwargs in fit_cases():
        name = f"models/fit/{case}"
        fresh(name)
        model = fit_model()
        Z.set_seeded_weights(model, "models/fit")  # the same start for every fit case
        initial = [enc(np.asarray(v)) for v in model.weights]
        opt = make_opt()
        model.compile(optimizer=opt, loss="mse", metrics=["mae"])
        rec = Recorder()
        hist = model.fit(x, y, shuffle=False, verbose=0, callbacks=[rec.callback], **fit_kwargs)
        evaluated = model.evaluate(x, y, batch_size=20, verbose=0, return_dict=True)
        w.case(name, {
            "model_config": model.get_config(),
            "compile": {"optimizer": keras.optimizers.serialize(opt), "loss": "mse", "metrics": ["mae"]},
            "fit_kwargs": {**fit_kwargs, "shuffle": False},
            "x": enc(x),
            "y": enc(y),
            "weight_paths": [v.path for v in model.weights],
            "initial_weights": initial,
            "final_weights": [enc(np.asarray(v)) for v in model.weights],
            "history": {k: [float(v) for v in vals] for k, vals in hist.history.items()},
            "history_params": {k: v for k, v in hist.params.items()},
            "history_epoch": list(hist.epoch),
            "batches": rec.batches,
            "optimizer_variables": [{"path": v.path, "shape": list(v.shape), "value": enc(np.asarray(v))}
                                    for v in model.optimizer.variables],
            "evaluate": {k: float(v) for k, v in evaluated.items()},
            "predict": enc(model.predict(x[:4], verbose=0)),
        })

"""losses/functions/<fn> and losses/<class_snake>/<variant>.

functions: the per-sample values `keras.losses.<fn>(y_true, y_pred, **kwargs)` (shape [batch]).
classes:   `keras.losses.<Class>(**kwargs)(y_true, y_pred, sample_weight)` with get_config, for
           from_logits / label_smoothing / axis / reductions (sum_over_batch_size, sum, none, mean,
           mean_with_sample_weight) and sample weights.
"""

import numpy as np

from common import enc, rng_for, snake

B, C = 4, 5


def softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def make_data(kind, name):
    """(y_true, y_pred) float32 (or int32 labels) for a data kind; seeded by the case name."""
    rng = rng_for(name)
    f32 = np.float32
    if kind == "regression":
        return rng.normal(size=(B, C)).astype(f32), (rng.normal(size=(B, C)) * 1.5).astype(f32)
    if kind == "huber":  # errors on both sides of delta
        return rng.normal(size=(B, C)).astype(f32), (rng.normal(size=(B, C)) * 3).astype(f32)
    if kind == "positive":
        return rng.uniform(0.5, 2.0, (B, C)).astype(f32), rng.uniform(0.5, 2.0, (B, C)).astype(f32)
    if kind == "poisson":
        return rng.poisson(2.0, (B, C)).astype(f32), rng.uniform(0.1, 3.0, (B, C)).astype(f32)
    if kind == "prob_dist":
        return softmax(rng.normal(size=(B, C))).astype(f32), softmax(rng.normal(size=(B, C)) * 2).astype(f32)
    if kind == "hinge_pm1":
        return rng.choice([-1.0, 1.0], (B, C)).astype(f32), rng.normal(size=(B, C)).astype(f32)
    if kind == "hinge_01":
        return rng.choice([0.0, 1.0], (B, C)).astype(f32), rng.normal(size=(B, C)).astype(f32)
    if kind == "binary_prob":
        return rng.choice([0.0, 1.0], (B, C)).astype(f32), rng.uniform(0.02, 0.98, (B, C)).astype(f32)
    if kind == "binary_logits":
        return rng.choice([0.0, 1.0], (B, C)).astype(f32), (rng.normal(size=(B, C)) * 2).astype(f32)
    if kind == "binary_prob_3d":
        return rng.choice([0.0, 1.0], (2, 3, C)).astype(f32), rng.uniform(0.02, 0.98, (2, 3, C)).astype(f32)
    if kind == "categorical_prob":
        y = np.eye(C, dtype=f32)[rng.integers(0, C, B)]
        return y, softmax(rng.normal(size=(B, C)) * 2).astype(f32)
    if kind == "categorical_logits":
        y = np.eye(C, dtype=f32)[rng.integers(0, C, B)]
        return y, (rng.normal(size=(B, C)) * 2).astype(f32)
    if kind == "categorical_prob_axis1":  # classes on axis 1: [B, C, 3]
        y = np.moveaxis(np.eye(C, dtype=f32)[rng.integers(0, C, (B, 3))], -1, 1)
        return y, softmax(rng.normal(size=(B, C, 3)) * 2, axis=1).astype(f32)
    if kind == "categorical_logits_axis1":
        y = np.moveaxis(np.eye(C, dtype=f32)[rng.integers(0, C, (B, 3))], -1, 1)
        return y, (rng.normal(size=(B, C, 3)) * 2).astype(f32)
    if kind == "sparse_prob":
        return rng.integers(0, C, B).astype(np.int32), softmax(rng.normal(size=(B, C)) * 2).astype(f32)
    if kind == "sparse_logits":
        return rng.integers(0, C, B).astype(np.int32), (rng.normal(size=(B, C)) * 2).astype(f32)
    if kind == "sparse_logits_3d":
        return rng.integers(0, C, (2, 3)).astype(np.int32), (rng.normal(size=(2, 3, C)) * 2).astype(f32)
    if kind == "sparse_logits_ignore":
        y = rng.integers(0, C, (2, 3)).astype(np.int32)
        y[0, 1] = y[1, 2] = 2  # ensure the ignored class appears
        return y, (rng.normal(size=(2, 3, C)) * 2).astype(f32)
    raise ValueError(kind)


# function name -> (data kind, kwargs variants)
FUNCTIONS = [
    ("mean_squared_error", "regression", {}),
    ("mean_absolute_error", "regression", {}),
    ("mean_absolute_percentage_error", "positive", {}),
    ("mean_squared_logarithmic_error", "positive", {}),
    ("squared_hinge", "hinge_pm1", {}),
    ("squared_hinge", "hinge_01", {}),
    ("hinge", "hinge_pm1", {}),
    ("hinge", "hinge_01", {}),
    ("categorical_hinge", "categorical_prob", {}),
    ("binary_crossentropy", "binary_prob", {}),
    ("binary_crossentropy", "binary_logits", {"from_logits": True}),
    ("binary_crossentropy", "binary_prob", {"label_smoothing": 0.2}),
    ("log_cosh", "regression", {}),
    ("categorical_crossentropy", "categorical_prob", {}),
    ("categorical_crossentropy", "categorical_logits", {"from_logits": True}),
    ("categorical_crossentropy", "categorical_prob", {"label_smoothing": 0.1}),
    ("categorical_crossentropy", "categorical_prob_axis1", {"axis": 1}),
    ("sparse_categorical_crossentropy", "sparse_prob", {}),
    ("sparse_categorical_crossentropy", "sparse_logits", {"from_logits": True}),
    ("sparse_categorical_crossentropy", "sparse_logits_ignore", {"from_logits": True, "ignore_class": 2}),
    ("kl_divergence", "prob_dist", {}),
    ("poisson", "poisson", {}),
    ("cosine_similarity", "regression", {}),
    ("cosine_similarity", "regression", {"axis": 0}),
    ("huber", "huber", {}),
    ("huber", "huber", {"delta": 0.5}),
    ("binary_focal_crossentropy", "binary_prob", {}),
    ("binary_focal_crossentropy", "binary_logits", {"from_logits": True, "gamma": 3.0}),
    ("binary_focal_crossentropy", "binary_prob",
     {"apply_class_balancing": True, "alpha": 0.4, "label_smoothing": 0.1}),
    ("categorical_focal_crossentropy", "categorical_prob", {}),
    ("categorical_focal_crossentropy", "categorical_logits", {"from_logits": True, "alpha": 0.5, "gamma": 1.0}),
]

# class -> (data kind, list of (variant name, kwargs, data kind override or None))
CLASSES = [
    ("MeanSquaredError", "regression", []),
    ("MeanAbsoluteError", "regression", []),
    ("MeanAbsolutePercentageError", "positive", []),
    ("MeanSquaredLogarithmicError", "positive", []),
    ("SquaredHinge", "hinge_pm1", [("labels_01", {}, "hinge_01")]),
    ("Hinge", "hinge_pm1", [("labels_01", {}, "hinge_01")]),
    ("CategoricalHinge", "categorical_prob", []),
    ("BinaryCrossentropy", "binary_prob", [
        ("from_logits", {"from_logits": True}, "binary_logits"),
        ("label_smoothing", {"label_smoothing": 0.2}, None),
        ("from_logits_label_smoothing", {"from_logits": True, "label_smoothing": 0.1}, "binary_logits"),
        ("rank3", {}, "binary_prob_3d"),
    ]),
    ("LogCosh", "regression", []),
    ("CategoricalCrossentropy", "categorical_prob", [
        ("from_logits", {"from_logits": True}, "categorical_logits"),
        ("label_smoothing", {"label_smoothing": 0.1}, None),
        ("from_logits_label_smoothing", {"from_logits": True, "label_smoothing": 0.2}, "categorical_logits"),
        ("axis1", {"axis": 1}, "categorical_prob_axis1"),
        ("axis1_from_logits", {"axis": 1, "from_logits": True}, "categorical_logits_axis1"),
    ]),
    ("SparseCategoricalCrossentropy", "sparse_prob", [
        ("from_logits", {"from_logits": True}, "sparse_logits"),
        ("rank3_from_logits", {"from_logits": True}, "sparse_logits_3d"),
        ("ignore_class", {"from_logits": True, "ignore_class": 2}, "sparse_logits_ignore"),
    ]),
    ("KLDivergence", "prob_dist", []),
    ("Poisson", "poisson", []),
    ("CosineSimilarity", "regression", [("axis0", {"axis": 0}, None)]),
    ("Huber", "huber", [("delta_0.5", {"delta": 0.5}, None), ("delta_2", {"delta": 2.0}, None)]),
    ("BinaryFocalCrossentropy", "binary_prob", [
        ("from_logits", {"from_logits": True}, "binary_logits"),
        ("gamma_0", {"gamma": 0.0}, None),
        ("class_balancing", {"apply_class_balancing": True, "alpha": 0.3}, None),
        ("label_smoothing", {"label_smoothing": 0.1, "from_logits": True}, "binary_logits"),
    ]),
    ("CategoricalFocalCrossentropy", "categorical_prob", [
        ("from_logits", {"from_logits": True}, "categorical_logits"),
        ("alpha_gamma", {"alpha": 0.5, "gamma": 1.0}, None),
        ("label_smoothing", {"label_smoothing": 0.1}, None),
    ]),
]

REDUCTIONS = ["sum", "none", "mean", "mean_with_sample_weight"]


def fn_case_name(fn, kwargs, kind, seen):
    base = fn
    if kwargs:
        base += "_" + "_".join(f"{k}_{v}" for k, v in sorted(kwargs.items()))
    if kind.endswith("_01"):
        base += "_labels_01"
    if base in seen:
        base += "_" + kind
    seen.add(base)
    return base


def sample_weight_for(name, values_shape):
    """One weight per loss value (per sample for rank-2 inputs): the shape of the unreduced loss."""
    rng = rng_for(name + "/sample_weight")
    return rng.uniform(0.0, 2.0, tuple(values_shape)).astype(np.float32)


def generate(w):
    import keras

    seen = set()
    for fn, kind, kwargs in FUNCTIONS:
        case = fn_case_name(fn, kwargs, kind, seen)
        name = f"losses/functions/{case}"
        y_true, y_pred = make_data(kind, name)
        f = getattr(keras.losses, fn)
        value = np.asarray(f(y_true, y_pred, **kwargs))
        w.case(name, {"function": fn, "kwargs": kwargs, "y_true": enc(y_true), "y_pred": enc(y_pred),
                      "value": enc(value)})

    for cls_name, kind, variants in CLASSES:
        cls = getattr(keras.losses, cls_name)
        all_variants = [("default", {}, None)] + list(variants)
        all_variants += [(f"reduction_{r}", {"reduction": r}, None) for r in REDUCTIONS]
        for vname, kwargs, kind_override in all_variants:
            for weighted in (False, True):
                if weighted and vname not in ("default", "reduction_sum", "reduction_none",
                                              "reduction_mean_with_sample_weight") and not kind_override:
                    continue
                case = vname + ("_sample_weight" if weighted else "")
                name = f"losses/{snake(cls_name)}/{case}"
                d_kind = kind_override or kind
                y_true, y_pred = make_data(d_kind, f"losses/{snake(cls_name)}/{vname}")
                loss = cls(**kwargs)
                sw = None
                if weighted:
                    unreduced = cls(**{**kwargs, "reduction": "none"})(y_true, y_pred)
                    sw = sample_weight_for(name, np.shape(unreduced))
                value = np.asarray(loss(y_true, y_pred, sample_weight=sw))
                payload = {
                    "class_name": cls_name,
                    "kwargs": kwargs,
                    "config": loss.get_config(),
                    "serialized": keras.losses.serialize(loss),
                    "y_true": enc(y_true),
                    "y_pred": enc(y_pred),
                    "value": enc(value),
                }
                if sw is not None:
                    payload["sample_weight"] = enc(sw)
                w.case(name, payload)

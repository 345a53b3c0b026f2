"""metrics/<class_snake>/<variant>: a stateful metric over two update_state batches.

Each case records the config, both batches (y_true, y_pred, and sample_weight in the *_weighted
variants), result() after the first and after the second batch, and the metric's variables
(name, shape, final value) in Keras' order.
"""

import numpy as np

from common import enc, fresh, rng_for, snake
from gen_losses import softmax

B = 6


def batch(kind, name):
    rng = rng_for(name)
    f32 = np.float32
    if kind == "binary":
        return rng.choice([0.0, 1.0], (B, 3)).astype(f32), rng.uniform(0, 1, (B, 3)).astype(f32)
    if kind == "binary_logits":
        return rng.choice([0.0, 1.0], (B, 3)).astype(f32), rng.normal(0, 2, (B, 3)).astype(f32)
    if kind == "binary_1d":
        return rng.choice([0.0, 1.0], (B,)).astype(f32), rng.uniform(0, 1, (B,)).astype(f32)
    if kind == "categorical":
        return np.eye(5, dtype=f32)[rng.integers(0, 5, B)], softmax(rng.normal(size=(B, 5)) * 2).astype(f32)
    if kind == "sparse":
        return rng.integers(0, 5, (B,)).astype(np.int32), softmax(rng.normal(size=(B, 5)) * 2).astype(f32)
    if kind == "sparse_col":  # labels shaped [B, 1]
        return rng.integers(0, 5, (B, 1)).astype(np.int32), softmax(rng.normal(size=(B, 5)) * 2).astype(f32)
    if kind == "labels_equal":  # keras.metrics.Accuracy compares values for equality
        y = rng.integers(0, 3, (B, 2)).astype(f32)
        p = y.copy()
        flip = rng.uniform(0, 1, (B, 2)) < 0.4
        p[flip] = rng.integers(0, 3, int(flip.sum()))
        return y, p
    if kind == "regression":
        return rng.normal(size=(B, 3)).astype(f32), rng.normal(size=(B, 3)).astype(f32)
    if kind == "values":
        return None, rng.normal(size=(B,)).astype(f32) * 3
    if kind == "multilabel":
        return rng.choice([0.0, 1.0], (B, 3), p=[0.6, 0.4]).astype(f32), rng.uniform(0, 1, (B, 3)).astype(f32)
    raise ValueError(kind)


def cases():
    from keras import metrics as M

    return [
        ("Accuracy", "default", lambda: M.Accuracy(), "labels_equal"),
        ("BinaryAccuracy", "default", lambda: M.BinaryAccuracy(), "binary"),
        ("BinaryAccuracy", "threshold_0.7", lambda: M.BinaryAccuracy(threshold=0.7), "binary"),
        ("CategoricalAccuracy", "default", lambda: M.CategoricalAccuracy(), "categorical"),
        ("SparseCategoricalAccuracy", "default", lambda: M.SparseCategoricalAccuracy(), "sparse"),
        ("SparseCategoricalAccuracy", "labels_rank2", lambda: M.SparseCategoricalAccuracy(), "sparse_col"),
        ("TopKCategoricalAccuracy", "k2", lambda: M.TopKCategoricalAccuracy(k=2), "categorical"),
        ("TopKCategoricalAccuracy", "default", lambda: M.TopKCategoricalAccuracy(), "categorical"),
        ("SparseTopKCategoricalAccuracy", "k2", lambda: M.SparseTopKCategoricalAccuracy(k=2), "sparse"),
        ("SparseTopKCategoricalAccuracy", "default", lambda: M.SparseTopKCategoricalAccuracy(), "sparse"),
        ("Mean", "default", lambda: M.Mean(), "values"),
        ("Sum", "default", lambda: M.Sum(), "values"),
        ("MeanSquaredError", "default", lambda: M.MeanSquaredError(), "regression"),
        ("RootMeanSquaredError", "default", lambda: M.RootMeanSquaredError(), "regression"),
        ("MeanAbsoluteError", "default", lambda: M.MeanAbsoluteError(), "regression"),
        ("AUC", "default", lambda: M.AUC(), "binary"),
        ("AUC", "pr", lambda: M.AUC(curve="PR"), "binary"),
        ("AUC", "num_thresholds_10_minoring", lambda: M.AUC(num_thresholds=10, summation_method="minoring"),
         "binary"),
        ("AUC", "majoring", lambda: M.AUC(num_thresholds=20, summation_method="majoring"), "binary"),
        ("AUC", "from_logits", lambda: M.AUC(from_logits=True), "binary_logits"),
        ("AUC", "multi_label", lambda: M.AUC(multi_label=True, num_thresholds=50), "multilabel"),
        ("AUC", "explicit_thresholds", lambda: M.AUC(thresholds=[0.1, 0.3, 0.5, 0.7, 0.9]), "binary"),
        ("Precision", "default", lambda: M.Precision(), "binary"),
        ("Precision", "thresholds", lambda: M.Precision(thresholds=[0.3, 0.5, 0.8]), "binary"),
        ("Precision", "top_k_2", lambda: M.Precision(top_k=2), "binary"),
        ("Precision", "class_id_1", lambda: M.Precision(class_id=1), "binary"),
        ("Recall", "default", lambda: M.Recall(), "binary"),
        ("Recall", "thresholds", lambda: M.Recall(thresholds=[0.3, 0.5, 0.8]), "binary"),
        ("Recall", "top_k_2", lambda: M.Recall(top_k=2), "binary"),
        ("Recall", "class_id_1", lambda: M.Recall(class_id=1), "binary"),
        ("F1Score", "default", lambda: M.F1Score(), "multilabel"),
        ("F1Score", "threshold_0.5", lambda: M.F1Score(threshold=0.5), "multilabel"),
        ("F1Score", "micro", lambda: M.F1Score(average="micro", threshold=0.5), "multilabel"),
        ("F1Score", "macro", lambda: M.F1Score(average="macro", threshold=0.5), "multilabel"),
        ("F1Score", "weighted", lambda: M.F1Score(average="weighted", threshold=0.5), "multilabel"),
        ("F1Score", "categorical_argmax", lambda: M.F1Score(average="macro"), "categorical"),
    ]


def generate(w):
    import keras

    for cls_name, variant, make, kind in cases():
        for weighted in (False, True):
            name = f"metrics/{snake(cls_name)}/{variant}" + ("_weighted" if weighted else "")
            data_name = f"metrics/{snake(cls_name)}/{variant}"
            fresh(name)
            m = make()
            batches = []
            results = []
            for i in range(2):
                y_true, y_pred = batch(kind, f"{data_name}/batch{i}")
                sw = rng_for(f"{data_name}/sw{i}").uniform(0, 2, (B,)).astype(np.float32) if weighted else None
                if y_true is None:
                    m.update_state(y_pred, sample_weight=sw)
                else:
                    m.update_state(y_true, y_pred, sample_weight=sw)
                results.append(enc(np.asarray(m.result())))
                entry = {"y_pred": enc(y_pred)}
                if y_true is not None:
                    entry["y_true"] = enc(y_true)
                if sw is not None:
                    entry["sample_weight"] = enc(sw)
                batches.append(entry)
            w.case(name, {
                "class_name": cls_name,
                "config": m.get_config(),
                "serialized": keras.metrics.serialize(m),
                "uses_y_true": kind != "values",
                "batches": batches,
                "results": results,
                "variables": [
                    {"name": v.name, "path": v.path, "shape": list(v.shape), "dtype": str(v.dtype),
                     "value": enc(np.asarray(v))}
                    for v in m.variables
                ],
            })

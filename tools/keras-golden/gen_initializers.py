"""initializers/<case>.

Deterministic initializers (Zeros, Ones, Constant, Identity): the exact values for each shape.
Random initializers: for each shape, the fans Keras computes (`compute_fans`), the distribution
parameters Strata must reproduce (`expected`: mean/stddev for normals, minval/maxval for uniforms,
with VarianceScaling's truncated-normal correction 0.87962566103423978), and the sample statistics of
Keras' own draw (seed 1234) for reference. Keras' JAX random streams are not reproducible elsewhere,
so only statistics are recorded.
"""

import math

import numpy as np

from common import enc

SHAPES = {
    "dense": [64, 32],
    "dense_wide": [16, 128],
    "conv1d": [5, 8, 16],
    "conv2d": [3, 3, 16, 32],
    "conv3d": [2, 3, 3, 4, 8],
    "bias": [32],
}

TRUNC_CORRECTION = 0.87962566103423978
SEED = 1234


def fans(shape, input_axes=None, output_axes=None):
    from keras.src.initializers.random_initializers import compute_fans

    return compute_fans(shape, input_axes=input_axes, output_axes=output_axes)


def effective_params(init):
    """Every parameter the initializer uses (subclasses such as GlorotUniform only serialize `seed`)."""
    keys = ["mean", "stddev", "minval", "maxval", "gain", "scale", "mode", "distribution", "input_axes",
            "output_axes"]
    return {k: getattr(init, k) for k in keys if hasattr(init, k)}


def expected_params(cls_name, cfg, shape):
    """The distribution parameters implied by Keras' formulas (independent of the random draw)."""
    if cls_name == "RandomNormal":
        return {"distribution": "normal", "mean": cfg["mean"], "stddev": cfg["stddev"]}
    if cls_name == "TruncatedNormal":
        return {"distribution": "truncated_normal", "mean": cfg["mean"], "stddev": cfg["stddev"],
                "truncate_at_stddevs": 2.0}
    if cls_name == "RandomUniform":
        return {"distribution": "uniform", "minval": cfg["minval"], "maxval": cfg["maxval"]}
    if cls_name == "Orthogonal":
        return {"distribution": "orthogonal", "gain": cfg["gain"]}
    # VarianceScaling and its Glorot/He/Lecun subclasses.
    fan_in, fan_out = fans(shape, cfg.get("input_axes"), cfg.get("output_axes"))
    scale = cfg["scale"]
    if cfg["mode"] == "fan_in":
        scale /= max(1.0, fan_in)
    elif cfg["mode"] == "fan_out":
        scale /= max(1.0, fan_out)
    else:
        scale /= max(1.0, (fan_in + fan_out) / 2.0)
    dist = cfg["distribution"]
    if dist == "truncated_normal":
        return {"distribution": dist, "mean": 0.0, "stddev": math.sqrt(scale) / TRUNC_CORRECTION,
                "truncate_at_stddevs": 2.0, "scale_over_fan": scale}
    if dist == "untruncated_normal":
        return {"distribution": dist, "mean": 0.0, "stddev": math.sqrt(scale), "scale_over_fan": scale}
    limit = math.sqrt(3.0 * scale)
    return {"distribution": dist, "minval": -limit, "maxval": limit, "limit": limit, "scale_over_fan": scale}


def random_cases():
    from keras import initializers as I

    cases = [
        ("random_normal", I.RandomNormal(seed=SEED)),
        ("random_normal_mean_stddev", I.RandomNormal(mean=1.0, stddev=0.5, seed=SEED)),
        ("random_uniform", I.RandomUniform(seed=SEED)),
        ("random_uniform_range", I.RandomUniform(minval=-2.0, maxval=3.0, seed=SEED)),
        ("truncated_normal", I.TruncatedNormal(seed=SEED)),
        ("truncated_normal_mean_stddev", I.TruncatedNormal(mean=-1.0, stddev=2.0, seed=SEED)),
        ("orthogonal", I.Orthogonal(seed=SEED)),
        ("orthogonal_gain_2", I.Orthogonal(gain=2.0, seed=SEED)),
        ("glorot_uniform", I.GlorotUniform(seed=SEED)),
        ("glorot_normal", I.GlorotNormal(seed=SEED)),
        ("he_uniform", I.HeUniform(seed=SEED)),
        ("he_normal", I.HeNormal(seed=SEED)),
        ("lecun_uniform", I.LecunUniform(seed=SEED)),
        ("lecun_normal", I.LecunNormal(seed=SEED)),
        ("variance_scaling_input_axes",
         I.VarianceScaling(scale=1.0, mode="fan_in", distribution="uniform", seed=SEED,
                           input_axes=[0], output_axes=[1])),
    ]
    for mode in ["fan_in", "fan_out", "fan_avg"]:
        for dist in ["truncated_normal", "untruncated_normal", "uniform"]:
            cases.append((f"variance_scaling_{mode}_{dist}",
                          I.VarianceScaling(scale=2.0, mode=mode, distribution=dist, seed=SEED)))
    # distribution="normal" is an alias that Keras stores as truncated_normal.
    cases.append(("variance_scaling_normal_alias",
                  I.VarianceScaling(scale=1.0, mode="fan_avg", distribution="normal", seed=SEED)))
    return cases


def stats(v):
    v = np.asarray(v, dtype=np.float64)
    return {"mean": float(np.float32(v.mean())), "std": float(np.float32(v.std())),
            "min": float(np.float32(v.min())), "max": float(np.float32(v.max()))}


def generate(w):
    import keras
    from keras import initializers as I

    # Deterministic initializers: exact values.
    det = [
        ("zeros", I.Zeros(), [[2, 3], [4]]),
        ("ones", I.Ones(), [[2, 3], [4]]),
        ("constant", I.Constant(0.5), [[2, 3], [4]]),
        ("constant_negative", I.Constant(-2.25), [[3, 2, 2]]),
        ("identity", I.Identity(), [[3, 3], [3, 5], [5, 3]]),
        ("identity_gain_2", I.Identity(gain=2.0), [[4, 4], [2, 4], [4, 2]]),
    ]
    for name, init, shapes in det:
        w.case(f"initializers/{name}", {
            "class_name": init.__class__.__name__,
            "config": init.get_config(),
            "serialized": keras.initializers.serialize(init),
            "deterministic": True,
            "values": [{"shape": s, "value": enc(init(s, dtype="float32"))} for s in shapes],
        })

    for name, init in random_cases():
        cls_name = init.__class__.__name__
        cfg = effective_params(init)
        per_shape = []
        for kind, shape in SHAPES.items():
            if cls_name == "Orthogonal" and len(shape) < 2:
                continue
            if cfg.get("input_axes") is not None and len(shape) != 2:
                continue
            if cls_name in ("RandomNormal", "RandomUniform", "TruncatedNormal", "Orthogonal"):
                fan_in, fan_out = fans(shape)
            else:
                fan_in, fan_out = fans(shape, cfg.get("input_axes"), cfg.get("output_axes"))
            value = np.asarray(init(shape, dtype="float32"))
            entry = {
                "kind": kind,
                "shape": shape,
                "fan_in": fan_in,
                "fan_out": fan_out,
                "expected": expected_params(cls_name, cfg, shape),
                "sample_stats": stats(value),
            }
            if cls_name == "Orthogonal":
                flat = value.reshape(-1, shape[-1])
                gram = flat.T @ flat if flat.shape[0] >= flat.shape[1] else flat @ flat.T
                entry["max_abs_gram_minus_gain2_identity"] = float(
                    np.float32(np.abs(gram - cfg["gain"] ** 2 * np.eye(gram.shape[0])).max()))
            per_shape.append(entry)
        w.case(f"initializers/{name}", {
            "class_name": cls_name,
            "config": init.get_config(),
            "effective_params": cfg,
            "serialized": keras.initializers.serialize(init),
            "deterministic": False,
            "seed": SEED,
            "shapes": per_shape,
        })

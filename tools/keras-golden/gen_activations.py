"""activations/<case>: keras.activations.<fn>(x, **kwargs) and d/dx sum(fn(x) * cotangent).

x has shape [6, 16]: rows 0-1 are a fixed table of special values (large magnitudes, +-0-ish,
the kinks of relu6/hard_sigmoid), rows 2-5 are seeded normal * 4. Gradients come from jax.grad;
at exact kinks (x == 0 for relu, x == +-3 for hard_sigmoid...) they follow JAX's conventions.
"""

import numpy as np

from common import enc, rng_for

SPECIAL = [
    -1000.0, -100.0, -50.0, -20.0, -10.0, -6.0, -5.0, -3.0,
    -2.5, -1.0, -0.5, -1e-3, 0.0, 1e-3, 0.5, 1.0,
    2.5, 3.0, 5.0, 6.0, 10.0, 20.0, 50.0, 100.0,
    1000.0, 0.25, -0.25, 0.1, -0.1, 7.5, -7.5, 88.0,
]

# (case name, activation name, kwargs)
CASES = [
    ("softmax", "softmax", {}),
    ("softmax_axis0", "softmax", {"axis": 0}),
    ("log_softmax", "log_softmax", {}),
    ("log_softmax_axis0", "log_softmax", {"axis": 0}),
    ("relu", "relu", {}),
    ("relu_negative_slope", "relu", {"negative_slope": 0.1}),
    ("relu_max_value", "relu", {"max_value": 6.0}),
    ("relu_threshold", "relu", {"threshold": 1.5}),
    ("relu_all_args", "relu", {"negative_slope": 0.2, "max_value": 4.0, "threshold": -1.0}),
    ("relu6", "relu6", {}),
    ("leaky_relu", "leaky_relu", {}),
    ("leaky_relu_slope_0.1", "leaky_relu", {"negative_slope": 0.1}),
    ("tanh", "tanh", {}),
    ("sigmoid", "sigmoid", {}),
    ("hard_sigmoid", "hard_sigmoid", {}),
    ("linear", "linear", {}),
    ("elu", "elu", {}),
    ("elu_alpha_0.5", "elu", {"alpha": 0.5}),
    ("selu", "selu", {}),
    ("softplus", "softplus", {}),
    ("softsign", "softsign", {}),
    ("gelu", "gelu", {"approximate": False}),
    ("gelu_approximate", "gelu", {"approximate": True}),
    ("silu", "silu", {}),
    ("swish", "swish", {}),
    ("mish", "mish", {}),
    ("hard_silu", "hard_silu", {}),
    ("exponential", "exponential", {}),
    # Also exported by keras.activations 3.15 (cheap to record, useful later; not in the list).
    ("celu", "celu", {}),
    ("glu", "glu", {}),
    ("hard_tanh", "hard_tanh", {}),
    ("hard_shrink", "hard_shrink", {}),
    ("soft_shrink", "soft_shrink", {}),
    ("tanh_shrink", "tanh_shrink", {}),
    ("sparse_plus", "sparse_plus", {}),
    ("sparse_sigmoid", "sparse_sigmoid", {}),
    ("squareplus", "squareplus", {}),
    ("log_sigmoid", "log_sigmoid", {}),
    ("sparsemax", "sparsemax", {}),
    ("threshold", "threshold", {"threshold": 0.5, "default_value": -1.0}),
]


# Cases beyond the list (parity reports them as extras when Strata lacks them).
EXTRA = {"celu", "glu", "hard_tanh", "hard_shrink", "soft_shrink", "tanh_shrink", "sparse_plus", "sparse_sigmoid",
         "squareplus", "log_sigmoid", "sparsemax", "threshold"}


def activation_input(name="activations/x"):
    rng = rng_for(name)
    rows = np.array(SPECIAL, dtype=np.float32).reshape(2, 16)
    rand = (rng.standard_normal((4, 16)) * 4).astype(np.float32)
    return np.concatenate([rows, rand], axis=0)


def compute(act_name, kwargs, x, cot):
    """Returns (y, grad) as float32 numpy arrays, computed by Keras on the JAX backend."""
    import jax
    import jax.numpy as jnp
    import keras

    fn = keras.activations.get(act_name)

    def f(v):
        return fn(v, **kwargs)

    y = np.asarray(f(jnp.asarray(x)), dtype=np.float32)
    cot = cot[..., : y.shape[-1]]  # glu halves the last axis
    grad = jax.grad(lambda v: jnp.sum(f(v) * jnp.asarray(cot)))(jnp.asarray(x))
    return y, np.asarray(grad, dtype=np.float32), cot


def generate(w):
    import keras

    x = activation_input()
    cot = rng_for("activations/cotangent").uniform(-1, 1, x.shape).astype(np.float32)
    for case, act, kwargs in CASES:
        y, grad, cot_used = compute(act, kwargs, x, cot)
        fn = keras.activations.get(act)
        w.case(
            f"activations/{case}",
            {
                "activation": act,
                "serialized": keras.activations.serialize(fn),
                "kwargs": kwargs,
                "x": enc(x),
                "y": enc(y),
                "cotangent": enc(cot_used),
                "grad": enc(grad),
            },
        )

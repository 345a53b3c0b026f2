"""Runs one layer case through Keras and returns the fixture payload (used by gen_layers.py).

For a layer built on seeded inputs, with its weights overwritten by seeded uniform values (not the
default initializers), it records:
  config / serialized          layer.get_config() and keras.layers.serialize(layer) (snake_case, as Keras writes)
  weights                      [{name, path, shape, trainable, value}] in layer.weights order (Keras order)
  inputs                       list of arrays (merge layers have several)
  output                       inference output (training=False); output_mask when the layer computes a mask
  output_training              training=True output, only for deterministic layers where it differs (BatchNormalization)
  non_trainable_after_training non-trainable weights after that training call (BN moving stats)
  cotangent                    the fixed random array c; gradients are of sum(output * c)
  grads / grads_training       {"inputs": [...], "weights": [...]} w.r.t. float inputs and trainable weights
  output_shape                 actual output shape; computed_output_shape = compute_output_shape with batch None
  params                       {total, trainable, non_trainable}
  losses                       layer.losses after the inference call (activity/weight regularization)
"""

import inspect

import numpy as np

from common import enc, fresh, rng_for


def _weight_values(var, rng):
    name = var.path.split("/")[-1]
    shape = tuple(var.shape)
    if name in ("moving_variance",):
        return rng.uniform(0.5, 1.5, shape).astype(np.float32)
    if name in ("gamma",):
        return rng.uniform(0.5, 1.5, shape).astype(np.float32)
    return rng.uniform(-0.5, 0.5, shape).astype(np.float32)


def _call_kwargs(layer, training):
    params = inspect.signature(layer.call).parameters
    return {"training": training} if "training" in params else {}


def run_layer(name, make_layer, inputs, *, multi_input=False, training_differs=False, set_weights=True,
              note=None):
    import jax
    import jax.numpy as jnp
    import keras

    fresh(name)
    rng = rng_for(name + "/weights")
    layer = make_layer()
    arg = list(inputs) if multi_input else inputs[0]
    layer(arg)  # build
    if set_weights:
        for v in layer.weights:
            v.assign(_weight_values(v, rng))
    weights = [
        {"name": v.name, "path": v.path, "shape": list(v.shape), "trainable": bool(v.trainable),
         "value": enc(np.asarray(v))}
        for v in layer.weights
    ]

    out = layer(arg, training=False)
    if isinstance(out, (list, tuple)):
        raise ValueError("multi-output layers are not supported by run_layer")
    out_np = np.asarray(out)
    payload = {
        "class_name": layer.__class__.__name__,
        "config": layer.get_config(),
        "serialized": keras.layers.serialize(layer),
        "weights": weights,
        "inputs": [enc(x) for x in inputs],
        "output": enc(out_np),
        "output_shape": list(out_np.shape),
        "params": {
            "total": int(layer.count_params()),
            "trainable": int(sum(np.prod(v.shape) for v in layer.trainable_weights)),
            "non_trainable": int(sum(np.prod(v.shape) for v in layer.non_trainable_weights)),
        },
        "losses": [float(np.asarray(l)) for l in layer.losses],
    }
    if note:
        payload["note"] = note
    if layer.supports_masking or getattr(layer, "mask_zero", False):
        mask = layer.compute_mask(arg, None)
        if mask is not None:
            payload["output_mask"] = enc(np.asarray(mask).astype(np.int32))
    batchless = [tuple([None] + list(x.shape[1:])) for x in inputs]
    try:
        computed = layer.compute_output_shape(batchless if multi_input else batchless[0])
        payload["computed_output_shape"] = list(computed)
    except Exception as e:  # noqa: BLE001 - record why, keep the case
        payload["computed_output_shape_error"] = f"{type(e).__name__}: {e}"

    cot = rng_for(name + "/cotangent").uniform(-1, 1, out_np.shape).astype(np.float32)
    payload["cotangent"] = enc(cot)
    float_idx = [i for i, x in enumerate(inputs) if np.issubdtype(np.asarray(x).dtype, np.floating)]
    tv = [v.value for v in layer.trainable_variables]
    ntv = [v.value for v in layer.non_trainable_variables]

    def grads_for(training):
        def f(tvals, fin):
            xs = list(inputs)
            for i, x in zip(float_idx, fin):
                xs[i] = x
            a = xs if multi_input else xs[0]
            o, _ = layer.stateless_call(tvals, ntv, a, **_call_kwargs(layer, training))
            return jnp.sum(o * jnp.asarray(cot))

        g_w, g_x = jax.jit(jax.grad(f, argnums=(0, 1)))(tv, [jnp.asarray(inputs[i]) for i in float_idx])
        gi = [None] * len(inputs)
        for i, g in zip(float_idx, g_x):
            gi[i] = enc(np.asarray(g))
        return {"inputs": gi, "weights": [enc(np.asarray(g)) for g in g_w]}

    payload["grads"] = grads_for(False)
    if training_differs:
        o, new_ntv = layer.stateless_call(tv, ntv, arg, **_call_kwargs(layer, True))
        payload["output_training"] = enc(np.asarray(o))
        payload["non_trainable_after_training"] = [enc(np.asarray(v)) for v in new_ntv]
        payload["grads_training"] = grads_for(True)
    return payload

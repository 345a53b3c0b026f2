"""optimizers/<class_snake>/<variant> and optimizers/schedules/<case>.

Optimizer cases: two variables (`w` [3, 2] and `b` [2], seeded uniform initial values), three calls
of `apply_gradients` with fixed seeded gradients (normal * 2, so clipnorm/global_clipnorm bite),
recording both variables after every step, the learning rate used at each step, the optimizer's
config and its variables (name, path, shape, final value) in Keras' order.

Schedule cases: config and value at a list of steps.
"""

import numpy as np

from common import enc, fresh, rng_for, snake

STEPS = 3
SCHEDULE_STEPS = [0, 1, 2, 3, 5, 9, 10, 11, 15, 20, 30, 50, 99, 100, 101, 150, 250, 1000]


def schedules():
    from keras.optimizers import schedules as S

    return [
        ("exponential_decay", lambda: S.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)),
        ("exponential_decay_staircase", lambda: S.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5,
                                                                    staircase=True)),
        ("piecewise_constant_decay", lambda: S.PiecewiseConstantDecay([10, 100], [0.1, 0.05, 0.01])),
        ("polynomial_decay", lambda: S.PolynomialDecay(0.1, decay_steps=100)),
        ("polynomial_decay_power2_end", lambda: S.PolynomialDecay(0.1, decay_steps=100,
                                                                   end_learning_rate=0.01, power=2.0)),
        ("polynomial_decay_cycle", lambda: S.PolynomialDecay(0.1, decay_steps=20, end_learning_rate=0.001,
                                                              power=0.5, cycle=True)),
        ("inverse_time_decay", lambda: S.InverseTimeDecay(0.1, decay_steps=10, decay_rate=0.5)),
        ("inverse_time_decay_staircase", lambda: S.InverseTimeDecay(0.1, decay_steps=10, decay_rate=0.5,
                                                                     staircase=True)),
        ("cosine_decay", lambda: S.CosineDecay(0.1, decay_steps=100)),
        ("cosine_decay_alpha", lambda: S.CosineDecay(0.1, decay_steps=100, alpha=0.1)),
        ("cosine_decay_warmup", lambda: S.CosineDecay(0.0, decay_steps=100, warmup_target=0.1, warmup_steps=10)),
        ("cosine_decay_warmup_from_nonzero", lambda: S.CosineDecay(0.01, decay_steps=50, alpha=0.05,
                                                                    warmup_target=0.2, warmup_steps=20)),
        ("cosine_decay_restarts", lambda: S.CosineDecayRestarts(0.1, first_decay_steps=10)),
        ("cosine_decay_restarts_mul", lambda: S.CosineDecayRestarts(0.1, first_decay_steps=10, t_mul=1.5,
                                                                     m_mul=0.8, alpha=0.1)),
    ]


def optimizer_settings():
    from keras import optimizers as O

    base = [
        ("SGD", O.SGD, [("default", {}), ("lr_0.1", {"learning_rate": 0.1}),
                        ("momentum", {"learning_rate": 0.1, "momentum": 0.9}),
                        ("nesterov", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True})]),
        ("RMSprop", O.RMSprop, [("default", {}), ("rho_0.5", {"rho": 0.5}),
                                ("momentum", {"momentum": 0.5}), ("centered", {"centered": True}),
                                ("centered_momentum", {"centered": True, "momentum": 0.9, "learning_rate": 0.01})]),
        ("Adagrad", O.Adagrad, [("default", {}), ("lr_0.1_acc_0.5", {"learning_rate": 0.1,
                                                                     "initial_accumulator_value": 0.5})]),
        ("Adadelta", O.Adadelta, [("default", {}), ("lr_1_rho_0.9", {"learning_rate": 1.0, "rho": 0.9})]),
        ("Adam", O.Adam, [("default", {}), ("amsgrad", {"amsgrad": True, "learning_rate": 0.01}),
                          ("betas", {"beta_1": 0.5, "beta_2": 0.9, "epsilon": 1e-3, "learning_rate": 0.01})]),
        ("Adamax", O.Adamax, [("default", {}), ("lr_0.01", {"learning_rate": 0.01})]),
        ("Nadam", O.Nadam, [("default", {}), ("lr_0.01", {"learning_rate": 0.01})]),
        ("AdamW", O.AdamW, [("default", {}), ("wd_0.1_amsgrad", {"weight_decay": 0.1, "amsgrad": True,
                                                                 "learning_rate": 0.01})]),
        ("Lion", O.Lion, [("default", {}), ("lr_0.01_betas", {"learning_rate": 0.01, "beta_1": 0.5,
                                                              "beta_2": 0.9})]),
    ]
    common = [
        ("clipnorm", {"clipnorm": 0.5}),
        ("clipvalue", {"clipvalue": 0.1}),
        ("global_clipnorm", {"global_clipnorm": 0.5}),
        ("weight_decay", {"weight_decay": 0.1}),
    ]
    out = []
    for cls_name, cls, variants in base:
        lr = {"learning_rate": 0.01}
        for vname, kwargs in variants + [(n, {**lr, **k}) for n, k in common]:
            out.append((cls_name, vname, cls, kwargs, None))
        # learning-rate schedules (SGD and Adam only: they exercise the same code path everywhere)
        if cls_name in ("SGD", "Adam"):
            for sname, make in schedules():
                out.append((cls_name, f"schedule_{sname}", cls, {}, make))
    out.append(("SGD", "gradient_accumulation_steps_2", O.SGD,
                {"learning_rate": 0.1, "momentum": 0.9, "gradient_accumulation_steps": 2}, None))
    return out


def generate(w):
    import keras

    for sname, make in schedules():
        name = f"optimizers/schedules/{sname}"
        fresh(name)
        s = make()
        w.case(name, {
            "class_name": s.__class__.__name__,
            "config": s.get_config(),
            "serialized": keras.optimizers.schedules.serialize(s),
            "steps": SCHEDULE_STEPS,
            "values": enc(np.array([float(s(i)) for i in SCHEDULE_STEPS], dtype=np.float32)),
        })

    for cls_name, vname, cls, kwargs, make_schedule in optimizer_settings():
        name = f"optimizers/{snake(cls_name)}/{vname}"
        fresh(name)
        rng = rng_for("optimizers/variables")  # the same start and gradients for every optimizer case
        w0 = rng.uniform(-1, 1, (3, 2)).astype(np.float32)
        b0 = rng.uniform(-1, 1, (2,)).astype(np.float32)
        grads = [(rng.normal(size=(3, 2)).astype(np.float32) * 2, rng.normal(size=(2,)).astype(np.float32) * 2)
                 for _ in range(STEPS)]
        variables = [keras.Variable(w0, name="w"), keras.Variable(b0, name="b")]
        if make_schedule is not None:
            kwargs = {**kwargs, "learning_rate": make_schedule()}
        opt = cls(**kwargs)
        steps = []
        for gw, gb in grads:
            lr = float(np.asarray(opt.learning_rate))  # the rate this step uses (schedule at `iterations`)
            opt.apply_gradients(zip([gw, gb], variables))
            steps.append({"learning_rate": lr, "w": enc(np.asarray(variables[0])), "b": enc(np.asarray(variables[1]))})
        w.case(name, {
            "class_name": cls_name,
            "kwargs": {k: v for k, v in kwargs.items() if k != "learning_rate" or make_schedule is None},
            "config": opt.get_config(),
            "serialized": keras.optimizers.serialize(opt),
            "initial": {"w": enc(w0), "b": enc(b0)},
            "grads": [{"w": enc(gw), "b": enc(gb)} for gw, gb in grads],
            "steps": steps,
            "iterations": int(np.asarray(opt.iterations)),
            "optimizer_variables": [
                {"name": v.name, "path": v.path, "shape": list(v.shape), "dtype": str(v.dtype),
                 "value": enc(np.asarray(v))}
                for v in opt.variables
            ],
        })

#!/usr/bin/env python3
"""Python (Keras) side of the parity check. The driver is tools/keras-golden/parity.mjs
(`pnpm parity` from the repository root), which runs this script, then runs Strata on the same
inputs and prints the comparison.

    parity.py probe                                   # prints {"keras": "3.15.1", "backend": "jax", ...}
    parity.py tensors     --seed 0 --out t.json       # random arrays (float32/int32, several shapes)
    parity.py activations --seed 0 --out a.json       # random input; every activation case, values + gradients
    parity.py models | files | applications           # later sections: not yet available

Arrays use the fixture encoding (common.enc): {"__ndarray__": base64 LE, "dtype", "shape"}.
Unlike the committed fixtures, inputs here are fresh random draws for the given --seed.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def setup():
    if os.environ.get("KERAS_BACKEND", "jax") != "jax":
        sys.exit("parity.py: set KERAS_BACKEND=jax")
    os.environ["KERAS_BACKEND"] = "jax"
    os.environ.setdefault("JAX_PLATFORMS", "cpu")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    sys.path.insert(0, HERE)


def write(path, doc):
    from common import dumps, to_jsonable

    with open(path, "w") as f:
        f.write(dumps(to_jsonable(doc)))


def cmd_probe(args):
    import jax
    import keras

    print(json.dumps({"keras": keras.__version__, "backend": keras.backend.backend(), "jax": jax.__version__}))


def cmd_tensors(args):
    import numpy as np

    from common import enc

    rng = np.random.default_rng(args.seed)
    cases = []
    for shape in [(), (1,), (7,), (3, 4), (2, 3, 4), (2, 1, 3, 2)]:
        cases.append({"shape": list(shape), "dtype": "float32",
                      "value": enc((rng.standard_normal(shape) * 10 ** rng.uniform(-3, 3)).astype(np.float32))})
        cases.append({"shape": list(shape), "dtype": "int32",
                      "value": enc(rng.integers(-(2**31), 2**31 - 1, shape, dtype=np.int64).astype(np.int32))})
    write(args.out, {"seed": args.seed, "cases": cases})


def cmd_activations(args):
    import keras
    import numpy as np

    from common import enc
    from gen_activations import CASES, EXTRA, compute

    rng = np.random.default_rng(args.seed)
    x = (rng.standard_normal((8, 16)) * 5).astype(np.float32)
    x[0, :4] = [-100.0, 100.0, -30.0, 30.0]  # keep a few large magnitudes in every run
    cot = rng.uniform(-1, 1, x.shape).astype(np.float32)
    out = []
    for case, act, kwargs in CASES:
        y, grad, cot_used = compute(act, kwargs, x, cot)
        out.append({"case": case, "activation": act, "kwargs": kwargs, "extra": case in EXTRA,
                    "y": enc(y), "grad": enc(grad),
                    "cotangent": enc(cot_used)})
    write(args.out, {"seed": args.seed, "keras": keras.__version__, "x": enc(x), "cases": out})


def cmd_later(args):
    # Sections that plug in later (models both ways, files both ways, applications). Kept as explicit
    # stubs so the driver's table shows them; replace with real exporters when Strata has the feature.
    write(args.out, {"section": args.command, "available": False,
                     "reason": "not yet available: Strata has no " + {
                         "models": "@strata/models",
                         "files": "@strata/saving",
                         "applications": "@strata/applications",
                     }[args.command] + " yet"})


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("probe")
    for name in ("tensors", "activations", "models", "files", "applications"):
        p = sub.add_parser(name)
        p.add_argument("--seed", type=int, default=0)
        p.add_argument("--out", required=True)
    args = ap.parse_args()
    setup()
    {"probe": cmd_probe, "tensors": cmd_tensors, "activations": cmd_activations,
     "models": cmd_later, "files": cmd_later, "applications": cmd_later}[args.command](args)


if __name__ == "__main__":
    main()

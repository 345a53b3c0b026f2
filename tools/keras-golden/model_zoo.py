"""Small Keras models shared by gen_models.py and gen_files.py, with deterministic weights."""

import numpy as np

from common import rng_for


def set_seeded_weights(model, name):
    """Overwrite every weight with seeded uniform values (BN variances/gammas kept positive)."""
    rng = rng_for(name + "/weights")
    for v in model.weights:
        leaf = v.path.split("/")[-1]
        if leaf in ("moving_variance", "gamma"):
            v.assign(rng.uniform(0.5, 1.5, tuple(v.shape)).astype(np.float32))
        else:
            v.assign(rng.uniform(-0.5, 0.5, tuple(v.shape)).astype(np.float32))


def sequential_dense():
    import keras
    from keras import layers as L

    return keras.Sequential([keras.Input(shape=(784,)), L.Dense(64)], name="sequential_dense")


def sequential_mlp():
    import keras
    from keras import layers as L

    return keras.Sequential([
        keras.Input(shape=(784,)),
        L.Dense(64, activation="relu"),
        L.Dropout(0.2),
        L.Dense(10, activation="softmax"),
    ], name="mlp")


def sequential_cnn():
    import keras
    from keras import layers as L

    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        L.Conv2D(32, 3, activation="relu"),
        L.MaxPooling2D(2),
        L.Flatten(),
        L.Dense(10, activation="softmax"),
    ], name="cnn")


def sequential_unbuilt():
    import keras
    from keras import layers as L

    return keras.Sequential([L.Dense(8, activation="relu"), L.Dense(2)], name="unbuilt")


def functional_two_inputs():
    import keras
    from keras import layers as L

    a = keras.Input(shape=(8,), name="input_a")
    b = keras.Input(shape=(8,), name="input_b")
    shared = L.Dense(4, activation="relu", name="shared_dense")
    merged = L.Concatenate(name="concat")([shared(a), shared(b)])
    out = L.Dense(1, activation="sigmoid", name="head")(merged)
    return keras.Model(inputs=[a, b], outputs=out, name="two_inputs")


def nested():
    import keras
    from keras import layers as L

    inner = keras.Sequential([
        keras.Input(shape=(6,)),
        L.Dense(5, activation="relu"),
        L.BatchNormalization(),
        L.Dense(4, activation="tanh"),
    ], name="inner")
    inp = keras.Input(shape=(6,), name="x")
    h = inner(inp)
    h2 = L.Dense(4, name="skip")(inp)
    added = L.Add(name="add")([h, h2])
    out = L.Dense(3, activation="softmax", name="out")(added)
    return keras.Model(inp, out, name="nested")


def small_cnn_zoo():
    """Covers more layer types for file round-trips (kept tiny)."""
    import keras
    from keras import layers as L

    return keras.Sequential([
        keras.Input(shape=(8, 8, 3)),
        L.Conv2D(4, 3, padding="same", activation="relu"),
        L.BatchNormalization(),
        L.DepthwiseConv2D(3, padding="same"),
        L.SeparableConv2D(4, 3, activation="relu"),
        L.MaxPooling2D(2),
        L.Conv2DTranspose(3, 2, strides=2),
        L.AveragePooling2D(2),
        L.ZeroPadding2D(1),
        L.Cropping2D(1),
        L.UpSampling2D(2),
        L.GlobalAveragePooling2D(),
        L.Dense(6, activation="gelu"),
        L.LayerNormalization(),
        L.Dropout(0.1),
        L.Dense(3, activation="softmax"),
    ], name="cnn_zoo")


def functional_seq_zoo():
    """1D/sequence layers in a functional graph: Embedding, Conv1D, pooling, merge layers."""
    import keras
    from keras import layers as L

    tokens = keras.Input(shape=(10,), dtype="int32", name="tokens")
    feats = keras.Input(shape=(10, 2), name="features")
    e = L.Embedding(20, 4, name="embedding")(tokens)
    c = L.Concatenate(name="concat")([e, feats])
    c1 = L.Conv1D(5, 3, padding="causal", activation="relu", name="conv")(c)
    c2 = L.Conv1D(5, 1, name="pointwise")(c)
    m = L.Multiply(name="gate")([c1, L.Activation("sigmoid", name="sig")(c2)])
    p = L.MaxPooling1D(2, name="pool")(m)
    g1 = L.GlobalAveragePooling1D(name="gap")(p)
    g2 = L.GlobalMaxPooling1D(name="gmp")(p)
    h = L.Average(name="avg")([g1, g2])
    h = L.PReLU(name="prelu")(h)
    out = L.Dense(2, name="logits")(h)
    return keras.Model([tokens, feats], out, name="seq_zoo")


def model_inputs(model, name):
    """Seeded inputs matching the model's inputs (ints for int32 inputs)."""
    rng = rng_for(name + "/inputs")
    xs = []
    for t in model.inputs:
        shape = (2,) + tuple(t.shape[1:])
        if "int" in str(t.dtype):
            xs.append(rng.integers(0, 20, shape).astype(np.int32))
        else:
            xs.append(rng.normal(size=shape).astype(np.float32))
    return xs

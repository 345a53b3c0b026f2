"""layers/<layer_snake>/<case>: one fixture per (layer, configuration); see layer_runner.py for the fields.

Inputs are small (batch 2, small spatial sizes), seeded normal unless stated. Random layers
(Dropout, SpatialDropout*, GaussianNoise, GaussianDropout, AlphaDropout) are recorded in inference
mode only. A case Keras cannot run (e.g. a channels_first op on JAX CPU) is recorded in SKIPPED.md.
"""

import numpy as np

from common import fresh, rng_for, snake
from layer_runner import run_layer


def normal(name, shape, scale=1.0):
    return (rng_for(name).normal(size=shape) * scale).astype(np.float32)


# Each entry: (case, layer factory, input shapes or arrays, options)
# Input spec: a tuple shape -> seeded normal input; a numpy array -> used as is.


def core_cases(L):
    masked = normal("masking/x", (2, 5, 3))
    masked[0, 1] = 0.0
    masked[1, 3:] = 0.0
    ids = np.array([[1, 2, 0, 4, 9], [0, 0, 3, 7, 5]], dtype=np.int32)
    return [
        ("Dense", "basic", lambda: L.Dense(3), [(2, 4)], {}),
        ("Dense", "relu", lambda: L.Dense(5, activation="relu"), [(2, 4)], {}),
        ("Dense", "no_bias", lambda: L.Dense(3, use_bias=False), [(2, 4)], {}),
        ("Dense", "rank3", lambda: L.Dense(3, activation="tanh"), [(2, 3, 4)], {}),
        ("Dense", "regularizers", lambda: L.Dense(3, kernel_regularizer="l2", bias_regularizer="l1",
                                                  activity_regularizer="l2"), [(2, 4)], {}),
        ("Activation", "relu", lambda: L.Activation("relu"), [(2, 6)], {}),
        ("Activation", "softmax", lambda: L.Activation("softmax"), [(2, 6)], {}),
        ("Activation", "gelu", lambda: L.Activation("gelu"), [(2, 6)], {}),
        ("Dropout", "inference", lambda: L.Dropout(0.5), [(2, 6)], {}),
        ("Dropout", "noise_shape", lambda: L.Dropout(0.3, noise_shape=(None, 1, 4), seed=1), [(2, 3, 4)], {}),
        ("Flatten", "rank3", lambda: L.Flatten(), [(2, 3, 4)], {}),
        ("Flatten", "rank4_channels_first", lambda: L.Flatten(data_format="channels_first"), [(2, 3, 2, 2)], {}),
        ("Reshape", "basic", lambda: L.Reshape((3, 4)), [(2, 12)], {}),
        ("Reshape", "minus_one", lambda: L.Reshape((-1, 2)), [(2, 3, 4)], {}),
        ("Permute", "swap", lambda: L.Permute((2, 1)), [(2, 3, 4)], {}),
        ("Permute", "rank4", lambda: L.Permute((3, 1, 2)), [(2, 2, 3, 4)], {}),
        ("RepeatVector", "n3", lambda: L.RepeatVector(3), [(2, 4)], {}),
        ("ActivityRegularization", "l1_l2", lambda: L.ActivityRegularization(l1=0.01, l2=0.02), [(2, 4)], {}),
        ("Masking", "zero", lambda: L.Masking(mask_value=0.0), [masked], {}),
        ("Identity", "basic", lambda: L.Identity(), [(2, 3)], {}),
        ("Embedding", "basic", lambda: L.Embedding(10, 4), [ids], {}),
        ("Embedding", "mask_zero", lambda: L.Embedding(10, 3, mask_zero=True), [ids], {}),
        ("SpatialDropout1D", "inference", lambda: L.SpatialDropout1D(0.5), [(2, 4, 3)], {}),
        ("SpatialDropout2D", "inference", lambda: L.SpatialDropout2D(0.5), [(2, 3, 3, 2)], {}),
        ("SpatialDropout3D", "inference", lambda: L.SpatialDropout3D(0.5), [(2, 2, 2, 2, 2)], {}),
        ("GaussianNoise", "inference", lambda: L.GaussianNoise(0.5), [(2, 5)], {}),
        ("GaussianDropout", "inference", lambda: L.GaussianDropout(0.5), [(2, 5)], {}),
        ("AlphaDropout", "inference", lambda: L.AlphaDropout(0.5), [(2, 5)], {}),
    ]


def merge_cases(L):
    two = [(2, 4), (2, 4)]
    three = [(2, 4), (2, 4), (2, 4)]
    return [
        ("Add", "two", lambda: L.Add(), two, {"multi_input": True}),
        ("Add", "three", lambda: L.Add(), three, {"multi_input": True}),
        ("Add", "broadcast", lambda: L.Add(), [(2, 3, 4), (2, 1, 4)], {"multi_input": True}),
        ("Subtract", "two", lambda: L.Subtract(), two, {"multi_input": True}),
        ("Multiply", "two", lambda: L.Multiply(), two, {"multi_input": True}),
        ("Multiply", "three", lambda: L.Multiply(), three, {"multi_input": True}),
        ("Average", "two", lambda: L.Average(), two, {"multi_input": True}),
        ("Average", "three", lambda: L.Average(), three, {"multi_input": True}),
        ("Maximum", "two", lambda: L.Maximum(), two, {"multi_input": True}),
        ("Maximum", "three", lambda: L.Maximum(), three, {"multi_input": True}),
        ("Minimum", "two", lambda: L.Minimum(), two, {"multi_input": True}),
        ("Concatenate", "last_axis", lambda: L.Concatenate(), [(2, 3), (2, 4)], {"multi_input": True}),
        ("Concatenate", "axis1", lambda: L.Concatenate(axis=1), [(2, 2, 3), (2, 4, 3)], {"multi_input": True}),
        ("Concatenate", "three", lambda: L.Concatenate(axis=-1), [(2, 2, 1), (2, 2, 3), (2, 2, 2)],
         {"multi_input": True}),
        ("Dot", "axes1", lambda: L.Dot(axes=1), two, {"multi_input": True}),
        ("Dot", "normalize", lambda: L.Dot(axes=1, normalize=True), two, {"multi_input": True}),
        ("Dot", "rank3_axes_2_2", lambda: L.Dot(axes=(2, 2)), [(2, 3, 4), (2, 5, 4)], {"multi_input": True}),
        ("Dot", "rank3_axes_1_2", lambda: L.Dot(axes=(1, 2)), [(2, 3, 4), (2, 5, 3)], {"multi_input": True}),
    ]


def activation_layer_cases(L):
    big = lambda n: normal(n, (2, 8), 4.0)  # noqa: E731
    return [
        ("ReLU", "default", lambda: L.ReLU(), [big("relu/x")], {}),
        ("ReLU", "max_value", lambda: L.ReLU(max_value=6.0), [big("relu/x")], {}),
        ("ReLU", "negative_slope", lambda: L.ReLU(negative_slope=0.1), [big("relu/x")], {}),
        ("ReLU", "threshold", lambda: L.ReLU(threshold=1.0), [big("relu/x")], {}),
        ("ReLU", "all_args", lambda: L.ReLU(max_value=5.0, negative_slope=0.2, threshold=0.5), [big("relu/x")], {}),
        ("LeakyReLU", "default", lambda: L.LeakyReLU(), [big("relu/x")], {}),
        ("LeakyReLU", "slope_0.1", lambda: L.LeakyReLU(negative_slope=0.1), [big("relu/x")], {}),
        ("PReLU", "default", lambda: L.PReLU(), [(2, 3, 4)], {}),
        ("PReLU", "shared_axes", lambda: L.PReLU(shared_axes=[1]), [(2, 3, 4)], {}),
        ("ELU", "default", lambda: L.ELU(), [big("relu/x")], {}),
        ("ELU", "alpha_0.5", lambda: L.ELU(alpha=0.5), [big("relu/x")], {}),
        ("Softmax", "default", lambda: L.Softmax(), [big("relu/x")], {}),
        ("Softmax", "axis1", lambda: L.Softmax(axis=1), [(2, 3, 4)], {}),
        ("Softmax", "axes_1_2", lambda: L.Softmax(axis=(1, 2)), [(2, 3, 4)], {}),
    ]


def normalization_cases(L):
    td = {"training_differs": True}
    return [
        ("BatchNormalization", "dense", lambda: L.BatchNormalization(), [(4, 3)], td),
        ("BatchNormalization", "conv_channels_last", lambda: L.BatchNormalization(), [(2, 3, 3, 4)], td),
        ("BatchNormalization", "axis1", lambda: L.BatchNormalization(axis=1), [(2, 3, 2, 2)], td),
        ("BatchNormalization", "momentum_epsilon", lambda: L.BatchNormalization(momentum=0.9, epsilon=0.01),
         [(4, 3)], td),
        ("BatchNormalization", "no_center_no_scale", lambda: L.BatchNormalization(center=False, scale=False),
         [(4, 3)], td),
        ("LayerNormalization", "default", lambda: L.LayerNormalization(), [(2, 3, 4)], {}),
        ("LayerNormalization", "axes_1_2", lambda: L.LayerNormalization(axis=[1, 2]), [(2, 3, 4)], {}),
        ("LayerNormalization", "no_center_no_scale", lambda: L.LayerNormalization(center=False, scale=False,
                                                                                   epsilon=0.01), [(2, 5)], {}),
        ("LayerNormalization", "rms_scaling", lambda: L.LayerNormalization(rms_scaling=True), [(2, 5)], {}),
        ("GroupNormalization", "groups2", lambda: L.GroupNormalization(groups=2), [(2, 3, 3, 4)], {}),
        ("GroupNormalization", "groups_minus1", lambda: L.GroupNormalization(groups=-1), [(2, 5, 4)], {}),
        ("GroupNormalization", "groups1_no_affine", lambda: L.GroupNormalization(groups=1, center=False,
                                                                                  scale=False), [(2, 3, 4)], {}),
        ("UnitNormalization", "default", lambda: L.UnitNormalization(), [(2, 5)], {}),
        ("UnitNormalization", "axes_1_2", lambda: L.UnitNormalization(axis=[1, 2]), [(2, 3, 4)], {}),
    ]


def conv_cases(L):
    cf = "channels_first"
    c1, c2, c3 = (2, 7, 4), (2, 6, 6, 4), (2, 4, 4, 4, 2)
    c1f, c2f, c3f = (2, 4, 7), (2, 4, 6, 6), (2, 2, 4, 4, 4)
    return [
        ("Conv1D", "valid", lambda: L.Conv1D(3, 3), [c1], {}),
        ("Conv1D", "same", lambda: L.Conv1D(3, 3, padding="same"), [c1], {}),
        ("Conv1D", "causal", lambda: L.Conv1D(3, 3, padding="causal"), [c1], {}),
        ("Conv1D", "causal_dilation2", lambda: L.Conv1D(2, 2, padding="causal", dilation_rate=2), [c1], {}),
        ("Conv1D", "strides2_same", lambda: L.Conv1D(3, 3, strides=2, padding="same"), [c1], {}),
        ("Conv1D", "dilation2", lambda: L.Conv1D(3, 3, dilation_rate=2), [c1], {}),
        ("Conv1D", "groups2", lambda: L.Conv1D(4, 3, groups=2), [c1], {}),
        ("Conv1D", "channels_first", lambda: L.Conv1D(3, 3, data_format=cf), [c1f], {}),
        ("Conv1D", "relu_no_bias", lambda: L.Conv1D(3, 2, activation="relu", use_bias=False), [c1], {}),
        ("Conv2D", "valid", lambda: L.Conv2D(3, 3), [c2], {}),
        ("Conv2D", "same", lambda: L.Conv2D(3, 3, padding="same"), [c2], {}),
        ("Conv2D", "strides2_same", lambda: L.Conv2D(3, 3, strides=2, padding="same"), [c2], {}),
        ("Conv2D", "strides_2_1_valid", lambda: L.Conv2D(2, (3, 2), strides=(2, 1)), [c2], {}),
        ("Conv2D", "dilation2", lambda: L.Conv2D(3, 3, dilation_rate=2), [c2], {}),
        ("Conv2D", "dilation2_same", lambda: L.Conv2D(3, 3, dilation_rate=2, padding="same"), [c2], {}),
        ("Conv2D", "groups2", lambda: L.Conv2D(4, 3, groups=2), [c2], {}),
        ("Conv2D", "channels_first", lambda: L.Conv2D(3, 3, data_format=cf), [c2f], {}),
        ("Conv2D", "channels_first_same_strides2", lambda: L.Conv2D(3, 3, strides=2, padding="same",
                                                                    data_format=cf), [c2f], {}),
        ("Conv2D", "relu_no_bias", lambda: L.Conv2D(2, 2, activation="relu", use_bias=False), [c2], {}),
        ("Conv3D", "valid", lambda: L.Conv3D(2, 2), [c3], {}),
        ("Conv3D", "same_strides2", lambda: L.Conv3D(2, 3, strides=2, padding="same"), [c3], {}),
        ("Conv3D", "dilation2", lambda: L.Conv3D(2, 2, dilation_rate=2), [c3], {}),
        ("Conv3D", "groups2", lambda: L.Conv3D(2, 2, groups=2), [c3], {}),
        ("Conv3D", "channels_first", lambda: L.Conv3D(2, 2, data_format=cf), [c3f], {}),
        ("SeparableConv1D", "valid", lambda: L.SeparableConv1D(3, 3), [c1], {}),
        ("SeparableConv1D", "same_depth_multiplier2", lambda: L.SeparableConv1D(3, 3, padding="same",
                                                                                depth_multiplier=2), [c1], {}),
        ("SeparableConv1D", "strides2_dilation", lambda: L.SeparableConv1D(2, 2, strides=1, dilation_rate=2),
         [c1], {}),
        ("SeparableConv1D", "channels_first", lambda: L.SeparableConv1D(3, 3, data_format=cf), [c1f], {}),
        ("SeparableConv2D", "valid", lambda: L.SeparableConv2D(3, 3), [c2], {}),
        ("SeparableConv2D", "same_depth_multiplier2", lambda: L.SeparableConv2D(3, 3, padding="same",
                                                                                depth_multiplier=2), [c2], {}),
        ("SeparableConv2D", "strides2", lambda: L.SeparableConv2D(2, 3, strides=2), [c2], {}),
        ("SeparableConv2D", "dilation2", lambda: L.SeparableConv2D(2, 2, dilation_rate=2), [c2], {}),
        ("SeparableConv2D", "channels_first", lambda: L.SeparableConv2D(3, 3, data_format=cf), [c2f], {}),
        ("DepthwiseConv1D", "valid", lambda: L.DepthwiseConv1D(3), [c1], {}),
        ("DepthwiseConv1D", "same_depth_multiplier2", lambda: L.DepthwiseConv1D(3, padding="same",
                                                                                depth_multiplier=2), [c1], {}),
        ("DepthwiseConv1D", "strides2", lambda: L.DepthwiseConv1D(2, strides=2), [c1], {}),
        ("DepthwiseConv1D", "dilation2", lambda: L.DepthwiseConv1D(2, dilation_rate=2), [c1], {}),
        ("DepthwiseConv1D", "channels_first", lambda: L.DepthwiseConv1D(3, data_format=cf), [c1f], {}),
        ("DepthwiseConv2D", "valid", lambda: L.DepthwiseConv2D(3), [c2], {}),
        ("DepthwiseConv2D", "same_depth_multiplier2", lambda: L.DepthwiseConv2D(3, padding="same",
                                                                                depth_multiplier=2), [c2], {}),
        ("DepthwiseConv2D", "strides2", lambda: L.DepthwiseConv2D(3, strides=2), [c2], {}),
        ("DepthwiseConv2D", "dilation2", lambda: L.DepthwiseConv2D(2, dilation_rate=2), [c2], {}),
        ("DepthwiseConv2D", "channels_first", lambda: L.DepthwiseConv2D(3, data_format=cf), [c2f], {}),
        ("Conv1DTranspose", "valid", lambda: L.Conv1DTranspose(3, 3), [c1], {}),
        ("Conv1DTranspose", "same_strides2", lambda: L.Conv1DTranspose(3, 3, strides=2, padding="same"), [c1], {}),
        ("Conv1DTranspose", "strides2_output_padding1", lambda: L.Conv1DTranspose(2, 3, strides=2,
                                                                                  output_padding=1), [c1], {}),
        ("Conv1DTranspose", "dilation2", lambda: L.Conv1DTranspose(2, 3, dilation_rate=2), [c1], {}),
        ("Conv1DTranspose", "channels_first", lambda: L.Conv1DTranspose(3, 3, strides=2, data_format=cf),
         [c1f], {}),
        ("Conv2DTranspose", "valid", lambda: L.Conv2DTranspose(3, 3), [c2], {}),
        ("Conv2DTranspose", "same_strides2", lambda: L.Conv2DTranspose(3, 3, strides=2, padding="same"),
         [c2], {}),
        ("Conv2DTranspose", "valid_strides2", lambda: L.Conv2DTranspose(2, 3, strides=2), [c2], {}),
        ("Conv2DTranspose", "strides2_output_padding1", lambda: L.Conv2DTranspose(2, 3, strides=2, padding="same",
                                                                                  output_padding=1), [c2], {}),
        ("Conv2DTranspose", "kernel_2_3_strides_2_1", lambda: L.Conv2DTranspose(2, (2, 3), strides=(2, 1)),
         [c2], {}),
        ("Conv2DTranspose", "dilation2", lambda: L.Conv2DTranspose(2, 2, dilation_rate=2), [c2], {}),
        ("Conv2DTranspose", "channels_first", lambda: L.Conv2DTranspose(3, 3, strides=2, data_format=cf),
         [c2f], {}),
        ("Conv3DTranspose", "valid", lambda: L.Conv3DTranspose(2, 2), [c3], {}),
        ("Conv3DTranspose", "same_strides2", lambda: L.Conv3DTranspose(2, 3, strides=2, padding="same"),
         [c3], {}),
        ("Conv3DTranspose", "strides2_output_padding1", lambda: L.Conv3DTranspose(2, 3, strides=2,
                                                                                  output_padding=1), [c3], {}),
        ("Conv3DTranspose", "channels_first", lambda: L.Conv3DTranspose(2, 2, strides=2, data_format=cf),
         [c3f], {}),
    ]


def pooling_reshaping_cases(L):
    cf = "channels_first"
    p1, p2, p3 = (2, 7, 3), (2, 5, 5, 3), (2, 4, 4, 4, 2)
    p1f, p2f, p3f = (2, 3, 7), (2, 3, 5, 5), (2, 2, 4, 4, 4)
    out = []
    out += [
        ("MaxPooling1D", "default", lambda: L.MaxPooling1D(), [p1], {}),
        ("MaxPooling2D", "default", lambda: L.MaxPooling2D(), [p2], {}),
        ("MaxPooling3D", "default", lambda: L.MaxPooling3D(), [p3], {}),
    ]
    for kind in ("Max", "Average"):
        out += [
            # AveragePooling*D has no default pool_size in Keras 3 (MaxPooling*D defaults to 2).
            (f"{kind}Pooling1D", "pool2", lambda k=kind: getattr(L, f"{k}Pooling1D")(2), [p1], {}),
            (f"{kind}Pooling1D", "pool3_strides2_same",
             lambda k=kind: getattr(L, f"{k}Pooling1D")(3, strides=2, padding="same"), [p1], {}),
            (f"{kind}Pooling1D", "pool3_strides1", lambda k=kind: getattr(L, f"{k}Pooling1D")(3, strides=1), [p1], {}),
            (f"{kind}Pooling1D", "channels_first", lambda k=kind: getattr(L, f"{k}Pooling1D")(2, data_format=cf),
             [p1f], {}),
            (f"{kind}Pooling2D", "pool2", lambda k=kind: getattr(L, f"{k}Pooling2D")(2), [p2], {}),
            (f"{kind}Pooling2D", "pool3_strides2_same",
             lambda k=kind: getattr(L, f"{k}Pooling2D")(3, strides=2, padding="same"), [p2], {}),
            (f"{kind}Pooling2D", "pool_2_3_strides_1_2",
             lambda k=kind: getattr(L, f"{k}Pooling2D")((2, 3), strides=(1, 2)), [p2], {}),
            (f"{kind}Pooling2D", "pool2_same", lambda k=kind: getattr(L, f"{k}Pooling2D")(2, padding="same"), [p2], {}),
            (f"{kind}Pooling2D", "channels_first", lambda k=kind: getattr(L, f"{k}Pooling2D")(2, data_format=cf),
             [p2f], {}),
            (f"{kind}Pooling3D", "pool2", lambda k=kind: getattr(L, f"{k}Pooling3D")(2), [p3], {}),
            (f"{kind}Pooling3D", "pool3_strides2_same",
             lambda k=kind: getattr(L, f"{k}Pooling3D")(3, strides=2, padding="same"), [p3], {}),
            (f"{kind}Pooling3D", "channels_first", lambda k=kind: getattr(L, f"{k}Pooling3D")(2, data_format=cf),
             [p3f], {}),
        ]
        for rank, shp, shpf in ((1, p1, p1f), (2, p2, p2f), (3, p3, p3f)):
            cls = f"Global{kind}Pooling{rank}D"
            out += [
                (cls, "default", lambda c=cls: getattr(L, c)(), [shp], {}),
                (cls, "keepdims", lambda c=cls: getattr(L, c)(keepdims=True), [shp], {}),
                (cls, "channels_first", lambda c=cls: getattr(L, c)(data_format=cf), [shpf], {}),
                (cls, "channels_first_keepdims", lambda c=cls: getattr(L, c)(data_format=cf, keepdims=True),
                 [shpf], {}),
            ]
    out += [
        ("Cropping1D", "default", lambda: L.Cropping1D(), [(2, 6, 2)], {}),
        ("Cropping1D", "asymmetric", lambda: L.Cropping1D((2, 1)), [(2, 6, 2)], {}),
        ("Cropping2D", "symmetric", lambda: L.Cropping2D(1), [(2, 5, 6, 2)], {}),
        ("Cropping2D", "asymmetric", lambda: L.Cropping2D(((1, 0), (2, 1))), [(2, 5, 6, 2)], {}),
        ("Cropping2D", "channels_first", lambda: L.Cropping2D(((0, 1), (1, 2)), data_format=cf), [(2, 2, 5, 6)], {}),
        ("Cropping3D", "symmetric", lambda: L.Cropping3D(1), [(2, 4, 4, 4, 2)], {}),
        ("Cropping3D", "asymmetric", lambda: L.Cropping3D(((1, 0), (0, 2), (1, 1))), [(2, 4, 4, 4, 2)], {}),
        ("Cropping3D", "channels_first", lambda: L.Cropping3D(((1, 0), (0, 1), (1, 1)), data_format=cf),
         [(2, 2, 4, 4, 4)], {}),
        ("UpSampling1D", "size2", lambda: L.UpSampling1D(2), [(2, 3, 2)], {}),
        ("UpSampling1D", "size3", lambda: L.UpSampling1D(3), [(2, 3, 2)], {}),
        ("UpSampling2D", "nearest", lambda: L.UpSampling2D(2), [(2, 3, 3, 2)], {}),
        ("UpSampling2D", "nearest_2_3", lambda: L.UpSampling2D((2, 3)), [(2, 3, 3, 2)], {}),
        ("UpSampling2D", "bilinear", lambda: L.UpSampling2D(2, interpolation="bilinear"), [(2, 3, 3, 2)], {}),
        ("UpSampling2D", "bilinear_2_3", lambda: L.UpSampling2D((2, 3), interpolation="bilinear"), [(2, 3, 4, 2)], {}),
        ("UpSampling2D", "nearest_channels_first", lambda: L.UpSampling2D(2, data_format=cf), [(2, 2, 3, 3)], {}),
        ("UpSampling2D", "bilinear_channels_first", lambda: L.UpSampling2D(2, data_format=cf,
                                                                           interpolation="bilinear"),
         [(2, 2, 3, 3)], {}),
        ("UpSampling3D", "size2", lambda: L.UpSampling3D(2), [(2, 2, 2, 2, 2)], {}),
        ("UpSampling3D", "size_1_2_3", lambda: L.UpSampling3D((1, 2, 3)), [(2, 2, 2, 2, 2)], {}),
        ("UpSampling3D", "channels_first", lambda: L.UpSampling3D(2, data_format=cf), [(2, 2, 2, 2, 2)], {}),
        ("ZeroPadding1D", "default", lambda: L.ZeroPadding1D(), [(2, 3, 2)], {}),
        ("ZeroPadding1D", "asymmetric", lambda: L.ZeroPadding1D((2, 1)), [(2, 3, 2)], {}),
        ("ZeroPadding2D", "default", lambda: L.ZeroPadding2D(), [(2, 3, 3, 2)], {}),
        ("ZeroPadding2D", "asymmetric", lambda: L.ZeroPadding2D(((1, 0), (2, 1))), [(2, 3, 3, 2)], {}),
        ("ZeroPadding2D", "channels_first", lambda: L.ZeroPadding2D((1, 2), data_format=cf), [(2, 2, 3, 3)], {}),
        ("ZeroPadding3D", "default", lambda: L.ZeroPadding3D(), [(2, 2, 2, 2, 2)], {}),
        ("ZeroPadding3D", "asymmetric", lambda: L.ZeroPadding3D(((1, 0), (0, 2), (1, 1))), [(2, 2, 2, 2, 2)], {}),
        ("ZeroPadding3D", "channels_first", lambda: L.ZeroPadding3D(1, data_format=cf), [(2, 2, 2, 2, 2)], {}),
    ]
    return out


def input_layer_cases(w):
    import keras

    cases = [
        ("shape", lambda: keras.layers.InputLayer(shape=(4,))),
        ("batch_shape", lambda: keras.layers.InputLayer(batch_shape=(2, 3, 5), name="inp")),
        ("int32", lambda: keras.layers.InputLayer(shape=(None,), dtype="int32")),
        ("image", lambda: keras.layers.InputLayer(shape=(28, 28, 1))),
    ]
    for case, make in cases:
        name = f"layers/input_layer/{case}"
        fresh(name)
        layer = make()
        out = layer.output
        w.case(name, {
            "class_name": "InputLayer",
            "config": layer.get_config(),
            "serialized": keras.layers.serialize(layer),
            "output_shape": list(out.shape),
            "output_dtype": str(out.dtype),
            "params": {"total": 0, "trainable": 0, "non_trainable": 0},
            "weights": [],
        })


def generate(w):
    from keras import layers as L

    input_layer_cases(w)
    table = (core_cases(L) + merge_cases(L) + activation_layer_cases(L) + normalization_cases(L)
             + conv_cases(L) + pooling_reshaping_cases(L))
    for cls_name, case, make, specs, opts in table:
        name = f"layers/{snake(cls_name)}/{case}"
        inputs = []
        for i, spec in enumerate(specs):
            if isinstance(spec, tuple):
                inputs.append(normal(f"{name}/input{i}", spec))
            else:
                inputs.append(np.asarray(spec))
        try:
            payload = run_layer(name, make, inputs, **opts)
        except Exception as e:  # noqa: BLE001 - a stubborn case is recorded, not fatal
            w.skip(name, f"Keras {type(e).__name__}: {str(e).splitlines()[0][:300]}")
            continue
        w.case(name, payload)

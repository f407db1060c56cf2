#!/usr/bin/env python3
"""Writes small TF.js graph models (model.json + one float16/int32 weight shard) as seeds for
the TF.js graph fuzz target: a 4-byte little-endian length, the JSON, then the shard. They use
the operations and attributes of the person model (fused convolutions with SAME padding, a
depthwise convolution, resize, strided slices, TopK, GatherNd) in miniature.

    python3 tests/fuzz/make-tfjs-seeds.py tests/fuzz/corpus/tfjsgraph
"""
import base64
import json
import os
import struct
import sys


def b64(text):
    return base64.b64encode(text.encode()).decode()


class Graph:
    def __init__(self):
        self.nodes = []
        self.weights = []
        self.shard = b""

    def node(self, name, op, inputs=(), **attr):
        self.nodes.append({"name": name, "op": op, "input": list(inputs), "attr": attr})
        return name

    def const_f16(self, name, shape, values):
        count = 1
        for d in shape:
            count *= d
        data = [values[i % len(values)] for i in range(count)]
        self.shard += struct.pack("<%de" % count, *data)
        self.weights.append({"name": name, "shape": shape, "dtype": "float32",
                             "quantization": {"dtype": "float16", "original_dtype": "float32"}})
        return self.node(name, "Const", dtype={"type": "DT_FLOAT"})

    def const_i32(self, name, values, shape=None):
        self.shard += struct.pack("<%di" % len(values), *values)
        self.weights.append({"name": name, "shape": [len(values)] if shape is None else shape, "dtype": "int32"})
        return self.node(name, "Const", dtype={"type": "DT_INT32"})

    def seed(self, output):
        model = {
            "format": "graph-model",
            "generatedBy": "make-tfjs-seeds.py",
            "signature": {"inputs": {"input": {"name": "input:0", "dtype": "DT_INT32"}},
                          "outputs": {"output_0": {"name": output + ":0", "dtype": "DT_FLOAT"}}},
            "modelTopology": {"node": self.nodes, "library": {}, "versions": {}},
            "weightsManifest": [{"paths": ["model.bin"], "weights": self.weights}],
        }
        text = json.dumps(model).encode()
        return struct.pack("<I", len(text)) + text + self.shard


def conv_attrs(stride, padding, fused):
    return {"strides": {"list": {"i": ["1", str(stride), str(stride), "1"]}},
            "padding": {"s": b64(padding)}, "data_format": {"s": b64("NHWC")},
            "dilations": {"list": {"i": ["1", "1", "1", "1"]}},
            "fused_ops": {"list": {"s": [b64(f) for f in fused]}}, "num_args": {"i": "1"}}


def backbone():
    g = Graph()
    g.node("input", "Placeholder", dtype={"type": "DT_INT32"},
           shape={"shape": {"dim": [{"size": "1"}, {"size": "-1"}, {"size": "-1"}, {"size": "3"}]}})
    g.node("Cast", "Cast", ["input"], DstT={"type": "DT_FLOAT"})
    scale = g.const_f16("scale", [], [0.007843017578125])
    g.node("norm", "Mul", ["Cast", scale])
    w = g.const_f16("conv/w", [3, 3, 3, 4], [0.5, -0.25, 0.125])
    b = g.const_f16("conv/b", [4], [0.1, -0.1])
    g.node("conv", "_FusedConv2D", ["norm", w, b], **conv_attrs(2, "SAME", ["BiasAdd", "Relu6"]))
    dw = g.const_f16("dw/w", [3, 3, 4, 1], [0.25])
    db = g.const_f16("dw/b", [4], [0.0])
    g.node("dw", "FusedDepthwiseConv2dNative", ["conv", dw, db], **conv_attrs(1, "SAME", ["BiasAdd", "Relu"]))
    g.node("shape", "Shape", ["dw"], out_type={"type": "DT_INT32"})
    begin = g.const_i32("hw/begin", [1])
    end = g.const_i32("hw/end", [3])
    step = g.const_i32("hw/step", [1])
    g.node("hw", "StridedSlice", ["shape", begin, end, step], begin_mask={"i": "0"}, end_mask={"i": "0"},
           ellipsis_mask={"i": "0"}, new_axis_mask={"i": "0"}, shrink_axis_mask={"i": "0"})
    two = g.const_i32("two", [2])
    g.node("size", "Mul", ["hw", two])
    g.node("up", "ResizeBilinear", ["dw", "size"], align_corners={"b": False}, half_pixel_centers={"b": True})
    g.node("heat", "Sigmoid", ["up"])
    g.node("pool", "MaxPool", ["heat"], ksize={"list": {"i": ["1", "5", "5", "1"]}},
           strides={"list": {"i": ["1", "1", "1", "1"]}}, padding={"s": b64("SAME")}, data_format={"s": b64("NHWC")})
    g.node("Identity", "Identity", ["pool"])
    return g.seed("Identity")


def decoder():
    # Output: 3 x the two largest input values, through TopK, GatherNd, Pack, Sum and Unpack.
    g = Graph()
    g.node("input", "Placeholder", dtype={"type": "DT_INT32"})
    g.node("Cast", "Cast", ["input"], DstT={"type": "DT_FLOAT"})
    row_shape = g.const_i32("row/shape", [1, -1])
    g.node("row", "Reshape", ["Cast", row_shape])
    flat_shape = g.const_i32("flat/shape", [-1])
    g.node("flat", "Reshape", ["Cast", flat_shape])
    k = g.const_i32("k", [2], shape=[])
    g.node("top", "TopKV2", ["row", k], sorted={"b": True})
    axis = g.const_i32("axis", [-1], shape=[])
    g.node("idx", "ExpandDims", ["top:1", axis], Tdim={"type": "DT_INT32"})
    g.node("gather", "GatherNd", ["flat", "idx"])
    g.node("pack", "Pack", ["gather", "gather"], axis={"i": "1"})
    one = g.const_i32("one", [1], shape=[])
    g.node("sum", "Sum", ["pack", one], keep_dims={"b": False})
    g.node("values", "Unpack", ["top"], num={"i": "1"}, axis={"i": "0"})
    g.node("out", "AddV2", ["sum", "values"])
    g.node("Identity", "Identity", ["^Cast", "out"])
    return g.seed("Identity")


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    for name, seed in (("backbone.seed", backbone()), ("decoder.seed", decoder())):
        with open(os.path.join(folder, name), "wb") as out:
            out.write(seed)


if __name__ == "__main__":
    main()

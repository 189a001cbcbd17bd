"""Validates a model written by Segment's ONNX exporter with the official onnx package.

    onnx_check.py MODEL.onnx

Runs onnx.checker.check_model(full_check=True) and strict shape inference, then prints one JSON
object describing what the file says, for the C# test to compare with what it built:
ir_version, opsets, producer, input/output names and the inferred output shapes (ints for known
dims, strings for symbolic ones, null for unknown). Exits non-zero, with onnx's message, when the
model is invalid.
"""
import json
import sys

import onnx
from onnx import shape_inference


def dims(value_info):
    t = value_info.type.tensor_type
    if not t.HasField("shape"):
        return None
    out = []
    for d in t.shape.dim:
        if d.HasField("dim_value"):
            out.append(d.dim_value)
        elif d.HasField("dim_param"):
            out.append(d.dim_param)
        else:
            out.append(None)
    return out


def main(path):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    inferred = shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    print(json.dumps({
        "ir_version": model.ir_version,
        "opsets": {imp.domain: imp.version for imp in model.opset_import},
        "producer_name": model.producer_name,
        "graph_name": model.graph.name,
        "inputs": [i.name for i in model.graph.input],
        "input_shapes": {i.name: dims(i) for i in model.graph.input},
        "initializers": [t.name for t in model.graph.initializer],
        "ops": [n.op_type for n in model.graph.node],
        "outputs": {o.name: {"elem_type": o.type.tensor_type.elem_type, "shape": dims(o)}
                    for o in inferred.graph.output},
    }))


if __name__ == "__main__":
    main(sys.argv[1])

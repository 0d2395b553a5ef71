"""An int8 copy of an ONNX encoder that stays close to the original.

onnxruntime's `quantize_dynamic` gives every activation tensor one scale. MiniLM's activations
have a few channels far larger than the rest, so one scale leaves the others a handful of
levels, and vectors drift (mean cosine 0.951 to the float model on our passages, and answers
lost). Here each row (one token) of a matrix product's input gets its own scale and offset,
computed as the model runs, and each column of the weights its own scale:

    X W  ~  s_row * (Xq @ Wq) * s_col + min_row * colsum(W)

with Xq in uint8 (0..255 over the row's range) and Wq in int8. The integer product is
onnxruntime's `MatMulInteger` (VNNI on CPUs that have it); the rest is a few element-wise
operators per input. Mean cosine to the float model: 0.9989 (bench/results/build.md).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


def quantize_rows(source: Path, target: Path) -> None:
    """Write `source` with every matrix product by a constant weight in int8, as above."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(source))
    graph = model.graph
    weights = {init.name: init for init in graph.initializer}

    def constant(name: str, value: np.ndarray) -> str:
        graph.initializer.append(numpy_helper.from_array(value, name))
        return name

    eps = constant("q_eps", np.array(1e-8, np.float32))
    levels = constant("q_levels", np.array(255.0, np.float32))
    zero = constant("q_zero", np.array(0.0, np.float32))
    zero_point = constant("q_zero_point", np.array(0, np.uint8))
    quantized_inputs: dict[str, tuple[str, str, str]] = {}  # input -> (uint8 rows, row scale, row min)
    nodes = []
    for node in graph.node:
        if node.op_type != "MatMul" or node.input[1] not in weights:
            nodes.append(node)
            continue
        x = node.input[0]
        if x not in quantized_inputs:
            p = f"{x}_q"
            nodes += [
                helper.make_node("ReduceMax", [x], [p + "_max"], axes=[-1], keepdims=1),
                helper.make_node("ReduceMin", [x], [p + "_min"], axes=[-1], keepdims=1),
                helper.make_node("Sub", [p + "_max", p + "_min"], [p + "_range"]),
                helper.make_node("Max", [p + "_range", eps], [p + "_range_ok"]),
                helper.make_node("Div", [p + "_range_ok", levels], [p + "_scale"]),
                helper.make_node("Sub", [x, p + "_min"], [p + "_shifted"]),
                helper.make_node("Div", [p + "_shifted", p + "_scale"], [p + "_scaled"]),
                helper.make_node("Round", [p + "_scaled"], [p + "_rounded"]),
                helper.make_node("Clip", [p + "_rounded", zero, levels], [p + "_clipped"]),
                helper.make_node("Cast", [p + "_clipped"], [p + "_u8"], to=TensorProto.UINT8),
            ]
            quantized_inputs[x] = (p + "_u8", p + "_scale", p + "_min")
        rows, row_scale, row_min = quantized_inputs[x]
        w = numpy_helper.to_array(weights[node.input[1]]).astype(np.float32)
        col_scale = np.maximum(np.abs(w).max(axis=0), 1e-8) / 127.0
        wq = np.clip(np.round(w / col_scale), -127, 127).astype(np.int8)
        b = node.name.replace("/", "_") or node.output[0]
        constant(b + "_wq", wq)
        constant(b + "_col_scale", col_scale.astype(np.float32))
        constant(b + "_col_sum", (wq.astype(np.float64) * col_scale).sum(axis=0).astype(np.float32))
        nodes += [
            helper.make_node("MatMulInteger", [rows, b + "_wq", zero_point], [b + "_i32"]),
            helper.make_node("Cast", [b + "_i32"], [b + "_f32"], to=TensorProto.FLOAT),
            helper.make_node("Mul", [b + "_f32", row_scale], [b + "_rows"]),
            helper.make_node("Mul", [b + "_rows", b + "_col_scale"], [b + "_main"]),
            helper.make_node("Mul", [row_min, b + "_col_sum"], [b + "_offset"]),
            helper.make_node("Add", [b + "_main", b + "_offset"], [node.output[0]]),
        ]
    del graph.node[:]
    graph.node.extend(nodes)
    used = {name for n in nodes for name in n.input}
    kept = [init for init in graph.initializer if init.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    onnx.checker.check_model(model)
    onnx.save(model, str(target))

"""An int8 copy of an ONNX encoder that stays close to the original, and is faster.

onnxruntime's `quantize_dynamic` gives every activation tensor one scale. MiniLM's activations
have a few channels far larger than the rest, so one scale leaves the others a handful of
levels, and vectors drift (mean cosine 0.951 to the float model on our passages, and answers
lost). Here each row (one token) of a matrix product's input gets its own scale and zero
point, computed as the model runs, and each column of the weights its own scale:

    X W  ~  s_row * s_col * (Xq @ Wq)  -  (s_row * z_row) * colsum(Wq * s_col)

with Xq = round(X / s_row) + z_row in uint8 (the row's range, zero included, over 0..255) and
Wq in int8 of seven bits (-63..63). Each input is quantised by one `QuantizeLinear` (one block
per row, opset 21) and shared by the products that read it (query, key and value); each product
is one fused `MatMulIntegerToFloat` (onnxruntime's) and a rank-one correction.

Why seven bits: on a CPU without VNNI (AVX2 only) onnxruntime multiplies uint8 by int8 with an
instruction that adds two products into 16 bits and saturates (255 x 127 x 2 > 32767). With
8-bit weights the vectors there drifted (mean cosine 0.963 to the float model, minimum 0.907,
against 0.9989 on a VNNI CPU), so the same index answered differently by machine; with 7-bit
weights nothing can saturate, and the mean cosine is 0.998 (minimum 0.997) on either.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

OPSET = 21  # QuantizeLinear with one scale per block (here, per row)
WEIGHT_LEVELS = 63  # seven bits: no saturation where the CPU lacks VNNI (above)


def quantize_rows(source: Path, target: Path) -> None:
    """Write `source` with every matrix product by a constant weight in int8, as above."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper, version_converter

    model = version_converter.convert_version(onnx.load(str(source)), OPSET)
    graph = model.graph
    weights = {init.name: init for init in graph.initializer}

    def constant(name: str, value: np.ndarray) -> str:
        graph.initializer.append(numpy_helper.from_array(value, name))
        return name

    eps = constant("q_eps", np.array(1e-8, np.float32))
    levels = constant("q_levels", np.array(255.0, np.float32))
    zero = constant("q_zero", np.array(0.0, np.float32))
    last_axis = constant("q_last_axis", np.array([-1], np.int64))
    quantized_inputs: dict[str, tuple[str, str, str]] = {}  # input -> (uint8 rows, row scale, row shift)
    nodes = []
    for node in graph.node:
        constant_weight = node.op_type == "MatMul" and node.input[1] in weights
        w = numpy_helper.to_array(weights[node.input[1]]) if constant_weight else None
        if w is None or w.ndim != 2:  # only products by a constant matrix: (..., K) x (K, N)
            nodes.append(node)
            continue
        x = node.input[0]
        w = w.astype(np.float32)
        if x not in quantized_inputs:
            p = f"{x}_q"
            nodes += [  # all on one value per row, except the last
                helper.make_node("ReduceMax", [x, last_axis], [p + "_max"], keepdims=1),
                helper.make_node("ReduceMin", [x, last_axis], [p + "_min"], keepdims=1),
                helper.make_node("Max", [p + "_max", zero], [p + "_high"]),
                helper.make_node("Min", [p + "_min", zero], [p + "_low"]),
                helper.make_node("Sub", [p + "_high", p + "_low"], [p + "_range"]),
                helper.make_node("Max", [p + "_range", eps], [p + "_range_ok"]),
                helper.make_node("Div", [p + "_range_ok", levels], [p + "_scale"]),
                helper.make_node("Div", [p + "_low", p + "_scale"], [p + "_low_levels"]),
                helper.make_node("Neg", [p + "_low_levels"], [p + "_zero_f"]),
                helper.make_node("Round", [p + "_zero_f"], [p + "_zero_r"]),
                helper.make_node("Clip", [p + "_zero_r", zero, levels], [p + "_zero_c"]),
                helper.make_node("Cast", [p + "_zero_c"], [p + "_zero"], to=TensorProto.UINT8),
                helper.make_node("Mul", [p + "_zero_c", p + "_scale"], [p + "_shift"]),
                helper.make_node(
                    "QuantizeLinear", [x, p + "_scale", p + "_zero"], [p + "_u8"], axis=-1, block_size=w.shape[0]
                ),
            ]
            quantized_inputs[x] = (p + "_u8", p + "_scale", p + "_shift")
        rows, row_scale, row_shift = quantized_inputs[x]
        col_scale = np.maximum(np.abs(w).max(axis=0), 1e-8) / WEIGHT_LEVELS
        wq = np.clip(np.round(w / col_scale), -WEIGHT_LEVELS, WEIGHT_LEVELS).astype(np.int8)
        b = node.name.replace("/", "_") or node.output[0]
        constant(b + "_wq", wq)
        constant(b + "_col_scale", col_scale.astype(np.float32))
        constant(b + "_col_sum", (wq.astype(np.float64) * col_scale).sum(axis=0).astype(np.float32))
        nodes += [
            helper.make_node(
                "MatMulIntegerToFloat",
                [rows, b + "_wq", row_scale, b + "_col_scale"],
                [b + "_main"],
                domain="com.microsoft",
            ),
            helper.make_node("Mul", [row_shift, b + "_col_sum"], [b + "_offset"]),
            helper.make_node("Sub", [b + "_main", b + "_offset"], [node.output[0]]),
        ]
    del graph.node[:]
    graph.node.extend(nodes)
    used = {name for n in nodes for name in n.input}
    kept = [init for init in graph.initializer if init.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, str(target))

"""A sample that fits the declared contract but fails inside the graph: a Gather
index out of range."""

from pathlib import Path

import numpy as np
from onnx import TensorProto, helper, numpy_helper
from sample_fixtures import save_model, write_npz
from zoolint.testing.builders import DEFAULT_IR_VERSION, DEFAULT_OPSET


def build(tree: Path) -> None:
    table = numpy_helper.from_array(np.arange(8, dtype=np.float32).reshape(4, 2), "table")
    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "ids"], ["rows"], axis=0)],
        "lookup",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch"])],
        [helper.make_tensor_value_info("rows", TensorProto.FLOAT, ["batch", 2])],
        [table],
    )
    proto = helper.make_model(graph, opset_imports=[helper.make_opsetid("", DEFAULT_OPSET)])
    proto.ir_version = DEFAULT_IR_VERSION
    model = tree / "m"
    save_model(proto, model / "model.onnx")
    write_npz(model / "sample_inputs/inp-0000.npz", {"ids": np.array(1, np.int64)})
    write_npz(model / "sample_outputs/out-0000.npz", {"rows": np.array([2.0, 3.0], np.float32)})
    write_npz(model / "sample_inputs/inp-0001.npz", {"ids": np.array(7, np.int64)})
    write_npz(model / "sample_outputs/out-0001.npz", {"rows": np.array([0.0, 0.0], np.float32)})

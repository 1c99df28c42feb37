"""Three graphs: every weight named; one weight anonymous and read by an unscoped node
(so names may hide behind it); one anonymous weight read by a scoped node."""

from pathlib import Path

import onnx

from zoolint.testing.builders import save_model, tiny_classifier


def _rename_initializer(model: onnx.ModelProto, old: str, new: str) -> None:
    for init in model.graph.initializer:
        if init.name == old:
            init.name = new
    for node in model.graph.node:
        for index, name in enumerate(node.input):
            if name == old:
                node.input[index] = new


def build(tree: Path) -> None:
    save_model(tiny_classifier(), tree / "named" / "model.onnx")

    hidden = tiny_classifier()
    _rename_initializer(hidden, "fc.weight", "onnx::Gemm_7")
    save_model(hidden, tree / "hidden" / "model.onnx")

    scoped = tiny_classifier()
    _rename_initializer(scoped, "conv.weight", "onnx::Conv_3")
    scoped.graph.node[0].name = "/features/conv/Conv"
    save_model(scoped, tree / "scoped" / "model.onnx")

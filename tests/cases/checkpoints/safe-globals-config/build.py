from pathlib import Path

from zoolint.testing.checkpoints import (
    Global,
    PickleWriter,
    Reduce,
    Tensor,
    write_cv_model,
    write_torch_zip,
)


def _module(cls: str, weight: Tensor | None = None) -> Reduce:
    module, name = cls.rsplit(".", 1)
    params = {"weight": weight} if weight is not None else {}
    return Reduce(
        Global("copyreg", "_reconstructor"),
        (Global(module, name), Global("builtins", "object"), None),
        (("_parameters", Reduce(Global("collections", "OrderedDict"), (), tuple(params.items()))),),
    )


def build(tree: Path) -> None:
    model = write_cv_model(tree / "yolo", task="detection")
    conv = _module("torch.nn.modules.conv.Conv2d", Tensor("0", "float32", (8, 3, 3, 3), 216))
    checkpoint = {"epoch": 10, "model": _module("models.yolo.Model"), "layer": conv}
    write_torch_zip(model / "training" / "model.pt", PickleWriter().value(checkpoint).finish(),
                    {"0": bytes(864)})

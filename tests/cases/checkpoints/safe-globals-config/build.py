from pathlib import Path

from zoolint.testing.checkpoints import (
    PickleWriter,
    Tensor,
    pickled_module,
    write_cv_model,
    write_torch_zip,
)


def build(tree: Path) -> None:
    model = write_cv_model(tree / "yolo", task="detection")
    conv = pickled_module("torch.nn.modules.conv.Conv2d", Tensor("0", "float32", (8, 3, 3, 3), 216))
    checkpoint = {"epoch": 10, "model": pickled_module("models.yolo.Model"), "layer": conv}
    write_torch_zip(model / "training" / "model.pt", PickleWriter().value(checkpoint).finish(),
                    {"0": bytes(864)})

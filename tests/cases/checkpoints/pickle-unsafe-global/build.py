from pathlib import Path

from zoolint.testing.checkpoints import (
    Global,
    PickleWriter,
    Reduce,
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
    writer = PickleWriter()
    writer.value(Reduce(Global("mylib.preprocess", "Normalizer"), (0.5,)))
    (model / "normalizer.pkl").write_bytes(writer.finish())
    # STACK_GLOBAL over the result of a call: the module name is computed at load time
    computed = PickleWriter().value(Reduce(Global("builtins", "str"), ("os",))).raw(
        b"X\x06\x00\x00\x00system\x93"
    ).raw(b"X\x02\x00\x00\x00id\x85R")
    (model / "computed.pkl").write_bytes(computed.finish())

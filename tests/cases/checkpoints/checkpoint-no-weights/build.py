from pathlib import Path

from zoolint.testing.checkpoints import PickleWriter, Tensor, ordered_dict, write_cv_model, write_torch_zip


def build(tree: Path) -> None:
    empty = write_cv_model(tree / "optimizer-only")
    data = PickleWriter().value({"epoch": 3, "optimizer": {"state": {}, "param_groups": []}}).finish()
    write_torch_zip(empty / "training" / "model.pth", data, {})
    # tensors in the optimizer state, none in the state dict
    hollow = write_cv_model(tree / "hollow")
    buffer = Tensor("0", "float32", (4,), 4)
    data = PickleWriter().value(
        {"state_dict": ordered_dict({}), "optimizer": {"state": {0: {"momentum_buffer": buffer}}}}
    ).finish()
    write_torch_zip(hollow / "training" / "model.pth", data, {"0": bytes(16)})

from pathlib import Path

from zoolint.testing.builders import tiny_classifier
from zoolint.testing.checkpoints import (
    checkpoint_pickle,
    state_dict_from_graph,
    write_cv_model,
    write_torch_zip,
)


def build(tree: Path) -> None:
    model = write_cv_model(tree / "m")
    data, storages = checkpoint_pickle(state_dict_from_graph(tiny_classifier()), extra={"epoch": 1})
    del storages["1"]
    storages["0"] = storages["0"][:100]
    write_torch_zip(model / "training" / "model.pth", data, storages)

from pathlib import Path

from zoolint.testing.builders import tiny_classifier
from zoolint.testing.checkpoints import PickleWriter, checkpoint_pickle, state_dict_from_graph, write_cv_model


def build(tree: Path) -> None:
    model = write_cv_model(tree / "m")
    training = model / "training"
    (training / "random.pth").write_bytes(bytes(range(7, 64)))
    import zipfile

    with zipfile.ZipFile(training / "nodata.pth", "w") as archive:
        archive.writestr("archive/version", "3\n")
    data, _ = checkpoint_pickle(state_dict_from_graph(tiny_classifier()))
    (training / "truncated.pth").write_bytes(data[: len(data) // 2])
    (model / "badop.pkl").write_bytes(b"\x80\x02}\xff.")
    (model / "memo.pkl").write_bytes(b"\x80\x02h\x05.")
    (model / "long.pkl").write_bytes(PickleWriter().value(list(range(2000))).finish())
    # a raw .bin that is no pickle at all is fine (not pickle-bearing)
    (model / "weights.bin").write_bytes(bytes(256))

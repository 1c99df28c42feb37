import io
import tarfile
from pathlib import Path

from zoolint.testing.builders import tiny_classifier
from zoolint.testing.checkpoints import write_cv_model


def _hub(tree: Path, name: str) -> Path:
    model = write_cv_model(tree / name)
    for item in (model / "deployment").iterdir():
        item.unlink()
    (model / "deployment").rmdir()
    return model


def _file(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def build(tree: Path) -> None:
    graph = tiny_classifier().SerializeToString()
    garbage = _hub(tree, "garbage")
    (garbage / "deployment.tar.gz").write_bytes(b"this is not gzip\n")

    unsafe = _hub(tree, "unsafe")
    with tarfile.open(unsafe / "deployment.tar.gz", "w:gz") as tar:
        _file(tar, "deployment/model.onnx", graph)
        _file(tar, "../../escape.txt", b"x")
        _file(tar, "/etc/cron.d/job", b"x")
        for kind, name, target in (
            (tarfile.SYMTYPE, "deployment/link", "/etc/passwd"),
            (tarfile.LNKTYPE, "deployment/hard", "/etc/shadow"),
            (tarfile.FIFOTYPE, "deployment/pipe", ""),
        ):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, target
            tar.addfile(info)

    bomb = _hub(tree, "bomb")
    with tarfile.open(bomb / "deployment.tar.gz", "w:gz") as tar:
        _file(tar, "deployment/model.onnx", graph)
        _file(tar, "deployment/zeros.bin", bytes(2 * 1024 * 1024))

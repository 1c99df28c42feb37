"""Builds the tree of this case (see case.yaml)."""

from __future__ import annotations

from pathlib import Path

import io
import tarfile

from zoolint.testing.graph import classifier


def build(tree: Path) -> None:
    buffer = io.BytesIO()
    data = classifier().SerializeToString()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name in ("model.onnx", "../escape.onnx", "/etc/cron.d/job"):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("weights.data")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        archive.addfile(link)
    (tree / "m").mkdir()
    (tree / "m" / "model.onnx.tar.gz").write_bytes(buffer.getvalue())

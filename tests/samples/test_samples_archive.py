"""Sample archives are streamed with bounds, never extracted, and nothing is written
anywhere: not into the tree, not beside it, not into the working directory."""

from __future__ import annotations

import gzip
import io
import os
import re
import tarfile
import tracemalloc
import uuid
import zlib
from pathlib import Path

import numpy as np
import pytest

from case_runner import tree_digest
from sample_fixtures import classifier_dir, tar_entry, tar_gz
from zoolint.api import lint
from zoolint.config.model import Config
from zoolint.samples.archive import ArchiveLimits, BoundedGunzip, scan_archive
from zoolint.testing.samples import npz_bytes

LIMITS = ArchiveLimits(
    max_members=100, max_bytes=1 << 30, max_member_bytes=1 << 28, max_ratio=50, min_bomb_bytes=1 << 20
)


def test_concatenated_gzip_members_read_as_one_stream() -> None:
    data = gzip.compress(b"first half, ") + gzip.compress(b"second half")
    reader = BoundedGunzip(io.BytesIO(data), LIMITS)
    assert reader.read(1000) == b"first half, second half"
    assert reader.read(10) == b""


def _bomb(path: Path, size: int) -> Path:
    """A tar.gz holding one member of `size` zero bytes, built without holding it."""
    header = tarfile.TarInfo("sample_inputs/inp-0000.npz")
    header.size = size
    deflate = zlib.compressobj(6, zlib.DEFLATED, 31)
    chunks = [deflate.compress(header.tobuf())]
    block = bytes(1 << 20)
    for _ in range(size // len(block)):
        chunks.append(deflate.compress(block))
    chunks.append(deflate.compress(bytes(1024)) + deflate.flush())
    path.write_bytes(b"".join(chunks))
    return path


def test_decompression_bomb_stops_early_with_bounded_memory(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "sample_inputs.tar.gz", 24 << 20)  # 24 MiB of zeros in 24 KB
    assert path.stat().st_size < 50_000
    seen: list[str] = []
    tracemalloc.start()
    with path.open("rb") as raw:
        scan = scan_archive(raw, LIMITS, lambda name, data: seen.append(name))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert scan.limit is not None and "decompression bomb" in scan.limit
    assert seen == []
    assert peak < 16 << 20  # it stopped a little past min_bomb_bytes (1 MiB)


def _snapshot(folder: Path) -> dict[str, str]:
    return tree_digest(folder)


def test_nothing_is_written_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lint a zoo of hostile archives and pickles; the whole temporary area (tree and
    its parent), the working directory and the absolute paths the members name are
    unchanged afterwards."""
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    zoo = tmp_path / "parent" / "zoo"
    model = zoo / "m"
    classifier_dir(model, count=1)
    good = (model / "sample_inputs/inp-0000.npz").read_bytes()
    (model / "sample_inputs/inp-0000.npz").unlink()
    (model / "sample_inputs").rmdir()
    victim = Path(f"/tmp/zoolint-victim-{uuid.uuid4().hex}.npz")
    bad = npz_bytes({"input": np.zeros((3, 8, 8), np.float32)})
    tar_gz(
        model / "sample_inputs.tar.gz",
        [
            tar_entry("sample_inputs", tarfile.DIRTYPE),
            ("sample_inputs/inp-0000.npz", good),
            ("../../escaped-inp-0001.npz", bad),
            (str(victim), bad),
            tar_entry("sample_inputs/inp-0002.npz", tarfile.SYMTYPE, str(victim)),
            tar_entry("sample_inputs/inp-0003.npz", tarfile.LNKTYPE, "/etc/hostname"),
            tar_entry("sample_inputs/inp-0004.npz", tarfile.CHRTYPE),
        ],
    )
    _bomb(model / "sample_labels.tar.gz", 8 << 20)

    class Payload:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {workdir / 'pwned'}",))

    evil = np.empty(1, dtype=object)
    evil[0] = Payload()
    np.savez(model / "sample_outputs_onnxruntime.npz", evil=evil)  # not even a sample slot
    (model / "sample_outputs_deepsparse").mkdir()
    np.savez(model / "sample_outputs_deepsparse" / "out-0000.npz", logits=evil)

    before = _snapshot(tmp_path)
    config = {"select": ["SMP", "RUN"], "samples": {"run": True, "min-bomb-bytes": 1 << 20}}
    report = lint([zoo], Config.model_validate(config))
    after = _snapshot(tmp_path)
    assert before == after
    assert sorted(os.listdir(workdir)) == []
    assert not victim.exists()
    codes = sorted({d.code for d in report.diagnostics})
    assert codes == ["SMP002", "SMP003", "SMP004"], [d.message for d in report.diagnostics]
    assert sum(d.code == "SMP003" for d in report.diagnostics) == 5
    rows = [(d.code, d.severity.value, d.path, d.line, d.column, d.message) for d in report.diagnostics]
    # The bomb's figures depend on where zlib's output crossed the limit: the message's
    # wording is exact, its two byte counts only numbers.
    bomb = re.fullmatch(
        r"decompresses at more than 200:1 \((\d+) bytes from (\d+)\): a decompression bomb; reading stopped",
        rows[5][5],
    )
    assert bomb is not None, rows[5]
    assert int(bomb[1]) > 200 * int(bomb[2])
    not_read = [
        "member '../../escaped-inp-0001.npz' climbs out of the folder with '..'",
        f"member '{victim}' has an absolute path",
        f"member 'sample_inputs/inp-0002.npz' is a symbolic link to '{victim}'",
        "member 'sample_inputs/inp-0003.npz' is a hard link to '/etc/hostname'",
        "member 'sample_inputs/inp-0004.npz' is a device file",
    ]
    assert rows == [
        *[("SMP003", "error", "sample_inputs.tar.gz", None, None, f"{text}; it was not read") for text in not_read],
        ("SMP004", "error", "sample_labels.tar.gz", None, None, rows[5][5]),
        (
            "SMP002", "error", "sample_outputs_deepsparse/out-0000.npz", None, None,
            "array 'logits' has dtype object: loading it needs pickle, which can run arbitrary code; it was not loaded",
        ),
    ]  # fmt: skip

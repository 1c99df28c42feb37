"""zoolint's security guarantees, each backed by a test (README, "Security").

G1 never executes: pickles are read as opcodes (payloads never run, no unpickler is
   ever called), YAML tags never construct objects.
G2 never extracts: archives are listed in place; no extraction API is ever called.
G3 never writes: nothing is opened for writing during a run; the tree is unchanged.
G4 never follows a link out of the directory.
G5 never hangs on special files (FIFOs).
G6 bounded memory and time on bombs: zip and tar decompression bombs, YAML alias
   expansion, deep JSON, oversized headers and declared lengths; folder nesting deeper
   than the interpreter's stack.
"""

from __future__ import annotations

import builtins
import io
import os
import pickle
import shutil
import subprocess
import sys
import tarfile
import time
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from case_runner import tree_digest
from zoolint.api import lint
from zoolint.config.loader import build_config
from zoolint.config.model import LoadedConfig
from zoolint.engine import Report
from zoolint.model import ModelDir
from zoolint.testing.builders import tiny_classifier
from zoolint.testing.checkpoints import (
    checkpoint_pickle,
    state_dict_from_graph,
    write_cv_model,
    write_nlp_model,
    write_torch_zip,
)

MARKER = "PAYLOAD_RAN"


def _run(root: Path, **config: Any) -> Report:
    table = {"zoo-root": ".", **config}
    loaded = LoadedConfig(build_config(table, {}, "test"), root, None)
    return lint([root], loaded)


def _codes(report: Report) -> list[tuple[str, str]]:
    return sorted((d.code, d.path) for d in report.diagnostics)


# --- payloads written by the real pickler ------------------------------------------


class _System:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.marker}",))


class _Open:
    """Unpickling calls open(marker, 'w'), which creates the file: no shell needed."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (builtins.open, (str(self.marker), "w"))


class _Popen:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (subprocess.Popen, (["touch", str(self.marker)],))


def _hostile_model(root: Path, marker: Path) -> Path:
    """A cv model whose every pickle-bearing file carries a payload creating `marker`."""
    model = write_cv_model(root)
    training = model / "training"
    _, storages = checkpoint_pickle(state_dict_from_graph(tiny_classifier()))
    # model.pth: real storages, and a data.pkl that opens a file when unpickled
    payload = pickle.dumps({"state_dict": _Open(marker), "epoch": 1}, protocol=2)
    write_torch_zip(training / "model.pth", payload, storages)
    (training / "payload.pkl").write_bytes(pickle.dumps([_System(marker)], protocol=4))
    (training / "training_args.bin").write_bytes(pickle.dumps(_Popen(marker), protocol=2))
    (training / "lightning.ckpt").write_bytes(pickle.dumps(_System(marker), protocol=5))
    legacy = b"".join(pickle.dumps(p, protocol=2) for p in (0x1950A86A20F9469CFC6C, 1001, {}))
    (training / "legacy.pt").write_bytes(legacy + pickle.dumps(_Open(marker), protocol=2) + pickle.dumps([], protocol=2))
    np.save(model / "objects.npy", np.array([_Open(marker)], dtype=object), allow_pickle=True)
    np.savez(model / "objects.npz", a=np.array([_System(marker)], dtype=object))
    # YAML that a constructing loader would turn into a call
    (model / "model.md").write_text(
        f"---\ndomain: cv\ntask: classification\nextra: !!python/object/apply:os.system ['touch {marker}']\n---\n"
    )
    return model


def test_g1_pickle_payloads_never_run(tmp_path: Path) -> None:
    marker = tmp_path / MARKER
    zoo = tmp_path / "zoo"
    _hostile_model(zoo / "m", marker)
    # the payloads are live: each file's opcodes do name the calls
    assert b"system" in (zoo / "m" / "training" / "payload.pkl").read_bytes()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        report = _run(zoo, select=["PKL"])
    finally:
        os.chdir(cwd)
    assert not marker.exists()
    assert report.internal_errors == 0
    assert [(d.code, d.path, d.message.split(" when")[0]) for d in report.diagnostics] == [
        ("PKL001", "objects.npy", "imports io.open"),
        ("PKL001", "objects.npz", f"imports {os.name == 'nt' and 'nt' or 'posix'}.system"),
        ("PKL001", "training/legacy.pt", "imports io.open"),
        ("PKL001", "training/lightning.ckpt", f"imports {os.name == 'nt' and 'nt' or 'posix'}.system"),
        ("PKL001", "training/model.pth", "imports io.open"),
        ("PKL001", "training/payload.pkl", f"imports {os.name == 'nt' and 'nt' or 'posix'}.system"),
        ("PKL001", "training/training_args.bin", "imports subprocess.Popen"),
    ]


def test_g1_yaml_tags_never_construct(tmp_path: Path) -> None:
    from zoolint.io.yaml_doc import YamlDoc, parse_yaml

    marker = tmp_path / MARKER
    doc = parse_yaml(
        f"a: !!python/object/apply:os.system ['touch {marker}']\n"
        f"b: !!python/object/new:subprocess.Popen [['touch', '{marker}']]\n"
        "c: !GMPruningModifier {params: __ALL__}\n"
    )
    assert isinstance(doc, YamlDoc)
    assert doc.value["a"] == [f"touch {marker}"]  # the tag is kept as data, never called
    assert doc.value["c"].tag == "!GMPruningModifier"
    assert not marker.exists()


def _forbid(monkeypatch: pytest.MonkeyPatch, target: Any, names: list[str], what: str) -> None:
    for name in names:
        def refuse(*args: Any, _name: str = name, **kwargs: Any) -> Any:
            raise AssertionError(f"zoolint called {what}.{_name}")

        monkeypatch.setattr(target, name, refuse)


def test_g1_no_unpickler_is_ever_called(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / MARKER
    _hostile_model(tmp_path / "zoo" / "m", marker)
    unpatched = _rows(_run(tmp_path / "zoo"))
    import _pickle

    _forbid(monkeypatch, pickle, ["load", "loads", "Unpickler", "_Unpickler"], "pickle")
    _forbid(monkeypatch, _pickle, ["load", "loads", "Unpickler"], "_pickle")
    _forbid(monkeypatch, np, ["load"], "numpy")
    _forbid(monkeypatch, np.lib.format, ["read_array"], "numpy.lib.format")
    if "torch" in sys.modules:
        _forbid(monkeypatch, sys.modules["torch"], ["load"], "torch")
    import yaml

    _forbid(monkeypatch, yaml, ["load", "unsafe_load", "full_load", "load_all"], "yaml")
    report = _run(tmp_path / "zoo")
    # a refused call inside a rule would surface as ZL001 internal errors
    assert report.internal_errors == 0
    assert {d.code for d in report.diagnostics} >= {"PKL001"}
    assert not marker.exists()
    # Nothing was lost to a refused call either: the same findings as without the patches.
    assert _rows(report) == unpatched
    assert [path for code, path, _ in unpatched if code == "PKL001"] == [
        "objects.npy", "objects.npz", "training/legacy.pt", "training/lightning.ckpt",
        "training/model.pth", "training/payload.pkl", "training/training_args.bin",
    ]  # fmt: skip


def _rows(report: Report) -> list[tuple[str, str, str]]:
    return [(d.code, d.path, d.message) for d in report.diagnostics]


def test_g2_archives_are_never_extracted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    zoo = tmp_path / "zoo"
    model = write_cv_model(zoo / "m")
    shutil.rmtree(model / "deployment")
    with tarfile.open(model / "deployment.tar.gz", "w:gz") as tar:
        for name in ("deployment/model.onnx", "../../escaped.txt", str(tmp_path / "absolute.txt")):
            info = tarfile.TarInfo(name)
            info.size = 4
            tar.addfile(info, io.BytesIO(b"data"))
    _forbid(monkeypatch, tarfile.TarFile, ["extract", "extractall", "makefile"], "TarFile")
    _forbid(monkeypatch, zipfile.ZipFile, ["extract", "extractall"], "ZipFile")
    _forbid(monkeypatch, shutil, ["unpack_archive"], "shutil")
    before = tree_digest(tmp_path)
    report = _run(zoo, select=["DEP", "CKPT", "FILE"])
    assert tree_digest(tmp_path) == before
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path / "absolute.txt").exists()
    assert report.internal_errors == 0
    assert [d.code for d in report.diagnostics] == ["DEP003", "DEP003"]


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def test_g3_nothing_is_opened_for_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    zoo = tmp_path / "zoo"
    _hostile_model(zoo / "hostile", tmp_path / MARKER)
    write_cv_model(zoo / "cv")
    write_nlp_model(zoo / "nlp")
    _run(zoo)  # import everything once, so lazy imports do not count as opens below
    opened: list[tuple[str, str]] = []
    real_os_open, real_open = os.open, builtins.open

    def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        opened.append((str(path), "w" if flags & _WRITE_FLAGS else "r"))
        return real_os_open(path, flags, *args, **kwargs)

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        opened.append((str(file), "w" if set(mode) & set("wax+") else "r"))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)
    before = tree_digest(zoo)
    report = _run(zoo)
    monkeypatch.undo()
    assert tree_digest(zoo) == before
    assert report.internal_errors == 0
    assert [path for path, mode in opened if mode == "w"] == []
    assert any(path.endswith("model.pth") for path, _ in opened)  # the patch did observe reads


def test_g4_links_out_of_the_directory_are_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    evil = outside / "evil.pth"
    evil.write_bytes(pickle.dumps(_System(tmp_path / MARKER), protocol=2))
    (outside / "config.json").write_text("{ not json")
    zoo = tmp_path / "zoo"
    model = write_nlp_model(zoo / "m")
    training = model / "training"
    links = {
        training / "pytorch_model.bin": evil,
        training / "config.json": outside / "config.json",
        training / "vocab.txt": Path("/etc/passwd"),
        model / "weights.safetensors": Path("/etc/passwd"),
        model / "deployment.tar.gz": outside,
    }
    for link, target in links.items():
        link.unlink(missing_ok=True)
        link.symlink_to(target)
    opened: list[str] = []
    real_os_open = os.open

    def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        opened.append(os.path.realpath(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    report = _run(zoo)
    monkeypatch.undo()
    assert report.internal_errors == 0
    escaped = [p for p in opened if not p.startswith(os.path.realpath(zoo))]
    assert escaped == []
    assert sorted(d.path for d in report.diagnostics if d.code == "FILE002") == sorted(
        str(link.relative_to(model)) for link in links
    )
    assert not any(d.code.startswith(("PKL", "HF")) for d in report.diagnostics)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_g5_fifos_never_hang(tmp_path: Path) -> None:
    zoo = tmp_path / "zoo"
    model = write_nlp_model(zoo / "m")
    for name in ("training/pytorch_model.bin", "training/config.json", "training/vocab.txt", "model.md"):
        (model / name).unlink()
        os.mkfifo(model / name)
    for name in ("weights.safetensors", "deployment.tar.gz", "payload.pkl", "training/model.h5"):
        os.mkfifo(model / name)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "zoolint", "--format", "json", str(zoo)],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).parent.parent,
    )  # fmt: skip
    assert time.monotonic() - started < 120
    assert result.returncode == 1, result.stderr
    assert result.stdout.count('"FILE004"') == 8


def _deflated_zeros(path: Path, member: str, size: int) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(member, "w", force_zip64=True) as out:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                out.write(chunk)


def test_g6_bombs_stay_bounded(tmp_path: Path) -> None:
    zoo = tmp_path / "zoo"
    model = write_cv_model(zoo / "m")
    # 64 MiB of zeros as data.pkl, in a few KB
    _deflated_zeros(model / "training" / "model.pth", "model/data.pkl", 64 << 20)
    # a tar.gz whose member decompresses to 64 MiB
    shutil.rmtree(model / "deployment")
    with tarfile.open(model / "deployment.tar.gz", "w:gz") as tar:
        info = tarfile.TarInfo("deployment/model.onnx")
        info.size = 64 << 20

        class Zeros(io.RawIOBase):
            left = info.size

            def readable(self) -> bool:
                return True

            def readinto(self, buffer: Any) -> int:
                count = min(len(buffer), self.left)
                buffer[:count] = bytes(count)
                self.left -= count
                return count

        tar.addfile(info, io.BufferedReader(Zeros()))
    # YAML alias expansion (billion laughs) in the card
    lol = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lol += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(8)]
    (model / "model.md").write_text("---\n" + "\n".join(lol) + "\n---\n")
    # a safetensors header claiming 2**62 bytes; a pickle string claiming 2**62 bytes
    (model / "huge.safetensors").write_bytes((2**62).to_bytes(8, "little") + b"{}")
    (model / "huge.pkl").write_bytes(b"\x80\x04\x8d" + (2**62).to_bytes(8, "little") + b"abc")
    # deep JSON
    (model / "training" / "config.json").write_text("[" * 200_000 + "]" * 200_000)
    tracemalloc.start()
    started = time.monotonic()
    try:
        report = _run(zoo, checkpoints={"max-pickle-bytes": 1 << 20, "max-archive-bytes": 8 << 20})
    finally:
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert report.internal_errors == 0
    assert peak < 48 << 20, f"peak {peak >> 20} MiB"
    assert elapsed < 60
    codes = {(d.code, d.path) for d in report.diagnostics}
    assert {
        ("PKL003", "training/model.pth"),
        ("DEP002", "deployment.tar.gz"),
        ("HF007", "huge.safetensors"),
        ("PKL003", "huge.pkl"),
    } <= codes


def _frames() -> int:
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back  # type: ignore[assignment]
    return depth


def test_g6_folder_nesting_deeper_than_the_stack(tmp_path: Path) -> None:
    """The directory walk is iterative: nesting deeper than Python's recursion limit is
    listed completely (a recursive walk failed every rule with RecursionError). The
    limit is lowered for the test, so the tree stays shallow enough to clean up."""
    model = write_cv_model(tmp_path / "zoo" / "m")
    path = model / "logs"
    for _ in range(300):
        path = path / "d"
    path.mkdir(parents=True)
    (path / "deepest.pth").write_bytes(pickle.dumps(_System(tmp_path / MARKER), protocol=2))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(_frames() + 150)
    try:
        entries = ModelDir(model, model).walk()
    finally:
        sys.setrecursionlimit(limit)
    deepest = "logs/" + "d/" * 300 + "deepest.pth"
    assert [e.relpath for e in entries if e.relpath.startswith("logs")][-1] == deepest
    assert len([e for e in entries if e.relpath.startswith("logs/")]) == 301
    assert [e.relpath for e in entries if e.relpath.startswith("logs/")] == [
        "logs" + "/d" * depth for depth in range(1, 301)
    ] + [deepest]
    report = _run(tmp_path / "zoo", select=["PKL"])
    assert [(d.code, d.path) for d in report.diagnostics] == [("PKL001", deepest)]


def test_g6_zoo_nesting_deeper_than_the_stack(tmp_path: Path) -> None:
    """Finding models below a zoo root is iterative too (Python 3.11's os.walk recursed
    and ended the whole run with a RecursionError traceback)."""
    from zoolint.discovery import discover

    path = tmp_path / "zoo"
    for _ in range(300):
        path = path / "d"
    path.mkdir(parents=True)
    (path / "model.md").write_text("# a model at the bottom\n")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(_frames() + 150)
    try:
        targets = discover(tmp_path / "zoo", boundary=tmp_path / "zoo")
    finally:
        sys.setrecursionlimit(limit)
    assert [target.root for target in targets] == [path]

"""Unit tests of the checkpoints readers: the pickle opcode scanner, the container
loaders, format sniffing, safetensors headers, bounded files. Torch-free: every pickle
here is hand-assembled or written by the standard pickler, and none is ever loaded."""

from __future__ import annotations

import collections
import io
import json
import os
import pickle
import struct
import tarfile
from pathlib import Path

import numpy as np
import pytest

from zoolint.checkpoints.archive import Member, list_tar_gz
from zoolint.checkpoints.globals import canonical, classify
from zoolint.checkpoints.hf import JsonDoc, load_json
from zoolint.checkpoints.pickle_scan import PDict, PList, TensorInfo, scan_pickle_bytes
from zoolint.checkpoints.safetensors import parse_header
from zoolint.checkpoints.sniff import HDF5, PICKLE, PROTOBUF, UNKNOWN, ZIP, sniff
from zoolint.checkpoints.torch_file import load_pickle_file
from zoolint.config.model import Config
from zoolint.io.artifact import Broken, Parsed
from zoolint.io.bounded import BoundedFile, ReadLimitExceeded, open_bounded
from zoolint.model import ModelDir
from zoolint.testing.checkpoints import (
    Global,
    PickleWriter,
    Reduce,
    Tensor,
    checkpoint_pickle,
    ordered_dict,
    write_checkpoint,
)

OPS = 1_000_000


def _globals(data: bytes) -> list[str]:
    return [ref.qualname for ref in scan_pickle_bytes(data, OPS).globals]


def test_checkpoint_keys_tensors_and_globals() -> None:
    weights = {"conv.weight": np.zeros((8, 3, 3, 3), np.float32), "steps": np.zeros((), np.int64)}
    data, storages = checkpoint_pickle(weights, extra={"epoch": 7, "arch_key": "resnet", "recipe": "a: 1\n"})
    scan = scan_pickle_bytes(data, OPS)
    assert scan.complete and scan.errors == []
    assert isinstance(scan.value, PDict)
    assert scan.value.keys() == ["state_dict", "epoch", "arch_key", "recipe"]
    assert scan.value.get("epoch") == 7 and scan.value.get("recipe") == "a: 1\n"
    state = scan.value.get("state_dict")
    assert isinstance(state, PDict) and state.keys() == ["conv.weight", "steps"]
    conv, steps = state.get("conv.weight"), state.get("steps")
    assert conv == TensorInfo((8, 3, 3, 3), "float32", "0", 216, 0, (27, 9, 3, 1))
    assert steps == TensorInfo((), "int64", "1", 1, 0, ())
    assert sorted(set(_globals(data))) == [
        "collections.OrderedDict",
        "torch.FloatStorage",
        "torch.LongStorage",
        "torch._utils._rebuild_tensor_v2",
    ]
    assert set(storages) == {"0", "1"} and len(storages["0"]) == 864


def test_stack_global_resolves_strings_through_the_memo() -> None:
    class Payload:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, ("true",))

    # protocol 4 memoizes the module and name strings before STACK_GLOBAL; the second
    # object reuses them by BINGET
    data = pickle.dumps([Payload(), collections.OrderedDict(), Payload()], protocol=4)
    assert _globals(data) == [f"{os.name == 'nt' and 'nt' or 'posix'}.system", "collections.OrderedDict"]


def test_python2_names_map_like_the_unpickler() -> None:
    data = PickleWriter().value(Reduce(Global("__builtin__", "eval"), ("1",))).finish()
    (ref,) = scan_pickle_bytes(data, OPS).globals
    assert canonical(ref.module, ref.name) == "builtins.eval"
    assert classify(ref.module, ref.name, []) == "dangerous"
    assert classify("copy_reg", "_reconstructor", []) == "safe"


def test_protocol_0_inst_and_extension_codes_are_imports() -> None:
    inst = b"(S'id'\nios\nsystem\n."
    assert _globals(inst) == ["os.system"]
    ext = b"\x80\x02\x82\x07)R."
    assert _globals(ext) == ["copyreg._extension_registry.7"]


def test_computed_stack_global_is_unresolved() -> None:
    data = PickleWriter().value(Reduce(Global("builtins", "str"), ("os",))).raw(b"X\x02\x00\x00\x00id\x93").finish()
    refs = scan_pickle_bytes(data, OPS).globals
    assert [(r.module, r.name) for r in refs] == [("builtins", "str"), ("?", "?")]
    assert classify("?", "?", ["*.x"]) == "unsafe"


def test_shared_structure_does_not_explode_the_walk() -> None:
    # l0 holds itself; l[i] = [l[i-1], l[i-1]]: 200 lists, 2**199 paths from the top
    writer = PickleWriter().raw(b"]q\x00h\x00a")
    for index in range(1, 200):
        previous = bytes([index - 1])
        writer.raw(b"(h" + previous + b"h" + previous + b"lq" + bytes([index]))
    data = writer.finish()
    scan = scan_pickle_bytes(data, OPS)
    assert scan.complete, scan.errors
    assert isinstance(scan.value, PList) and len(scan.value.items) == 2
    assert list(scan.tensors()) == []


def test_malformed_streams_are_errors_not_exceptions() -> None:
    cases = {
        b"\x80\x02}\xff.": "at position 3, opcode b'\\xff' unknown",
        b"\x80\x02h\x05.": "memo key 5 read before it was written",
        b"\x80\x02(t0.": "stack underflow",
        b"\x80\x02": "pickle exhausted before seeing STOP",
        b"\x80\x02X\xff\xff\xff\x7fabc.": "expected 2147483647 bytes in a unicodestring4, but only 4 remain",
        b"\x80\x02\x8d" + struct.pack("<Q", 2**62) + b"x": (
            "expected 4611686018427387904 bytes in a unicodestring8, but only 1 remain"
        ),
    }
    for data, expected in cases.items():
        scan = scan_pickle_bytes(data, OPS)
        assert not scan.complete
        assert len(scan.errors) == 1 and expected in scan.errors[0], (data, scan.errors)
        assert scan.errors == [f"is not a well-formed pickle: {expected}"]


def test_opcode_limit() -> None:
    data = PickleWriter().value(list(range(100))).finish()
    assert scan_pickle_bytes(data, 1000).complete
    scan = scan_pickle_bytes(data, 50)
    assert not scan.complete
    assert scan.errors == ["has more than 50 opcodes, the scan limit; the rest was not read"]


def test_bounded_file_refuses_before_reading(tmp_path: Path) -> None:
    (tmp_path / "f.bin").write_bytes(b"line one\nline two\n" + bytes(1000))
    handle = open_bounded(tmp_path, "f.bin", budget=100)
    assert isinstance(handle, BoundedFile)
    assert handle.readline() == b"line one\n"
    assert handle.consumed == 9
    handle.seek(0, os.SEEK_END)  # seeking reads nothing
    assert handle.tell() == 1018 and handle.read(10) == b""
    handle.seek(0)
    with pytest.raises(ReadLimitExceeded):
        handle.read(500)
    assert handle.consumed == 9  # the refused read cost nothing
    handle.close()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"PK\x03\x04rest", ZIP),
        (b"\x80\x02}q\x00.", PICKLE),
        (b"\x89HDF\r\n\x1a\n\x00\x00", HDF5),
        (b"\x0a\x10\x0a\x01x\x12\x0bPlaceholder", PROTOBUF),
        (b"\x08\x01\x12\x04\x0a\x02\x08\x01", PROTOBUF),
        (bytes(range(7, 64)), UNKNOWN),
        (b"version https://git-lfs", UNKNOWN),
    ],
)
def test_sniff(head: bytes, expected: str) -> None:
    assert sniff(head, len(head)).format == expected


def _model(tmp_path: Path) -> ModelDir:
    return ModelDir(tmp_path, tmp_path)


def test_loader_containers(tmp_path: Path) -> None:
    weights = {"w": np.ones((2, 2), np.float32)}
    write_checkpoint(tmp_path / "zip.pth", weights)
    (tmp_path / "plain.pkl").write_bytes(pickle.dumps({"a": [1, 2]}, protocol=2) + pickle.dumps([3], protocol=4))
    legacy = b"".join(pickle.dumps(p, protocol=2) for p in (0x1950A86A20F9469CFC6C, 1001, {}, {"x": 1}, []))
    (tmp_path / "legacy.pth").write_bytes(legacy + b"raw storage bytes \x00\xff")
    np.save(tmp_path / "numbers.npy", np.arange(4))
    np.save(tmp_path / "objects.npy", np.array([None, "x"], dtype=object), allow_pickle=True)
    np.savez(tmp_path / "mixed.npz", a=np.arange(3), b=np.array([{"k": 1}], dtype=object))
    (tmp_path / "raw.bin").write_bytes(bytes(64))
    model = _model(tmp_path)
    found = {}
    for name in ("zip.pth", "plain.pkl", "legacy.pth", "numbers.npy", "objects.npy", "mixed.npz", "raw.bin"):
        state = load_pickle_file(model, name)
        assert isinstance(state, Parsed), (name, state)
        found[name] = (state.value.container, [p.where for p in state.value.pickles], state.value.errors)
    assert found == {
        "zip.pth": ("torch-zip", ["zip/data.pkl"], []),
        "plain.pkl": ("pickle", [None, "pickle 2"], []),
        "legacy.pth": ("torch-legacy", [f"pickle {i} of 5" for i in range(1, 6)], []),
        "numbers.npy": ("npy", [], []),
        "objects.npy": ("npy", [None], []),
        "mixed.npz": ("npz", ["b.npy"], []),
        "raw.bin": ("raw", [], []),
    }
    legacy_state = load_pickle_file(model, "legacy.pth")
    assert isinstance(legacy_state, Parsed)
    assert isinstance(legacy_state.value.top, PDict) and legacy_state.value.top.keys() == ["x"]


def test_loader_broken_and_limits(tmp_path: Path) -> None:
    (tmp_path / "empty.pth").write_bytes(b"")
    (tmp_path / "text.pth").write_bytes(b"hello world")
    (tmp_path / "big.pkl").write_bytes(PickleWriter().value("x" * 5000).finish())
    model = _model(tmp_path)
    assert load_pickle_file(model, "empty.pth") == Broken("empty.pth", "is empty (0 bytes)")
    assert load_pickle_file(model, "text.pth") == Broken(
        "text.pth", "is neither a PyTorch zip archive nor a pickle (it starts with b'hello wo')"
    )
    from zoolint.config.model import Config

    small = ModelDir(tmp_path, tmp_path, Config.model_validate({"checkpoints": {"max-pickle-bytes": 1000}}))
    state = load_pickle_file(small, "big.pkl")
    assert isinstance(state, Parsed)
    (scanned,) = state.value.pickles
    assert scanned.scan.errors == [
        "is too large to scan: reading it needs more than 1000 bytes, the limit for this kind of file"
    ]


def test_safetensors_header_checks() -> None:
    good = parse_header(b'{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":{"f":"pt"}}', 8)
    assert not isinstance(good, str) and good.problems == [] and good.shapes == {"a": (2,)}
    assert parse_header(b"[1]", 0) == "header is not a JSON object"
    bad = parse_header(b'{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":{"f":1}}', 10)
    assert not isinstance(bad, str)
    assert bad.problems == [
        ("__metadata__ must map names to strings", None),
        ("2 bytes after the last tensor belong to no tensor", None),
    ]


def _tar(path: Path, names: list[tuple[str, bytes]]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in names:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_tar_listing_is_bounded(tmp_path: Path) -> None:
    _tar(tmp_path / "a.tar.gz", [(f"deployment/f{i}", b"x") for i in range(20)])
    handle = open_bounded(tmp_path, "a.tar.gz", budget=1 << 30)
    assert isinstance(handle, BoundedFile)
    listing = list_tar_gz(handle, "a.tar.gz", max_members=100, max_bytes=1 << 20)
    assert isinstance(listing, Parsed)
    assert listing.value.files("deployment") == {f"f{i}" for i in range(20)}
    handle = open_bounded(tmp_path, "a.tar.gz", budget=1 << 30)
    assert isinstance(handle, BoundedFile)
    assert list_tar_gz(handle, "a.tar.gz", max_members=5, max_bytes=1 << 20) == Broken(
        "a.tar.gz", "has more than 5 members; it was not listed"
    )


def test_unsafe_members() -> None:
    assert Member("../x", "file", 1).unsafe_reason == "climbs out of the folder with '..'"
    assert Member("/x", "file", 1).unsafe_reason == "has an absolute path"
    assert Member("C:evil", "file", 1).unsafe_reason == "has an absolute path"
    assert Member("d/l", "symlink", 0, "/etc").unsafe_reason == "is a symbolic link (to '/etc')"
    assert Member("./deployment/model.onnx", "file", 1).unsafe_reason is None
    assert Member("./deployment/model.onnx", "file", 1).normalized == "deployment/model.onnx"


def test_pickle_writer_matches_the_standard_pickler_structure() -> None:
    ours = scan_pickle_bytes(PickleWriter().value({"a": [1, (2, "x")], "b": None}).finish(), OPS)
    theirs = scan_pickle_bytes(pickle.dumps({"a": [1, (2, "x")], "b": None}, protocol=2), OPS)
    assert ours.value == theirs.value == PDict([("a", PList([1, (2, "x")])), ("b", None)])
    tensor = scan_pickle_bytes(PickleWriter().value(ordered_dict({"t": Tensor("0", "bool", (3,), 3)})).finish(), OPS)
    assert tensor.value == PDict([("t", TensorInfo((3,), "bool", "0", 3, 0, (1,)))])


def test_large_tokenizer_json_is_read_under_the_json_limit(tmp_path: Path) -> None:
    """Real tokenizers (xlm-roberta: 17 MB) are over the text limit but must parse."""
    vocab = {f"token{i}": i for i in range(700_000)}
    (tmp_path / "tokenizer.json").write_text(json.dumps({"model": {"vocab": vocab}}))
    assert (tmp_path / "tokenizer.json").stat().st_size > Config().limits.max_text_bytes
    state = load_json(ModelDir(tmp_path, tmp_path, Config()), "tokenizer.json")
    assert isinstance(state, Parsed) and isinstance(state.value, JsonDoc)
    assert len(state.value.value["model"]["vocab"]) == 700_000
    assert state.value.value == {"model": {"vocab": vocab}}

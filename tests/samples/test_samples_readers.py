"""The .npz reader: headers agree with numpy's own loader, object arrays are seen
without unpickling, and only header bytes are read."""

from __future__ import annotations

import io
import pickle
import zipfile

import numpy as np
import pytest

from zoolint.samples import npy
from zoolint.samples.npz import NpzError, read_npz_info, read_npz_info_bytes
from zoolint.testing.samples import npz_bytes

ARRAYS = {
    "f32": np.arange(24, dtype=np.float32).reshape(2, 3, 4),
    "i64_scalar": np.array(7, np.int64),
    "flags": np.array([True, False, True]),
    "text": np.array(["zoo", "lint", "ünïcode"]),
    "half": np.ones((2, 2), np.float16),
    "bf16": np.zeros(3, np.uint16).view(np.dtype("V2")),
    "fortran": np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3)),
    "big_endian": np.arange(3, dtype=">i4"),
    "empty": np.zeros((0, 5), np.float32),
    "record": np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")]),
}


def limits() -> dict[str, int]:
    return {"max_arrays": 64, "max_header": 10_000}


@pytest.mark.parametrize("compressed", [False, True])
def test_headers_match_numpy(compressed: bool) -> None:
    data = npz_bytes(ARRAYS, compressed=compressed)
    info = read_npz_info_bytes(data, **limits())
    assert info.keys == list(ARRAYS)
    with np.load(io.BytesIO(data), allow_pickle=False) as loaded:
        for array in info.arrays:
            assert array.dtype == loaded[array.key].dtype, array.key
            assert array.shape == loaded[array.key].shape, array.key
            assert array.header.fortran_order == (array.key == "fortran")
    assert info.object_arrays == []


def test_version_2_and_3_headers() -> None:
    for version in ((2, 0), (3, 0)):
        buffer = io.BytesIO()
        np.lib.format.write_array(buffer, np.ones(3, np.float32), version=version)
        header = npy.parse_header(buffer.getvalue())
        assert (header.dtype, header.shape) == (np.dtype("<f4"), (3,))


def test_object_arrays_are_seen_never_unpickled(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = np.empty(2, dtype=object)
    plain[:] = [{"a": 1}, None]
    nested = np.zeros(2, dtype=[("x", "<f4"), ("obj", "O")])
    buffer = io.BytesIO()
    np.savez(buffer, plain=plain, nested=nested, fine=np.ones(2))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("something unpickled")

    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "Unpickler", refuse)
    info = read_npz_info_bytes(buffer.getvalue(), **limits())
    assert [array.key for array in info.object_arrays] == ["plain", "nested"]
    assert info.get("fine") is not None and not info.get("fine").header.is_object  # type: ignore[union-attr]


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


@pytest.mark.parametrize("compressed", [False, True])
def test_fast_check_reads_only_headers(compressed: bool) -> None:
    arrays = {"a": np.sin(np.arange(200_000, dtype=np.float32)), "b": np.sin(np.arange(100_000))}
    data = npz_bytes(arrays, compressed=compressed)
    stream = CountingStream(data)
    info = read_npz_info(stream, len(data), **limits())
    assert [array.shape for array in info.arrays] == [(200_000,), (100_000,)]
    assert len(data) > (500_000 if compressed else 1_600_000)
    # The directory, and the first bytes of each member (one small chunk when inflating).
    assert stream.bytes_read < 10_000


def test_zip64_records_and_prepended_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 64)  # every size and offset "needs" zip64
    data = npz_bytes({"x": np.arange(40, dtype=np.int64), "y": np.ones((2, 2))})
    assert b"PK\x06\x06" in data
    for blob in (data, b"self-extractor stub" + data):
        info = read_npz_info_bytes(blob, **limits())
        assert [(a.key, a.shape) for a in info.arrays] == [("x", (40,)), ("y", (2, 2))]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda data: data[:-10], "no end-of-directory record"),
        (lambda data: data[:60] + b"\xff" * 40 + data[100:], "corrupt compressed data"),
        (lambda data: b"", "too short"),
    ],
)
def test_damage_is_reported(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = npz_bytes({"x": np.arange(1000, dtype=np.float32)}, compressed=True)
    with pytest.raises(NpzError, match=message):
        read_npz_info_bytes(mutate(data), **limits())


def test_member_count_is_bounded() -> None:
    data = npz_bytes({f"k{i}": np.zeros(1) for i in range(10)})
    with pytest.raises(NpzError, match="lists 10 arrays, over the limit of 5"):
        read_npz_info_bytes(data, max_arrays=5, max_header=10_000)

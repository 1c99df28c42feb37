"""`npz_bytes` and `save_npz` store every array under its own name, including names
that `np.savez(file, **arrays)` would take for its own keyword arguments."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from zoolint.testing.builders import save_npz
from zoolint.testing.samples import npz_bytes

ARRAYS = {
    "input": np.arange(6, dtype=np.float32).reshape(2, 3),
    "allow_pickle": np.array([1, 2], dtype=np.int64),
    "file": np.zeros(1, dtype=np.uint8),
}


def _assert_same(loaded: np.lib.npyio.NpzFile) -> None:
    assert sorted(loaded.files) == sorted(ARRAYS)
    for name, array in ARRAYS.items():
        assert loaded[name].dtype == array.dtype
        np.testing.assert_array_equal(loaded[name], array)


def test_npz_bytes_keeps_every_name() -> None:
    for compressed in (False, True):
        with np.load(io.BytesIO(npz_bytes(ARRAYS, compressed=compressed)), allow_pickle=False) as loaded:
            _assert_same(loaded)


def test_save_npz_keeps_every_name(tmp_path: Path) -> None:
    path = save_npz(tmp_path / "sample_inputs" / "inp-0000.npz", ARRAYS)
    with np.load(path, allow_pickle=False) as loaded:
        _assert_same(loaded)

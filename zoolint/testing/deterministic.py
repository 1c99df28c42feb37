"""Byte-for-byte reproducible archives: npz samples, zip files and `.tar.gz` archives.

`np.savez` stamps each zip member with the current time, and `tarfile`/`gzip` record
mtimes, owners and the time of compression; files built for a committed fixture must
not change when rebuilt, so these writers fix every such field.
"""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

# The earliest time a zip entry can carry; any fixed value would do.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_bytes(members: Sequence[tuple[str, bytes]], compress: bool = False) -> bytes:
    """A zip of `members` (name, bytes) in the given order, with fixed timestamps."""
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def write_zip(path: Path, members: Sequence[tuple[str, bytes]], compress: bool = False) -> Path:
    """`zip_bytes` written to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes(members, compress))
    return path


def npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.asanyarray(array), allow_pickle=False)
    return buffer.getvalue()


def npz_file_bytes(
    arrays: Mapping[str, np.ndarray] | Sequence[np.ndarray], compress: bool = False
) -> bytes:
    """What `np.savez` (`np.savez_compressed` with `compress`) writes, reproducibly; a
    sequence is stored as arr_0.."""
    if not isinstance(arrays, Mapping):
        arrays = {f"arr_{index}": array for index, array in enumerate(arrays)}
    return zip_bytes([(f"{key}.npy", npy_bytes(value)) for key, value in arrays.items()], compress)


def write_npz(path: Path, arrays: Mapping[str, np.ndarray] | Sequence[np.ndarray]) -> Path:
    """`npz_file_bytes` written to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(npz_file_bytes(arrays))
    return path


def write_tar_gz(path: Path, members: Sequence[tuple[str, bytes | None]]) -> Path:
    """A `.tar.gz` of `members` (name, bytes; None for a directory entry), in order,
    owned by root, dated 0, so the same members always give the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.mtime = 0
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if data is None:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                archive.addfile(info)
            else:
                info.size = len(data)
                info.mode = 0o644
                archive.addfile(info, io.BytesIO(data))
    with open(path, "wb") as handle:
        with gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0) as compressed:
            compressed.write(raw.getvalue())
    return path

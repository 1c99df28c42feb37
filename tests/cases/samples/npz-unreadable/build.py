"""Sample inputs that are not readable .npz files, each broken a different way."""

import io
import zipfile
from pathlib import Path

import numpy as np
from sample_fixtures import classifier_dir, write_npz


def npy(header: str, data: bytes = b"", version: bytes = b"\x01\x00") -> bytes:
    text = header.encode("latin1")
    length = len(text).to_bytes(2 if version == b"\x01\x00" else 4, "little")
    return b"\x93NUMPY" + version + length + text + data


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def build(tree: Path) -> None:
    model = tree / "m"
    classifier_dir(model, count=10)
    inputs = model / "sample_inputs"
    good = (inputs / "inp-0000.npz").read_bytes()
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 8, 8), }\n"
    (inputs / "inp-0000.npz").write_bytes(b"this is a sample, honest, but not a zip archive" * 2)
    (inputs / "inp-0001.npz").write_bytes(zip_of({"notes.txt": b"hello"}))
    (inputs / "inp-0002.npz").write_bytes(zip_of({"input.npy": b"NOTNUMPY" + b"\x00" * 100}))
    (inputs / "inp-0003.npz").write_bytes(zip_of({"input.npy": npy(header, version=b"\x09\x09")}))
    (inputs / "inp-0004.npz").write_bytes(zip_of({"input.npy": npy("[1, 2, 3]\n")}))
    (inputs / "inp-0005.npz").write_bytes(zip_of({"input.npy": npy(header, b"\x00" * 100)}))
    (inputs / "inp-0006.npz").write_bytes(
        zip_of({"input.npy": npy(header[:-1] + " " * 20_000 + "\n", version=b"\x02\x00")})
    )
    array = io.BytesIO()
    np.save(array, np.zeros((3, 8, 8), np.float32))
    (inputs / "inp-0007.npz").write_bytes(zip_of({"input.npy": array.getvalue()}, zipfile.ZIP_BZIP2))
    evil = "{'descr': __import__('os').system('touch pwned'), 'fortran_order': False, 'shape': (3, 8, 8), }\n"
    (inputs / "inp-0008.npz").write_bytes(zip_of({"input.npy": npy(evil)}))
    (inputs / "inp-0009.npz").write_bytes(good[: len(good) // 2])
    write_npz(inputs / "inp-0010.npz", {"input": np.zeros((3, 8, 8), np.float32)})
    write_npz(model / "sample_outputs/out-0010.npz", {"logits": np.zeros(4, np.float32)})

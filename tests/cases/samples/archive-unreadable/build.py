"""Sample archives that are not readable .tar.gz files."""

import gzip
from pathlib import Path

from sample_fixtures import classifier_dir


def build(tree: Path) -> None:
    for name in ("not-gzip", "truncated", "not-tar"):
        classifier_dir(tree / name, count=1, archived=True)
    (tree / "not-gzip/sample_inputs.tar.gz").write_bytes(b"PK\x03\x04 this is a zip, not a gzip" * 10)
    whole = (tree / "truncated/sample_inputs.tar.gz").read_bytes()
    (tree / "truncated/sample_inputs.tar.gz").write_bytes(whole[: len(whole) // 2])
    (tree / "not-tar/sample_inputs.tar.gz").write_bytes(gzip.compress(b"just some text, no tar headers" * 40))

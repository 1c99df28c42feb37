"""Reading sample data for the deep check, after the headers passed the fast check.

Folder files are opened through `zoolint.io.files` and loaded with
`allow_pickle=False`; archives are streamed again, bounded as before, and only the
members asked for are kept in memory. Nothing is extracted or written.
"""

from __future__ import annotations

import io

import numpy as np

from zoolint.io.files import open_stream
from zoolint.model import ModelDir
from zoolint.samples import archive as tar
from zoolint.samples.load import SampleFile, archive_limits, settings_of
from zoolint.samples.npz import NpzError, load_arrays


class SampleReadError(Exception):
    """The sample's data could not be read (vanished, changed, over a bound)."""


class SampleReader:
    def __init__(self, model: ModelDir, budget: int) -> None:
        self._model = model
        self._budget = budget
        self._archives: dict[str, dict[str, bytes]] = {}

    def arrays(self, file: SampleFile, wanted: set[str]) -> dict[str, np.ndarray]:
        info = file.info
        if info is None:
            raise SampleReadError("has no readable headers")
        try:
            if file.member is None:
                opened = open_stream(self._model.root, file.path)
                if not isinstance(opened, tuple):
                    raise SampleReadError(getattr(opened, "reason", "is no longer there"))
                stream, _ = opened
                with stream:
                    return load_arrays(stream, info)
            data = self._archive(file.path, wanted).get(file.member)
            if data is None:
                raise SampleReadError("was not found when the archive was read again")
            return load_arrays(io.BytesIO(data), info)
        except (NpzError, ValueError, OSError, EOFError) as exc:
            raise SampleReadError(f"cannot be loaded: {exc}") from None

    def _archive(self, relpath: str, wanted: set[str]) -> dict[str, bytes]:
        if relpath not in self._archives:
            members: dict[str, bytes] = {}
            total = 0

            def keep(name: str, data: bytes | None) -> None:
                nonlocal total
                if data is not None and name in wanted:
                    total += len(data)
                    if total > self._budget:
                        raise tar.ArchiveLimit(f"holds more than the {self._budget}-byte run budget")
                    members[name] = data

            opened = open_stream(self._model.root, relpath)
            if not isinstance(opened, tuple):
                raise SampleReadError(getattr(opened, "reason", "is no longer there"))
            stream, _ = opened
            with stream:
                scan = tar.scan_archive(stream, archive_limits(settings_of(self._model)), keep)
            if scan.limit is not None or scan.error is not None:
                raise SampleReadError(f"{relpath} {scan.limit or scan.error}")
            self._archives[relpath] = members
        return self._archives[relpath]

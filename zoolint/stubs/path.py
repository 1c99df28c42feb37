"""The stub a model directory's path spells, parsed once per directory.

Many families compare what they check with the path stub (card, recipes, metrics,
graph claims, checkpoints); they all ask here, so the path is parsed once and every
family sees the same answer.
"""

from __future__ import annotations

from zoolint.io.artifact import Parsed
from zoolint.model import ModelDir
from zoolint.stubs.parse import Stub, StubError, parse_stub


def _load_path_stub(model: ModelDir, _: str) -> Parsed[Stub | StubError | None]:
    text = model.path_stub
    return Parsed("", parse_stub(text) if text is not None else None)


def parsed_path_stub(model: ModelDir) -> Stub | StubError | None:
    """The directory's path stub, parsed: None when the directory is not stored at a
    stub (not seven folders below the zoo root, or a loose file); a `StubError` when
    it is but the path does not parse (STUB001 reports it)."""
    state = model.load(_load_path_stub, "")
    assert isinstance(state, Parsed)
    return state.value


def path_stub(model: ModelDir) -> Stub | None:
    """The directory's path stub when it is one and parses; else None."""
    stub = parsed_path_stub(model)
    return stub if isinstance(stub, Stub) else None

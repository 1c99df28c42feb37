"""The card body parser: positions of links, images and stubs; bounded on hostile text."""

from __future__ import annotations

import time
from pathlib import Path

from zoolint.api import lint
from zoolint.card.body import parse_body
from zoolint.card.rules.body import link_target
from zoolint.config.loader import build_config
from zoolint.config.model import LoadedConfig

BODY = """# Title

Some [link](docs/a.md#x) and ![img](images/x.png "t") and `zoo:cv/a` and [ref][r].

> quote `zoo:x/y` <img src="in/line.png">

    indented zoo:cv/y

```bash
cmd zoo:cv/z
```

<img src="images/y.png">

[r]: ../outside.md
Setext
======
"""


def test_positions_are_file_lines_and_columns() -> None:
    body = parse_body(BODY, 10)
    assert [(h.level, h.text, h.line) for h in body.headings] == [(1, "Title", 10), (1, "Setext", 25)]
    assert [(link.target, link.image, link.line, link.column) for link in body.links] == [
        ("docs/a.md#x", False, 12, 13),
        ("images/x.png", True, 12, 37),
        ("../outside.md", False, 24, 6),
        ("in/line.png", True, 14, 29),
        ("images/y.png", True, 22, 11),
    ]
    assert [(s.text, s.line, s.column) for s in body.stubs] == [
        ("zoo:cv/a", 12, 60),
        ("zoo:x/y", 14, 10),
        ("zoo:cv/y", 16, 14),
        ("zoo:cv/z", 19, 5),
    ]


def test_repeated_targets_get_their_own_positions() -> None:
    body = parse_body("[a](x.md) [b](x.md)\n[c](x.md)\n", 1)
    assert [(link.line, link.column) for link in body.links] == [(1, 5), (1, 15), (2, 5)]


def test_link_targets() -> None:
    assert link_target("#anchor") is None
    assert link_target("https://example.com/a.png") is None
    assert link_target("mailto:a@b.c") is None
    assert link_target("//cdn.example.com/x") is None
    assert link_target("/org/model") is None
    assert link_target("images/a%20b.png?raw=true#frag") == link_target("images/a b.png")
    target = link_target("docs/../../x.md")
    assert target is not None and target.escapes and target.relpath == "../x.md"
    inside = link_target("./docs/../README.md")
    assert inside is not None and not inside.escapes and inside.relpath == "README.md"


def test_hostile_markdown_is_bounded(tmp_path: Path) -> None:
    """Brackets make markdown-it slow (tens of microseconds each): the body limit
    bounds the cost; here 8 MB of them are refused, not parsed."""
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "model.md").write_bytes(b"---\ncard_version: 1.0.0\n---\n" + b"[" * (8 * 1024 * 1024 - 100))
    loaded = LoadedConfig(build_config({"select": ["CARD", "STUB"]}, {}, "test"), tmp_path, None)
    started = time.monotonic()
    report = lint([folder], loaded)
    elapsed = time.monotonic() - started
    parse_errors = [d for d in report.diagnostics if d.code == "CARD001"]
    assert [(d.line, d.column) for d in parse_errors] == [(4, 1)]
    assert "over the 262144-byte limit for markdown" in parse_errors[0].message
    assert elapsed < 20, elapsed

"""Path globs of `exclude` and `per-path-ignores` (gitignore-like)."""

from __future__ import annotations

import pytest

from zoolint.config.globs import path_matches


@pytest.mark.parametrize(
    ("relpath", "pattern", "matches"),
    [
        # A pattern without "/" matches a name at any depth.
        ("cv/a/model.md", "*.md", True),
        ("cv/a/model.md", "model.md", True),
        ("cv/legacy/a/model.md", "legacy", True),
        ("cv/legacy/a/model.md", "legacy/", True),
        ("cv/a/model.md", "*.yaml", False),
        ("cv/a/model.md", "mode?.md", True),
        # A pattern with "/" is anchored at the configuration's directory.
        ("cv/model.md", "cv/*.md", True),
        ("cv/a/model.md", "cv/*.md", False),
        ("x/cv/a", "cv/a", False),
        ("x/cv/a", "/cv", False),
        ("cv/a/model.md", "/cv", True),
        ("cv/a/model.md", "/cv/a", True),
        ("cv/a/model.md", "./cv/a", True),
        # "**" matches any number of folders, none included.
        ("recipes/x.md", "**/recipes/*.md", True),
        ("cv/a/b/recipes/x.md", "**/recipes/*.md", True),
        ("x/z", "x/**/z", True),
        ("x/y/w/z", "x/**/z", True),
        ("x/y/w/q", "x/**/z", False),
        ("a/b/c", "a/**", True),
        # A match on a folder covers everything inside it.
        ("cv/a/training/model.pth", "cv/*/training", True),
        # Classes, negation, literal brackets.
        ("ab", "[ab]b", True),
        ("cb", "[!ab]b", True),
        ("ab", "[!ab]b", False),
        ("]b", "[]]b", True),
        ("[b", "[b", True),
        ("a/b", "a[/]b", False),
        ("a.b", "a.b", True),
        ("axb", "a.b", False),
        ("", "*", False),
    ],
)
def test_path_matches(relpath: str, pattern: str, matches: bool) -> None:
    assert path_matches(relpath, pattern) is matches

"""Comments found the way YAML and markdown parsers see them (zoolint.io.comments)."""

from __future__ import annotations

import pytest
import yaml

from zoolint.io import comments
from zoolint.io.comments import Comment, markdown_comments, yaml_comments


def test_text_without_the_marker_is_not_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("scanned")

    monkeypatch.setattr(comments.yaml, "scan", fail)
    monkeypatch.setattr(comments, "MarkdownIt", fail)
    assert yaml_comments("a: 1  # a note\n") == []
    assert markdown_comments("---\na: 1 # note\n---\n<!-- note -->\n") == []


YAML = """\
a: "x # zoolint: ignore[A]"  # zoolint: ignore[B]
b: |  # zoolint: ignore[C]
  body # zoolint: ignore[D]

# zoolint: ignore[E]

# a plain comment
c: 1
d: 'it''s # zoolint: ignore[F]' # zoolint: ignore[G]
e: [1, 2] # zoolint: ignore[H]
f: >-
  folded
  # zoolint: ignore[I] is content, more indented than the key
g: plain text# zoolint: ignore[J] (no blank before #: part of the scalar)
h: &anchor !tag value   # zoolint: ignore[K]
# zoolint: ignore[L]
"""


def test_yaml_comments_outside_every_token() -> None:
    assert yaml_comments(YAML) == [
        Comment(1, 30, "zoolint: ignore[B]", 1),
        Comment(2, 7, "zoolint: ignore[C]", 2),
        Comment(5, 1, "zoolint: ignore[E]", 8),
        Comment(9, 33, "zoolint: ignore[G]", 9),
        Comment(10, 11, "zoolint: ignore[H]", 10),
        Comment(15, 25, "zoolint: ignore[K]", 15),
        Comment(16, 1, "zoolint: ignore[L]", None),
    ]


def test_pure_python_and_libyaml_scanners_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    with_libyaml = yaml_comments(YAML)
    monkeypatch.setattr(comments, "_Loader", yaml.SafeLoader)
    assert yaml_comments(YAML) == with_libyaml


def test_yaml_comment_after_other_comment_text() -> None:
    assert yaml_comments("a: 1  # why: reasons # zoolint: ignore[X]\n") == [
        Comment(1, 7, "why: reasons # zoolint: ignore[X]", 1)
    ]


def test_yaml_line_offset_and_stacked_comments() -> None:
    text = "# zoolint: ignore[A]\n# zoolint: ignore[B]\n\nkey: 1\n"
    assert yaml_comments(text, line_offset=10) == [
        Comment(11, 1, "zoolint: ignore[A]", 14),
        Comment(12, 1, "zoolint: ignore[B]", 14),
    ]


def test_yaml_windows_line_endings() -> None:
    assert yaml_comments("a: 1 # zoolint: ignore[A]\r\n# zoolint: ignore[B]\r\nb: 2\r\n") == [
        Comment(1, 6, "zoolint: ignore[A]", 1),
        Comment(2, 1, "zoolint: ignore[B]", 3),
    ]


def test_yaml_non_ascii_columns_count_characters() -> None:
    assert yaml_comments("näme: 'wért' # zoolint: ignore[A]\n") == [
        Comment(1, 14, "zoolint: ignore[A]", 1)
    ]


def test_yaml_after_a_syntax_error_falls_back_to_a_quote_aware_reading() -> None:
    text = (
        "a: 1 # zoolint: ignore[A]\n"
        "b: [1, 2\n"
        "c: \"q # zoolint: ignore[X]\" # zoolint: ignore[B]\n"
        "d: it's # zoolint: ignore[C]\n"
        "e: 'x' 'y # zoolint: ignore[Y]'\n"
    )
    assert yaml_comments(text) == [
        Comment(1, 6, "zoolint: ignore[A]", 1),
        Comment(3, 29, "zoolint: ignore[B]", 3),
        Comment(4, 9, "zoolint: ignore[C]", 4),
    ]


MARKDOWN = """\
<!-- licence; zoolint: ignore[L] -->
---
# zoolint: ignore[Y1]
key: 1 # zoolint: ignore[Y2]
quoted: "<!-- zoolint: ignore[Q] -->"
---
# Title <!-- zoolint: ignore[T] -->

<!-- zoolint: ignore[N] -->
<!-- another comment -->
Text `<!-- zoolint: ignore[S] -->` and <!-- zoolint: ignore[P] --> and ``a ` <!-- zoolint: ignore[S2] -->``

```
<!-- zoolint: ignore[F] -->
```

    <!-- zoolint: ignore[I] --> (indented code)

- item

  <!-- zoolint: ignore[LI] -->
  item text
# zoolint: ignore[H] is a heading, not a comment
<!-- x --> <!-- zoolint: ignore[Z] -->
"""


def test_markdown_comments_outside_code_and_yaml_comments_in_frontmatter() -> None:
    assert markdown_comments(MARKDOWN) == [
        Comment(1, 1, "licence; zoolint: ignore[L]", 7),
        Comment(3, 1, "zoolint: ignore[Y1]", 4),
        Comment(4, 8, "zoolint: ignore[Y2]", 4),
        Comment(7, 9, "zoolint: ignore[T]", 7),
        Comment(9, 1, "zoolint: ignore[N]", 11),
        Comment(11, 40, "zoolint: ignore[P]", 11),
        Comment(21, 3, "zoolint: ignore[LI]", 22),
        Comment(24, 12, "zoolint: ignore[Z]", None),
    ]


def test_markdown_without_frontmatter() -> None:
    assert markdown_comments("# T\n\ntext <!-- zoolint: ignore[A] -->\n") == [
        Comment(3, 6, "zoolint: ignore[A]", 3)
    ]


def test_markdown_escaped_backtick_opens_no_code_span() -> None:
    assert markdown_comments("a \\` <!-- zoolint: ignore[A] --> `b`\n") == [
        Comment(1, 6, "zoolint: ignore[A]", 1)
    ]


def test_markdown_multi_line_comments_are_not_suppressions() -> None:
    assert markdown_comments("<!--\nzoolint: ignore[A]\n-->\ntext\n") == []


@pytest.mark.parametrize(
    ("line", "spans"),
    [
        ("a `b` c", [(2, 5)]),
        ("`a\\`", [(0, 4)]),  # no escapes inside a span
        ("\\`a`", []),  # an escaped backtick opens nothing; the other is then unmatched
        ("``a ` b``", [(0, 9)]),
        ("` a", []),
        ("`` a ` b", []),
        ("x \\\\`a`", [(4, 7)]),  # an escaped backslash, then a span
        ("`a` and ``b``", [(0, 3), (8, 13)]),
    ],
)
def test_code_spans(line: str, spans: list[tuple[int, int]]) -> None:
    assert comments.code_spans(line) == spans


def test_hostile_inputs_stay_linear() -> None:
    """Quadratic scans would take minutes on these; linear ones take a second."""
    import time

    started = time.monotonic()
    many_on_one_line = markdown_comments("<!-- zoolint: ignore[A] --> " * 20000 + "\n")
    many_alone = markdown_comments("<!-- zoolint: ignore[A] -->\n" * 20000 + "text\n")
    backticks = markdown_comments("`` ` " * 100000 + "<!-- zoolint: ignore[A] -->\n")
    hashes_in_a_string = yaml_comments("a: '" + "#" * 500000 + "' # zoolint: ignore[A]\n")
    yaml_alone = yaml_comments("# zoolint: ignore[A]\n" * 20000 + "a: 1\n")
    unclosed = markdown_comments("<!--" * 200000 + " zoolint: x\n")
    assert time.monotonic() - started < 30
    assert {c.target for c in many_on_one_line} == {None}
    assert (len(many_alone), many_alone[0].target, many_alone[-1].target) == (20000, 20001, 20001)
    assert backticks == [Comment(1, 500001, "zoolint: ignore[A]", 1)]
    assert hashes_in_a_string == [Comment(1, 500007, "zoolint: ignore[A]", 1)]
    assert (len(yaml_alone), yaml_alone[0].target) == (20000, 20001)
    assert unclosed == []

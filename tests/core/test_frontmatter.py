"""Frontmatter is recognised only at the top (after licence comments, for recipes)."""

from __future__ import annotations

from zoolint.io.frontmatter import Frontmatter, FrontmatterError, split_frontmatter


def test_frontmatter_at_the_top() -> None:
    split = split_frontmatter("---\na: 1\n---\n# Title\n")
    assert split == Frontmatter(True, "a: 1\n", 2, "# Title\n", 4)


def test_rules_later_in_the_body_are_not_frontmatter() -> None:
    text = "# Title\n\n---\na: 1\n---\n"
    assert split_frontmatter(text) == Frontmatter(False, "", 0, text, 1)


def test_dashes_inside_a_value_do_not_end_it() -> None:
    split = split_frontmatter("---\na: 'x --- y'\nb: ---x\n---\nbody\n")
    assert isinstance(split, Frontmatter)
    assert split.yaml_text == "a: 'x --- y'\nb: ---x\n"


def test_unclosed_frontmatter_is_an_error_at_its_opening_line() -> None:
    assert split_frontmatter("---\na: 1\n") == FrontmatterError(
        "frontmatter opened with '---' is never closed by a second '---' line", 1
    )


def test_recipes_may_open_with_a_licence_comment() -> None:
    text = "<!--\nLicensed under the Apache License\n-->\n\n---\nx: 1\n---\nbody\n"
    split = split_frontmatter(text, allow_leading_comments=True)
    assert split == Frontmatter(True, "x: 1\n", 6, "body\n", 8)
    assert split_frontmatter(text).present is False


def test_unclosed_leading_comment_is_an_error() -> None:
    assert split_frontmatter("<!-- licence\n---\n", allow_leading_comments=True) == (
        FrontmatterError("HTML comment is never closed (no '-->')", 1)
    )

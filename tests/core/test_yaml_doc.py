"""The bounded, positioned YAML reader every YAML artifact goes through."""

from __future__ import annotations

import time

from zoolint.io.yaml_doc import TaggedMap, YamlDoc, YamlError, parse_yaml


def parsed(text: str, **kwargs: int) -> YamlDoc:
    doc = parse_yaml(text, **kwargs)
    assert isinstance(doc, YamlDoc), doc
    return doc


def test_values_keep_their_python_types_and_versions_stay_text() -> None:
    doc = parsed("a: 1\nb: 2.5\nc: true\nd: null\nversion: 1.0.0\nwhen: 2021-01-01\n")
    assert doc.value == {
        "a": 1, "b": 2.5, "c": True, "d": None, "version": "1.0.0", "when": "2021-01-01"
    }


def test_positions_of_keys_and_values_are_one_based() -> None:
    doc = parsed("top:\n  - name: x\n    value: 3\n")
    assert doc.locate(("top", 0, "value")) == (3, 12)
    assert doc.locate(("top", 0, "value"), prefer_key=True) == (3, 5)
    assert doc.locate(("top",)) == (2, 3)


def test_locate_falls_back_to_the_nearest_enclosing_node() -> None:
    doc = parsed("a:\n  b: 1\n")
    assert doc.locate(("a", "missing", "deeper")) == (2, 3)


def test_line_offset_shifts_every_position() -> None:
    doc = parsed("x: 1\n", line_offset=4)
    assert doc.locate(("x",)) == (5, 4)


def test_local_tags_make_tagged_maps_and_are_recorded() -> None:
    doc = parsed("mods:\n  - !GMPruningModifier\n    final_sparsity: 0.9\n")
    modifier = doc.value["mods"][0]
    assert isinstance(modifier, TaggedMap)
    assert modifier.tag == "!GMPruningModifier"
    assert modifier == {"final_sparsity": 0.9}
    assert doc.tags == {("mods", 0): "!GMPruningModifier"}


def test_aliases_resolve_to_the_anchored_value() -> None:
    doc = parsed("n: &n 90\nm:\n  end: *n\n")
    assert doc.value == {"n": 90, "m": {"end": 90}}


def test_merge_keys_apply_and_explicit_keys_win_in_any_order() -> None:
    doc = parsed("b: &b {x: 1, y: 2}\nc: {y: 3, <<: *b}\nd: {<<: *b, y: 4}\n")
    assert doc.value["c"] == {"y": 3, "x": 1}
    assert doc.value["d"] == {"x": 1, "y": 4}


def test_duplicate_keys_are_recorded_with_position() -> None:
    doc = parsed("a: 1\nb: 2\na: 3\n")
    assert doc.value == {"a": 3, "b": 2}
    assert doc.duplicate_keys == [(("a",), 3, 1)]


def test_undefined_alias_is_named_with_its_position() -> None:
    assert parse_yaml("a: 1\nb: *missing\n") == YamlError("undefined alias 'missing'", 2, 4)


def test_syntax_error_has_line_and_column() -> None:
    error = parse_yaml("a: [1, 2\nb: 3\n")
    assert isinstance(error, YamlError)
    assert (error.line, error.column) == (2, 2)
    assert "','" in error.message


def test_second_document_is_an_error() -> None:
    assert parse_yaml("a: 1\n---\nb: 2\n") == YamlError(
        "expected a single document, found a second one", 2, 1
    )


def test_empty_document_is_none() -> None:
    assert parsed("").value is None
    assert parsed("# only a comment\n").value is None


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 10):
        ref = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([ref] * 9)}]")
    started = time.perf_counter()
    error = parse_yaml("\n".join(lines) + "\n", max_nodes=100_000)
    elapsed = time.perf_counter() - started
    assert isinstance(error, YamlError)
    assert error.message.startswith("document expands to more than 100000 nodes")
    assert elapsed < 5  # generous; the point is it does not expand 9**10 nodes


def test_deep_nesting_is_refused_without_crashing() -> None:
    error = parse_yaml("[" * 50_000 + "]" * 50_000, max_depth=100)
    assert error == YamlError("nesting is too deep (over 100 levels)", 1, 101)


def test_mapping_keys_that_are_collections_become_text() -> None:
    doc = parsed("? [1, 2]\n: v\n")
    assert doc.value == {"[1, 2]": "v"}


def test_reader_errors_have_line_and_column() -> None:
    # The reader (not the parser) refuses control characters; libyaml counts bytes.
    error = parse_yaml("a: é\nb: x \x07\n", line_offset=2)
    assert error == YamlError(
        "contains the character U+0007, which YAML does not allow",
        4,
        6,
    )

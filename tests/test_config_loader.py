"""Finding, reading, validating and merging configuration files."""

from __future__ import annotations

from pathlib import Path

import pytest

from zoolint.config.loader import (
    ConfigError,
    build_config,
    find_config_file,
    load_config,
    merge_config,
)
from zoolint.diagnostics import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository root: the upward search never leaves it."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    return root


def error_of(*args: object, **kwargs: object) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(*args, **kwargs)  # type: ignore[arg-type]
    return str(info.value)


# --- finding the file ------------------------------------------------------------


def test_zoolint_toml_is_found_upward_from_the_target(repo: Path) -> None:
    config = write(repo / "zoolint.toml", 'select = ["FAKE001"]\n')
    target = repo / "cv" / "m"
    target.mkdir(parents=True)
    loaded = load_config(target)
    assert loaded.source == config
    assert loaded.base_dir == repo
    assert loaded.config.select == ["FAKE001"]


def test_a_file_target_searches_from_its_folder(repo: Path) -> None:
    config = write(repo / "cv" / "zoolint.toml", 'ignore = ["FAKE002"]\n')
    target = write(repo / "cv" / "m" / "model.md", "# m\n")
    assert load_config(target).source == config


def test_the_nearest_file_wins(repo: Path) -> None:
    write(repo / "zoolint.toml", 'ignore = ["FAKE001"]\n')
    inner = write(repo / "cv" / "zoolint.toml", 'ignore = ["FAKE002"]\n')
    loaded = load_config(repo / "cv")
    assert (loaded.source, loaded.config.ignore) == (inner, ["FAKE002"])


def test_pyproject_tool_zoolint_table_is_read(repo: Path) -> None:
    config = write(repo / "pyproject.toml", '[project]\nname = "x"\n\n[tool.zoolint]\nignore = ["FAKE001"]\n')
    loaded = load_config(repo)
    assert (loaded.source, loaded.config.ignore) == (config, ["FAKE001"])


def test_pyproject_without_the_table_is_passed_over(repo: Path) -> None:
    outer = write(repo / "zoolint.toml", 'ignore = ["FAKE001"]\n')
    write(repo / "cv" / "pyproject.toml", '[tool.black]\nline-length = 100\n')
    assert load_config(repo / "cv").source == outer


def test_zoolint_toml_wins_over_pyproject_in_one_folder(repo: Path) -> None:
    write(repo / "pyproject.toml", '[tool.zoolint]\nignore = ["FAKE001"]\n')
    config = write(repo / "zoolint.toml", 'ignore = ["FAKE002"]\n')
    assert find_config_file(repo) == config


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path / "zoolint.toml", 'ignore = ["FAKE001"]\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "m").mkdir()
    loaded = load_config(repo / "m")
    assert (loaded.source, loaded.base_dir, loaded.config.ignore) == (None, repo, [])


def test_a_git_file_marks_a_repository_root_too(tmp_path: Path) -> None:
    write(tmp_path / "zoolint.toml", 'ignore = ["FAKE001"]\n')
    repo = tmp_path / "worktree"
    write(repo / ".git", "gitdir: /elsewhere\n")
    assert load_config(repo).source is None


# --- --config and --isolated -------------------------------------------------------


def test_config_option_names_the_file_anywhere(repo: Path, tmp_path: Path) -> None:
    write(repo / "zoolint.toml", 'ignore = ["FAKE001"]\n')
    chosen = write(tmp_path / "ci" / "gate.toml", 'ignore = ["FAKE002"]\n')
    loaded = load_config(repo, config_file=chosen)
    assert (loaded.source, loaded.base_dir, loaded.config.ignore) == (
        chosen,
        tmp_path / "ci",
        ["FAKE002"],
    )


def test_config_option_with_a_pyproject_reads_its_table(repo: Path) -> None:
    chosen = write(repo / "sub" / "pyproject.toml", '[tool.zoolint]\nignore = ["FAKE002"]\n')
    assert load_config(repo, config_file=chosen).config.ignore == ["FAKE002"]


def test_config_option_with_a_pyproject_without_the_table(repo: Path) -> None:
    chosen = write(repo / "pyproject.toml", '[project]\nname = "x"\n')
    assert error_of(repo, config_file=chosen) == f"{chosen}: has no [tool.zoolint] table"


def test_config_option_with_a_missing_file(repo: Path) -> None:
    missing = repo / "nope.toml"
    assert error_of(repo, config_file=missing) == f"{missing}: configuration file not found"


def test_config_option_with_a_folder(repo: Path) -> None:
    folder = repo / "conf"
    folder.mkdir()
    assert (
        error_of(repo, config_file=folder)
        == f"{folder}: is a directory, not a configuration file"
    )


def test_isolated_ignores_every_file(repo: Path) -> None:
    write(repo / "zoolint.toml", 'ignore = ["FAKE001"]\n')
    loaded = load_config(repo / ".", isolated=True, overrides={"ignore": ["FAKE002"]})
    assert (loaded.source, loaded.base_dir, loaded.config.ignore) == (None, repo, ["FAKE002"])


def test_isolated_and_config_together_are_an_error(repo: Path) -> None:
    chosen = write(repo / "zoolint.toml", "")
    assert (
        error_of(repo, config_file=chosen, isolated=True)
        == "--config and --isolated cannot be used together"
    )


# --- errors name the file and the key path -----------------------------------------


def test_invalid_toml(repo: Path) -> None:
    path = write(repo / "zoolint.toml", "select [\n")
    assert error_of(repo) == (
        f"{path}: invalid TOML: Expected '=' after a key in a key/value pair (at line 1, column 8)"
    )


def test_tool_zoolint_that_is_not_a_table(repo: Path) -> None:
    path = write(repo / "pyproject.toml", "[tool]\nzoolint = 3\n")
    assert error_of(repo) == f"{path}: tool.zoolint: must be a table"


def test_unknown_key_with_a_suggestion(repo: Path) -> None:
    path = write(repo / "zoolint.toml", 'selct = ["FAKE001"]\n')
    assert error_of(repo) == f"{path}: selct: unknown key (did you mean 'select'?)"


def test_unknown_key_in_pyproject_names_the_full_key_path(repo: Path) -> None:
    path = write(repo / "pyproject.toml", "[tool.zoolint.limits]\nmax-text-byte = 5\n")
    assert error_of(repo) == (
        f"{path}: tool.zoolint.limits.max-text-byte: unknown key"
        " (did you mean 'max-text-bytes'?)"
    )


def test_unknown_key_without_a_close_match(repo: Path) -> None:
    path = write(repo / "zoolint.toml", "[card]\nwhatever = 1\n")
    assert error_of(repo) == f"{path}: card.whatever: unknown key"


def test_every_bad_value_is_listed_with_its_key_path(repo: Path) -> None:
    path = write(
        repo / "zoolint.toml",
        'select = "FAKE001"\npreset = "strcit"\nfail-on = "fatal"\n'
        '[limits]\nmax-text-bytes = -1\nmax-yaml-depth = "deep"\n'
        '[severity]\nFAKE001 = "loud"\n'
        '[per-path-ignores]\n"cv/*" = "FAKE001"\n'
        "[rules]\nFAKE001 = 3\n",
    )
    assert error_of(repo).splitlines() == [
        f"{path}: select: Input should be a valid list (got 'FAKE001')",
        f"{path}: per-path-ignores.\"cv/*\": Input should be a valid list (got 'FAKE001')",
        f"{path}: severity.FAKE001: Input should be 'info', 'warning' or 'error' (got 'loud')",
        f"{path}: preset: Input should be 'default' or 'strict' (got 'strcit')",
        f"{path}: fail-on: Input should be 'info', 'warning' or 'error' (got 'fatal')",
        f"{path}: rules.FAKE001: Input should be a valid dictionary (got 3)",
        f"{path}: limits.max-text-bytes: Input should be greater than 0 (got -1)",
        f"{path}: limits.max-yaml-depth: Input should be a valid integer, unable to parse"
        " string as an integer (got 'deep')",
    ]


def test_list_items_are_addressed_by_index(repo: Path) -> None:
    path = write(repo / "zoolint.toml", 'ignore = ["FAKE001", 2]\n')
    assert error_of(repo) == f"{path}: ignore[1]: Input should be a valid string (got 2)"


def test_zoolint_toml_holding_a_tool_table_says_why(repo: Path) -> None:
    path = write(repo / "zoolint.toml", '[tool.zoolint]\nselect = ["FAKE001"]\n')
    assert error_of(repo) == (
        f"{path}: tool: unknown key (zoolint.toml holds the settings at its top level,"
        " without [tool.zoolint])"
    )


def test_command_line_errors_name_the_command_line(repo: Path) -> None:
    write(repo / "zoolint.toml", 'ignore = ["FAKE001"]\n')
    assert error_of(repo, overrides={"fail-on": "never"}) == (
        "command line: fail-on: Input should be 'info', 'warning' or 'error' (got 'never')"
    )


# --- merging: defaults < preset < file < command line --------------------------------


def test_merge_config_layers_in_order() -> None:
    merged = merge_config(
        {
            "preset": "strict",
            "ignore": ["A"],
            "extend-select": ["B"],
            "limits": {"max-text-bytes": 10, "max-yaml-depth": 5},
            "rules": {"X001": {"a": 1}},
        },
        {"ignore": ["C"], "extend-select": ["D"], "limits": {"max-text-bytes": 20}, "rules": {"X001": {"b": 2}}},
    )
    assert merged == {
        "select": ["ALL"],
        "preset": "strict",
        "ignore": ["C"],
        "extend-select": ["B", "D"],
        "limits": {"max-text-bytes": 20, "max-yaml-depth": 5},
        "rules": {"X001": {"a": 1, "b": 2}},
    }


def test_defaults_fill_what_no_layer_sets() -> None:
    config = build_config({})
    assert (config.select, config.preset, config.fail_on, config.limits.max_yaml_depth) == (
        None,
        "default",
        Severity.ERROR,
        200,
    )


def test_the_strict_preset_selects_every_rule_below_the_file() -> None:
    assert build_config({"preset": "strict"}).select == ["ALL"]
    assert build_config({"preset": "strict", "select": ["FAKE"]}).select == ["FAKE"]


def test_the_command_line_chooses_the_preset_over_the_file() -> None:
    assert build_config({"preset": "default"}, {"preset": "strict"}).select == ["ALL"]
    assert build_config({"preset": "strict"}, {"preset": "default"}).select is None


def test_command_line_lists_replace_and_extend_lists_add_up(repo: Path) -> None:
    write(
        repo / "zoolint.toml",
        'select = ["FAKE001"]\nextend-ignore = ["FAKE002"]\n[limits]\nmax-yaml-depth = 7\n',
    )
    loaded = load_config(
        repo,
        overrides={"select": ["FAKE"], "extend-ignore": ["FAKE003"], "limits": {"max-yaml-nodes": 9}},
    )
    config = loaded.config
    assert (config.select, config.extend_ignore) == (["FAKE"], ["FAKE002", "FAKE003"])
    assert (config.limits.max_yaml_depth, config.limits.max_yaml_nodes) == (7, 9)


def test_snake_case_overrides_merge_with_kebab_case_file_keys(repo: Path) -> None:
    write(repo / "zoolint.toml", 'extend-select = ["FAKE001"]\n[limits]\nmax-text-bytes = 5\n')
    config = load_config(
        repo, overrides={"extend_select": ["FAKE003"], "limits": {"max_text_bytes": 6}}
    ).config
    assert (config.extend_select, config.limits.max_text_bytes) == (["FAKE001", "FAKE003"], 6)


def test_layers_are_kept_for_later_checks(repo: Path) -> None:
    path = write(repo / "pyproject.toml", '[tool.zoolint]\nignore = ["FAKE001"]\n')
    loaded = load_config(repo, overrides={"select": ["FAKE"]})
    assert [(layer.source, layer.prefix, layer.table) for layer in loaded.layers] == [
        (str(path), ("tool", "zoolint"), {"ignore": ["FAKE001"]}),
        ("command line", (), {"select": ["FAKE"]}),
    ]


def test_zoo_root_is_relative_to_the_file(repo: Path) -> None:
    write(repo / "conf" / "zoolint.toml", 'zoo-root = "../zoo"\n')
    assert load_config(repo / "conf").zoo_root == repo / "zoo"


def test_a_changed_file_is_read_again(repo: Path) -> None:
    path = write(repo / "zoolint.toml", 'ignore = ["FAKE001"]\n')
    assert load_config(repo).config.ignore == ["FAKE001"]
    write(path, 'ignore = ["FAKE002", "FAKE003"]\n')
    assert load_config(repo).config.ignore == ["FAKE002", "FAKE003"]

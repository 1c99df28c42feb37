"""`[tool.zoolint.layout]`: naming a profile, restricting generations, and the errors a
bad profile gives (configuration errors naming the file, line and key; never a crash)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from zoolint.cli import main
from zoolint.config.loader import ConfigError, load_config
from zoolint.config.model import Config

GOOD_PROFILE = """\
profile_version: 1
name: tiny
generations:
  - name: tiny
    slots:
      - slot: card
        description: model card
        level: required
        entries: [{name: model.md, kind: file}]
"""


def _zoo(tmp_path: Path, config: str, profile: str | None = None) -> Path:
    (tmp_path / "zoolint.toml").write_text(textwrap.dedent(config), encoding="utf-8")
    if profile is not None:
        (tmp_path / "layouts").mkdir()
        (tmp_path / "layouts" / "tiny.yaml").write_text(profile, encoding="utf-8")
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "model.md").write_text("# m\n", encoding="utf-8")
    return tmp_path


def test_default_profile_is_builtin_sparsezoo() -> None:
    assert Config().layout.layout_profile.name == "sparsezoo"


def test_profile_path_is_relative_to_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    zoo = _zoo(tmp_path, '[layout]\nprofile = "layouts/tiny.yaml"\n', GOOD_PROFILE)
    monkeypatch.chdir("/")
    loaded = load_config(zoo / "m")
    assert loaded.config.layout.layout_profile.name == "tiny"


def test_bad_profile_names_file_line_and_key(tmp_path: Path) -> None:
    zoo = _zoo(
        tmp_path,
        '[layout]\nprofile = "layouts/tiny.yaml"\n',
        GOOD_PROFILE.replace("level: required", "level: mandatory"),
    )
    with pytest.raises(ConfigError) as error:
        load_config(zoo / "m")
    profile = zoo / "layouts" / "tiny.yaml"
    assert str(error.value) == (
        f"{zoo / 'zoolint.toml'}: layout.profile: {profile}:8:16:"
        " generations[0].slots[0].level: Input should be 'required', 'recommended' or 'optional'"
    )


def test_unknown_key_in_profile_points_at_the_key(tmp_path: Path) -> None:
    zoo = _zoo(
        tmp_path,
        '[layout]\nprofile = "layouts/tiny.yaml"\n',
        GOOD_PROFILE.replace("        level: required", "        level: required\n        levle: optional"),
    )
    with pytest.raises(ConfigError) as error:
        load_config(zoo / "m")
    assert str(error.value).endswith(":9:9: generations[0].slots[0].levle: unknown key")


def test_profile_that_is_not_yaml(tmp_path: Path) -> None:
    zoo = _zoo(tmp_path, '[layout]\nprofile = "layouts/tiny.yaml"\n', "name: [unclosed\n")
    with pytest.raises(ConfigError, match=r"tiny\.yaml:2:1: invalid YAML"):
        load_config(zoo / "m")


def test_missing_profile_file(tmp_path: Path) -> None:
    zoo = _zoo(tmp_path, '[layout]\nprofile = "layouts/none.yaml"\n')
    with pytest.raises(ConfigError, match=r"layout\.profile: .*none\.yaml: cannot be read"):
        load_config(zoo / "m")


def test_unknown_builtin_profile(tmp_path: Path) -> None:
    zoo = _zoo(tmp_path, '[layout]\nprofile = "sparsezo"\n')
    with pytest.raises(ConfigError, match=r"unknown built-in layout profile 'sparsezo' \(built-in: sparsezoo\)"):
        load_config(zoo / "m")


def test_unknown_generation(tmp_path: Path) -> None:
    zoo = _zoo(tmp_path, '[layout]\ngenerations = ["documented", "hubb"]\n')
    with pytest.raises(ConfigError) as error:
        load_config(zoo / "m")
    assert str(error.value) == (
        f"{zoo / 'zoolint.toml'}: layout.generations: 'hubb' names no generation of profile"
        " 'sparsezoo' (it has: documented, hub, legacy)"
    )


def test_generations_restrict_the_profile() -> None:
    config = Config.model_validate({"layout": {"generations": ["legacy", "documented"]}})
    names = [generation.name for generation in config.layout.layout_profile.generations]
    assert names == ["documented", "legacy"]


def test_cli_reports_a_bad_profile_as_a_configuration_error(tmp_path: Path) -> None:
    zoo = _zoo(tmp_path, '[layout]\nprofile = "layouts/tiny.yaml"\n', "profile_version: 2\n")
    result = CliRunner().invoke(main, [str(zoo)])
    assert result.exit_code == 2
    assert "layout.profile" in result.output and "tiny.yaml:1:18: profile_version" in result.output
    assert "Traceback" not in result.output
    assert (result.stdout, result.stderr) == (
        "",
        f"zoolint: {zoo}/zoolint.toml: layout.profile: {zoo}/layouts/tiny.yaml:1:18:"
        " profile_version: Input should be 1\n"
        f"zoolint: {zoo}/layouts/tiny.yaml:1:1: name: Field required\n"
        f"zoolint: {zoo}/layouts/tiny.yaml:1:1: generations: Field required\n",
    )


def test_each_zoo_below_a_named_folder_uses_its_own_config(tmp_path: Path) -> None:
    """`zoolint fixtures/demo-zoo` lints valid/ and broken/ as two zoos: the config file
    closest to a model governs it, and its folder is the zoo root."""
    from zoolint.api import lint

    stub = "cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"
    for zoo in ("a", "b"):
        (tmp_path / zoo / stub).mkdir(parents=True)
        (tmp_path / zoo / stub / "model.md").write_text("# m\n", encoding="utf-8")
    (tmp_path / "a" / "zoolint.toml").write_text("", encoding="utf-8")
    (tmp_path / "b" / "zoolint.toml").write_text('exclude = ["cv"]\n', encoding="utf-8")
    (tmp_path / "c" / "m").mkdir(parents=True)
    (tmp_path / "c" / "m" / "model.md").write_text("# m\n", encoding="utf-8")
    report = lint([tmp_path])
    assert [(model.relpath, model.stub) for model in report.models] == [
        (stub, "zoo:" + stub),  # a/: its own zoo root; b/ excludes its models
        ("c/m", None),  # no closer config: the named folder is the root
    ]

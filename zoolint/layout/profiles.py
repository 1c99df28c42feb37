"""Finding and reading layout profiles: built-in by name, or a user's YAML file.

A profile is configuration, not part of the tree being checked: errors in it are
`ProfileError`s naming the file, the line and the key, which the settings turn into a
configuration error (exit 2) before any model is linted.
"""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from zoolint.diagnostics import format_key_path
from zoolint.io.yaml_doc import YamlError, parse_yaml
from zoolint.layout.profile import LayoutProfile

DEFAULT_PROFILE = "sparsezoo"
# A profile is a short document; anything bigger is not one.
MAX_PROFILE_BYTES = 1024 * 1024


class ProfileError(Exception):
    """A layout profile cannot be used; the message names the file, line and key."""


def builtin_names() -> list[str]:
    folder = resources.files("zoolint") / "layouts"
    return sorted(
        item.name[: -len(".yaml")] for item in folder.iterdir() if item.name.endswith(".yaml")
    )


def is_path_like(value: str) -> bool:
    """A profile setting names a file when it has a separator or a YAML suffix."""
    return "/" in value or os.sep in value or value.endswith((".yaml", ".yml"))


@functools.lru_cache(maxsize=None)
def builtin_profile(name: str) -> LayoutProfile:
    if name not in builtin_names():
        raise ProfileError(
            f"unknown built-in layout profile {name!r} (built-in: {', '.join(builtin_names())});"
            " a profile file is named by a path ending in .yaml"
        )
    resource = resources.files("zoolint") / "layouts" / f"{name}.yaml"
    return parse_profile(resource.read_text(encoding="utf-8"), f"<built-in {name}.yaml>")


def load_profile_file(path: Path) -> LayoutProfile:
    """Read a profile file; cached while the file is unchanged."""
    try:
        st = path.stat()
    except OSError as exc:
        raise ProfileError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    return _load_cached(path, st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=64)
def _load_cached(path: Path, mtime_ns: int, size: int) -> LayoutProfile:
    if not path.is_file():
        raise ProfileError(f"{path}: is not a file")
    if size > MAX_PROFILE_BYTES:
        raise ProfileError(f"{path}: is {size} bytes, too large for a layout profile")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot be read: {exc}") from None
    return parse_profile(text, str(path))


def parse_profile(text: str, source: str) -> LayoutProfile:
    """Parse and validate a profile; errors name `source`, line, column and key path."""
    doc = parse_yaml(text, max_nodes=50_000, max_depth=20)
    if isinstance(doc, YamlError):
        where = f":{doc.line}:{doc.column}" if doc.line else ""
        raise ProfileError(f"{source}{where}: invalid YAML: {doc.message}")
    if not isinstance(doc.value, dict):
        raise ProfileError(f"{source}: a layout profile is a mapping (profile_version, name, ...)")
    try:
        return LayoutProfile.model_validate(doc.value)
    except ValidationError as exc:
        lines = []
        for item in exc.errors():
            loc = tuple(part for part in item["loc"] if isinstance(part, (str, int)))
            line, column = doc.locate(loc, prefer_key=item["type"] == "extra_forbidden")
            where = f":{line}:{column}" if line else ""
            key = format_key_path(loc) or "(top level)"
            message = "unknown key" if item["type"] == "extra_forbidden" else item["msg"]
            lines.append(f"{source}{where}: {key}: {message}")
        raise ProfileError("\n".join(lines)) from None


def resolve_profile(value: str, base_dir: Path | None) -> LayoutProfile:
    """The profile a setting names: a built-in name, or a path relative to `base_dir`."""
    if not is_path_like(value):
        return builtin_profile(value)
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = (base_dir or Path.cwd()) / path
    return load_profile_file(Path(os.path.abspath(path)))


def default_profile() -> LayoutProfile:
    return builtin_profile(DEFAULT_PROFILE)

"""Configuration of the layout rules: the `[tool.zoolint.layout]` table.

```toml
[tool.zoolint.layout]
profile = "sparsezoo"                 # a built-in name, or a path to a profile YAML
generations = ["documented", "hub"]   # accept only these generations of the profile
allow = ["README.md"]                 # extra top-level names that are not reported
```

The profile is read and validated when the configuration is (a bad profile is a
configuration error naming the file and key, exit 2), and kept on the settings, so
rules never read it again. A relative path is relative to the configuration file.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, PrivateAttr, ValidationInfo, model_validator

from zoolint.config.section import ConfigSection
from zoolint.layout.profile import LayoutProfile
from zoolint.layout.profiles import DEFAULT_PROFILE, ProfileError, resolve_profile


class LayoutSettings(ConfigSection):
    """Settings shared by the layout rules."""

    profile: str = Field(
        DEFAULT_PROFILE,
        min_length=1,
        description="Layout profile: a built-in name ('sparsezoo') or the path of a profile"
        " YAML file (validated by schemas/layout.schema.json), relative to the"
        " configuration file.",
    )
    generations: list[str] | None = Field(
        None,
        description="Accept only these generations of the profile (by name). Unset: all.",
    )
    allow: list[str] = Field(
        default_factory=list,
        description="Globs of extra top-level names a model directory may hold without a"
        " warning.",
    )

    _profile: LayoutProfile | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _load_profile(self, info: ValidationInfo) -> LayoutSettings:
        # Imported here: the loader imports the config model, which imports this module.
        from zoolint.config.loader import ConfigError

        context = info.context if isinstance(info.context, dict) else {}
        source = str(context.get("source") or "configuration")
        base_dir = _base_dir(source)
        try:
            profile = resolve_profile(self.profile, base_dir)
        except ProfileError as exc:
            raise ConfigError(f"{source}: layout.profile: {exc}") from None
        if self.generations is not None:
            known = [generation.name for generation in profile.generations]
            unknown = [name for name in self.generations if name not in known]
            if unknown or not self.generations:
                raise ConfigError(
                    f"{source}: layout.generations: {', '.join(map(repr, unknown)) or 'an empty list'}"
                    f" names no generation of profile {profile.name!r}"
                    f" (it has: {', '.join(known)})"
                )
            profile = profile.restricted(self.generations)
        self._profile = profile
        return self

    @property
    def layout_profile(self) -> LayoutProfile:
        """The profile in force, restricted to the accepted generations."""
        assert self._profile is not None  # set by the validator
        return self._profile


def _base_dir(source: str) -> Path | None:
    """Relative profile paths are relative to the configuration file naming them."""
    path = Path(source)
    return path.parent if path.is_file() else None

"""Configuration of the stubs rules: the `[tool.zoolint.stubs]` table.

A zoo declares its own stub vocabulary here; each `extend-<part>` list adds values to
the built-in one (`zoolint.stubs.vocab.BUILTIN`) for that part:

    [tool.zoolint.stubs]
    extend-architectures = ["convnext"]
    extend-datasets = ["beans"]
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from zoolint.config.section import ConfigSection

Name = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_.]+$")]

# stub part -> the settings field that extends its vocabulary
VOCABULARY_PARTS: dict[str, str] = {
    "domain": "extend_domains",
    "sub_domain": "extend_sub_domains",
    "architecture": "extend_architectures",
    "sub_architecture": "extend_sub_architectures",
    "framework": "extend_frameworks",
    "repo": "extend_repos",
    "dataset": "extend_datasets",
    "training_scheme": "extend_training_schemes",
    "sparse_name": "extend_sparse_names",
    "sparse_category": "extend_sparse_categories",
    "sparse_target": "extend_sparse_targets",
}


def _extension(part: str) -> list[str]:
    return Field(
        default_factory=list,
        description=f"Values of the stub's {part.upper()} the zoo uses beyond the built-in ones.",
    )


class StubSettings(ConfigSection):
    """Settings shared by the stubs rules."""

    extend_domains: list[Name] = _extension("domain")
    extend_sub_domains: list[Name] = _extension("sub_domain")
    extend_architectures: list[Name] = _extension("architecture")
    extend_sub_architectures: list[Name] = _extension("sub_architecture")
    extend_frameworks: list[Name] = _extension("framework")
    extend_repos: list[Name] = _extension("repo")
    extend_datasets: list[Name] = _extension("dataset")
    extend_training_schemes: list[Name] = _extension("training_scheme")
    extend_sparse_names: list[Name] = Field(
        default_factory=list,
        description="Kinds of SPARSE_NAME token beyond base, pruned, quant, quantized, arch.",
    )
    extend_sparse_categories: list[Name] = _extension("sparse_category")
    extend_sparse_targets: list[Name] = _extension("sparse_target")
    external_stubs: list[str] = Field(
        default_factory=list,
        description="Globs of stub paths (without 'zoo:', such as"
        " 'cv/classification/*/*/*/*/base-none') that live outside this zoo tree, so they"
        " need not resolve to a directory in it.",
    )

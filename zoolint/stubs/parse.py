"""Model stubs: `zoo:DOMAIN/SUB_DOMAIN/ARCH{-SUB_ARCH}/FRAMEWORK/REPO/DATASET{-SCHEME}/
SPARSE_NAME-SPARSE_CATEGORY{-SPARSE_TARGET}{?key=value&...}`.

`parse_stub` checks the grammar only and names the bad part; whether a value is in a
zoo's vocabulary is a separate, configurable question (warnings, not errors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NAME = re.compile(r"^[a-z0-9_.]+$")
PREFIX = "zoo:"

PART_NAMES = (
    "domain",
    "sub_domain",
    "architecture",
    "framework",
    "repo",
    "dataset",
    "sparse_tag",
)

QUERY_KEYS: dict[str, frozenset[str] | None] = {
    "recipe": None,
    "recipe_type": None,  # older spelling of `recipe`
    "checkpoint": frozenset({"preqat", "postqat", "prepruning", "postpruning"}),
    "deployment": None,
}


@dataclass(frozen=True)
class StubError:
    """Why a text is not a stub; `part` names the offending part of the grammar."""

    message: str
    part: str


@dataclass(frozen=True)
class SparseClaims:
    """What SPARSE_NAME says about the weights: `pruned95` -> 95% zeros, `quant`,
    `base` (dense and unquantized). `pruned_percent` is None for plain `pruned`."""

    pruned: bool
    pruned_percent: float | None
    quantized: bool
    base: bool


@dataclass(frozen=True)
class Stub:
    text: str
    domain: str
    sub_domain: str
    architecture: str
    sub_architecture: str | None
    framework: str
    repo: str
    dataset: str
    training_scheme: str | None
    sparse_name: str
    sparse_category: str
    sparse_target: str | None
    args: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """The stub as a path below a zoo root, without `zoo:` and arguments."""
        arch = self.architecture + (f"-{self.sub_architecture}" if self.sub_architecture else "")
        data = self.dataset + (f"-{self.training_scheme}" if self.training_scheme else "")
        tag = f"{self.sparse_name}-{self.sparse_category}" + (
            f"-{self.sparse_target}" if self.sparse_target else ""
        )
        return "/".join((self.domain, self.sub_domain, arch, self.framework, self.repo, data, tag))

    @property
    def base_category(self) -> str:
        """The sparse category without a suffix: `aggressive_84` -> `aggressive`."""
        return self.sparse_category.split("_", 1)[0]

    @property
    def claims(self) -> SparseClaims:
        return sparse_claims(self.sparse_name)


_PRUNED = re.compile(r"^pruned(\d+(?:\.\d+)?)?$")


def sparse_claims(sparse_name: str) -> SparseClaims:
    tokens = sparse_name.split("_")
    pruned = False
    percent: float | None = None
    for token in tokens:
        match = _PRUNED.match(token)
        if match:
            pruned = True
            if match.group(1):
                percent = float(match.group(1))
    quantized = any(token in ("quant", "quantized", "qat", "int8") for token in tokens)
    base = tokens[0] == "base" and not pruned and not quantized
    return SparseClaims(pruned, percent, quantized, base)


def _check_name(value: str, part: str) -> StubError | None:
    if not value:
        return StubError(f"{part} is empty", part)
    if not NAME.match(value):
        return StubError(
            f"{part} {value!r} has characters outside [a-z0-9_.] (names are lower-case)", part
        )
    return None


def _split_pair(value: str, first: str, second: str) -> tuple[str, str | None] | StubError:
    head, sep, tail = value.partition("-")
    error = _check_name(head, first)
    if error:
        return error
    if sep:
        error = _check_name(tail, second)
        if error:
            return error
        return head, tail
    return head, None


def _parse_query(query: str) -> dict[str, str] | StubError:
    args: dict[str, str] = {}
    if "?" in query:
        return StubError("a stub has at most one '?'", "query")
    for pair in query.split("&"):
        key, sep, value = pair.partition("=")
        if not sep or not key or not value:
            return StubError(f"query argument {pair!r} is not key=value", "query")
        if key not in QUERY_KEYS:
            known = ", ".join(sorted(QUERY_KEYS))
            return StubError(f"unknown query argument {key!r} (known: {known})", "query")
        allowed = QUERY_KEYS[key]
        if allowed is not None and value not in allowed:
            return StubError(
                f"{key}={value!r} is not one of {', '.join(sorted(allowed))}", "query"
            )
        if key in args:
            return StubError(f"query argument {key!r} is given twice", "query")
        args[key] = value
    return args


def parse_stub(text: str) -> Stub | StubError:
    """Parse a stub; the `zoo:` prefix is optional."""
    body = text.strip()
    if body.startswith(PREFIX):
        body = body[len(PREFIX) :]
    body, qmark, query = body.partition("?")
    args: dict[str, str] = {}
    if qmark:
        parsed = _parse_query(query)
        if isinstance(parsed, StubError):
            return parsed
        args = parsed
    segments = body.split("/")
    if len(segments) != 7:
        return StubError(
            f"a stub has 7 '/'-separated parts ({'/'.join(p.upper() for p in PART_NAMES)});"
            f" this one has {len(segments)}",
            "path",
        )
    domain, sub_domain, arch, framework, repo, data, tag = segments
    for value, part in ((domain, "domain"), (sub_domain, "sub_domain"), (framework, "framework"), (repo, "repo")):
        error = _check_name(value, part)
        if error:
            return error
    arch_parts = _split_pair(arch, "architecture", "sub_architecture")
    if isinstance(arch_parts, StubError):
        return arch_parts
    data_parts = _split_pair(data, "dataset", "training_scheme")
    if isinstance(data_parts, StubError):
        return data_parts
    tag_parts = tag.split("-")
    if len(tag_parts) < 2:
        return StubError(
            f"last part {tag!r} must be SPARSE_NAME-SPARSE_CATEGORY (for example pruned95-none)",
            "sparse_category",
        )
    if len(tag_parts) > 3:
        return StubError(
            f"last part {tag!r} has more than SPARSE_NAME-SPARSE_CATEGORY-SPARSE_TARGET",
            "sparse_target",
        )
    for value, part in zip(tag_parts, ("sparse_name", "sparse_category", "sparse_target")):
        error = _check_name(value, part)
        if error:
            return error
    return Stub(
        text=text,
        domain=domain,
        sub_domain=sub_domain,
        architecture=arch_parts[0],
        sub_architecture=arch_parts[1],
        framework=framework,
        repo=repo,
        dataset=data_parts[0],
        training_scheme=data_parts[1],
        sparse_name=tag_parts[0],
        sparse_category=tag_parts[1],
        sparse_target=tag_parts[2] if len(tag_parts) == 3 else None,
        args=args,
    )

"""Model stubs: `zoo:DOMAIN/SUB_DOMAIN/ARCH{-SUB_ARCH}/FRAMEWORK/REPO/DATASET{-SCHEME}/
SPARSE_NAME-SPARSE_CATEGORY{-SPARSE_TARGET}{?key=value&...}`.

`parse_stub` checks the grammar only and names the bad part (and where it starts in the
text, so a diagnostic can point at the column); whether a value is in a zoo's vocabulary
is a separate, configurable question (`zoolint.stubs.vocab`: warnings, not errors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NAME = re.compile(r"^[a-z0-9_.]+$")
# Query values name recipes, checkpoints and deployments: a little wider than names.
QUERY_VALUE = re.compile(r"^[A-Za-z0-9_.\-]+$")
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
    """Why a text is not a stub.

    `part` names the offending part of the grammar (`domain`, `sub_architecture`,
    `query`, `path` for the overall shape, ...); `offset` is where that part starts in
    the text given to `parse_stub` (0-based), so callers can turn it into a column.
    """

    message: str
    part: str
    offset: int = 0


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
        return "/".join(
            (self.domain, self.sub_domain, arch, self.framework, self.repo, data, self.sparse_tag)
        )

    @property
    def sparse_tag(self) -> str:
        """The last segment: `pruned95_quant-moderate-vnni`."""
        return f"{self.sparse_name}-{self.sparse_category}" + (
            f"-{self.sparse_target}" if self.sparse_target else ""
        )

    @property
    def canonical(self) -> str:
        """`zoo:` + path, without query arguments."""
        return PREFIX + self.path

    @property
    def base_category(self) -> str:
        """The sparse category without a suffix: `aggressive_84` -> `aggressive`."""
        return self.sparse_category.split("_", 1)[0]

    @property
    def claims(self) -> SparseClaims:
        return sparse_claims(self.sparse_name)

    def part_values(self) -> dict[str, str]:
        """Every part that has a value, by part name (for vocabulary checks)."""
        values = {
            "domain": self.domain,
            "sub_domain": self.sub_domain,
            "architecture": self.architecture,
            "sub_architecture": self.sub_architecture,
            "framework": self.framework,
            "repo": self.repo,
            "dataset": self.dataset,
            "training_scheme": self.training_scheme,
            "sparse_name": self.sparse_name,
            "sparse_category": self.sparse_category,
            "sparse_target": self.sparse_target,
        }
        return {key: value for key, value in values.items() if value is not None}


_PRUNED = re.compile(r"^pruned(\d+(?:\.\d+)?)?$")
QUANT_TOKENS = frozenset({"quant", "quantized", "qat", "int8"})


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
    quantized = any(token in QUANT_TOKENS for token in tokens)
    base = tokens[0] == "base" and not pruned and not quantized
    return SparseClaims(pruned, percent, quantized, base)


def _check_name(value: str, part: str, offset: int) -> StubError | None:
    if not value:
        return StubError(f"{part} is empty", part, offset)
    if not NAME.match(value):
        bad = next(ch for ch in value if not NAME.match(ch))
        reason = "upper-case letters" if bad.isupper() else f"{bad!r}"
        return StubError(
            f"{part} {value!r} contains {reason}; names are lower-case [a-z0-9_.]", part, offset
        )
    return None


def _split_pair(
    value: str, first: str, second: str, offset: int
) -> tuple[str, str | None] | StubError:
    """`resnet_v1-50` -> (`resnet_v1`, `50`): only the first `-` separates the two."""
    head, sep, tail = value.partition("-")
    error = _check_name(head, first, offset)
    if error:
        return error
    if not sep:
        return head, None
    tail_offset = offset + len(head) + 1
    if "-" in tail:
        return StubError(
            f"{second} {tail!r} contains '-': only one '-' may separate {first} from {second}",
            second,
            tail_offset,
        )
    error = _check_name(tail, second, tail_offset)
    if error:
        return error
    return head, tail


def _parse_query(query: str, offset: int) -> dict[str, str] | StubError:
    args: dict[str, str] = {}
    if "?" in query:
        return StubError("a stub has at most one '?'", "query", offset + query.index("?"))
    position = offset
    for pair in query.split("&"):
        key, sep, value = pair.partition("=")
        if not sep or not key or not value:
            return StubError(f"query argument {pair!r} is not key=value", "query", position)
        if key not in QUERY_KEYS:
            known = ", ".join(sorted(QUERY_KEYS))
            return StubError(f"unknown query argument {key!r} (known: {known})", "query", position)
        allowed = QUERY_KEYS[key]
        value_offset = position + len(key) + 1
        if allowed is not None and value not in allowed:
            return StubError(
                f"{key}={value!r} is not one of {', '.join(sorted(allowed))}", "query", value_offset
            )
        if not QUERY_VALUE.match(value):
            return StubError(
                f"{key}={value!r} has characters outside [A-Za-z0-9_.-]", "query", value_offset
            )
        if key in args:
            return StubError(f"query argument {key!r} is given twice", "query", position)
        args[key] = value
        position += len(pair) + 1
    return args


def parse_stub(text: str) -> Stub | StubError:
    """Parse a stub; the `zoo:` prefix is optional. Offsets in errors index `text`."""
    start = len(text) - len(text.lstrip())
    body = text.strip()
    if body[: len(PREFIX)].lower() == PREFIX and not body.startswith(PREFIX):
        return StubError(f"the prefix is written {PREFIX!r}, in lower case", "prefix", start)
    if body.startswith(PREFIX):
        body = body[len(PREFIX) :]
        start += len(PREFIX)
    if not body:
        return StubError("the stub is empty", "path", start)
    body, qmark, query = body.partition("?")
    args: dict[str, str] = {}
    if qmark:
        parsed = _parse_query(query, start + len(body) + 1)
        if isinstance(parsed, StubError):
            return parsed
        args = parsed
    segments = body.split("/")
    if len(segments) != 7:
        return _shape_error(body, segments, start)
    offsets = []
    position = start
    for segment in segments:
        offsets.append(position)
        position += len(segment) + 1
    domain, sub_domain, arch, framework, repo, data, tag = segments
    for index, (value, part) in enumerate(
        ((domain, "domain"), (sub_domain, "sub_domain")), start=0
    ):
        error = _check_name(value, part, offsets[index])
        if error:
            return error
    arch_parts = _split_pair(arch, "architecture", "sub_architecture", offsets[2])
    if isinstance(arch_parts, StubError):
        return arch_parts
    for index, (value, part) in ((3, (framework, "framework")), (4, (repo, "repo"))):
        error = _check_name(value, part, offsets[index])
        if error:
            return error
    data_parts = _split_pair(data, "dataset", "training_scheme", offsets[5])
    if isinstance(data_parts, StubError):
        return data_parts
    tag_parts = tag.split("-")
    if len(tag_parts) < 2:
        return StubError(
            f"last part {tag!r} must be SPARSE_NAME-SPARSE_CATEGORY (for example pruned95-none)",
            "sparse_category",
            offsets[6],
        )
    if len(tag_parts) > 3:
        return StubError(
            f"last part {tag!r} has more than SPARSE_NAME-SPARSE_CATEGORY-SPARSE_TARGET",
            "sparse_target",
            offsets[6],
        )
    position = offsets[6]
    for value, part in zip(tag_parts, ("sparse_name", "sparse_category", "sparse_target")):
        error = _check_name(value, part, position)
        if error:
            return error
        position += len(value) + 1
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


def _shape_error(body: str, segments: list[str], start: int) -> StubError:
    shape = "/".join(p.upper() for p in PART_NAMES)
    if body.endswith("/") and len(segments) == 8:
        return StubError("the stub ends with '/'", "path", start + len(body) - 1)
    if body.startswith("/"):
        return StubError("the stub starts with '/'", "path", start)
    if "//" in body:
        return StubError("the stub has an empty part ('//')", "path", start + body.index("//") + 1)
    return StubError(
        f"a stub has 7 '/'-separated parts ({shape}); this one has {len(segments)}", "path", start
    )

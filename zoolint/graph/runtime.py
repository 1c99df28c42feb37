"""Which IR versions and opsets each onnxruntime release loads.

onnxruntime refuses a model whose IR version is newer than the one it was built with
("Unsupported model IR version") and, by default, one that imports an ai.onnx opset
newer than the last it implements ("Opset N is under development"). New onnx releases
write new IR versions by default, so a model exported on a developer's machine can be
unloadable in production. The target runtime is configured as a requirement
(`target-runtime = "onnxruntime>=1.16"`); the oldest release it admits decides.

Sources of the table:
- 0.1 to 1.20: the "ONNX Runtime compatibility" table, onnxruntime documentation,
  https://onnxruntime.ai/docs/reference/compatibility.html
  (docs/reference/compatibility.md in microsoft/onnxruntime, gh-pages).
- 1.21 and 1.22 ship ONNX 1.17 (opset 22, IR 10): microsoft/onnxruntime#23162 (the
  ONNX 1.17 integration, "ONNX Runtime Version 1.21.0"); ONNX 1.18 only lands in 1.23
  (microsoft/onnxruntime#24945, maintainers: "part of 1.23").
- 1.23 ships ONNX 1.18 (opset 23, IR 11): microsoft/onnxruntime#24945.
- 1.31: measured on onnxruntime 1.31.1, which loads IR 13 and opset 26 and refuses IR
  14 and opset 27 (ONNX 1.21, integrated in microsoft/onnxruntime#27601).
Releases between documented rows (1.24 to 1.30) are assumed to load no more than the
latest documented release before them: conservative, and said so in messages.
IR and opset per ONNX release: `onnx.helper.VERSION_TABLE`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from packaging.specifiers import InvalidSpecifier, SpecifierSet


@dataclass(frozen=True)
class RuntimeRelease:
    """What one onnxruntime release (major.minor) loads."""

    release: str
    max_opset: int
    max_ml_opset: int
    max_ir_version: int
    documented: bool = True
    assumed_from: str | None = None

    @property
    def label(self) -> str:
        return f"onnxruntime {self.release}"


# (release, ai.onnx opset, ai.onnx.ml opset, IR version), oldest first.
_DOCUMENTED: tuple[tuple[str, int, int, int], ...] = (
    ("0.1", 8, 1, 3),
    ("0.2", 8, 1, 3),
    ("0.3", 9, 1, 3),
    ("0.4", 10, 1, 5),
    ("0.5", 10, 1, 5),
    ("1.0", 11, 2, 6),
    ("1.1", 11, 2, 6),
    ("1.2", 11, 2, 6),
    ("1.3", 12, 2, 7),
    ("1.4", 12, 2, 7),
    ("1.5", 12, 2, 7),
    ("1.6", 13, 2, 7),
    ("1.7", 13, 2, 7),
    ("1.8", 14, 2, 7),
    ("1.9", 15, 2, 8),
    ("1.10", 15, 2, 8),
    ("1.11", 16, 2, 8),
    ("1.12", 17, 3, 8),
    ("1.13", 17, 3, 8),
    ("1.14", 18, 3, 8),
    ("1.15", 19, 3, 8),
    ("1.16", 19, 3, 9),
    ("1.17", 20, 4, 9),
    ("1.18", 21, 4, 10),
    ("1.19", 21, 4, 10),
    ("1.20", 21, 4, 10),
    ("1.21", 22, 5, 10),
    ("1.22", 22, 5, 10),
    ("1.23", 23, 5, 11),
    ("1.31", 26, 5, 13),
)


def _version_key(release: str) -> tuple[int, ...]:
    return tuple(int(part) for part in release.split("."))


def _all_releases() -> list[RuntimeRelease]:
    """Every minor release up to the newest documented one, gaps filled conservatively."""
    rows = [RuntimeRelease(r, opset, ml, ir) for r, opset, ml, ir in _DOCUMENTED]
    filled: list[RuntimeRelease] = []
    for row, following in zip(rows, [*rows[1:], None]):
        filled.append(row)
        if following is None:
            break
        major, minor = _version_key(row.release)
        next_major, next_minor = _version_key(following.release)
        if major == next_major:
            for gap in range(minor + 1, next_minor):
                filled.append(
                    RuntimeRelease(
                        f"{major}.{gap}", row.max_opset, row.max_ml_opset, row.max_ir_version,
                        documented=False, assumed_from=row.release,
                    )
                )
    return filled


RELEASES: tuple[RuntimeRelease, ...] = tuple(_all_releases())

_REQUIREMENT = re.compile(r"^\s*(?P<name>[A-Za-z0-9_.\-]+)?\s*(?P<spec>.*)$")


class TargetError(ValueError):
    """The configured target runtime cannot be understood."""


def parse_target(requirement: str) -> SpecifierSet:
    """`onnxruntime>=1.16` (or just `>=1.16`, or `1.16`) as a specifier set."""
    match = _REQUIREMENT.match(requirement)
    assert match is not None
    name = (match.group("name") or "").lower().replace("_", "-")
    spec = match.group("spec").strip()
    if name and re.fullmatch(r"[0-9][0-9.]*", name) and not spec:
        spec, name = f"=={name}.*" if name.count(".") < 2 else f"=={name}", ""
    if name and name not in ("onnxruntime", "onnxruntime-gpu"):
        raise TargetError(f"target runtime {requirement!r}: only onnxruntime is known")
    try:
        return SpecifierSet(spec)
    except InvalidSpecifier as exc:
        raise TargetError(f"target runtime {requirement!r}: {exc}") from None


@lru_cache(maxsize=32)
def oldest_admitted(requirement: str) -> RuntimeRelease | None:
    """The oldest release in the table the requirement admits (None: none of them)."""
    specifiers = parse_target(requirement)
    for release in RELEASES:
        if any(specifiers.contains(f"{release.release}.{patch}") for patch in range(0, 25)):
            return release
    return None

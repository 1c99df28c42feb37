"""Build valid model cards for a stub: every CARD and STUB rule passes on them.

    stub = "zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/pruned95-none"
    write_card(model_dir, stub)

The card's fields agree with the stub (domain, task, architecture, display name, tags,
optimizations); `base` is the stub's `base-none` sibling, which a demo zoo should also
hold (or pass `base=` explicitly).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from zoolint.stubs.parse import Stub, StubError, parse_stub

_ARCH_NAMES = {
    "resnet_v1": "ResNet",
    "mobilenet_v1": "MobileNet",
    "bert": "BERT",
    "yolov5": "YOLOv5",
}


def _stub(stub: str | Stub) -> Stub:
    if isinstance(stub, Stub):
        return stub
    parsed = parse_stub(stub)
    if isinstance(parsed, StubError):
        raise ValueError(f"{stub!r} is not a stub: {parsed.message}")
    return parsed


def base_stub(stub: str | Stub) -> str:
    """The stub of the `base-none` model in the same folder as `stub`."""
    parsed = _stub(stub)
    return "zoo:" + parsed.path.rsplit("/", 1)[0] + "/base-none"


def _display_name(stub: Stub) -> str:
    claims = stub.claims
    arch = _ARCH_NAMES.get(stub.architecture, stub.architecture)
    if stub.sub_architecture:
        arch = f"{arch}-{stub.sub_architecture}"
    words = []
    if claims.pruned:
        words.append(f"{claims.pruned_percent:g}% Pruned" if claims.pruned_percent else "Pruned")
    if claims.quantized:
        words.append("Quantized")
    return " ".join([*words, arch]) if words else f"{arch} Baseline"


def _optimizations(stub: Stub) -> list[str]:
    claims = stub.claims
    items = []
    if claims.pruned:
        items.append(f"GMP {claims.pruned_percent:g}%" if claims.pruned_percent else "GMP")
    if claims.quantized:
        items.append("QAT Int8")
    return items


def card_fields(stub: str | Stub, **overrides: Any) -> dict[str, Any]:
    """The frontmatter fields of a valid card for `stub`; `overrides` replace fields
    (a value of None removes the field)."""
    parsed = _stub(stub)
    fields: dict[str, Any] = {
        "card_version": "1.0.0",
        "base": base_stub(parsed),
        "domain": parsed.domain,
        "task": parsed.sub_domain,
        "architecture": parsed.architecture,
        "framework": parsed.framework,
        "repo": parsed.repo,
        "source_dataset": parsed.dataset,
        "optimizations": _optimizations(parsed),
        "display_name": _display_name(parsed),
        "tags": [parsed.architecture, parsed.framework, parsed.dataset],
    }
    if parsed.sub_architecture:
        fields["sub_architecture"] = parsed.sub_architecture
    for key, value in overrides.items():
        if value is None:
            fields.pop(key, None)
        else:
            fields[key] = value
    return fields


def card_text(stub: str | Stub, body: str | None = None, **overrides: Any) -> str:
    """A whole `model.md`: frontmatter and a body with a title and a training command."""
    parsed = _stub(stub)
    fields = card_fields(parsed, **overrides)
    frontmatter = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True)
    if body is None:
        body = (
            f"# {fields['display_name']}\n\n"
            "A sample command that recreates this model:\n\n"
            "```bash\n"
            f"sparseml.train --recipe-path {parsed.canonical}?recipe=original\n"
            "```\n"
        )
    return f"---\n{frontmatter}---\n\n{body}"


def write_card(
    model_dir: Path, stub: str | Stub, body: str | None = None, **overrides: Any
) -> Path:
    """Write `model_dir/model.md` for `stub`."""
    model_dir.mkdir(parents=True, exist_ok=True)
    path = model_dir / "model.md"
    path.write_text(card_text(stub, body, **overrides), encoding="utf-8")
    return path

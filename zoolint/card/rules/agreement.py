"""CARD rules comparing the card with the stub its directory's path spells."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zoolint.card.claims import TextClaims, tag_claims, text_claims
from zoolint.card.load import CardDocument, card
from zoolint.diagnostics import Finding, KeyPath, Severity
from zoolint.io.artifact import Parsed
from zoolint.rules.base import RuleContext, rule
from zoolint.stubs.parse import SparseClaims, Stub
from zoolint.stubs.path import path_stub


def _card(ctx: RuleContext) -> tuple[CardDocument, str]:
    artifact = card(ctx.model)
    assert isinstance(artifact, Parsed)
    return artifact.value, artifact.path


def _as_text(value: Any) -> str | None:
    """A card value as the text a stub would hold (`50` -> "50"); None if not scalar."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value).strip().lower()
    return None


@rule(
    code="CARD009",
    name="card-path-mismatch",
    summary="A card field disagrees with the stub the directory's path spells.",
    severity=Severity.ERROR,
    needs=(card,),
)
def card_path_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """The card's `domain`, `task`, `architecture`, `sub_architecture`, `framework`,
    `repo` or dataset disagree with the directory's path below the zoo root, when that
    path is a stub (`cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/...`).

    The dataset agrees when the path's DATASET is the card's `source_dataset` or its
    `train_dataset` (a transfer-learned model names either). Optional fields are only
    compared when the card gives them; comparisons ignore case.

    Why: the path is the model's identity on the hub; a card that says `task:
    detection` under `cv/classification/` is describing some other model.
    """
    stub = path_stub(ctx.model)
    if stub is None:
        return
    document, relpath = _card(ctx)
    data = document.data
    checks: list[tuple[str, str | None]] = [
        ("domain", stub.domain),
        ("task" if "task" in data else "sub_domain", stub.sub_domain),
        ("architecture", stub.architecture),
        ("sub_architecture", stub.sub_architecture),
        ("framework", stub.framework),
        ("repo", stub.repo),
    ]
    for key, expected in checks:
        if key not in data or data[key] is None:
            continue
        actual = _as_text(data[key])
        if actual is None:
            continue  # not a scalar: CARD003 reports the type
        if expected is None or actual != expected.lower():
            yield _mismatch(document, relpath, (key,), data[key], expected, stub)
    datasets = [
        key for key in ("source_dataset", "dataset", "train_dataset") if _as_text(data.get(key))
    ]
    if datasets and all(_as_text(data[key]) != stub.dataset.lower() for key in datasets):
        yield _mismatch(document, relpath, (datasets[0],), data[datasets[0]], stub.dataset, stub)


def _mismatch(
    document: CardDocument,
    relpath: str,
    key_path: KeyPath,
    actual: Any,
    expected: str | None,
    stub: Stub,
) -> Finding:
    line, column = document.yaml.locate(key_path)
    said = f"says {expected!r}" if expected is not None else "has none"
    return Finding(
        f"{key_path[0]} is {actual!r}, but the directory's stub {stub.path!r} {said}",
        path=relpath,
        line=line,
        column=column,
        key_path=key_path,
        hint="correct the card, or move the model to the folder of its real stub",
    )


def _conflict(claims: TextClaims, path: SparseClaims) -> str | None:
    """Why `claims` contradict the path's SPARSE_NAME, or None when they do not."""
    if path.base and claims.claims_anything:
        what = "pruning" if claims.pruned else "quantization"
        return f"claims {what}, but the path's SPARSE_NAME is base (dense, not quantized)"
    if claims.pruned and not path.pruned and not path.base:
        return "claims pruning, but the path's SPARSE_NAME does not say pruned"
    if claims.quantized and not path.quantized:
        return "claims quantization, but the path's SPARSE_NAME does not say quant"
    if claims.percents and path.pruned_percent is not None:
        if all(abs(p - path.pruned_percent) > 0.5 for p in claims.percents):
            stated = ", ".join(f"{p:g}%" for p in claims.percents)
            return f"says {stated} pruned, but the path's SPARSE_NAME says {path.pruned_percent:g}%"
    return None


def _claim_values(data: dict[str, Any]) -> Iterator[tuple[KeyPath, str, TextClaims]]:
    name = data.get("display_name")
    if isinstance(name, str):
        yield ("display_name",), name, text_claims(name)
    tags = data.get("tags")
    if isinstance(tags, list):
        for index, tag in enumerate(tags):
            if isinstance(tag, str):
                yield ("tags", index), tag, tag_claims(tag)
    optimizations = data.get("optimizations")
    if isinstance(optimizations, list):
        for index, item in enumerate(optimizations):
            if isinstance(item, str):
                yield ("optimizations", index), item, text_claims(item)


@rule(
    code="CARD010",
    name="sparsity-claim-mismatch",
    summary="The card's display name, tags or optimizations contradict the stub's SPARSE_NAME.",
    severity=Severity.ERROR,
    needs=(card,),
)
def sparsity_claim_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """What the card says was done to the model (display name, tags, optimizations)
    contradicts the SPARSE_NAME of the directory's stub.

    Examples: "95% Pruned ResNet-50" on a `base-none` path; display name "90%
    Pruned" (or tag `pruned90`) on a `pruned95-...` path; optimization "QAT Int8" on
    a path that does not say `quant`; the older `optimizations: pruned90-none` on a
    `pruned95-none` path.

    Only statements about pruning or quantization count: a percentage counts when the
    same text speaks of pruning or sparsity; a path that says `quant` does not
    require the card to repeat it.
    """
    stub = path_stub(ctx.model)
    if stub is None:
        return
    document, relpath = _card(ctx)
    path_claims = stub.claims
    for key_path, text, claims in _claim_values(document.data):
        conflict = _conflict(claims, path_claims)
        if conflict is not None:
            yield _claim_finding(document, relpath, key_path, text, conflict)
    older = document.data.get("optimizations")
    if isinstance(older, str):
        yield from _older_optimizations(document, relpath, older, stub)


def _claim_finding(
    document: CardDocument, relpath: str, key_path: KeyPath, text: str, conflict: str
) -> Finding:
    line, column = document.yaml.locate(key_path)
    label = key_path[0] if len(key_path) == 1 else f"{key_path[0]}[{key_path[1]}]"
    return Finding(
        f"{label} {text!r} {conflict}",
        path=relpath,
        line=line,
        column=column,
        key_path=key_path,
        hint="correct the card, or move the model to the folder of its real stub",
    )


def _older_optimizations(
    document: CardDocument, relpath: str, value: str, stub: Stub
) -> Iterator[Finding]:
    """`optimizations: pruned95-none` (the older form) is SPARSE_NAME-SPARSE_CATEGORY."""
    name, _, category = value.strip().partition("-")
    category = category.split("-", 1)[0]
    if name == stub.sparse_name and category in ("", stub.sparse_category):
        return
    expected = f"{stub.sparse_name}-{stub.sparse_category}"
    yield _claim_finding(
        document,
        relpath,
        ("optimizations",),
        value,
        f"disagrees with the path's sparse tag {expected!r}",
    )

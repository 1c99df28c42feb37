"""LAY rules: what a model directory holds, and where, per its layout profile.

The profile (`[tool.zoolint.layout] profile`, default the built-in `sparsezoo`) lists
the generations a directory may follow; `zoolint.layout.detect` works out which one
it follows and how each entry fits. These rules only read that view and the listing:
they never open a file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from zoolint.diagnostics import Finding, Severity
from zoolint.layout.describe import (
    child_rename_hint,
    expected_entries,
    expected_kind,
    generations_phrase,
    in_profile_order,
    known_names,
    quoted,
    rename_hint,
)
from zoolint.layout.detect import Item, LayoutView, layout, match_name
from zoolint.layout.profile import ARCHIVE_SUFFIX, SlotSpec
from zoolint.layout.suggest import suggest
from zoolint.layout.zoo import sibling_archive, stub_claims
from zoolint.rules.base import RuleContext, ZooContext, rule


def _view(ctx: RuleContext) -> LayoutView:
    return layout(ctx.model).value


def _level(slot: SlotSpec, ctx: RuleContext) -> str:
    return slot.strict_level if ctx.config.preset == "strict" else slot.level


@rule(
    code="LAY001",
    name="layout-mixture",
    summary="An entry is spelled the way another layout generation spells it.",
    severity=Severity.WARNING,
    needs=(layout,),
)
def layout_mixture(ctx: RuleContext) -> Iterator[Finding]:
    """An entry follows a different layout generation than the rest of the directory.

    The same zoo has used three layouts (documented, hub, legacy). zoolint works out
    which one a directory follows (the one under which it has the fewest conflicts)
    and reports entries that spell one of that layout's artifacts another
    generation's way. Tools written for one layout look for one spelling only, so
    the mixed-in artifact is silently skipped.

    Example: a documented-layout directory (`training/`, `deployment/`,
    `sample_inputs/`) that also has `sample-outputs/` (the hub spelling). Fix: rename
    it to `sample_outputs/`. Artifacts that the directory's layout does not have at
    all (an `analysis.yaml` next to a documented layout) are not mixtures.
    """
    view = _view(ctx)
    for item in view.conflicts:
        if item.parent is not None:
            yield from _child_mixture(view, item)
            continue
        others = generations_phrase(in_profile_order(view.profile, item.generations))
        match = item.matches[0]
        slot = view.generation.slot(match.slot)
        description = slot.description if slot is not None else match.slot
        yield Finding(
            f"'{item.name}' is the {others} spelling of the {description}, but this directory"
            f" follows the {view.generation.name} layout",
            path=item.relpath,
            hint=rename_hint(item, match, view.generation),
        )


def _child_mixture(view: LayoutView, item: Item) -> Iterator[Finding]:
    others = generations_phrase(in_profile_order(view.profile, item.allowed_in))
    own = next(
        m.spec for top in view.items if top.relpath == item.parent for m in top.matches
        if m.generation == view.generation.name
    )
    yield Finding(
        f"'{item.relpath}' is named the {others} way; the {view.generation.name} layout"
        f" expects names in '{item.parent}/' like {quoted(own.contents or [])}",
        path=item.relpath,
        hint=child_rename_hint(item, own),
    )


def _missing(ctx: RuleContext, level: str) -> Iterator[Finding]:
    view = _view(ctx)
    filled = view.filled_slots()
    typos = {
        suggestion: item.name
        for item in view.items
        if not item.matches and (suggestion := _suggestion(view, item))
    }
    verb = "requires" if level == "required" else "recommends"
    for slot in view.generation.slots:
        if _level(slot, ctx) != level or slot.slot in filled:
            continue
        near = [typos[name] for name in typos if any(m.slot == slot.slot for m in match_name(view.profile, name))]
        yield Finding(
            f"no {slot.description}: the {view.generation.name} layout {verb}"
            f" {expected_entries(slot)}",
            hint=f"'{near[0]}' looks like a misspelling of it" if near else None,
        )


@rule(
    code="LAY002",
    name="missing-required",
    summary="A required entry of the layout is missing.",
    severity=Severity.ERROR,
    needs=(layout,),
)
def missing_required(ctx: RuleContext) -> Iterator[Finding]:
    """A slot the directory's layout requires is missing.

    With the default profile every generation requires the model card (`model.md`)
    and the graph (`model.onnx`, or `model.onnx.tar.gz`); the documented and hub
    layouts also require `training/` (or `checkpoint_*/` folders) and `deployment/`
    (or `deployment.tar.gz`) - the reference library's minimal check. The strict
    preset (`preset = "strict"`) requires every slot, like the library's full check.

    Why: the upload is unusable without it. Fix: add the entry, or, if the directory
    follows a convention of its own, describe it in a layout profile.
    """
    yield from _missing(ctx, "required")


@rule(
    code="LAY003",
    name="missing-recommended",
    summary="A recommended entry of the layout is missing.",
    severity=Severity.WARNING,
    needs=(layout,),
)
def missing_recommended(ctx: RuleContext) -> Iterator[Finding]:
    """A slot the directory's layout recommends is missing.

    With the default profile the sample inputs and outputs are recommended
    (`sample_inputs/` and `sample_outputs/` or `sample_outputs_<engine>/`; hyphenated in
    the hub and legacy layouts), and so are the legacy layout's checkpoints.

    Why: without samples nobody can check that the graph runs and gives the outputs
    it was published with. Fix: export a few samples with the model.
    """
    yield from _missing(ctx, "recommended")


def _suggestion(view: LayoutView, item: Item) -> str | None:
    """A known name of the same kind that `item` was probably meant to be."""

    def fits(guess: str) -> bool:
        return any(
            expected_kind(match) == item.kind for match in match_name(view.profile, guess)
        )

    return suggest(item.name, known_names(view, item.kind), fits)


def _engine_of(view: LayoutView, name: str) -> tuple[str, str] | None:
    """(entry name, engine) when `name` looks like a per-engine entry."""
    for generation in (view.generation, *view.profile.generations):
        for slot in generation.slots:
            for spec in slot.entries:
                engine = spec.engine_suffix(name)
                if engine is not None:
                    return str(spec.name), engine
    return None


@rule(
    code="LAY004",
    name="unknown-entry",
    summary="An entry is not part of the layout (often a typo).",
    severity=Severity.WARNING,
    needs=(layout,),
)
def unknown_entry(ctx: RuleContext) -> Iterator[Finding]:
    """A top-level entry is not part of any generation of the layout profile, or a file
    in a folder with declared contents (`recipes/`) has a name the layout does not read.

    Why: the reference tools silently ignore what they do not know, so a typo such as
    `sample_input/`, `Model.md` or `recipe.yml` silently drops data. zoolint suggests
    the name that was probably meant.

    Example: `sample_input/` -> "did you mean 'sample_inputs'?". Hidden entries
    (`.gitattributes`) are never reported; allow other extras with
    `[tool.zoolint.layout] allow = ["README.md"]`.
    """
    view = _view(ctx)
    for item in view.items:
        if item.matches or item.kind is None or view.ignored(item.name):
            continue
        if _engine_of(view, item.name) is not None:
            continue  # LAY008 names the unknown engine
        suggestion = _suggestion(view, item)
        yield Finding(
            f"unknown entry '{item.name}': it is not part of the {view.generation.name}"
            " layout, and tools silently ignore it",
            path=item.relpath,
            hint=f"did you mean '{suggestion}'?" if suggestion else
            "remove it, or allow it with [tool.zoolint.layout] allow",
        )
    for child in view.children:
        if view.generation.name not in child.judged_in or child.allowed_in or child.kind is None:
            continue
        own = next(
            m.spec for top in view.items if top.relpath == child.parent for m in top.matches
            if m.generation == view.generation.name
        )
        suggestion = suggest(child.name, [], own.child_allowed)
        yield Finding(
            f"'{child.relpath}' is not a name the {view.generation.name} layout reads in"
            f" '{child.parent}/' (expected {quoted(own.contents or [])})",
            path=child.relpath,
            hint=f"did you mean '{suggestion}'?" if suggestion else child_rename_hint(child, own),
        )


@rule(
    code="LAY005",
    name="folder-and-archive",
    summary="A folder and a .tar.gz of the same name sit side by side.",
    severity=Severity.ERROR,
)
def folder_and_archive(ctx: RuleContext) -> Iterator[Finding]:
    """A folder and its same-named `.tar.gz` archive are both present, for example
    `sample_inputs/` and `sample_inputs.tar.gz`.

    Why: either may stand for the slot, so the directory is ambiguous: tools read one
    and silently ignore the other, and the two are rarely identical. Fix: keep one.
    """
    for entry in ctx.model.walk():
        if not entry.is_dir:
            continue
        archive = entry.relpath + ARCHIVE_SUFFIX
        if ctx.model.entry(archive) is not None:
            yield Finding(
                f"'{archive}' and the folder '{entry.relpath}/' both exist; tools read one"
                " and silently ignore the other",
                path=archive,
                hint="keep either the folder or the archive",
            )


@rule(
    code="LAY006",
    name="wrong-entry-kind",
    summary="A file sits where the layout has a folder, or the reverse.",
    severity=Severity.ERROR,
    needs=(layout,),
)
def wrong_entry_kind(ctx: RuleContext) -> Iterator[Finding]:
    """An entry has the name of a layout entry but the wrong kind: a regular file named
    `training` or `sample_inputs`, or a folder named `model.md`, `model.onnx` or
    `deployment.tar.gz`.

    Why: every tool that opens it fails (or, worse, treats it as absent). zoolint
    reports it here, once; the rules for the artifact's format stay quiet about it.
    """
    view = _view(ctx)
    for item in view.items:
        if not item.matches or item.kind is None:
            continue
        if any(expected_kind(match) == item.kind for match in item.matches):
            continue
        match = item.match_in(view.generation.name) or item.matches[0]
        slot = next(
            s for g in view.profile.generations if g.name == match.generation
            for s in g.slots if s.slot == match.slot
        )
        wanted = expected_kind(match)
        what = f"an archive of the {slot.description}" if match.archived else f"the {slot.description}"
        hint = None
        if wanted == "folder" and match.spec.allows_archive:
            hint = f"make it a folder, or upload it as '{item.name}{ARCHIVE_SUFFIX}'"
        yield Finding(
            f"'{item.name}' is a {item.kind}, but {what} must be a {wanted}",
            path=item.relpath,
            hint=hint,
        )


@rule(
    code="LAY007",
    name="empty-folder",
    summary="A folder is empty.",
    severity=Severity.WARNING,
)
def empty_folder(ctx: RuleContext) -> Iterator[Finding]:
    """A folder of the model directory holds nothing.

    Why: an empty `training/` or `sample_inputs/` usually means an upload that was cut
    short, and it counts as present for tools that only check the name. Fix: upload
    its contents, or remove it.
    """
    unreadable = {relpath for relpath, _ in ctx.model.walk_errors()}
    entries = ctx.model.walk()
    parents = {entry.relpath.rsplit("/", 1)[0] for entry in entries if "/" in entry.relpath}
    for entry in entries:
        if entry.is_dir and entry.relpath not in parents and entry.relpath not in unreadable:
            yield Finding("is an empty folder", path=entry.relpath, hint="upload its contents, or remove it")


@rule(
    code="LAY008",
    name="unknown-engine",
    summary="A per-engine output folder names an engine the profile does not know.",
    severity=Severity.WARNING,
    needs=(layout,),
)
def unknown_engine(ctx: RuleContext) -> Iterator[Finding]:
    """A per-engine sample output folder (`sample_outputs_<engine>`, hub spelling
    `sample-outputs_<engine>`) names an engine that is not one of the profile's
    (`onnxruntime`, `deepsparse` by default).

    Why: tools look the folder up by engine name, so outputs under a misspelled
    engine (`sample_outputs_onnxrt`) are never compared.
    """
    view = _view(ctx)
    engines = list(view.profile.engines)
    for item in view.items:
        if item.matches or item.kind is None or view.ignored(item.name):
            continue
        found = _engine_of(view, item.name)
        if found is None:
            continue
        prefix, engine = found
        close = difflib.get_close_matches(engine, engines, n=1, cutoff=0.6)
        suffix = ARCHIVE_SUFFIX if item.name.endswith(ARCHIVE_SUFFIX) else ""
        yield Finding(
            f"'{item.name}' names the engine '{engine}', which is not one of"
            f" {quoted(engines)}",
            path=item.relpath,
            hint=f"did you mean '{prefix}_{close[0]}{suffix}'?" if close else None,
        )


@rule(
    code="LAY009",
    name="duplicate-stub",
    summary="Two entries of the zoo claim the same model stub.",
    severity=Severity.ERROR,
    scope="zoo",
)
def duplicate_stub(ctx: ZooContext) -> Iterator[Finding]:
    """Two entries of the zoo tree claim the same stub path: model directories whose
    paths differ only in letter case (`ResNet_v1-50/` beside `resnet_v1-50/`), or a
    model directory and a `.tar.gz` of it side by side (`pruned95-none/` and
    `pruned95-none.tar.gz`).

    Why: a stub must name exactly one model. Case-insensitive file systems merge such
    folders on checkout, and a hub serving the zoo picks one of them arbitrarily.
    """
    for group in stub_claims(ctx.zoo.models).values():
        keeper = group[0]
        for model in group[1:]:
            yield Finding(
                f"claims the stub '{keeper.path_stub}', as does '{keeper.relpath}'"
                " (their paths differ only in letter case)",
                model_root=model.root,
                hint="merge the two directories under the lower-case path",
            )
        for model in group:
            archive = sibling_archive(model)
            if archive is not None:
                yield Finding(
                    f"the archive '{archive}' beside this directory claims the same stub"
                    f" '{model.path_stub}'",
                    model_root=model.root,
                    hint="keep either the folder or the archive",
                )


RULES = [
    layout_mixture,
    missing_required,
    missing_recommended,
    unknown_entry,
    folder_and_archive,
    wrong_entry_kind,
    empty_folder,
    unknown_engine,
    duplicate_stub,
]

"""Pickle security: every pickle-bearing file of the directory, read as opcodes only."""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.checkpoints.globals import canonical, classify
from zoolint.checkpoints.pickle_scan import GlobalRef
from zoolint.checkpoints.rules.common import plural, settings_of
from zoolint.checkpoints.torch_file import PickleFile, pickle_file, pickle_files
from zoolint.diagnostics import Finding, Severity
from zoolint.io.artifact import Broken, Parsed
from zoolint.model import ModelDir
from zoolint.rules.base import RuleContext, rule

_MAX_NAMED = 10


Named = tuple[str, str | None, GlobalRef]  # (qualified name, pickle it is in, first reference)


def _globals(model: ModelDir, kind: str) -> Iterator[tuple[str, PickleFile, list[Named]]]:
    """Per file: the distinct globals of `kind` ('dangerous' or 'unsafe'), each with
    the pickle it is in and its first reference."""
    allowed = settings_of(model).allowed_globals
    for relpath in pickle_files(model):
        state = pickle_file(model, relpath)
        if not isinstance(state, Parsed):
            continue
        seen: dict[str, Named] = {}
        for scanned in state.value.pickles:
            for ref in scanned.scan.globals:
                if classify(ref.module, ref.name, allowed, state.value.torchscript) != kind:
                    continue
                name = (
                    canonical(ref.module, ref.name)
                    if ref.module != "?"
                    else f"<unresolved {ref.opcode} at byte {ref.pos}>"
                )
                seen.setdefault(name, (name, scanned.where, ref))
        if seen:
            yield relpath, state.value, list(seen.values())


def _where(member: str | None, ref: GlobalRef) -> str:
    inside = f" in {member}" if member else ""
    return f"{ref.opcode} at byte {ref.pos}{inside}"


@rule(
    code="PKL001",
    name="pickle-code-execution",
    summary="A pickle imports a name that runs code or reaches the system.",
    severity=Severity.ERROR,
)
def pickle_code_execution(ctx: RuleContext) -> Iterator[Finding]:
    """A pickle-bearing file (`.pth`, `.pt`, `.bin`, `.ckpt`, `.pkl`, object arrays in
    `.npy`/`.npz`) imports, when unpickled, a name that executes commands or code or
    reaches files, processes or the network: `os.system`, `subprocess.Popen`,
    `builtins.eval`, `builtins.exec`, `builtins.getattr`, `runpy`, `socket`, ...

    Why: unpickling calls what the file names, with arguments the file chooses.
    `torch.load(path)` on such a checkpoint runs the attacker's command on the machine
    that loads it. zoolint reads only the opcode stream (`pickletools.genops`): it never
    unpickles, imports or calls anything, so the payload does not run here.

    No configuration allows these names. Fix: do not publish the file; re-save the
    weights alone, e.g. `torch.save({"state_dict": model.state_dict()}, path)`.
    """
    for relpath, _, refs in _globals(ctx.model, "dangerous"):
        for name, member, ref in refs:
            yield Finding(
                f"imports {name} when unpickled ({_where(member, ref)}): loading this file"
                " would run code of the file's choosing",
                path=relpath,
                hint="never load this file; publish the weights alone"
                " (torch.save(model.state_dict(), path))",
            )


@rule(
    code="PKL002",
    name="pickle-unsafe-global",
    summary="A pickle imports names outside the safe list.",
    severity=Severity.ERROR,
)
def pickle_unsafe_global(ctx: RuleContext) -> Iterator[Finding]:
    """A pickle-bearing file imports, when unpickled, names outside the safe list:
    what `torch.load(weights_only=True)` accepts (tensor rebuild functions, storages,
    dtypes, `collections.OrderedDict`), numpy's array reconstruction, the training
    arguments classes of `training_args.bin`, and `safe-globals` /
    `extend-safe-globals` from configuration.

    Why: every other global is code that runs at load time, chosen by the file. A
    whole pickled `nn.Module` (`torch.save(model)`) needs its model code importable and
    fails with `weights_only=True`, PyTorch's default since 2.6. A STACK_GLOBAL whose
    module or name is computed rather than pushed as a string cannot be resolved
    without running the pickle, and is reported as `<unresolved>`.

    Fix: save `model.state_dict()` rather than the model object. If the file is
    trusted and the classes are expected (a zoo of YOLOv5 checkpoints), allow them:

        [tool.zoolint.checkpoints]
        extend-safe-globals = ["models.yolo.*", "models.common.*", "torch.nn.modules.*"]
    """
    for relpath, _, refs in _globals(ctx.model, "unsafe"):
        names = [name for name, _, _ in refs]
        shown = ", ".join(names[:_MAX_NAMED])
        more = f" and {len(names) - _MAX_NAMED} more" if len(names) > _MAX_NAMED else ""
        yield Finding(
            f"imports {plural(len(names), 'global')} outside the safe list when unpickled:"
            f" {shown}{more}; loading it runs code those names choose",
            path=relpath,
            hint="save model.state_dict() instead of objects, or allow trusted names in"
            " [tool.zoolint.checkpoints] extend-safe-globals",
        )


@rule(
    code="PKL003",
    name="pickle-unreadable",
    summary="A checkpoint or pickle is malformed, truncated or too large to scan.",
    severity=Severity.ERROR,
)
def pickle_unreadable(ctx: RuleContext) -> Iterator[Finding]:
    """A pickle-bearing file cannot be read to the end: it is neither a PyTorch zip
    nor a pickle, the zip is corrupt or lacks `data.pkl`, a pickle is truncated (no
    STOP), an opcode is malformed, or the scan passed its bounds (`max-pickle-bytes`,
    `max-pickle-opcodes`, `max-archive-members`).

    Why: a checkpoint that does not decode does not load; and what zoolint could not
    read, it cannot vouch for. Globals seen before the problem are still reported by
    PKL001/PKL002.

    `.npy`/`.npz` containers are the samples rules' business; only the pickles inside
    their object arrays are reported here.
    """
    for relpath in pickle_files(ctx.model):
        state = pickle_file(ctx.model, relpath)
        numpy_file = relpath.lower().endswith((".npy", ".npz"))
        if isinstance(state, Broken):
            if not state.io_level and not numpy_file:
                yield Finding(state.reason, path=relpath)
            continue
        if not isinstance(state, Parsed):
            continue
        if not numpy_file:
            for error in state.value.errors:
                yield Finding(error, path=relpath)
        for scanned in state.value.pickles:
            inside = f"{scanned.where} " if scanned.where else ""
            for error in scanned.scan.errors:
                yield Finding(f"{inside}{error}".strip(), path=relpath)
            if not scanned.scan.errors and not scanned.scan.complete:
                message = f"{inside}ends before its STOP opcode (truncated)"
                yield Finding(message.strip(), path=relpath)


RULES = [pickle_code_execution, pickle_unsafe_global, pickle_unreadable]

"""Weights formats recognised by content: against their extension, and against the
framework the card names."""

from __future__ import annotations

from collections.abc import Iterator

from zoolint.checkpoints import sniff as fmt
from zoolint.checkpoints.folders import training_folders
from zoolint.checkpoints.rules.common import integration
from zoolint.checkpoints.torch_file import is_pickle_bearing, pickle_file
from zoolint.diagnostics import Finding, Severity
from zoolint.io.artifact import Artifact, Parsed
from zoolint.io.files import parse_lfs_pointer, read_head
from zoolint.model import ModelDir
from zoolint.rules.base import RuleContext, rule

# extension -> formats its content may have
EXTENSION_FORMATS: dict[str, frozenset[str]] = {
    ".pth": frozenset({fmt.ZIP, fmt.PICKLE}),
    ".pt": frozenset({fmt.ZIP, fmt.PICKLE}),
    ".ckpt": frozenset({fmt.ZIP, fmt.PICKLE}),
    ".h5": frozenset({fmt.HDF5}),
    ".hdf5": frozenset({fmt.HDF5}),
    ".keras": frozenset({fmt.ZIP}),
    ".pb": frozenset({fmt.PROTOBUF}),
}
# Torch formats whose unknown content PKL003 already reports.
_PICKLE_EXTENSIONS = (".pth", ".pt", ".ckpt")
# `.bin` is raw data in general; these two names are PyTorch pickles.
_TORCH_BIN_NAMES = ("pytorch_model.bin", "training_args.bin")

FRAMEWORK_FAMILIES = {
    "pytorch": "pytorch",
    "torch": "pytorch",
    "keras": "keras",
    "tensorflow": "tensorflow",
    "tensorflow_v1": "tensorflow",
    "tensorflow_v2": "tensorflow",
    "tf": "tensorflow",
}
# format -> framework families that write it (a zip is told apart by its members)
FORMAT_FAMILIES = {
    "torch-zip": frozenset({"pytorch"}),
    "keras-zip": frozenset({"keras"}),
    fmt.PICKLE: frozenset({"pytorch"}),
    fmt.HDF5: frozenset({"keras", "tensorflow"}),
    fmt.PROTOBUF: frozenset({"tensorflow", "keras"}),
}
FORMAT_NAMES = {
    "torch-zip": "a PyTorch zip checkpoint",
    "keras-zip": "a Keras zip archive",
    fmt.PICKLE: "a pickle (PyTorch)",
    fmt.HDF5: "an HDF5 file (Keras or TensorFlow)",
    fmt.PROTOBUF: "a protobuf message (TensorFlow)",
}


def load_sniffed(model: ModelDir, relpath: str) -> Artifact[fmt.Sniffed | None]:
    """Loader: the format of a file by its first bytes (None for an LFS pointer)."""
    head = read_head(model.root, relpath, fmt.SNIFF_BYTES)
    if not isinstance(head, Parsed):
        return head
    entry = model.entry(relpath)
    size = entry.size if entry is not None and entry.is_file else len(head.value)
    if parse_lfs_pointer(relpath, head.value, size) is not None:
        return Parsed(relpath, None)
    return Parsed(relpath, fmt.sniff(head.value, size))


def _suffix(relpath: str) -> str:
    name = relpath.rsplit("/", 1)[-1].lower()
    return "." + name.rsplit(".", 1)[-1] if "." in name else ""


def _weight_files(model: ModelDir) -> list[str]:
    """Weights-like files of the training folders and the legacy framework folders."""
    roots = [f.relpath for f in training_folders(model) if not f.archived]
    found = []
    for entry in model.walk():
        if not entry.is_file or not any(entry.relpath.startswith(r + "/") for r in roots):
            continue
        if _suffix(entry.relpath) in EXTENSION_FORMATS or entry.name in _TORCH_BIN_NAMES:
            found.append(entry.relpath)
    return found


def _expected(relpath: str) -> frozenset[str]:
    name = relpath.rsplit("/", 1)[-1]
    if name in _TORCH_BIN_NAMES:
        return EXTENSION_FORMATS[".pth"]
    return EXTENSION_FORMATS[_suffix(relpath)]


def _sniffed(model: ModelDir, relpath: str) -> fmt.Sniffed | None:
    state = model.load(load_sniffed, relpath)
    return state.value if isinstance(state, Parsed) else None


@rule(
    code="CKPT008",
    name="format-content-mismatch",
    summary="A weights file's content is not the format its extension says.",
    severity=Severity.ERROR,
)
def format_content_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """A weights file in a training or legacy framework folder (`pytorch/`,
    `framework/`, `tensorflow/`, `keras/`) holds another format than its extension
    says, judged by its first bytes: a `.pth` that is an HDF5 file, an `.h5` that is
    not HDF5 (magic `\\x89HDF\\r\\n\\x1a\\n`), a `.pb` that is not a protobuf message.

    Why: loaders choose by extension; a renamed file fails to load, with an error
    that does not say why.
    """
    for relpath in _weight_files(ctx.model):
        sniffed = _sniffed(ctx.model, relpath)
        if sniffed is None:
            continue
        expected = _expected(relpath)
        if sniffed.format in expected:
            continue
        if sniffed.format == fmt.UNKNOWN and relpath.lower().endswith(_PICKLE_EXTENSIONS + (".bin",)):
            continue  # PKL003 reports what is neither zip nor pickle
        wanted = " or ".join(sorted(fmt.DESCRIPTIONS[f] for f in expected))
        yield Finding(
            f"is {sniffed.description}, not {wanted} as its name says",
            path=relpath,
            hint="give the file the extension of its format, or upload the right file",
        )


def _family_format(model: ModelDir, relpath: str) -> str | None:
    """The file's format, in the terms of FORMAT_FAMILIES; None when not a weights format."""
    sniffed = _sniffed(model, relpath)
    if sniffed is None:
        return None
    if sniffed.format != fmt.ZIP:
        return sniffed.format if sniffed.format in FORMAT_FAMILIES else None
    if is_pickle_bearing(relpath):
        state = pickle_file(model, relpath)
        if isinstance(state, Parsed) and state.value.container in ("torch-zip", "torchscript"):
            return "torch-zip"
        return None
    return "keras-zip"


@rule(
    code="CKPT009",
    name="framework-format-mismatch",
    summary="The training weights are not in the format of the card's framework.",
    severity=Severity.ERROR,
)
def framework_format_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """The card's `framework` (or the path stub's) says one thing, the weights files of
    the training and legacy framework folders another: the card says `keras` but the
    only weights are a PyTorch `model.pth`; the card says `pytorch` and the folder
    holds a Keras `.h5` (formats are told by content: zip or pickle for PyTorch, HDF5 for
    Keras, protobuf for a TensorFlow frozen graph or SavedModel).

    Why: tools pick the training integration from the framework; the card or the
    upload is wrong.
    """
    found = integration(ctx.model)
    if found is None or found.framework is None:
        return
    family = FRAMEWORK_FAMILIES.get(found.framework)
    if family is None:
        return
    formats: dict[str, str] = {}
    for relpath in _weight_files(ctx.model):
        kind = _family_format(ctx.model, relpath)
        if kind is not None:
            formats[relpath] = kind
    if not formats or any(family in FORMAT_FAMILIES[f] for f in formats.values()):
        return
    first = sorted(formats)[0]
    listed = ", ".join(f"{path} is {FORMAT_NAMES[formats[path]]}" for path in sorted(formats)[:3])
    yield Finding(
        f"{found.framework_source} says framework {found.framework}, but no weights file is in a"
        f" {family} format: {listed}",
        path=first,
        hint="correct the card's framework, or upload the weights of that framework",
    )


RULES = [format_content_mismatch, framework_format_mismatch]

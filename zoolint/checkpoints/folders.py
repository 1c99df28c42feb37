"""The training and deployment folders of a model, as lists of files.

A folder is a real directory (`training/`), or a `.tar.gz` of the same name listed in
place (`deployment.tar.gz`, the hub layout). Checkpoint stages
(`checkpoint_prepruning`, `checkpoint_postpruning`, `checkpoint_preqat`,
`checkpoint_postqat`) may replace a flat `training/`: either inside it
(`training/checkpoint_preqat/`) or beside it at the top level; each stage is then
checked as a training folder of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from zoolint.checkpoints.archive import Listing, load_tar_listing
from zoolint.io.artifact import Artifact, Parsed
from zoolint.layout.slots import find_folder_slot
from zoolint.model import ModelDir

CHECKPOINT_STAGES = ("prepruning", "postpruning", "preqat", "postqat")
# The stage the graph is compared with: the latest one present.
_LATEST_FIRST = ("postqat", "preqat", "postpruning", "prepruning")
# Legacy layout: checkpoints in a folder named after the framework.
LEGACY_FRAMEWORK_FOLDERS = ("pytorch", "framework", "tensorflow", "keras")


@dataclass(frozen=True)
class Folder:
    """A folder to check: `relpath` below the model directory, and, for an archive,
    its listing (None while it cannot be listed: DEP002 reports that)."""

    relpath: str
    slot: str  # "training" or "deployment"
    archived: bool = False
    stage: str | None = None
    listing: Artifact[Listing] | None = None
    # A legacy `<framework>/` folder: it holds checkpoints, but predates the
    # per-integration file lists, which are not applied to it.
    legacy: bool = False

    @property
    def label(self) -> str:
        return self.relpath + ("" if self.archived else "/")

    def files(self, model: ModelDir) -> set[str] | None:
        """Names of the regular files (and links) directly inside; None when an
        archive cannot be listed."""
        if self.archived:
            if not isinstance(self.listing, Parsed):
                return None
            folder = self.relpath[: -len(".tar.gz")].rsplit("/", 1)[-1]
            return {name for name in self.listing.value.files(folder) if "/" not in name}
        return {
            entry.name
            for entry in model.entries_under(self.relpath)
            if entry.kind in ("file", "symlink")
        }

    def file_relpath(self, name: str) -> str:
        return f"{self.relpath}/{name}"


def _stage_dirs(model: ModelDir, parent: str | None) -> list[Folder]:
    found = []
    for stage in CHECKPOINT_STAGES:
        relpath = f"checkpoint_{stage}" if parent is None else f"{parent}/checkpoint_{stage}"
        entry = model.entry(relpath)
        if entry is not None and entry.is_dir:
            found.append(Folder(relpath, "training", stage=stage))
    return found


def training_folders(model: ModelDir) -> list[Folder]:
    """Every folder checked as a training folder (computed once per directory)."""
    state = model.load(_load_training_folders, "")
    return state.value if isinstance(state, Parsed) else []


def deployment_folders(model: ModelDir) -> list[Folder]:
    """Every deployment folder or archive (computed once per directory)."""
    state = model.load(_load_deployment_folders, "")
    return state.value if isinstance(state, Parsed) else []


def _load_training_folders(model: ModelDir, relpath: str) -> Artifact[list[Folder]]:
    folders: list[Folder] = []
    stages = _stage_dirs(model, None)
    for slot in find_folder_slot(model, "training"):
        if slot.archived:
            folders.append(
                Folder(slot.relpath, "training", archived=True,
                       listing=model.load(load_tar_listing, slot.relpath))
            )  # fmt: skip
        elif slot.entry.is_dir and slot.relpath in LEGACY_FRAMEWORK_FOLDERS:
            folders.append(Folder(slot.relpath, "training", legacy=True))
        elif slot.entry.is_dir:
            inner = _stage_dirs(model, slot.relpath)
            stages.extend(inner)
            if not inner:
                folders.append(Folder(slot.relpath, "training"))
    known = {folder.relpath for folder in folders}
    # legacy folders that the model's layout profile does not list as training slots
    for name in LEGACY_FRAMEWORK_FOLDERS:
        entry = model.entry(name)
        if name not in known and entry is not None and entry.is_dir:
            folders.append(Folder(name, "training", legacy=True))
    return Parsed(relpath, folders + stages)


def _load_deployment_folders(model: ModelDir, relpath: str) -> Artifact[list[Folder]]:
    folders = []
    for slot in find_folder_slot(model, "deployment"):
        if slot.archived:
            folders.append(
                Folder(slot.relpath, "deployment", archived=True,
                       listing=model.load(load_tar_listing, slot.relpath))
            )  # fmt: skip
        elif slot.entry.is_dir:
            folders.append(Folder(slot.relpath, "deployment"))
    return Parsed(relpath, folders)


def main_training_folder(model: ModelDir) -> Folder | None:
    """The training folder whose checkpoint the graph was exported from: the flat
    `training/`, else the latest checkpoint stage present, else a legacy
    `<framework>/` folder."""
    folders = [folder for folder in training_folders(model) if not folder.archived]
    flat = [folder for folder in folders if folder.stage is None and not folder.legacy]
    if flat:
        return flat[0]
    for stage in _LATEST_FIRST:
        for folder in folders:
            if folder.stage == stage:
                return folder
    legacy = [folder for folder in folders if folder.legacy]
    return legacy[0] if legacy else None


def archived_folders(model: ModelDir) -> list[Folder]:
    return [f for f in training_folders(model) + deployment_folders(model) if f.archived]


def content_folders(model: ModelDir) -> list[Folder]:
    """Real (not archived) training and deployment folders, whose files are read."""
    return [f for f in training_folders(model) + deployment_folders(model) if not f.archived]

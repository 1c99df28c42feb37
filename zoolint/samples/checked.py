"""Every sample file matched against the graph once, for the contract rules and the
deep check: key bindings, dtype verdicts and shape fits, computed a single time per
model directory however many rules read them."""

from __future__ import annotations

from dataclasses import dataclass, field

import onnx

from zoolint.graph.load import TensorSpec, graph, graph_defaulted_inputs, graph_inputs, graph_outputs
from zoolint.io.artifact import Artifact, Parsed
from zoolint.model import ModelDir
from zoolint.samples.contract import KeyMatch, ShapeFit, dtype_matches, fit_shape, match_keys
from zoolint.samples.load import SampleFile, SampleFolder, samples, settings_of


@dataclass(frozen=True)
class Role:
    """What a folder's files hold, in the graph's terms."""

    what: str  # "input" or "output"
    required: tuple[TensorSpec, ...]
    optional: tuple[TensorSpec, ...] = ()

    @property
    def specs(self) -> dict[str, TensorSpec]:
        return {spec.name: spec for spec in (*self.required, *self.optional)}

    @property
    def names(self) -> list[str]:
        return [spec.name for spec in self.required]


@dataclass
class FileCheck:
    """One sample file against the graph."""

    folder: SampleFolder
    file: SampleFile
    role: Role
    keys: KeyMatch
    dtype_ok: dict[str, bool | None] = field(default_factory=dict)  # graph name -> verdict
    fits: dict[str, ShapeFit] = field(default_factory=dict)  # graph name -> fit

    @property
    def clean(self) -> bool:
        """No defect the fast rules report: safe and meaningful to run."""
        info = self.file.info
        return (
            info is not None
            and not info.object_arrays
            and not self.keys.missing
            and not self.keys.twice
            and all(ok is not False for ok in self.dtype_ok.values())
            and all(fit.problem is None for fit in self.fits.values())
        )


@dataclass(frozen=True)
class ContractView:
    files: tuple[FileCheck, ...]

    def in_folder(self, folder: SampleFolder) -> list[FileCheck]:
        return [check for check in self.files if check.folder is folder]


def roles(proto: onnx.ModelProto) -> dict[str, Role]:
    return {
        "inputs": Role("input", tuple(graph_inputs(proto)), tuple(graph_defaulted_inputs(proto))),
        "outputs": Role("output", tuple(graph_outputs(proto))),
    }


def contract(model: ModelDir) -> Artifact[ContractView]:
    """Requirement: the samples matched against the graph (needs both parsed)."""
    return model.load(load_contract, ".")


def load_contract(model: ModelDir, relpath: str) -> Artifact[ContractView]:
    proto_state = graph(model)
    index_state = samples(model)
    if not isinstance(proto_state, Parsed):
        return proto_state
    if not isinstance(index_state, Parsed):
        return index_state
    by_kind = roles(proto_state.value)
    generic = settings_of(model).generic_keys
    checks: list[FileCheck] = []
    for folder in index_state.value.folders:
        role = by_kind.get(folder.kind)
        if role is None or not folder.primary:
            continue
        for file in folder.files:
            info = file.info
            if info is None:
                continue
            keys = match_keys(info, role.required, role.optional, generic)
            check = FileCheck(folder, file, role, keys)
            specs = role.specs
            for name, array in keys.bound.items():
                if array.header.is_object:
                    continue  # SMP002 reports it; nothing else can be said
                spec = specs[name]
                check.dtype_ok[name] = dtype_matches(array.dtype, spec.elem_type)
                check.fits[name] = fit_shape(array.shape, spec.shape)
            checks.append(check)
    return Parsed(relpath, ContractView(tuple(checks)))

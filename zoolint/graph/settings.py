"""Configuration of the graph rules: the `[tool.zoolint.graph]` table."""

from __future__ import annotations

from pydantic import Field, field_validator

from zoolint.config.section import ConfigSection


class GraphSettings(ConfigSection):
    """Settings shared by the ONNX, EXT and VAR rules."""

    target_runtime: str | None = Field(
        "onnxruntime>=1.16",
        description="The runtime the models are deployed on, as a requirement"
        " (`onnxruntime>=1.16`, `onnxruntime==1.17.*`). The oldest release it admits"
        " decides the highest IR version and opset a graph may use. Unset: not checked.",
    )
    max_ir_version: int | None = Field(
        None, gt=0, description="Highest IR version allowed; overrides the runtime table."
    )
    max_opset: int | None = Field(
        None, gt=0, description="Highest ai.onnx opset allowed; overrides the runtime table."
    )
    sparsity_tolerance: float = Field(
        2.0,
        ge=0,
        le=100,
        description="Percentage points a claimed sparsity (pruned95, '95% Pruned',"
        " analysis.yaml) may differ from the sparsity measured in the weights.",
    )
    pruned_min_sparsity: float = Field(
        30.0,
        ge=0,
        le=100,
        description="Least measured sparsity (percent) for `pruned` without a number.",
    )
    dense_max_sparsity: float = Field(
        5.0,
        ge=0,
        le=100,
        description="Most measured sparsity (percent) for a `base` (dense) model.",
    )
    data_file_suffixes: list[str] = Field(
        default_factory=lambda: [".data", ".bin", ".onnx_data"],
        description="Suffixes of external-data files expected beside a graph; one that no"
        " tensor references is reported.",
    )
    max_archive_member_bytes: int = Field(
        1024**3,
        gt=0,
        description="Largest graph read out of `model.onnx.tar.gz` (it is held in memory).",
    )
    max_archive_scan_bytes: int = Field(
        4 * 1024**3,
        gt=0,
        description="Most bytes decompressed while looking for the graph in an archive"
        " (bounds the work a decompression bomb can cause).",
    )
    max_weight_bytes: int | None = Field(
        None,
        gt=0,
        description="Skip measuring sparsity when the prunable weights exceed this many"
        " bytes. Unset: always measure (weights are streamed, never held in memory).",
    )

    @field_validator("target_runtime")
    @classmethod
    def _known_runtime(cls, value: str | None) -> str | None:
        if value is not None:
            from zoolint.graph.runtime import parse_target

            parse_target(value)  # raises ValueError with the reason
        return value

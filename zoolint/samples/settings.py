"""Configuration of the samples rules: the `[tool.zoolint.samples]` table.

`run = true` turns on the deep check (RUN rules), which feeds every sample input
through onnxruntime. The command line's `--run` sets the same key (overrides
`{"samples": {"run": True}}`). Asking for the run without onnxruntime installed is a
configuration error (exit 2) raised here, once, rather than a finding per model.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from zoolint.config.section import ConfigSection

MIB = 1024 * 1024


class SampleSettings(ConfigSection):
    """Settings shared by the samples rules (SMP) and the deep check (RUN)."""

    run: bool = Field(
        False,
        description="Run every sample input through onnxruntime and compare with its"
        " stored output (needs `pip install 'zoolint[runtime]'`).",
    )
    atol: float = Field(
        1e-5, ge=0, description="Absolute tolerance of the output comparison (floats)."
    )
    rtol: float = Field(
        0.0, ge=0, description="Relative tolerance of the output comparison (floats)."
    )
    run_time_budget: float = Field(
        60.0,
        gt=0,
        description="Seconds of onnxruntime work per model; the samples left are skipped"
        " (and reported as RUN004) so a zoo-wide run stays bounded.",
    )
    run_size_budget: int = Field(
        512 * MIB,
        gt=0,
        description="Bytes per model the deep check may load: the graph plus the sample"
        " arrays it feeds and compares.",
    )
    run_threads: int = Field(
        1, gt=0, description="onnxruntime intra-op threads used by the deep check."
    )
    generic_keys: list[str] = Field(
        default_factory=lambda: ["input", "inputs", "output", "outputs", "data"],
        description="Keys accepted for the only array of a sample when the graph has one"
        " input (or output) whatever its name.",
    )
    max_arrays: int = Field(
        1024, gt=0, description="Most arrays (zip members) read from one .npz file."
    )
    max_header_bytes: int = Field(
        10_000,
        gt=0,
        description="Largest .npy header parsed (numpy's own default limit).",
    )
    max_archive_members: int = Field(
        10_000, gt=0, description="Most members read from one sample archive."
    )
    max_archive_bytes: int = Field(
        4096 * MIB,
        gt=0,
        description="Most bytes decompressed from one sample archive.",
    )
    max_member_bytes: int = Field(
        256 * MIB,
        gt=0,
        description="Largest archive member read (it is held in memory, never extracted).",
    )
    max_compression_ratio: float = Field(
        200.0,
        gt=1,
        description="Highest ratio of decompressed to compressed bytes accepted from a"
        " sample archive (beyond `min-bomb-bytes` decompressed): a decompression bomb.",
    )
    min_bomb_bytes: int = Field(
        64 * MIB,
        ge=0,
        description="Decompressed bytes below which the compression ratio is not judged"
        " (small, very regular archives compress well and are harmless).",
    )

    @model_validator(mode="after")
    def _runtime_installed(self) -> SampleSettings:
        if self.run:
            from zoolint.samples.runtime import import_runtime

            import_runtime()  # raises RuntimeMissing (a ConfigError): exit 2
        return self

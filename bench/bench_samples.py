"""Time zoolint's sample checks on a zoo of real models, against onnxruntime alone.

The zoo is every model the installed `onnx` wheel ships with reference data
(`onnx/backend/test/data`: pytorch-converted, pytorch-operator, simple, and the
"light" ResNet-50, VGG-19, DenseNet-121, Inception, SqueezeNet, ShuffleNet, AlexNet,
ZFNet), one sample each, written to a temporary folder in the documented, hub
(archived) and legacy layouts in turn.

Timed, each as the best of --repeat runs:
- fast: `zoolint` with the SMP rules (headers only, no runtime);
- deep: `zoolint` with SMP and RUN rules and `run = true`;
- onnxruntime: for each model directory, np.load the samples, create the session
  (same options as zoolint: 1 intra-op thread), run, np.allclose (atol 1e-5) — what a
  hand-written check costs, with none of zoolint's checks.

Run by hand: `python bench/bench_samples.py [--kinds light ...] [--repeat 3]`.
"""

from __future__ import annotations

import argparse
import glob
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from zoolint.api import lint  # noqa: E402
from zoolint.config.model import Config  # noqa: E402
from zoolint.testing.backend_zoo import KINDS, backend_models, write_model_dir  # noqa: E402

LAYOUTS = (
    {"generation": "documented"},
    {"generation": "hub", "archived": True},
    {"generation": "legacy"},
)


def build_zoo(root: Path, kinds: list[str]) -> tuple[int, int]:
    count = size = 0
    for index, model in enumerate(backend_models(kinds=kinds)):
        folder = write_model_dir(model, root / model.kind / model.name, **LAYOUTS[index % 3])  # type: ignore[arg-type]
        count += 1
        size += sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
    return count, size


def best(repeat: int, action):  # type: ignore[no-untyped-def]
    """(wall seconds, CPU seconds, result) of the fastest of `repeat` runs. CPU time is
    the steadier figure on a shared machine; wall time is what a user waits."""
    runs, result = [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    wall, cpu = min(runs)
    return wall, cpu, result


def line(label: str, wall: float, cpu: float, count: int, extra: object) -> None:
    print(
        f"{label:<24} wall {wall:7.3f} s  cpu {cpu:7.3f} s  {cpu / count * 1e3:6.2f} ms cpu/model  {extra}"
    )


def onnxruntime_alone(root: Path) -> Counter:
    import io
    import tarfile

    import onnxruntime as ort

    outcome: Counter = Counter()
    for model_path in sorted(root.glob("*/*/model.onnx")):
        folder = model_path.parent
        samples = {}
        for kind in ("inputs", "outputs"):
            for spelling in (f"sample_{kind}", f"sample-{kind}"):
                files = sorted(glob.glob(str(folder / spelling / "*.npz")))
                if files:
                    samples[kind] = [dict(np.load(f)) for f in files]
                archive = folder / f"{spelling}.tar.gz"
                if archive.exists():
                    with tarfile.open(archive, "r:gz") as tar:
                        samples[kind] = [
                            dict(np.load(io.BytesIO(tar.extractfile(m).read())))
                            for m in tar.getmembers()
                            if m.isfile()
                        ]
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.log_severity_level = 4
        try:
            session = ort.InferenceSession(model_path.read_bytes(), options, providers=["CPUExecutionProvider"])
        except Exception:  # noqa: BLE001
            outcome["cannot load"] += 1
            continue
        for inputs, outputs in zip(samples["inputs"], samples["outputs"]):
            produced = session.run(None, inputs)
            same = all(
                np.allclose(expected, got, atol=1e-5, rtol=0, equal_nan=True)
                if expected.dtype.kind in "fc"
                else np.array_equal(expected, got)
                for expected, got in zip(outputs.values(), produced)
            )
            outcome["match" if same else "mismatch"] += 1
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zoolint-bench-") as folder:
        root = Path(folder) / "zoo"
        count, size = build_zoo(root, args.kinds)
        print(f"zoo: {count} real models, {size / 1e6:.1f} MB ({', '.join(args.kinds)})")
        fast_config = Config.model_validate({"select": ["SMP"]})
        deep_config = Config.model_validate({"select": ["SMP", "RUN"], "samples": {"run": True}})
        fast, fast_cpu, report = best(args.repeat, lambda: lint([root], fast_config))
        line("fast check (SMP)", fast, fast_cpu, count, dict(Counter(d.code for d in report.diagnostics)))
        deep, deep_cpu, report = best(args.repeat, lambda: lint([root], deep_config))
        line("deep check (SMP + RUN)", deep, deep_cpu, count, dict(Counter(d.code for d in report.diagnostics)))
        alone, alone_cpu, outcome = best(args.repeat, lambda: onnxruntime_alone(root))
        line("onnxruntime alone", alone, alone_cpu, count, dict(outcome))
        print(f"deep check / onnxruntime alone: {deep_cpu / alone_cpu:.2f}x cpu, {deep / alone:.2f}x wall")
        print(f"fast check / onnxruntime alone: {fast_cpu / alone_cpu:.2f}x cpu, {fast / alone:.2f}x wall")

if __name__ == "__main__":
    main()

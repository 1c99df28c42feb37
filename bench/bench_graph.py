"""Benchmark: zoolint's graph rules against the floor of the same work done directly.

Run by hand (not a test):

    python bench/bench_graph.py                      # 300 models, a 1.5 GB model
    python bench/bench_graph.py --models 100 --large-gb 1.0 --workdir /tmp

It builds, in a temporary folder that is deleted afterwards:
- a synthetic zoo of small models at stub paths, each with a card, samples and some
  with external data, a deployment copy or an opset variant;
- one large model whose weights (1 to 2 GB) live in external data, written chunk by
  chunk so the generator itself stays small.

Then it measures, each in a fresh subprocess (wall time of the work, and peak RSS):
- the floor: `onnx.load` (without external data) and `onnx.checker.check_model(path,
  full_check=True)` of every graph file zoolint checks, plus one read of every external
  weight byte;
- zoolint with every enabled rule of this tree, and with only the graph families
  (ONNX, EXT, VAR);
- on the large model alone: the same, plus the peak RSS of a process that only loads
  its graph, so "memory beyond the graph itself" can be reported.
Targets: the whole zoo within 1.5x the floor; the large model under 300 MB beyond the
graph itself.

Figures measured on the development machine (2 shared cores; CPU seconds, best of 3
interleaved runs, warm page cache):

    python bench/bench_graph.py --models 300 --large-gb 1.5
      zoo, 300 models (~300 KB graphs), 475 graph files: floor 0.30 s;
        zoolint ONNX/EXT/VAR 1.09 s (3.6x); every rule of every family 2.56 s (8.4x)
      large model, 1.5 GiB external weights: floor 0.24 s; zoolint 0.35 s (1.5x);
        peak RSS 81 MB, 17 MB beyond a process that only loads the graph
    python bench/bench_graph.py --models 30 --width 1500 --large-gb 0.05
      zoo, 30 models (~40 MB graphs), 48 graph files: floor 5.73 s;
        zoolint ONNX/EXT/VAR 4.88 s (0.85x); every rule 5.16 s (0.90x)
    python bench/bench_graph.py --zoo complete --models 300 --large-gb 0.05
      zoo, 300 complete tiny models (every family's artifacts), 500 graph files:
        floor 0.17 s; ONNX/EXT/VAR 0.77 s (4.5x); every rule 3.39 s (19.5x)

With graphs of a few hundred kilobytes the floor is about half a millisecond per
graph, less than zoolint's fixed cost per directory (discovery, listing, the engine:
about half the floor with no rule enabled) plus the work the floor does not do
(strict inference, sparsity, cards, samples). From graphs of a few megabytes on, the
time is the bytes': zoolint parses and checks each graph file once (identical copies
once in all), infers shapes on a weightless skeleton, and streams the weights once.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

STUB_PREFIX = "cv/classification"
SPARSE_KINDS = (
    ("base-none", 0.0, False, False),
    ("pruned50-none", 0.5, False, False),
    ("pruned90-moderate", 0.9, False, True),
    ("pruned95_quant-none", 0.95, True, False),
    ("pruned80-conservative", 0.8, False, False),
)


# --- building ----------------------------------------------------------------------


def build_complete_zoo(root: Path, count: int) -> int:
    """`count` complete, correct model directories (every family's artifacts, from
    zoolint.testing.modeldir, tiny graphs) in the three layout generations."""
    from zoolint.testing.modeldir import GENERATIONS, build_model_dir

    tags = ("base-none", "pruned50-none", "pruned90-moderate", "pruned95-none", "pruned80-conservative")
    for index in range(count):
        # Five sparse variants per architecture, so every card's base stub exists.
        arch = f"resnet_v1-{index // len(tags)}"
        stub = f"{STUB_PREFIX}/{arch}/pytorch/sparseml/imagenet/{tags[index % len(tags)]}"
        build_model_dir(root, stub, GENERATIONS[index % len(GENERATIONS)], seed=index)
    return sum(1 for _ in root.rglob("*.onnx"))


def build_zoo(root: Path, count: int, width: int) -> int:
    """Write `count` small model directories; return the number of graph files."""
    import numpy as np

    import onnxruntime

    from zoolint.testing.builders import save_npz
    from zoolint.testing.graph import classifier, quantized_classifier, write_model_onnx

    graphs = 0
    for index in range(count):
        tag, sparsity, quantized, external = SPARSE_KINDS[index % len(SPARSE_KINDS)]
        folder = root / STUB_PREFIX / f"net_{index:04d}-{width}" / "pytorch" / "sparseml" / "imagenet" / tag
        model = (
            quantized_classifier(sparsity=sparsity, width=width, seed=index)
            if quantized
            else classifier(sparsity=sparsity, width=width, seed=index)
        )
        write_model_onnx(folder, model, external_data=external)
        graphs += 1
        if index % 3 == 0:
            write_model_onnx(folder / "deployment", model)
            graphs += 1
        if index % 4 == 0:
            write_model_onnx(folder / "onnx", model, name="model.13.onnx")
            graphs += 1
        percent = f"{sparsity * 100:g}% Pruned " if sparsity else ""
        quant = "Quantized " if quantized else ""
        optimizations = [f"GMP {sparsity * 100:g}%"] if sparsity else ["none"]
        if quantized:
            optimizations.append("QAT Int8")
        (folder / "model.md").write_text(
            textwrap.dedent(
                f"""\
                ---
                card_version: 1.0.0
                base: zoo:{STUB_PREFIX}/net_{index:04d}-{width}/pytorch/sparseml/imagenet/base-none
                domain: cv
                task: classification
                architecture: net_{index:04d}
                source_dataset: imagenet
                display_name: {percent}{quant}Net {index}
                optimizations: [{", ".join(optimizations)}]
                tags: [bench]
                ---

                # Net {index}
                """
            )
        )
        rng = np.random.default_rng(index)
        sample = rng.standard_normal((1, 3, 8, 8)).astype(np.float32)
        save_npz(folder / "sample_inputs" / "inp-0000.npz", {"input": sample[0]})
        session = onnxruntime.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
        (output,) = session.run(None, {"input": sample})
        save_npz(folder / "sample_outputs" / "out-0000.npz", {"logits": output[0]})
    return graphs


def build_large(folder: Path, total_bytes: int, layers: int = 8) -> Path:
    """A MatMul chain with `total_bytes` of float32 weights in folder/model.data, half
    of them zero, written layer by layer in chunks."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper

    folder.mkdir(parents=True, exist_ok=True)
    side = int((total_bytes / layers / 4) ** 0.5)
    rng = np.random.default_rng(0)
    inits, nodes = [], []
    previous, offset = "input", 0
    rows_per_chunk = max(1, (16 * 1024 * 1024) // (side * 4))
    with open(folder / "model.data", "wb") as data:
        for index in range(layers):
            name = f"layer{index}.weight"
            for start in range(0, side, rows_per_chunk):
                rows = min(rows_per_chunk, side - start)
                block = rng.standard_normal((rows, side), dtype=np.float32)
                block[:, : side // 2] = 0  # half of every row pruned
                data.write(block.tobytes())
            tensor = TensorProto(name=name, data_type=TensorProto.FLOAT, dims=[side, side])
            tensor.data_location = TensorProto.EXTERNAL
            for key, value in (("location", "model.data"), ("offset", str(offset)), ("length", str(side * side * 4))):
                entry = tensor.external_data.add()
                entry.key, entry.value = key, value
            offset += side * side * 4
            inits.append(tensor)
            nodes.append(helper.make_node("MatMul", [previous, name], [f"h{index}"], name=f"layer{index}"))
            previous = f"h{index}"
    graph = helper.make_graph(
        nodes,
        "large",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", side])],
        [helper.make_tensor_value_info(previous, TensorProto.FLOAT, ["batch", side])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save_model(model, str(folder / "model.onnx"))
    return folder


# --- measuring (each in a fresh process) ---------------------------------------------

# Peak RSS from /proc (VmHWM restarts at exec; ru_maxrss would count the parent we
# were forked from), falling back to getrusage elsewhere.
_PEAK = r"""
def peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

_FLOOR = _PEAK + r"""
import json, os, sys, time
import onnx
t0, c0 = time.perf_counter(), time.process_time()
roots = sys.argv[1:]
graphs = weights = 0
for root in roots:
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            if name.endswith(".onnx"):
                onnx.load(path, load_external_data=False)
                onnx.checker.check_model(path, full_check=True)
                graphs += 1
            elif name.endswith(".data"):
                with open(path, "rb") as handle:
                    while chunk := handle.read(8 << 20):
                        weights += len(chunk)
elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"seconds": elapsed, "cpu": cpu, "graphs": graphs, "weight_bytes": weights,
                  "peak_rss_mb": peak_mb()}))
"""

_ZOOLINT = _PEAK + r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from zoolint.api import lint
from zoolint.config.loader import build_config
from zoolint.config.model import LoadedConfig
from pathlib import Path
select = json.loads(sys.argv[2])
roots = [Path(p) for p in sys.argv[3:]]
table = {"zoo-root": "."}  # model paths below the first root read as stubs
if select:
    table["select"] = select
t0, c0 = time.perf_counter(), time.process_time()
config = LoadedConfig(build_config(table, {}, "bench"), roots[0], None)
report = lint(roots, config)
elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
codes = {}
for d in report.diagnostics:
    codes[d.code] = codes.get(d.code, 0) + 1
print(json.dumps({"seconds": elapsed, "cpu": cpu, "diagnostics": codes, "internal_errors": report.internal_errors,
                  "peak_rss_mb": peak_mb()}))
"""

_GRAPH_ONLY = _PEAK + r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import onnx, numpy, pydantic, yaml  # what zoolint imports, so the baseline is fair
import zoolint.api
onnx.load(sys.argv[2], load_external_data=False)
print(json.dumps({"peak_rss_mb": peak_mb()}))
"""


def _run(script: str, *args: str) -> dict:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - started
    return result


def _interleaved(runs: int, jobs: dict[str, tuple[str, ...]]) -> dict[str, dict]:
    """Run every job `runs` times, round-robin (the machine's load drifts: interleaving
    exposes each job to the same conditions); keep each job's fastest run, by CPU time."""
    best: dict[str, dict] = {}
    for _ in range(runs):
        for name, (script, *args) in jobs.items():
            result = _run(script, *args)
            if name not in best or result["cpu"] < best[name]["cpu"]:
                best[name] = result
    return best


def _warm(root: Path) -> None:
    """Read everything once so every measurement starts from the same (warm) cache."""
    for path in root.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                while handle.read(16 << 20):
                    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", type=int, default=300)
    parser.add_argument("--width", type=int, default=128, help="channels of the small models (weights ~ 5*width^2)")
    parser.add_argument(
        "--zoo",
        choices=("graphs", "complete"),
        default="graphs",
        help="graphs: classifiers of --width with cards and samples (other families report"
        " the parts they lack); complete: every artifact of every family, tiny graphs",
    )
    parser.add_argument("--large-gb", type=float, default=1.5)
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the best is reported")
    parser.add_argument("--workdir", default=tempfile.gettempdir())
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()

    need = int(args.large_gb * 1024**3 * 1.1) + args.models * 2 * 1024**2
    free = shutil.disk_usage(args.workdir).free
    print(f"disk: {free / 1024**3:.1f} GiB free in {args.workdir}, need about {need / 1024**3:.1f} GiB")
    if free < need:
        raise SystemExit("not enough disk space; use --workdir or --large-gb")

    work = Path(tempfile.mkdtemp(prefix="zoolint-bench-", dir=args.workdir))
    try:
        zoo = work / "zoo"
        started = time.perf_counter()
        graphs = (
            build_zoo(zoo, args.models, args.width)
            if args.zoo == "graphs"
            else build_complete_zoo(zoo, args.models)
        )
        print(f"built {args.models} models ({graphs} graph files) in {time.perf_counter() - started:.1f} s")
        large_root = work / "large"
        large = build_large(large_root / STUB_PREFIX / "chain-large/pytorch/sparseml/imagenet/pruned50-none",
                            int(args.large_gb * 1024**3))
        size = (large / "model.data").stat().st_size
        print(f"built the large model: {size / 1024**3:.2f} GiB of external weights, in {time.perf_counter() - started:.1f} s")
        _warm(work)

        repo = str(REPO)
        graph_only = json.dumps(["ONNX", "EXT", "VAR"])
        zoo_runs = _interleaved(args.runs, {
            "floor": (_FLOOR, str(zoo)),
            "all": (_ZOOLINT, repo, "null", str(zoo)),
            "graph": (_ZOOLINT, repo, graph_only, str(zoo)),
        })
        zoo_floor, zoo_all, zoo_graph = zoo_runs["floor"], zoo_runs["all"], zoo_runs["graph"]
        large_runs = _interleaved(args.runs, {
            "floor": (_FLOOR, str(large_root)),
            "lint": (_ZOOLINT, repo, "null", str(large_root)),
        })
        large_floor, large_lint = large_runs["floor"], large_runs["lint"]
        large_graph = _run(_GRAPH_ONLY, repo, str(large / "model.onnx"))

        def line(label: str, result: dict, floor: dict | None = None) -> str:
            ratio = f"  {result['cpu'] / floor['cpu']:.2f}x floor (CPU)" if floor else ""
            return (f"  {label:<30} {result['cpu']:6.2f} s CPU {result['seconds']:6.2f} s wall"
                    f" {result['process_seconds']:6.2f} s process  peak RSS {result['peak_rss_mb']:5.0f} MB{ratio}")

        print(f"\nzoo: {args.models} models, {graphs} graph files")
        print(line("floor (load + check + read)", zoo_floor))
        print(line("zoolint, all enabled rules", zoo_all, zoo_floor))
        print(line("zoolint, ONNX/EXT/VAR only", zoo_graph, zoo_floor))
        print(f"    diagnostics: {zoo_all['diagnostics']}  internal errors: {zoo_all['internal_errors']}")
        print(f"\nlarge model: {size / 1024**3:.2f} GiB external weights")
        print(line("floor (load + check + read)", large_floor))
        print(line("zoolint, all enabled rules", large_lint, large_floor))
        print(f"    diagnostics: {large_lint['diagnostics']}")
        beyond = large_lint["peak_rss_mb"] - large_graph["peak_rss_mb"]
        print(f"  process holding only the graph (imports + onnx.load): peak RSS {large_graph['peak_rss_mb']:.0f} MB")
        print(f"  zoolint beyond the graph itself: {beyond:.0f} MB (target < 300 MB)")
        zoo_ratio = zoo_all["cpu"] / zoo_floor["cpu"]
        print(f"\ntargets: zoo {zoo_ratio:.2f}x floor (target <= 1.5x): {'met' if zoo_ratio <= 1.5 else 'NOT met'};"
              f" large model memory {'met' if beyond < 300 else 'NOT met'}")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

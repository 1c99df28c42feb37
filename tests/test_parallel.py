"""Parallel linting (`--jobs`, `zoolint.parallel`): the same report as a serial run,
failures in workers reported as ZL001, and no pool where none is wanted."""

from __future__ import annotations

import inspect
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import zoolint.model
import zoolint.parallel
from zoo_support import LFS_POINTER, write_good_model
from zoolint.api import lint
from zoolint.cli import exit_code, main
from zoolint.config.loader import ConfigError
from zoolint.config.model import Config
from zoolint.diagnostics import Finding, Severity
from zoolint.engine import Report
from zoolint.reporters import render
from zoolint.reporters.common import relative_path
from zoolint.rules.base import RuleContext, rule
from zoolint.testing.modeldir import GENERATIONS, build_model_dir

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "fixtures" / "demo-zoo"

ARCHITECTURES = (
    "resnet_v1-18", "resnet_v1-50", "mobilenet_v1-1.0", "efficientnet-b0",
    "vgg-16", "vgg-19", "resnet_v1-101", "mobilenet_v1-0.5",
)  # fmt: skip
TAGS = ("base-none", "pruned50-none", "pruned90-moderate", "pruned95-none", "pruned80-conservative")
STUBS = [f"cv/classification/{arch}/pytorch/sparseml/imagenet/{tag}" for arch in ARCHITECTURES for tag in TAGS]
# The synthetic zoo's findings, in report order: (code, severity, path, line, column, message).
Row = tuple[str, str, str, int | None, int | None, str]
LFS_MESSAGE = (
    "is a Git LFS pointer (oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393,"
    " 1234567 bytes), not the file itself: its content was never uploaded"
)
UNUSED = ("ZL002", "warning")
FINDINGS: list[Row] = [
    ("RCP001", "error", STUBS[16] + "/recipe.md", 3, 8,
     "is not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"),
    (*UNUSED, STUBS[12] + "/model.md", 38, 1, "unused suppression: CARD007 (broken-link) reported nothing on line 39"),
    (*UNUSED, STUBS[12] + "/model.md", 40, 1, "suppression names 'nonsense', which is no rule code or name"),
    ("LAY009", "error", STUBS[30], None, None,
     f"the archive 'base-none.tar.gz' beside this directory claims the same stub 'zoo:{STUBS[30]}'"),
    ("FILE001", "error", STUBS[3] + "/model.onnx", None, None, LFS_MESSAGE),
    ("CARD005", "info", STUBS[7] + "/model.md", 3, 1, "unknown field 'bogus_key' in the card's frontmatter"),
]  # fmt: skip
LOOSE_FINDINGS: list[Row] = [
    (*UNUSED, "notes/a.yaml", 1, 7, "unused suppression: FILE001 (lfs-pointer) reported nothing on line 1"),
    (*UNUSED, "notes/b.yaml", 2, 1,
     "malformed suppression 'zoolint: ignore': expected 'zoolint: ignore[CODE, ...]' or 'zoolint: ignore-file[CODE, ...]'"),
]  # fmt: skip


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 complete models, a few with defects, suppressions (used, unused, malformed)
    and per-path-ignores, plus two loose files in one folder (one root, two targets)."""
    root = tmp_path_factory.mktemp("parallel") / "zoo"
    models = [build_model_dir(root, stub, GENERATIONS[i % 3], seed=i) for i, stub in enumerate(STUBS)]
    (models[3] / "model.onnx").write_bytes(LFS_POINTER)  # FILE001
    _edit(models[7] / "model.md", "card_version: 1.0.0", "card_version: 1.0.0\nbogus_key: 1")  # CARD005
    # The same defect, suppressed: its comment is used.
    _edit(models[8] / "model.md", "card_version: 1.0.0", "card_version: 1.0.0\nbogus_key: 1  # zoolint: ignore[CARD005]")
    card = models[12] / "model.md"
    card.write_text(card.read_text() + "\n<!-- zoolint: ignore[CARD007] -->\nx\n<!-- zoolint: ignore[nonsense] -->\n")
    for index in (16, 21):  # RCP001; per-path-ignores drops the second
        recipe = next(path for path in models[index].rglob("*.md") if path.name != "model.md")
        _edit(recipe, "num_epochs: &num_epochs 10.0", "num_epochs: &num_epochs [10.0")
    (models[30].parent / (models[30].name + ".tar.gz")).write_bytes(b"")  # LAY009, zoo-scope
    (root / "notes").mkdir()
    (root / "notes" / "a.yaml").write_text("x: 1  # zoolint: ignore[FILE001]\n")
    (root / "notes" / "b.yaml").write_text("y: 1\n# zoolint: ignore\n")
    rel = models[21].relative_to(root).as_posix()
    (root / "zoolint.toml").write_text(f'[per-path-ignores]\n"{rel}/**" = ["RCP001"]\n')
    return root


def _paths(zoo: Path) -> list[Path]:
    return [zoo, zoo / "notes" / "a.yaml", zoo / "notes" / "b.yaml"]


def _json(report: Report, base: Path) -> str:
    return render("json", report, base)


def _rows(report: Report, base: Path) -> list[Row]:
    return [
        (d.code, d.severity.value, relative_path(d.file, base), d.line, d.column, d.message)
        for d in report.diagnostics
    ]


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker counts of the process pools started."""
    started: list[int] = []
    real = zoolint.parallel.ProcessPoolExecutor

    def spy(workers: int, **kwargs: Any) -> Any:
        started.append(workers)
        return real(workers, **kwargs)

    monkeypatch.setattr(zoolint.parallel, "ProcessPoolExecutor", spy)
    return started


def test_the_parallel_report_is_the_serial_one_on_a_synthetic_zoo(zoo: Path, pools: list[int]) -> None:
    serial = lint(_paths(zoo), jobs=1)
    assert pools == []
    codes = Counter(d.code for d in serial.diagnostics)
    # The zoo exercises what crosses processes: per-model and zoo-scope diagnostics,
    # unused and malformed suppressions (in a directory and in loose files).
    assert codes == {"FILE001": 1, "CARD005": 1, "ZL002": 4, "RCP001": 1, "LAY009": 1}
    assert _rows(serial, zoo) == FINDINGS + LOOSE_FINDINGS
    assert len(serial.models) == 42
    # Three workers: uneven tasks, and the loose files' shared folder split apart.
    assert _json(lint(_paths(zoo), jobs=3), zoo) == _json(serial, zoo)
    assert pools == [3]


def test_without_zl002_suppressions_still_apply_in_parallel(zoo: Path, pools: list[int]) -> None:
    overrides = {"extend-ignore": ["ZL002"]}
    serial = lint(_paths(zoo), overrides=overrides, jobs=1)
    assert "ZL002" not in {d.code for d in serial.diagnostics}
    assert "CARD005" in {d.code for d in serial.diagnostics}
    assert _rows(serial, zoo) == [row for row in FINDINGS if row[0] != "ZL002"]
    assert _json(lint(_paths(zoo), overrides=overrides, jobs=2), zoo) == _json(serial, zoo)
    assert pools == [2]


def test_the_parallel_report_is_the_serial_one_on_the_demo_zoo(pools: list[int]) -> None:
    serial = lint([DEMO], jobs=1)
    assert serial.diagnostics and len(serial.models) == 17
    assert _json(lint([DEMO], jobs=2), DEMO) == _json(serial, DEMO)
    assert pools == [2, 2]  # valid/ and broken/ have a configuration each: two groups


def test_the_parent_reads_no_file_of_a_directory_linted_in_a_worker(
    zoo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers send each directory's suppression comments back with its diagnostics:
    the suppression pass in the parent neither reads nor lists those directories."""
    reads: list[str] = []
    real = zoolint.model.read_text

    def counting(root: Path, relpath: str, limit: int | None = None) -> Any:
        reads.append(relpath)  # in this process only: a forked worker appends to its copy
        return real(root, relpath, limit)

    monkeypatch.setattr(zoolint.model, "read_text", counting)
    report = lint([zoo], jobs=2)
    assert "ZL002" in {d.code for d in report.diagnostics}
    assert _rows(report, zoo) == FINDINGS
    assert reads == []


# --- failures inside workers -----------------------------------------------------------

TEST_PID = os.getpid()


def _small_zoo(root: Path, count: int) -> list[Path]:
    return [write_good_model(root / f"m{index}") for index in range(count)]


@rule(code="TST001", name="fails-on-m2", summary="Raises on m2.", severity=Severity.ERROR)
def fails_on_m2(ctx: RuleContext) -> Iterator[Finding]:
    """Raises on the directory m2, reports every other one."""
    if ctx.model.root.name == "m2":
        raise ValueError("boom")
    yield Finding("seen")


@rule(code="TST002", name="dies-on-m3", summary="Kills its worker on m3.", severity=Severity.ERROR)
def dies_on_m3(ctx: RuleContext) -> Iterator[Finding]:
    """Ends the worker process on m3 (never the test's own process)."""
    if ctx.model.root.name == "m3" and os.getpid() != TEST_PID:
        os._exit(3)
    yield Finding("seen")


def _raise_line(function: Callable[..., Any]) -> int:
    """The line of `function`'s first `raise`, as ZL001 messages name it."""
    lines, first = inspect.getsourcelines(function)
    return first + next(index for index, line in enumerate(lines) if line.lstrip().startswith("raise "))


def _boom() -> str:
    return (
        "rule TST001 (fails-on-m2) failed: ValueError: boom"
        f" (at test_parallel.py:{_raise_line(fails_on_m2.check)}); please report this"
    )


def test_a_rule_raising_in_a_worker_is_an_internal_error(tmp_path: Path, pools: list[int]) -> None:
    _small_zoo(tmp_path, 6)
    report = lint([tmp_path], Config(), rules=[fails_on_m2], jobs=2)
    assert pools == [2]
    assert [(d.model_root.name, d.code) for d in report.diagnostics] == [
        ("m0", "TST001"), ("m1", "TST001"), ("m2", "ZL001"), ("m3", "TST001"), ("m4", "TST001"), ("m5", "TST001"),
    ]  # fmt: skip
    assert "rule TST001 (fails-on-m2) failed: ValueError: boom" in report.diagnostics[2].message
    assert report.diagnostics[2].message == _boom()
    assert report.internal_errors == 1 and exit_code(report, exit_zero=True) == 2
    serial = lint([tmp_path], Config(), rules=[fails_on_m2], jobs=1)
    assert _json(report, tmp_path) == _json(serial, tmp_path)


def test_a_worker_that_dies_names_its_directory_and_loses_no_other(tmp_path: Path, pools: list[int]) -> None:
    _small_zoo(tmp_path, 8)
    report = lint([tmp_path], Config(), rules=[dies_on_m3], jobs=2)
    # The pool breaks; the directories without a result are linted again one at a time
    # in a single worker, which dies on m3 again and then goes on with the others.
    assert pools[0] == 2 and set(pools[1:]) == {1}
    rows = [(d.model_root.name, d.code) for d in report.diagnostics]
    assert rows == [(f"m{i}", "ZL001" if i == 3 else "TST002") for i in range(8)]
    assert "the worker process linting it died" in report.diagnostics[3].message
    assert report.internal_errors == 1
    assert [summary.root.name for summary in report.models] == [f"m{i}" for i in range(8)]


def test_an_error_outside_the_rules_in_a_worker_is_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _small_zoo(tmp_path, 4)
    real = zoolint.parallel.summarize

    def summarize(engine: Any, model: Any, layout: bool = True) -> Any:
        if model.root.name == "m1" and layout:
            raise OSError("disk gone")
        return real(engine, model, layout)

    monkeypatch.setattr(zoolint.parallel, "summarize", summarize)  # inherited by the workers
    report = lint([tmp_path], Config(), rules=[fails_on_m2], jobs=2)
    internal = [(d.model_root.name, d.message) for d in report.diagnostics if d.code == "ZL001"]
    line = summarize.__code__.co_firstlineno + 2  # the raise
    assert internal[0] == (
        "m1", f"linting this directory failed: OSError: disk gone (at test_parallel.py:{line}); please report this"
    )
    assert internal[1][0] == "m2" and internal[1][1].startswith("rule TST001 (fails-on-m2) failed")
    assert len(internal) == 2
    assert internal[1] == ("m2", _boom())
    # m1 is lost to the failure alone: the other directories are linted as ever.
    assert [(d.model_root.name, d.code) for d in report.diagnostics] == [
        ("m0", "TST001"), ("m1", "ZL001"), ("m2", "ZL001"), ("m3", "TST001"),
    ]  # fmt: skip
    assert report.internal_errors == 2
    assert [summary.layout for summary in report.models] == ["documented", None, "documented", "documented"]


@rule(code="TST003", name="sleeps", summary="Sleeps in workers.", severity=Severity.ERROR)
def sleeps(ctx: RuleContext) -> Iterator[Finding]:
    """Writes its process id beside the zoo, then sleeps (in a worker only)."""
    if os.getpid() != TEST_PID:
        (ctx.model.zoo_root.parent / f"pid-{os.getpid()}").write_text("")
        time.sleep(60)
    return iter(())


def test_ctrl_c_stops_the_workers_at_once(tmp_path: Path) -> None:
    root = tmp_path / "zoo"
    _small_zoo(root, 4)
    main_thread = threading.get_ident()

    def interrupt_when_busy() -> None:
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob("pid-*")) and time.monotonic() < deadline:
            time.sleep(0.02)
        signal.pthread_kill(main_thread, signal.SIGINT)  # what Ctrl-C does to zoolint

    threading.Thread(target=interrupt_when_busy, daemon=True).start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        lint([root], Config(), rules=[sleeps], jobs=2)
    assert time.monotonic() - started < 20
    workers = [int(path.name[4:]) for path in tmp_path.glob("pid-*")]
    assert workers
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in workers)


def _running(pid: int) -> bool:
    """Alive and not a zombie (a terminated worker is reaped by the pool's thread)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# --- no pool where none is wanted --------------------------------------------------


@pytest.fixture
def no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(zoolint.parallel, "ProcessPoolExecutor", refuse)


def test_jobs_1_never_starts_a_pool(tmp_path: Path, no_pool: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zoolint.parallel, "available_cpus", lambda: 4)
    _small_zoo(tmp_path, 32)  # enough for "auto" to start four workers
    assert len(lint([tmp_path], Config(select=["FILE"]), jobs=1).models) == 32
    (tmp_path / "zoolint.toml").write_text('select = ["FILE"]\njobs = 1\n')
    assert len(lint([tmp_path]).models) == 32


def test_auto_starts_a_pool_from_16_directories(
    tmp_path: Path, pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zoolint.parallel, "available_cpus", lambda: 8)
    _small_zoo(tmp_path, 15)
    config = Config(select=["FILE"])
    assert len(lint([tmp_path], config).models) == 15 and pools == []
    write_good_model(tmp_path / "m15")
    assert len(lint([tmp_path], config).models) == 16 and pools == [2]


def test_the_configured_jobs_and_the_keyword(tmp_path: Path, pools: list[int]) -> None:
    _small_zoo(tmp_path, 3)
    (tmp_path / "zoolint.toml").write_text('select = ["FILE"]\njobs = 2\n')
    lint([tmp_path])
    lint([tmp_path], jobs=1)
    lint([tmp_path], jobs=3)
    assert pools == [2, 3]


@pytest.mark.parametrize(
    ("jobs", "models", "cpus", "expected"),
    [
        ("auto", 15, 8, 1),
        ("auto", 16, 8, 2),
        ("auto", 40, 8, 5),
        ("auto", 1000, 8, 8),
        ("auto", 1000, 1, 1),
        (1, 1000, 8, 1),
        (4, 2, 8, 2),
        (4, 100, 2, 4),  # a number asked for is a number given
    ],
)
def test_worker_count(
    jobs: Any, models: int, cpus: int, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zoolint.parallel, "available_cpus", lambda: cpus)
    assert zoolint.parallel.worker_count(jobs, models) == expected


def test_jobs_on_the_command_line(tmp_path: Path, pools: list[int]) -> None:
    _small_zoo(tmp_path, 3)
    (tmp_path / "m1" / "model.onnx").write_bytes(LFS_POINTER)
    (tmp_path / "zoolint.toml").write_text('select = ["FILE"]\njobs = 1\n')
    runner = CliRunner()
    done = runner.invoke(main, ["--jobs", "2", "--format", "json", str(tmp_path)])
    assert done.exit_code == 1 and pools == [2]
    serial = runner.invoke(main, ["-j", "1", "--format", "json", str(tmp_path)])
    assert serial.output == done.output and pools == [2]
    for bad in ("0", "many", "-1"):
        refused = runner.invoke(main, ["--jobs", bad, str(tmp_path)])
        assert refused.exit_code == 2
        assert "expected a number of processes (1 or more) or 'auto'" in refused.output


@pytest.mark.parametrize("value", [0, "2", True, 1.5])
def test_a_bad_jobs_setting_is_a_configuration_error(tmp_path: Path, value: Any) -> None:
    write_good_model(tmp_path / "m")
    with pytest.raises(ConfigError, match=r"jobs: expected a number of processes \(1 or more\) or 'auto'"):
        lint([tmp_path], overrides={"jobs": value})

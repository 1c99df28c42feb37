"""Linting a group's model directories: one after another, or in a pool of processes.

`lint_models` runs the model-scope rules of every directory of a `Zoo` and returns one
`ModelResult` per directory, in the zoo's order, whichever way it ran, so the report of
a parallel run is the serial run's, diagnostic for diagnostic.

The pool forks (Linux): a worker starts with everything the parent imported (onnx,
numpy, every rule) and with the parent's `Engine` and `Zoo`, whose `ModelDir`s have
listed and read nothing yet; nothing of them is pickled. A task is a range of
directory indices; a worker lints them as the serial loop does (sibling lookups
through `ctx.zoo` read the siblings lazily in that worker) and sends back plain data:
diagnostics, the directory's summary, and its suppression comments (`prescan`), so
the parent's suppression pass reads none of the files again. Zoo-scope rules, the
suppression pass and `per-path-ignores` stay in the parent (`zoolint.api`).

Failures are reported, never lost: an exception outside the rules' own guard becomes
ZL001 on its directory; a worker that dies (a crash in a native library, the OOM
killer) breaks the pool, and every directory whose result is missing is linted
again, one at a time in a single worker, so the directory it dies on is the one named
by ZL001 and the others still get their results. Workers ignore SIGINT: on Ctrl-C the
parent terminates them and re-raises, so the run stops at once.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from zoolint.config.model import Jobs
from zoolint.diagnostics import Diagnostic, Severity
from zoolint.engine import INTERNAL_ERROR_CODE, Engine, ModelSummary
from zoolint.layout.detect import generation_name
from zoolint.model import ModelDir
from zoolint.rules.base import Zoo
from zoolint.suppressions import UNUSED_CODE, Prescan, prescan

# "auto" gives each worker process at least this many directories, so a run of fewer
# than twice as many is linted in this process. Measured with bench/bench_jobs.py: two
# workers cost about 90 ms of CPU (fork, pages copied on write, first-use work in
# each), 40 to 50 ms of it on the wall clock, where a complete tiny directory takes
# about 12 ms; they break even near 10 directories.
AUTO_MODELS_PER_WORKER = 8
# Tasks per worker: enough that a few slow directories (large graphs) do not leave
# the other workers idle at the end, few enough that each task carries several.
TASKS_PER_WORKER = 4


@dataclass
class ModelResult:
    """What linting one directory produced, as plain data (it crosses processes)."""

    diagnostics: list[Diagnostic]
    summary: ModelSummary
    internal_errors: int = 0
    # The directory's suppression comments, gathered in the worker that read its files.
    comments: Prescan | None = None


def available_cpus() -> int:
    """CPUs this process may run on (a container's or `taskset`'s limit, where the OS
    says so), which `os.cpu_count()` does not know."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether the pool can fork (Linux and the BSDs; not macOS, where forking a
    process that loaded system frameworks is unsafe, nor Windows)."""
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def worker_count(jobs: Jobs, models: int) -> int:
    """Worker processes for `models` directories; 1 means lint in this process."""
    wanted = min(available_cpus(), models // AUTO_MODELS_PER_WORKER) if jobs == "auto" else jobs
    return max(1, min(wanted, models))


def summarize(engine: Engine, model: ModelDir, layout: bool = True) -> ModelSummary:
    """The report's entry for a directory. `layout=False` skips layout detection (it
    reads the listing) for a directory whose linting failed."""
    return ModelSummary(
        root=model.root,
        relpath=model.relpath,
        stub=model.path_stub,
        layout=None if model.is_loose_file or not layout else generation_name(model),
        loose_file=model.only_file,
        fail_on=engine.loaded.config.fail_on,
        rules=tuple(
            rule.code
            for rule in engine.rules
            if rule.scope == "zoo" or not model.is_loose_file or rule.loose_files
        ),
    )


def lint_models(engine: Engine, zoo: Zoo, workers: int = 1) -> list[ModelResult]:
    """Lint every directory of `zoo` with `engine`'s model-scope rules, with `workers`
    processes (serially when 1, or where the pool cannot fork)."""
    if workers <= 1 or len(zoo.models) <= 1 or not can_fork():
        return [_lint_one(engine, zoo, model) for model in zoo.models]
    return _lint_in_pool(engine, zoo, workers)


def _lint_one(engine: Engine, zoo: Zoo, model: ModelDir, gather: bool = False) -> ModelResult:
    before = engine.internal_errors
    diagnostics = engine.lint_model(model, zoo)
    result = ModelResult(diagnostics, summarize(engine, model), engine.internal_errors - before)
    if gather:
        # The files the parent's suppression pass will look at for this directory.
        own = dict.fromkeys(d.path for d in diagnostics if d.model_root == model.root)
        every_file = any(rule.code == UNUSED_CODE for rule in engine.rules)
        result.comments = prescan(model, own, every_file)
    model.release()
    return result


def _failed(engine: Engine, model: ModelDir, reason: str) -> ModelResult:
    diagnostic = Diagnostic(
        code=INTERNAL_ERROR_CODE,
        name="internal-error",
        severity=Severity.ERROR,
        message=f"linting this directory failed: {reason}; please report this",
        model_root=model.root,
    )
    return ModelResult([diagnostic], summarize(engine, model, layout=False), internal_errors=1)


def _describe(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


# --- the pool ------------------------------------------------------------------------

# A worker's engine and zoo: the parent's, inherited through fork (never pickled).
_worker_state: tuple[Engine, Zoo] | None = None


def _start_worker(engine: Engine, zoo: Zoo) -> None:
    global _worker_state
    _worker_state = (engine, zoo)
    # Ctrl-C reaches the whole process group; the parent alone decides, and stops us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _lint_range(indices: range) -> list[ModelResult]:
    """A task: lint these directories of the worker's zoo."""
    assert _worker_state is not None, "not a worker started by _pool"
    engine, zoo = _worker_state
    results = []
    for index in indices:
        model = zoo.models[index]
        try:
            results.append(_lint_one(engine, zoo, model, gather=True))
        except Exception as exc:  # noqa: BLE001 - one directory must not lose the others
            results.append(_failed(engine, model, _describe(exc)))
    return results


@contextmanager
def _pool(engine: Engine, zoo: Zoo, workers: int) -> Iterator[ProcessPoolExecutor]:
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(engine, zoo),
    )
    try:
        yield pool
    except BaseException:
        # Ctrl-C, or a bug here: do not wait for the running tasks (shutdown would).
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    pool.shutdown(wait=True)


def _lint_in_pool(engine: Engine, zoo: Zoo, workers: int) -> list[ModelResult]:
    count = len(zoo.models)
    size = max(1, math.ceil(count / (workers * TASKS_PER_WORKER)))
    tasks = [range(start, min(start + size, count)) for start in range(0, count, size)]
    results: list[ModelResult | None] = [None] * count
    missing = _run(engine, zoo, workers, tasks, results)
    while missing:  # a worker died: one at a time now, so its death names a directory
        missing = _run(engine, zoo, 1, [range(index, index + 1) for index in missing], results)
    assert all(result is not None for result in results)
    return results  # type: ignore[return-value]


def _run(
    engine: Engine,
    zoo: Zoo,
    workers: int,
    tasks: Sequence[range],
    results: list[ModelResult | None],
) -> list[int]:
    """Run `tasks` in a pool of `workers`, filling `results`; return the indices of the
    directories to lint again (their task was lost with a worker)."""
    again: list[int] = []
    crashed = False
    with _pool(engine, zoo, workers) as pool:
        futures: list[Future[list[ModelResult]]] = [pool.submit(_lint_range, t) for t in tasks]
        for task, future in zip(tasks, futures):
            try:
                for index, result in zip(task, future.result()):
                    results[index] = result
                continue
            except BrokenProcessPool:
                # A lone worker runs single-directory tasks in order: the first task
                # lost is the one it died on. Among several workers, any may be.
                blame = workers == 1 and not crashed
                crashed = True
                reason = (
                    "the worker process linting it died (a crash in a native library,"
                    " or out of memory)"
                )
            except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
                blame = len(task) == 1
                reason = f"the worker process could not return its result: {_describe(exc)}"
            if blame:
                results[task[0]] = _failed(engine, zoo.models[task[0]], reason)
            else:
                again.extend(task)
    return again

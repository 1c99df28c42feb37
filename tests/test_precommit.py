"""The pre-commit hooks, run by the REAL pre-commit in a temporary git repository.

pre-commit installs a hook repository from git into a virtualenv of its own (pip
installs zoolint and its dependencies from the package index), cached in
PRE_COMMIT_HOME by repository and revision. The test takes a snapshot of this project
(tracked and uncommitted files) as a clean git repository and names it in the temporary
repository's `.pre-commit-config.yaml`, so the one environment serves every run below.
(`pre-commit try-repo` would build a fresh environment on every call: it always uses a
temporary store, whatever PRE_COMMIT_HOME says.)

Everything happens in one test, so that pytest-xdist cannot spread it over workers
and build the environment twice.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zoo_support import BROKEN_STUB, GOOD_STUB, write_complete_model

PROJECT = Path(__file__).resolve().parents[1]
TIMEOUT = 900  # a fresh machine downloads onnx, numpy, pydantic, ...


def git_env(home: Path) -> dict[str, str]:
    """No user or system git configuration: works the same on any machine."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT"))
    }
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="zoolint test",
        GIT_AUTHOR_EMAIL="test@zoolint.invalid",
        GIT_COMMITTER_NAME="zoolint test",
        GIT_COMMITTER_EMAIL="test@zoolint.invalid",
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    return env


def git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "commit.gpgsign=false", *args],
        env=env, capture_output=True, text=True, check=True, timeout=120,
    )


def snapshot_project(destination: Path, env: dict[str, str]) -> str:
    """Copy the project's tracked and untracked (not ignored) files into a fresh, clean
    git repository; return its commit."""
    listed = subprocess.run(
        ["git", "-C", str(PROJECT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        env=env, capture_output=True, check=True, timeout=120,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        source = PROJECT / rel
        if source.is_file():  # deleted but not yet staged: skip
            target = destination / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(destination, env, "init", "-q")
    git(destination, env, "add", "-A")
    git(destination, env, "commit", "-q", "-m", "snapshot")
    return git(destination, env, "rev-parse", "HEAD").stdout.strip()


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo, env=env, capture_output=True, text=True, timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit")


def test_hooks_pass_good_and_block_broken_model_directories(workspace: Path) -> None:
    env = git_env(workspace / "pre-commit-home")
    hook_repo = workspace / "hook-repo"
    rev = snapshot_project(hook_repo, env)

    work = workspace / "work"
    work.mkdir()
    git(work, env, "init", "-q")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n"
        f"-   repo: {hook_repo}\n"
        f"    rev: {rev}\n"
        f"    hooks:\n"
        f"    -   id: zoolint\n"
        f"    -   id: zoolint-zoo\n",
        encoding="utf-8",
    )
    # Complete model directories at their stubs' paths, under every rule zoolint has.
    good_dir = write_complete_model(work, GOOD_STUB).relative_to(work).as_posix()
    installed = pre_commit(work, env, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr

    # A good model directory commits: both hooks pass.
    git(work, env, "add", "-A")
    good = commit(work, env, "add a good model")
    assert good.returncode == 0, good.stdout
    assert re.search(r"^zoolint\.+Passed$", good.stdout, re.M), good.stdout
    assert re.search(r"^zoolint \(whole zoo\)\.+Passed$", good.stdout, re.M), good.stdout

    # A broken one is refused, by both hooks.
    bad_dir = write_complete_model(work, BROKEN_STUB, lfs_graph=True).relative_to(work).as_posix()
    git(work, env, "add", bad_dir)
    bad = commit(work, env, "add a broken model")
    assert bad.returncode == 1, bad.stdout
    assert re.search(r"^zoolint\.+Failed$", bad.stdout, re.M), bad.stdout
    assert re.search(r"^zoolint \(whole zoo\)\.+Failed$", bad.stdout, re.M), bad.stdout
    assert bad.stdout.count(f"{bad_dir}/model.onnx: FILE001 [error] is a Git LFS pointer") == 2
    assert git(work, env, "log", "--format=%s").stdout.splitlines() == ["add a good model"]

    # The zoolint hook lints the model directory of each changed file, each once.
    run = pre_commit(
        work, env, "run", "zoolint", "--files",
        f"{bad_dir}/model.md", f"{bad_dir}/model.onnx", f"{bad_dir}/sample_inputs/inp-0000.npz",
        f"{good_dir}/model.md",
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout.count(f"{bad_dir}/model.onnx: FILE001") == 1
    assert "Found 1 error, 0 warnings, 0 infos in 1 of 2 model directories." in run.stdout


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "commit.gpgsign=false", "commit", "-m", message],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        timeout=TIMEOUT, stdin=subprocess.DEVNULL,
    )

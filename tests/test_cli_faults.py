"""``tangle build`` on a broken machine: a read-only or full disk, a second build, a damaged cache.

The real-filesystem tests run the build in a private mount namespace (``unshare``) on a small tmpfs,
so nothing is mounted outside the test; they skip where namespaces are not allowed.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "Ann Lee met Bob Stone in Paris.\n"
runner = CliRunner()

#: Mount a tmpfs of size $4 on $1, put a previous build in $1/out, make it read-only if $5 is "ro", build.
ON_TMPFS = r"""
mount -t tmpfs -o size="$4" tmpfs "$1" || exit 77
mkdir "$1/out" && printf previous > "$1/out/graph.json" && printf previous > "$1/out/graph.html"
if [ "$5" = ro ]; then mount -o remount,ro "$1" || exit 77; fi
"$2" -m graph.cli build "$3" -o "$1/out" 2>&1
echo "exit=$?"
ls -A "$1/out"
cat "$1/out/graph.json" "$1/out/graph.html"
"""


def docs_folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(SENTENCE)
    return docs


def build_on_tmpfs(tmp_path: Path, *, size: str, mode: str) -> list[str]:
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is not installed")
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(["unshare", "-rm", "sh", "-c", ON_TMPFS, "sh", str(mount), sys.executable,
                           str(docs_folder(tmp_path)), size, mode], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    if done.returncode == 77 or "exit=" not in done.stdout:
        pytest.skip(f"cannot mount a private tmpfs here: {done.stderr.strip()[:200]}")
    return done.stdout.splitlines()


@pytest.mark.slow
def test_read_only_output_is_one_line_before_parsing_and_keeps_the_previous_build(tmp_path):
    lines = build_on_tmpfs(tmp_path, size="1m", mode="ro")
    out = tmp_path / "mnt" / "out"
    assert [line for line in lines if line.startswith("Error")] == [
        f"Error: cannot write {out}: Read-only file system; make it writable or choose another folder with -o"]
    assert lines[-4:] == ["exit=2", "graph.html", "graph.json", "previousprevious"]


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_keeps_the_previous_pair(tmp_path):
    lines = build_on_tmpfs(tmp_path, size="300k", mode="rw")  # room for the cache, not for the 700 KB page
    out = tmp_path / "mnt" / "out"
    errors = [line for line in lines if line.startswith("Error:")]
    assert errors == [f"Error: cannot write {out / 'graph.html'}: No space left on device; free some space "
                      "or choose another folder with -o"]
    assert "Traceback" not in "\n".join(lines)
    assert lines[-5:] == ["exit=2", "cache.sqlite", "graph.html", "graph.json", "previousprevious"]


@pytest.mark.slow
def test_the_writable_check_comes_before_the_model_is_loaded(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    def never(*args, **kwargs):
        raise AssertionError("the model was loaded before the output folder was checked")

    monkeypatch.setattr("graph.output.tempfile.mkstemp", refuse)
    monkeypatch.setattr(importlib.import_module("graph.build"), "load_pipeline", never)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(docs_folder(tmp_path)), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        f"Error: cannot write {out}: Permission denied; make it writable or choose another folder with -o")


@pytest.mark.slow
def test_a_second_build_into_a_busy_folder_is_refused_with_one_line(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text("previous")
    holder = subprocess.Popen(  # stands for a first build: holds the folder's lock until killed
        [sys.executable, "-c", "import sys, time\nfrom graph.output import output_lock\n"
         "with output_lock(sys.argv[1]):\n    print('locked', flush=True)\n    time.sleep(120)\n", str(out)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        second = subprocess.run([sys.executable, "-m", "graph.cli", "build", str(docs_folder(tmp_path)), "-o",
                                 str(out)], capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert second.returncode == 2
        assert [line for line in second.stderr.splitlines() if line.startswith("Error")] == [
            f"Error: {out} is in use by another Tangle build (process {holder.pid}); wait for it to finish "
            "or choose another folder with -o"]
        assert time.monotonic() - started < 60  # refused at once, not after the parse
        assert (out / "graph.json").read_text() == "previous"
    finally:
        holder.kill()
        holder.wait()
    again = runner.invoke(app, ["build", str(tmp_path / "docs"), "-o", str(out), "--no-page"])
    assert again.exit_code == 0, again.output
    assert json.loads((out / "graph.json").read_text())["graph"]["documents"][0]["id"] == "a"


@pytest.mark.slow
def test_a_folder_named_like_the_cache_is_a_note_and_the_build_goes_on(tmp_path):
    out = tmp_path / "out"
    (out / "cache.sqlite").mkdir(parents=True)
    result = runner.invoke(app, ["build", str(docs_folder(tmp_path)), "-o", str(out), "--no-page"])
    assert result.exit_code == 0, result.output
    assert (f"Note: building without the cache: {out / 'cache.sqlite'} is not a cache file (a folder or a "
            "special file); remove it to cache records again") in result.output.splitlines()
    assert "extraction: 1 parsed, 0 from cache" in result.output
    manifest = json.loads((out / "tangle-manifest.json").read_text())
    assert sorted(manifest["files"]) == ["graph.json"]


NAMES = ["Ann Lee", "Bob Stone", "Cara Diaz", "Dan Okafor", "Eve Marsh", "Finn Rowe", "Gail Brook", "Hugo Vance"]
PLACES = ["Paris", "Lagos", "Lima", "Oslo", "Quito", "Hanoi"]


def long_corpus(tmp_path: Path, documents: int = 400, sentences: int = 40) -> Path:
    """Enough text that a two-worker build is still parsing when the test acts on it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for d in range(documents):
        lines = [f"{NAMES[(d + s) % 8]} met {NAMES[(d + 3 * s + 1) % 8]} in {PLACES[(d + s) % 6]} on day {s}, "
                 f"and the {PLACES[s % 6]} office of Acme Holdings said talks went well." for s in range(sentences)]
        (docs / f"doc{d:04d}.txt").write_text(f"Notes {d}\n\n" + "\n".join(lines) + "\n")
    return docs


def start_build_with_workers(tmp_path: Path, out: Path):
    """A ``--workers 2`` build in its own process group, once both workers are parsing."""
    psutil = pytest.importorskip("psutil")
    parent = subprocess.Popen([sys.executable, "-m", "graph.cli", "build", str(long_corpus(tmp_path)), "-o", str(out),
                               "--workers", "2", "--no-page"], cwd=ROOT, start_new_session=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process = psutil.Process(parent.pid)
    deadline = time.monotonic() + 120
    workers: list = []
    while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
        time.sleep(0.2)
        with contextlib.suppress(psutil.Error):
            workers = [c for c in process.children() if c.cmdline() == process.cmdline()]
    if len(workers) < 2:
        parent.kill()
        pytest.fail(f"the build never had two workers: {parent.communicate()[1][-500:]}")
    time.sleep(2)  # both are inside a batch now
    assert parent.poll() is None, "the build finished before the test could act on it; make the corpus longer"
    return parent, workers


def reap(processes) -> None:
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()


@pytest.mark.slow
def test_workers_die_with_a_killed_build(tmp_path):
    import psutil

    parent, workers = start_build_with_workers(tmp_path, tmp_path / "out")
    try:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        gone, alive = psutil.wait_procs(workers, timeout=10)
        assert alive == [], f"workers still running 10 s after the build was killed: {alive}"
    finally:
        reap(workers)
        parent.communicate()


@pytest.mark.slow
def test_ctrl_c_ends_a_build_with_workers_in_seconds_and_keeps_the_previous_outputs(tmp_path):
    import psutil

    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text("previous")
    parent, workers = start_build_with_workers(tmp_path, out)
    try:
        started = time.monotonic()
        os.killpg(parent.pid, signal.SIGINT)  # what a terminal does: the whole foreground group
        _, stderr = parent.communicate(timeout=60)
        took = time.monotonic() - started
        assert took < 10, f"Ctrl-C took {took:.1f} s"  # generous: about 1 s here
        assert parent.returncode == 130
        assert "Error: interrupted; outputs written before are intact" in stderr
        assert "Traceback" not in stderr
        gone, alive = psutil.wait_procs(workers, timeout=5)
        assert alive == []
        assert (out / "graph.json").read_text() == "previous"
        assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp") or p.name == ".tangle.lock"]
    finally:
        reap(workers)
        if parent.poll() is None:
            parent.kill()
            parent.communicate()

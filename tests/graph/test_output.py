"""The output folder: writable check, build lock, paired writes and the manifest."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import sys

import pytest

import graph.output
from graph.errors import OutputError
from graph.output import LOCK_NAME, MANIFEST_NAME, check_writable, output_lock, write_outputs

VERSION = {"version": "0.1.0", "format": 1}


def previous(out):
    out.mkdir(parents=True, exist_ok=True)
    write_outputs(out, {"graph.json": "old json", "graph.html": "old html"}, version=VERSION)
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_the_pair_is_written_then_the_manifest_naming_it(tmp_path):
    paths = write_outputs(tmp_path, {"graph.json": "{}\n", "graph.html": "<html>"}, version=VERSION)
    assert paths == [tmp_path / "graph.json", tmp_path / "graph.html"]
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text())
    digest = hashlib.sha256(b"{}\n").hexdigest()
    assert manifest == {"build": digest, "tangle": VERSION,
                        "files": {"graph.json": digest, "graph.html": hashlib.sha256(b"<html>").hexdigest()}}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html", "graph.json", MANIFEST_NAME]


@pytest.mark.parametrize("failing_call", [1, 2, 3])
def test_a_full_disk_leaves_the_previous_pair_and_manifest(tmp_path, monkeypatch, failing_call):
    before = previous(tmp_path)
    calls = []
    real_fsync = os.fsync

    def fsync(fd):
        calls.append(fd)
        if len(calls) == failing_call:  # the new graph.json, graph.html or manifest
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(graph.output.os, "fsync", fsync)
    with pytest.raises(OutputError, match="No space left on device; free some space or choose another folder"):
        write_outputs(tmp_path, {"graph.json": "new json", "graph.html": "new html"}, version=VERSION)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    if failing_call < 3:
        assert after == before
    else:  # the pair is in place; the manifest still names the previous build, so the mismatch shows
        assert after[MANIFEST_NAME] == before[MANIFEST_NAME]
        assert sorted(after) == sorted(before)


def test_an_unwritable_folder_is_refused_before_anything_else(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(graph.output.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError) as caught:
        check_writable(tmp_path / "out")
    assert str(caught.value) == (f"cannot write {tmp_path / 'out'}: Permission denied; make it writable "
                                 "or choose another folder with -o")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders; the injected test covers it")
def test_a_read_only_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="Permission denied"):
            check_writable(out)
    finally:
        out.chmod(0o755)


def test_a_second_holder_of_the_lock_is_refused_at_once_and_the_lock_goes_with_the_build(tmp_path):
    with output_lock(tmp_path):
        assert (tmp_path / LOCK_NAME).read_text() == str(os.getpid())
        with pytest.raises(OutputError, match=rf"is in use by another Tangle build \(process {os.getpid()}\)"):
            with output_lock(tmp_path):
                pass
    assert not (tmp_path / LOCK_NAME).exists()
    with output_lock(tmp_path):
        pass


def test_a_killed_holder_leaves_no_lock(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom graph.output import output_lock\n"
         "with output_lock(sys.argv[1]):\n    print('locked', flush=True)\n    time.sleep(60)\n", str(tmp_path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputError, match=rf"\(process {holder.pid}\)"):
            with output_lock(tmp_path):
                pass
    finally:
        holder.kill()
        holder.wait()
    assert (tmp_path / LOCK_NAME).exists()  # SIGKILL ran no cleanup, but the kernel dropped the lock
    with output_lock(tmp_path):
        pass


def test_a_file_where_the_folder_should_be_is_one_line(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(OutputError, match=r"afile is a file, not a folder; choose another folder with -o$"):
        check_writable(tmp_path / "afile")


def test_a_file_system_without_locks_still_builds(tmp_path, monkeypatch):
    import fcntl

    def no_locks(fd, operation):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with output_lock(tmp_path):
        pass

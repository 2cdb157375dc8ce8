"""Every output is written with the mode a plain ``open()`` gives it, not ``mkstemp``'s 0600."""

from __future__ import annotations

import os
import stat
from contextlib import contextmanager

import pytest

from graph.exports import export
from graph.io import atomic_write
from graph.output import write_outputs
from tests.graph.fixtures_export import sample_graph


@contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077])
def test_new_files_get_the_mode_open_gives_under_the_umask(tmp_path, mask):
    with umask(mask):
        with open(tmp_path / "plain.txt", "w") as handle:
            handle.write("x")
        written = []
        for name in ["g.json", "g.gexf", "g.graphml", "g.csv", "g.cypher"]:
            written += export(sample_graph(), tmp_path / name)
    assert _mode(tmp_path / "plain.txt") == 0o666 & ~mask
    assert {p.name: _mode(p) for p in written} == {p.name: 0o666 & ~mask for p in written}


def test_an_existing_file_keeps_its_mode(tmp_path):
    target = tmp_path / "graph.json"
    target.write_text("old")
    target.chmod(0o640)
    with umask(0o022):
        atomic_write(target, "new")
    assert target.read_text() == "new" and _mode(target) == 0o640


def test_a_build_s_output_set_gets_the_mode_open_gives(tmp_path):
    with umask(0o022):
        written = write_outputs(tmp_path, {"graph.json": "{}", "graph.html": "<html>"}, version={"version": "0"})
    assert sorted(p.name for p in written) == ["graph.html", "graph.json"]
    modes = {p.name: _mode(p) for p in tmp_path.iterdir() if not p.name.startswith(".")}
    assert modes and set(modes.values()) == {0o644}, modes

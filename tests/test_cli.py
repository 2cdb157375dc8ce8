"""The ``tangle`` command: exit codes, error lines and help."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph.cli import app
from tests.conftest import DATA

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_every_command_has_help():
    result = run("--help")
    assert result.exit_code == 0
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"build", "entities"} <= set(commands)
    for name in commands:
        sub = run(name, "--help")
        assert sub.exit_code == 0, name
        assert "Usage" in sub.output


def test_missing_path_is_one_error_line_and_exit_2(tmp_path):
    result = run("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {tmp_path / 'nope'}: no such file or folder; give a document or a folder of documents")
    assert "Traceback" not in result.output


def test_empty_folder_is_exit_2(tmp_path):
    result = run("build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == f"Error: no .txt or .md documents in {tmp_path}"


@pytest.mark.slow
def test_nothing_readable_is_exit_1_and_keeps_earlier_outputs(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text("previous")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "empty.txt").write_text("")
    result = run("build", str(tmp_path / "docs"), "-o", str(out))
    assert result.exit_code == 1
    assert "empty.txt: is empty" in result.output
    assert result.output.strip().splitlines()[-1].startswith("Error: no document could be read")
    assert (out / "graph.json").read_text() == "previous"


@pytest.mark.slow
def test_build_then_entities(tmp_path):
    out = tmp_path / "out"
    result = run("build", str(DATA), "-o", str(out), "--no-page")
    assert result.exit_code == 0, result.output
    assert "documents: 3 read, 0 skipped" in result.output
    assert "PERSON" in result.output
    listed = run("entities", str(out / "graph.json"), "--type", "person", "--json")
    assert listed.exit_code == 0
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert rows and all(r["type"] == "PERSON" for r in rows)
    assert rows[0]["label"] == "Donald Trump"


def test_unreadable_graph_is_exit_2(tmp_path):
    bad = tmp_path / "graph.json"
    bad.write_text("{not json")
    result = run("entities", str(bad))
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {bad}: not a readable graph.json")


def test_bad_curation_file_is_exit_2(tmp_path):
    curation = tmp_path / "c.yml"
    curation.write_text("merge: [[only-one]]\n")
    result = run("build", str(DATA), "-o", str(tmp_path / "out"), "--curation", str(curation))
    assert result.exit_code == 2
    assert "merge: each group needs two or more names" in result.output

"""Where ``tangle build`` writes: a file in the way of -o, and an output folder inside the input folder."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from graph.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("out", ["afile", "afile/sub"])
def test_an_output_that_is_a_file_is_one_error_line_and_exit_2(tmp_path, out):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Ada Quill met Bo Ferrant in Lisbon.\n", encoding="utf-8")
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    result = run("build", str(tmp_path / "docs"), "-o", str(tmp_path / out))
    assert result.exit_code == 2
    where = "is a file" if out == "afile" else f"is under {tmp_path / 'afile'}, which is a file"
    assert result.output.strip().splitlines() == [
        f"Error: {tmp_path / out} {where}, not a folder; choose another folder with -o"]
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "not a folder"


@pytest.mark.slow
def test_an_output_folder_inside_the_input_is_not_read_on_the_next_build(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Ada Quill met Bo Ferrant in Lisbon. Ada Quill praised Bo Ferrant.\n",
                                encoding="utf-8")
    first = run("build", str(docs), "-o", str(docs / "out"))
    assert first.exit_code == 0, first.output
    graph = (docs / "out" / "graph.json").read_bytes()
    second = run("build", str(docs), "-o", str(docs / "out"), "--no-cache")
    assert second.exit_code == 0, second.output
    skip = f"Skipped {(docs / 'out').as_posix()}: holds Tangle's own outputs"
    assert [line for line in second.output.splitlines() if line.startswith(skip)] != []
    assert second.output.count("Tangle's own outputs") == 1
    assert "documents: 1 read, 1 skipped (tangle output 1)" in second.output
    assert (docs / "out" / "graph.json").read_bytes() == graph

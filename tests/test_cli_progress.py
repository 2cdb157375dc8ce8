"""Build progress counts documents: each row of a .jsonl/.csv file, each other file, with rate and ETA."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

import graph.cli
from extract.documents import estimate_documents
from graph.cli import DocumentProgress, app


def test_row_files_are_estimated_by_their_rows(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n  \n{"text": "z"}', encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,text\n1,x\n2,y\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("one\ntwo\nthree\n", encoding="utf-8")
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    assert [estimate_documents(tmp_path / n) for n in ("a.jsonl", "b.csv", "c.txt", "empty.csv")] == [3, 2, 1, 1]
    assert estimate_documents(tmp_path / "missing.jsonl") == 1


def test_each_row_is_a_step_and_a_row_file_skipped_whole_counts_all_its_rows(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps({"text": f"row {i}"}) + "\n" for i in range(5)), encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,body\n1,a\n2,b\n3,c\n", encoding="utf-8")
    single = tmp_path / "one.txt"
    single.write_text("text", encoding="utf-8")
    steps: list[int] = []
    counter = DocumentProgress([rows, bad, single], steps.append)
    assert counter.total == 9
    for i in range(1, 6):
        counter.advance(f"{rows.as_posix()}#{i}")
    counter.advance(str(bad))  # "has no column 'text'": the whole file is skipped
    counter.advance(single.as_posix())
    assert steps == [1, 1, 1, 1, 1, 3, 1]
    assert sum(steps) == counter.total


class RecordingProgress:
    """Stands in for the rich progress display, shown, and records what the build told it."""

    disable = False

    def __init__(self) -> None:
        self.totals: list[int] = []
        self.advances: list[int] = []
        self.rates: list[str] = []
        self.completed: list[int] = []
        self.tasks = [SimpleNamespace(speed=2.0)]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def add_task(self, description, *, total, rate, **fields):
        self.totals.append(total)
        return 0

    def update(self, task, *, advance=None, completed=None, rate=None, **fields):
        if advance is not None:
            self.advances.append(advance)
        if completed is not None:
            self.completed.append(completed)
        if rate is not None:
            self.rates.append(rate)


@pytest.mark.slow
def test_a_build_advances_once_per_row(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    lines = [json.dumps({"id": f"r{i}", "text": f"Ada Quill met Bo Ferrant in Lisbon on day {i}."}) for i in range(4)]
    (docs / "rows.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (docs / "note.txt").write_text("Bo Ferrant praised Ada Quill.\n", encoding="utf-8")
    shown = RecordingProgress()
    monkeypatch.setattr(graph.cli, "_progress", lambda: shown)
    result = CliRunner().invoke(app, ["build", str(docs), "-o", str(tmp_path / "out"), "--no-page"])
    assert result.exit_code == 0, result.output
    assert shown.totals == [5]
    assert shown.advances == [1, 1, 1, 1, 1]
    assert shown.rates[-1] == "2.0 docs/s"
    assert shown.completed == [5]

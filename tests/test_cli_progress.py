"""``tangle build`` shows progress by document: one step per row of a .jsonl file and per other file, with a rate.

The counting helpers are tested on their own in ``tests/graph/test_cli.py``.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

import graph.cli
from graph.cli import app


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

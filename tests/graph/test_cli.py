"""graph/cli.py's helpers, without running a command: progress counts, rates and durations.

The commands themselves are exercised end to end, through the ``tangle`` app, in ``tests/test_cli*.py``.
"""

from __future__ import annotations

import json

from extract.pipeline import ChunkDone
from extract.records import Document
from graph.cli import DocumentProgress, _chunk_progress, _duration


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


def test_progress_within_a_long_document_shows_kb_rate_and_eta():
    shown, now = [], [0.0]
    report = _chunk_progress(shown.append, clock=lambda: now[0])
    long = Document(id="long", title="", path="docs/report.txt", sha256="", text="x" * 100_000)
    short = Document(id="short", title="", path="docs/note.txt", sha256="", text="x" * 500)
    report(ChunkDone(short, 1, 1, 500, 500, started=0.0))  # one chunk: nothing to show
    for chunk, seconds in ((1, 110.0), (2, 120.0), (5, 150.0)):
        now[0] = seconds
        report(ChunkDone(long, chunk, 5, chunk * 20_000, 100_000, started=100.0))
    assert shown == [
        "report.txt: 20 of 100 KB, chunk 1 of 5, 2.0 KB/s, ETA 40 s",
        "report.txt: 40 of 100 KB, chunk 2 of 5, 2.0 KB/s, ETA 30 s",
        None,
    ]
    hostile = Document(id="h", title="", path="docs/a\x1b]0;x\x07.txt", sha256="", text="x" * 100_000)
    report(ChunkDone(hostile, 1, 5, 20_000, 100_000, started=100.0))
    assert shown[-1].startswith("a\\u001b]0;x\\u0007.txt: 20 of 100 KB")


def test_a_long_eta_is_shown_in_minutes():
    assert (_duration(42.4), _duration(600), _duration(3725)) == ("42 s", "10 min 00 s", "62 min 05 s")


def test_a_library_message_names_the_flag_of_each_parameter_it_carries():
    from graph.cli import flagged

    assert flagged("check the `scheduler` address", ("scheduler",)) == "check the --scheduler address"
    assert flagged("unknown `engine` 'spark'", ("engine",)) == "unknown --engine 'spark'"

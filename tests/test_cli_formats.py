"""``tangle build`` over real formats and bad input: messages, exit codes and what was built."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph.cli import app
from tests.fixture_files import eml_bytes, pdf_bytes, write_docx

runner = CliRunner()
SENTENCE = "Paul Manafort met Oleg Deripaska in Moscow."


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def messy(tmp_path):
    docs = tmp_path / "docs"
    (docs / "mail").mkdir(parents=True)
    (docs / "notes.txt").write_text(SENTENCE + "\n")
    (docs / "copy of notes.txt").write_text(SENTENCE + "\n")
    (docs / "report.pdf").write_bytes(pdf_bytes(["Cover page.", "Rick Gates worked for Paul Manafort in Kyiv."]))
    (docs / "page.html").write_text("<title>Page</title><p>Donald Trump hired Paul Manafort.</p>")
    (docs / "mail" / "m.eml").write_bytes(eml_bytes(subject="Kyiv", body="Konstantin Kilimnik met Paul Manafort.\n"))
    write_docx(docs / "memo.docx", ["Memo", "Rick Gates met Konstantin Kilimnik in Kyiv."])
    (docs / "latin.txt").write_bytes("Vladimir Putin a rencontré le café de Zürich à Genève. Déjà vu.\n"
                                     .encode("cp1252"))
    (docs / "blob.txt").write_bytes(b"\x00\x01binary\x00" * 40)
    (docs / "empty.md").write_bytes(b"")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    (docs / "dangling.txt").symlink_to(docs / "missing.txt")
    return docs


@pytest.mark.slow
def test_messy_folder_builds_with_one_line_per_bad_file(messy, tmp_path):
    out = tmp_path / "out"
    result = run("build", str(messy), "-o", str(out), "--no-page")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert f"Skipped {messy / 'blob.txt'}: is binary, not text (NUL or control bytes); " \
           "remove it or fix its extension" in lines
    assert f"Skipped {messy / 'empty.md'}: is empty; nothing to read" in lines
    assert any(line.startswith(f"Skipped {messy / 'broken.pdf'}: could not be parsed as PDF") for line in lines)
    assert f"Skipped {messy / 'dangling.txt'}: is a broken link (to {messy / 'missing.txt'}); " \
           "fix or remove the link" in lines
    assert "documents: 6 read, 4 skipped (binary 1, broken link 1, empty 1, unparsable 1)" in lines
    assert "duplicates: 1 files identical to one read before (listed as also_at)" in lines
    assert "encodings: 1 document decoded as cp1252" in lines
    assert "Traceback" not in result.output and "caused by" not in result.output
    graph = json.loads((out / "graph.json").read_text())
    documents = {d["id"]: d for d in graph["graph"]["documents"]}
    assert documents["copy of notes"]["also_at"] == [(messy / "notes.txt").as_posix()]
    assert documents["m"]["meta"]["subject"] == "Kyiv"
    assert documents["report"]["pages"] == 2
    cited = [c for e in graph["edges"] for c in e["citations"] if c["doc"] == "report"]
    assert cited and all(c["page"] == 2 for c in cited)


@pytest.mark.slow
def test_verbose_shows_the_cause_of_each_skip(messy, tmp_path):
    result = run("build", str(messy / "broken.pdf"), str(messy / "notes.txt"), "-o", str(tmp_path / "o"),
                 "--no-page", "--verbose")
    assert result.exit_code == 0, result.output
    assert "  caused by " in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_nothing_readable_is_exit_1(messy, tmp_path):
    result = run("build", str(messy / "blob.txt"), str(messy / "empty.md"), "-o", str(tmp_path / "o"), "--no-page")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: no document could be read")
    assert not (tmp_path / "o" / "graph.json").exists()


@pytest.mark.slow
def test_jsonl_rows_with_named_fields(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"key": "r1", "headline": "One", "body": SENTENCE}, {"body": "Rick Gates met Paul Manafort."},
            {"headline": "no body"}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out"
    result = run("build", str(corpus), "-o", str(out), "--no-page", "--text-field", "body", "--id-field", "key",
                 "--title-field", "headline")
    assert result.exit_code == 0, result.output
    assert f"Skipped {corpus.as_posix()}#3: has no text field 'body'; name it with --text-field" in result.output
    assert "documents: 2 read, 1 skipped (unparsable 1)" in result.output
    graph = json.loads((out / "graph.json").read_text())
    assert [(d["id"], d["title"], d["path"]) for d in graph["graph"]["documents"]] == [
        ("r1", "One", f"{corpus.as_posix()}#1"),
        ("corpus-2", "Rick Gates met Paul Manafort.", f"{corpus.as_posix()}#2")]


@pytest.mark.slow
def test_a_rows_web_address_gives_its_day_of_publication(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"body": SENTENCE, "when": "7/7/2016", "link": "https://news.example.com/2017/09/20/a-story.html"},
            {"body": "Rick Gates met Paul Manafort.", "when": "7/7/2016", "link": "https://news.example.com/b"}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out"
    result = run("build", str(corpus), "-o", str(out), "--no-page", "--text-field", "body", "--date-field", "when",
                 "--url-field", "link")
    assert result.exit_code == 0, result.output
    assert "dates: 2 of 2 documents (date field 2), 1 published on another day (url), " in result.output
    graph = json.loads((out / "graph.json").read_text())
    assert [(d["date"], d.get("published"), d.get("published_source")) for d in graph["graph"]["documents"]] == [
        ("2016-07-07", "2017-09-20", "url"), ("2016-07-07", None, None)]


@pytest.mark.slow
def test_interrupted_build_keeps_previous_outputs_and_rerun_completes(tmp_path, monkeypatch):
    from extract.resolve import Reducer

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(SENTENCE + "\n")
    (docs / "b.txt").write_text("Rick Gates met Paul Manafort.\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text("previous")
    real_add = Reducer.add
    calls = []

    def add_then_kill(self, record):
        calls.append(record)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_add(self, record)

    monkeypatch.setattr(Reducer, "add", add_then_kill)
    result = run("build", str(docs), "-o", str(out), "--no-page")
    assert result.exit_code == 130
    assert "Error: interrupted; outputs written before are intact" in result.output
    assert (out / "graph.json").read_text() == "previous"
    # no half-written file; the record cache keeps what was parsed before the kill
    assert sorted(p.name for p in out.iterdir()) == ["cache.sqlite", "graph.json"]
    monkeypatch.setattr(Reducer, "add", real_add)
    again = run("build", str(docs), "-o", str(out), "--no-page")
    assert again.exit_code == 0, again.output
    assert len(json.loads((out / "graph.json").read_text())["graph"]["documents"]) == 2


@pytest.mark.slow
def test_failed_write_leaves_previous_graph_intact(tmp_path, monkeypatch):
    import graph.io

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(SENTENCE + "\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text("previous")

    def crash(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(graph.io.os, "replace", crash)
    result = run("build", str(docs), "-o", str(out), "--no-page")
    assert result.exit_code == 130
    assert sorted(p.name for p in out.iterdir()) == ["cache.sqlite", "graph.json"]
    assert (out / "graph.json").read_text() == "previous"


@pytest.mark.slow
def test_large_text_file_is_processed_in_chunks(tmp_path, monkeypatch):
    """A smaller stand-in for a 50 MB file: the chunk size is lowered so the file spans many chunks."""
    import extract.pipeline

    monkeypatch.setattr(extract.pipeline, "CHUNK_CHARS", 5_000)
    big = tmp_path / "big.txt"
    paragraph = "Paul Manafort met Oleg Deripaska in Moscow. Rick Gates worked for Paul Manafort.\n\n"
    big.write_text(paragraph * 1_500)  # ~125 kB, 25 chunks
    out = tmp_path / "out"
    result = run("build", str(big), "-o", str(out), "--no-page")
    assert result.exit_code == 0, result.output
    graph = json.loads((out / "graph.json").read_text())
    starts = {c["start"] for e in graph["edges"] for c in e["citations"]}
    assert max(starts) > 100_000


@pytest.mark.slow
def test_build_reports_every_chunk_of_a_long_document(tmp_path, monkeypatch, nlp):
    import extract.pipeline
    from graph.build import build

    monkeypatch.setattr(extract.pipeline, "CHUNK_CHARS", 5_000)
    big = tmp_path / "big.txt"
    big.write_text("Paul Manafort met Oleg Deripaska in Moscow. Rick Gates worked for Paul Manafort.\n\n" * 300)
    events = []
    build([big], tmp_path / "out", nlp=nlp, page=False, cache=False, on_chunk=events.append)
    assert len(events) >= 5 and [e.chunk for e in events] == list(range(1, len(events) + 1))
    assert events[-1].done == events[-1].total == len(big.read_text())

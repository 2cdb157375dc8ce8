"""The record cache: hits by content, reattached metadata, corrupt files rebuilt, order kept."""

from __future__ import annotations

import sqlite3

import pytest

from extract.cache import RecordCache, cache_fingerprint, cached_records
from extract.documents import make_document
from extract.records import Citation, DocumentRecord, Mention, Relation


def record_of(document) -> DocumentRecord:
    """A small record standing in for the pipeline's output."""
    mentions = (Mention(text="Ann", name="Ann", label="PERSON", start=0, end=3, sentence=0),
                Mention(text="Bob", name="Bob", label="PERSON", start=8, end=11, sentence=0))
    citation = Citation(doc=document.id, sentence=document.text, start=0, end=len(document.text), markers=(1,))
    return DocumentRecord(document=document, mentions=mentions,
                          relations=(Relation(type="co_mentioned", source=0, target=1, citation=citation),))


def fake_extract(seen: list[str]):
    def extract(documents):
        for document in documents:
            seen.append(document.id)
            yield record_of(document)
    return extract


def doc(number: int, *, path: str | None = None, doc_id: str | None = None):
    return make_document(f"Ann met Bob {number}.", path=path or f"d{number}.txt", doc_id=doc_id or f"d{number}")


def test_second_pass_reads_everything_from_the_cache_in_order(tmp_path):
    docs = [doc(n) for n in range(5)]
    seen: list[str] = []
    with RecordCache(tmp_path / "c.sqlite", fingerprint="f") as cache:
        first = list(cached_records(docs, cache, fake_extract(seen)))
    assert seen == ["d0", "d1", "d2", "d3", "d4"]
    seen.clear()
    with RecordCache(tmp_path / "c.sqlite", fingerprint="f") as cache:
        second = list(cached_records([*docs[:2], doc(9), *docs[2:]], cache, fake_extract(seen)))
        assert (cache.hits, cache.misses) == (5, 1)
    assert seen == ["d9"]
    assert [r.document.id for r in second] == ["d0", "d1", "d9", "d2", "d3", "d4"]
    assert [r for r in second if r.document.id != "d9"] == first


def test_another_fingerprint_misses(tmp_path):
    with RecordCache(tmp_path / "c.sqlite", fingerprint="a") as cache:
        list(cached_records([doc(1)], cache, fake_extract([])))
    with RecordCache(tmp_path / "c.sqlite", fingerprint="b") as cache:
        assert cache.get(doc(1)) is None


def test_same_content_at_a_new_path_gets_the_new_id_in_its_citations(tmp_path):
    with RecordCache(tmp_path / "c.sqlite", fingerprint="f") as cache:
        list(cached_records([doc(1)], cache, fake_extract([])))
    moved = doc(1, path="moved/other.txt", doc_id="other")
    with RecordCache(tmp_path / "c.sqlite", fingerprint="f") as cache:
        record = cache.get(moved)
    assert record.document == moved
    assert record.document.info()["path"] == "moved/other.txt"
    assert {r.citation.doc for r in record.relations} == {"other"}
    assert record == record_of(moved)


@pytest.mark.parametrize("garbage", [b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_a_garbage_file_is_rebuilt(tmp_path, garbage):
    path = tmp_path / "c.sqlite"
    path.write_bytes(garbage)
    seen: list[str] = []
    with RecordCache(path, fingerprint="f") as cache:
        assert cache.rebuilt
        list(cached_records([doc(1)], cache, fake_extract(seen)))
    assert seen == ["d1"]
    with RecordCache(path, fingerprint="f") as cache:
        assert not cache.rebuilt
        assert cache.get(doc(1)) is not None


def test_a_foreign_schema_is_rebuilt(tmp_path):
    path = tmp_path / "c.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE records (x INTEGER)")
    db.commit()
    db.close()
    with RecordCache(path, fingerprint="f") as cache:
        assert cache.rebuilt
        assert cache.get(doc(1)) is None


def test_a_row_that_does_not_decode_is_dropped_not_trusted(tmp_path):
    path = tmp_path / "c.sqlite"
    with RecordCache(path, fingerprint="f") as cache:
        list(cached_records([doc(1)], cache, fake_extract([])))
    db = sqlite3.connect(path)
    db.execute("UPDATE records SET data = '{\"mentions\": 3'")
    db.commit()
    db.close()
    seen: list[str] = []
    with RecordCache(path, fingerprint="f") as cache:
        records = list(cached_records([doc(1)], cache, fake_extract(seen)))
        assert (cache.hits, cache.misses) == (0, 1)
    assert seen == ["d1"] and records == [record_of(doc(1))]


def test_records_committed_before_a_crash_survive(tmp_path):
    path = tmp_path / "c.sqlite"

    def crashing(documents):
        for number, document in enumerate(documents):
            if number == 70:
                raise KeyboardInterrupt
            yield record_of(document)

    cache = RecordCache(path, fingerprint="f")
    with pytest.raises(KeyboardInterrupt):
        list(cached_records([doc(n) for n in range(100)], cache, crashing))
    cache._db.close()  # no commit: as if the process were killed; the open transaction is lost
    with RecordCache(path, fingerprint="f") as cache:
        assert not cache.rebuilt
        assert cache.get(doc(0)) is not None  # committed in the first batch
        assert cache.get(doc(69)) is None  # never committed


def test_fingerprint_changes_with_each_input():
    base = dict(model={"name": "m", "version": "1"}, vocab_fingerprint="v", options={"norp": False},
                tool_version="0.1.0")
    prints = {cache_fingerprint(**base)}
    for key, value in [("model", {"name": "m", "version": "2"}), ("vocab_fingerprint", "w"),
                       ("options", {"norp": True}), ("tool_version", "0.2.0")]:
        prints.add(cache_fingerprint(**{**base, key: value}))
    assert len(prints) == 5

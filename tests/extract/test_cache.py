"""The record cache: hits by content, reattached metadata, corrupt files rebuilt, order kept."""

from __future__ import annotations

import json
import sqlite3

import pytest

from extract.cache import RecordCache, cache_fingerprint, cached_records
from extract.documents import make_document
from extract.errors import OutputError
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


def cache_with(path, rows: dict[int, object]) -> None:
    """A cache holding ``doc(n)``'s record, then each row ``n`` replaced by the given data (text or bytes)."""
    with RecordCache(path, fingerprint="f") as cache:
        list(cached_records([doc(n) for n in rows], cache, fake_extract([])))
    db = sqlite3.connect(path)
    for number, data in rows.items():
        db.execute("UPDATE records SET data = ? WHERE sha256 = ?", (data, doc(number).sha256))
    db.commit()
    db.close()


def tampered(number: int, change) -> str:
    data = record_of(doc(number)).to_dict()
    change(data)
    return json.dumps(data)


def _set(path: str, value):
    def change(data):
        *parents, last = path.split(".")
        target = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return change


TAMPERED = {
    "citation sentence not in the document": _set("relations.0.citation.sentence", "Ann wired Bob $1m."),
    "citation past the end": _set("relations.0.citation.end", 10_000),
    "negative offset": _set("mentions.0.start", -3),
    "mention text not at its offsets": _set("mentions.1.text", "Eve"),
    "relation to a mention that is not there": _set("relations.0.target", 7),
    "mention index of the wrong type": _set("relations.0.source", "0"),
    "offset of the wrong type": _set("mentions.0.end", 2.5),
    "unknown claim status": _set("relations.0.citation.status", "proven"),
    "mentions not a list of objects": _set("mentions", [1, 2]),
    "unexpected mention field": _set("mentions.0.extra", 1),
    "offset that is not a number": _set("relations.0.citation.start", "x"),
    "alias that is not a pair": _set("aliases", [["Ann"]]),
}


@pytest.mark.parametrize("change", list(TAMPERED.values()), ids=list(TAMPERED))
def test_a_record_that_does_not_fit_its_document_is_a_miss(tmp_path, change):
    cache_with(tmp_path / "c.sqlite", {1: tampered(1, change)})
    seen: list[str] = []
    with RecordCache(tmp_path / "c.sqlite", fingerprint="f") as cache:
        records = list(cached_records([doc(1)], cache, fake_extract(seen)))
        assert (cache.hits, cache.misses) == (0, 1)
    assert seen == ["d1"] and records == [record_of(doc(1))]


@pytest.mark.parametrize("data", [
    "[" * 200_000,  # RecursionError in the JSON parser
    '{"document": {}, "mentions": [], "relations": []}',  # KeyError
    '{"document": {"id": 1, "title": 1, "path": 1, "sha256": 1}, "mentions": [[]], "relations": []}',  # TypeError
    '{"document": {"id": "a", "title": "a", "path": "a", "sha256": "a"}, "mentions": [], "relations": '
    '[{"type": "x", "source": 0, "target": 1, "citation": {}}]}',  # KeyError in a citation
    "null", "[]", '"text"', b"\xff\xfe not UTF-8",
])
def test_a_crafted_row_is_a_miss_not_an_exception(tmp_path, data):
    cache_with(tmp_path / "c.sqlite", {1: data, 2: tampered(2, lambda d: None)})
    seen: list[str] = []
    with RecordCache(tmp_path / "c.sqlite", fingerprint="f") as cache:
        records = list(cached_records([doc(1), doc(2)], cache, fake_extract(seen)))
        assert (cache.hits, cache.misses) == (1, 1)
    assert seen == ["d1"] and records == [record_of(doc(1)), record_of(doc(2))]


def test_a_flipped_bit_that_breaks_the_integrity_check_rebuilds_the_cache(tmp_path):
    path = tmp_path / "c.sqlite"
    with RecordCache(path, fingerprint="f") as cache:
        list(cached_records([doc(1)], cache, fake_extract([])))
    data = bytearray(path.read_bytes())
    data[data.index(b"tablerecordsrecords") + len("tablerec")] ^= 0x80  # the table's name, no longer UTF-8
    path.write_bytes(bytes(data))
    for _ in range(2):  # rebuilt once, then usable
        with RecordCache(path, fingerprint="f") as cache:
            list(cached_records([doc(1)], cache, fake_extract([])))
    with RecordCache(path, fingerprint="f") as cache:
        assert not cache.rebuilt and cache.get(doc(1)) == record_of(doc(1))


def test_a_folder_where_the_cache_should_be_is_one_clear_error(tmp_path):
    (tmp_path / "c.sqlite").mkdir()
    with pytest.raises(OutputError, match=r"c\.sqlite is not a cache file \(a folder or a special file\); "
                                          r"remove it to cache records again"):
        RecordCache(tmp_path / "c.sqlite", fingerprint="f")


def test_a_full_disk_while_caching_is_one_clear_error(tmp_path, monkeypatch):
    path = tmp_path / "c.sqlite"
    cache = RecordCache(path, fingerprint="f")
    cache._db.execute("PRAGMA max_page_count = 3")  # SQLite's own "database or disk is full"
    docs = [make_document("Ann met Bob. " * 2000, path=f"big{n}.txt", doc_id=f"big{n}") for n in range(80)]
    with pytest.raises(OutputError, match="database or disk is full; free some space, remove the file or build "
                                          "with `cache=False`"):
        list(cached_records(docs, cache, lambda docs: (record_of(d) for d in docs)))
    cache._db.close()

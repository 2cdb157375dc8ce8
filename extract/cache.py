"""A per-document cache of extraction records, for incremental rebuilds.

Records are stored in SQLite (``OUT/cache.sqlite``) as the JSON of
:meth:`DocumentRecord.to_dict`, keyed by the document's sha256 and a
fingerprint of everything that changes extraction: the model name and
version, the vocabulary files, the extract options and the Tangle version.
A record is stored per content, so a file moved or renamed is still a hit:
:func:`reattach` gives the cached record the current document's id, title
and path, and rewrites its citations to the current id.

The cache is untrusted input: a file that is not SQLite, has another
schema or fails its integrity check is deleted and started afresh; a row that
does not decode, or whose record does not fit its document (every offset
inside the text, every mention and citation sentence equal to the text at its
offsets, every field of the right type), is dropped and the document extracted
again.  Something other than a file at the cache's path is
:class:`OutputError` (the build goes on without the cache); a failed write
(disk full) is :class:`OutputError` too.  Writes happen in transactions, so a
killed build leaves a usable cache.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from extract.errors import InputError, OutputError
from extract.records import STATUSES, Citation, Document, DocumentRecord, Mention, Relation

__all__ = ["CACHE_NAME", "RecordCache", "cache_fingerprint", "cached_records", "check_record", "reattach"]

#: File name of the cache inside the output folder.
CACHE_NAME = "cache.sqlite"
#: Layout of the tables; a file with another value is rebuilt.
SCHEMA_VERSION = "2"
#: Records written between two commits.
COMMIT_EVERY = 64

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    sha256 TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (sha256, fingerprint)
);
"""


def cache_fingerprint(*, model: dict[str, str], vocab_fingerprint: str, options: Any, tool_version: str) -> str:
    """A digest of everything a cached record depends on besides the document's bytes.

    >>> cache_fingerprint(model={"name": "en_core_web_sm", "version": "3.8.0"}, vocab_fingerprint="abc",
    ...                   options={"norp": False}, tool_version="0.1.0")[:12]
    'ebe952c85acd'
    """
    opts = asdict(options) if hasattr(options, "__dataclass_fields__") else options
    payload = json.dumps({"model": model, "vocab": vocab_fingerprint, "options": opts, "tangle": tool_version},
                         sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def reattach(record: DocumentRecord, document: Document) -> DocumentRecord:
    """``record`` as if extracted from ``document`` (same content, maybe another id, title or path)."""
    relations = tuple(
        rel if rel.citation.doc == document.id else replace(rel, citation=replace(rel.citation, doc=document.id))
        for rel in record.relations
    )
    return replace(record, document=document, relations=relations)


@dataclass
class RecordCache:
    """Cached records of one fingerprint in an SQLite file.

    ``hits`` and ``misses`` count lookups; ``rebuilt`` is True when an
    unusable file was found and replaced.

    >>> with RecordCache("out/cache.sqlite", fingerprint="f") as cache:  # doctest: +SKIP
    ...     record = cache.get(document)
    """

    path: Path
    fingerprint: str
    hits: int = 0
    misses: int = 0
    rebuilt: bool = False

    def __init__(self, path: str | Path, *, fingerprint: str) -> None:
        self.path = Path(path)
        self.fingerprint = fingerprint
        self.hits = self.misses = 0
        self.rebuilt = False
        self._pending = 0
        if self.path.exists() and not self.path.is_file():
            raise OutputError(f"{self.path} is not a cache file (a folder or a special file); "
                              f"remove it to cache records again")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc):
                    raise InputError(f"{self.path}: in use by another program; wait for it or build with "
                                     "`cache=False`", parameters=("cache=False",)) from exc
                self._discard()
                self._db = self._open()
            except sqlite3.DatabaseError:
                self._discard()
                self._db = self._open()
        except (OSError, sqlite3.Error) as exc:
            raise self._write_error(exc) from exc

    def _write_error(self, exc: BaseException) -> OutputError:
        return OutputError(f"cannot write {self.path}: {exc}; free some space, remove the file "
                           "or build with `cache=False`", parameters=("cache=False",))

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=5)
        try:
            if _text(db.execute("PRAGMA quick_check").fetchone()[0]) != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and not tables <= {"meta", "records"}:
                raise sqlite3.DatabaseError(f"unexpected tables {sorted(tables)}")
            with db:
                db.executescript(_SCHEMA)
                row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if row is None and tables:
                    raise sqlite3.DatabaseError("no schema version")
                if row is not None and row[0] != SCHEMA_VERSION:
                    raise sqlite3.DatabaseError(f"schema {row[0]!r}")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
                db.execute("SELECT sha256, fingerprint, data FROM records LIMIT 1").fetchall()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            db.close()
            if isinstance(exc, UnicodeDecodeError):  # a flipped bit in a page the check reads back as text
                raise sqlite3.DatabaseError(f"quick_check failed ({exc})") from exc
            raise
        db.text_factory = bytes  # rows decode in get(): a damaged one is a miss, not an exception
        return db

    def _discard(self) -> None:
        self.rebuilt = True
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def get(self, document: Document) -> DocumentRecord | None:
        """The cached record of ``document``'s content, reattached to it, or None."""
        record = None
        try:
            row = self._db.execute(
                "SELECT data FROM records WHERE sha256 = ? AND fingerprint = ?", (document.sha256, self.fingerprint)
            ).fetchone()
        except sqlite3.DatabaseError:
            row = None  # a damaged page: extract again; the write that follows replaces the row
        if row is not None:
            try:
                record = reattach(DocumentRecord.from_dict(json.loads(_text(row[0]))), document)
                check_record(record, document)
            except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
                record = None
                self._db.execute("DELETE FROM records WHERE sha256 = ? AND fingerprint = ?",
                                 (document.sha256, self.fingerprint))
        if record is None:
            self.misses += 1
        else:
            self.hits += 1
        return record

    def put(self, record: DocumentRecord) -> None:
        """Store ``record`` (committed in batches and on :meth:`close`)."""
        data = json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True)
        try:
            self._db.execute("INSERT OR REPLACE INTO records VALUES (?, ?, ?)",
                             (record.document.sha256, self.fingerprint, data))
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        try:
            self._db.commit()
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc
        self._pending = 0

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self._db.close()

    def __enter__(self) -> RecordCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _text(value: Any) -> str:
    """A value read from the cache as text; invalid UTF-8 raises ``UnicodeDecodeError`` (a ``ValueError``)."""
    return value.decode("utf-8") if isinstance(value, bytes) else value


def _int(value: Any) -> bool:
    return type(value) is int


def check_record(record: DocumentRecord, document: Document) -> None:
    """Raise ``ValueError`` unless ``record`` fits ``document``: offsets inside its text, every mention and
    citation sentence equal to the text at its offsets, mention indexes in range, fields of their types."""
    for mention in record.mentions:
        _check_mention(mention, document.text)
    for relation in record.relations:
        _check_relation(relation, document.text, len(record.mentions))
    for pair in record.aliases:
        if not (len(pair) == 2 and all(isinstance(name, str) for name in pair)):
            raise ValueError("an alias is not a pair of names")


def _check_span(text: str, start: Any, end: Any, quoted: Any, what: str) -> None:
    """Raise unless ``quoted`` is the text between the integer offsets ``start`` and ``end``."""
    if not (_int(start) and _int(end) and 0 <= start <= end <= len(text) and isinstance(quoted, str)
            and text[start:end] == quoted):
        raise ValueError(f"{what} does not match the document text at its offsets")


def _check_mention(mention: Mention, text: str) -> None:
    _check_span(text, mention.start, mention.end, mention.text, "a mention")
    if not (isinstance(mention.name, str) and mention.name and isinstance(mention.label, str)
            and mention.label and _int(mention.sentence) and mention.sentence >= 0):
        raise ValueError("a mention has a field of the wrong type")


def _check_relation(relation: Relation, text: str, count: int) -> None:
    """Raise unless the relation's citation quotes ``text`` and its mention indexes are below ``count``."""
    citation = relation.citation
    _check_span(text, citation.start, citation.end, citation.sentence, "a citation")
    if not (isinstance(relation.type, str) and isinstance(relation.trigger, str)
            and _int(relation.source) and _int(relation.target)
            and 0 <= relation.source < count and 0 <= relation.target < count
            and _is_citation(citation)):
        raise ValueError("a relation has a field of the wrong type or a mention out of range")


def _is_citation(citation: Citation) -> bool:
    """A known claim status, integer markers, and no page or a page number from 1."""
    return (citation.status in STATUSES and all(_int(m) for m in citation.markers)
            and (citation.page is None or (_int(citation.page) and citation.page >= 1)))


_MISS = object()


def cached_records(
    documents: Iterable[Document],
    cache: RecordCache,
    extract: Callable[[Iterable[Document]], Iterator[DocumentRecord]],
) -> Iterator[DocumentRecord]:
    """Records of ``documents`` in order: cached ones from ``cache``, the rest from ``extract``.

    ``extract`` receives only the documents not in the cache, lazily, and must
    yield their records in order; each new record is stored.
    """
    order: deque[Any] = deque()

    def misses() -> Iterator[Document]:
        for document in documents:
            record = cache.get(document)
            order.append(_MISS if record is None else record)
            if record is None:
                yield document

    for record in extract(misses()):
        while order[0] is not _MISS:
            yield order.popleft()
        order.popleft()
        cache.put(record)
        yield record
    while order:
        yield order.popleft()

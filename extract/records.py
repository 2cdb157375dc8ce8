"""Plain, typed records that flow from ``extract`` to ``graph``.

Everything here is a frozen dataclass that converts to and from plain JSON
values, so records can be cached, sent to worker processes and compared.
A relation cannot be built without its :class:`Citation`: provenance is part
of the type, not an afterthought.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "STATUSES",
    "Citation",
    "Document",
    "DocumentRecord",
    "Mention",
    "Relation",
    "Status",
]

Status = Literal["asserted", "reported", "negated"]
#: Claim statuses, strongest first: an edge's status is the strongest among its citations.
STATUSES: tuple[Status, ...] = ("asserted", "reported", "negated")


@dataclass(frozen=True)
class Document:
    """A source document.

    ``id`` is the file stem (made unique within a corpus), ``title`` the first
    non-empty line, ``sha256`` the digest of the file's bytes.  ``pages`` holds
    the character offsets at which pages start, for formats that have pages.
    ``meta`` holds (key, value) pairs such as e-mail headers, the ``encoding``
    a text was decoded from and, once per copy, ``also_at``: the path of a
    file with identical bytes that was not read again.
    """

    id: str
    title: str
    path: str
    sha256: str
    text: str = field(repr=False)
    pages: tuple[int, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()

    def info(self) -> dict[str, Any]:
        """The metadata written to ``graph.json`` (everything but the text)."""
        out: dict[str, Any] = {"id": self.id, "title": self.title, "path": self.path, "sha256": self.sha256}
        if self.pages:
            out["pages"] = len(self.pages)
        meta = {key: value for key, value in self.meta if key != "also_at"}
        if meta:
            out["meta"] = meta
        also_at = [value for key, value in self.meta if key == "also_at"]
        if also_at:
            out["also_at"] = also_at
        return out


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a claim was read: document, sentence, offsets, markers, claim status.

    ``start`` and ``end`` are character offsets of the sentence in the
    document text; ``markers`` are the reference numbers (``[4]``) the sentence
    carries; ``page`` is the 1-based page for paged formats.
    """

    doc: str
    sentence: str
    start: int
    end: int
    markers: tuple[int, ...] = ()
    status: Status = "asserted"
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "doc": self.doc,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "markers": list(self.markers),
            "status": self.status,
        }
        if self.page is not None:
            out["page"] = self.page
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Citation:
        return cls(
            doc=data["doc"],
            sentence=data["sentence"],
            start=int(data["start"]),
            end=int(data["end"]),
            markers=tuple(int(m) for m in data.get("markers", ())),
            status=data.get("status", "asserted"),
            page=data.get("page"),
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a named entity in a document.

    ``text`` is the surface form as written; ``name`` the normalised name used
    for resolution (possessive, leading article and titles removed);
    ``label`` the entity type; ``sentence`` the index of its sentence.
    """

    text: str
    name: str
    label: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed claim between two mentions of the same document, with its citation.

    ``source`` and ``target`` index :attr:`DocumentRecord.mentions`.
    ``trigger`` is the word that signalled the type (empty for co-mentions).
    """

    type: str
    source: int
    target: int
    citation: Citation
    trigger: str = ""


@dataclass(frozen=True)
class DocumentRecord:
    """Everything the graph needs from one document, without the document text.

    ``aliases`` are (long form, short form) pairs the text defines itself,
    such as ``Justice Department (DOJ)``.
    """

    document: Document
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    aliases: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        doc = asdict(self.document)
        doc.pop("text")
        return {
            "document": doc,
            "mentions": [asdict(m) for m in self.mentions],
            "relations": [
                {"type": r.type, "source": r.source, "target": r.target, "trigger": r.trigger,
                 "citation": r.citation.to_dict()}
                for r in self.relations
            ],
            "aliases": [list(a) for a in self.aliases],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentRecord:
        doc = dict(data["document"])
        document = Document(
            id=doc["id"], title=doc["title"], path=doc["path"], sha256=doc["sha256"], text="",
            pages=tuple(doc.get("pages", ())), meta=tuple(tuple(kv) for kv in doc.get("meta", ())),
        )
        return cls(
            document=document,
            mentions=tuple(Mention(**m) for m in data["mentions"]),
            relations=tuple(
                Relation(type=r["type"], source=r["source"], target=r["target"], trigger=r.get("trigger", ""),
                         citation=Citation.from_dict(r["citation"]))
                for r in data["relations"]
            ),
            aliases=tuple(tuple(a) for a in data.get("aliases", ())),
        )

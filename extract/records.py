"""Plain, typed records that flow from ``extract`` to ``graph``.

Everything here is a frozen dataclass that converts to and from plain JSON
values, so records can be cached, sent to worker processes and compared.
A relation cannot be built without its :class:`Citation`: provenance is part
of the type, not an afterthought.

The records a graph is made of (:class:`Entity` for a node, :class:`Edge`,
:class:`Citation`, :class:`DocumentInfo` for an entry of ``documents``) are
:class:`Attrs` records: their ``to_attrs`` and ``from_attrs`` are derived from
the fields, so each key of ``graph.json`` is declared once, with its type and
its default, here.  :mod:`graph.schema` re-exports them and explains how to
add a field.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import MISSING, asdict, dataclass, field, fields
from functools import cache
from typing import Any, Literal

__all__ = [
    "DEFAULT_STATUS",
    "STATUSES",
    "UNTYPED",
    "Attrs",
    "Citation",
    "DateInterval",
    "Decision",
    "Document",
    "DocumentInfo",
    "DocumentRecord",
    "Edge",
    "Entity",
    "FieldSpec",
    "Mention",
    "Relation",
    "Status",
    "derived",
    "optional",
    "relation_label",
    "strongest",
]

Status = Literal["asserted", "reported", "negated"]
#: Claim statuses, strongest first: an edge's status is the strongest among its citations.
STATUSES: tuple[Status, ...] = ("asserted", "reported", "negated")
#: The status of a citation or edge that does not say: what the text states, it asserts.
DEFAULT_STATUS: Status = "asserted"
#: The type of an entity that has none (a hand-built graph's node).
UNTYPED = "UNKNOWN"


def strongest(statuses: Iterable[str]) -> Status:
    """The strongest claim status among ``statuses`` (:data:`DEFAULT_STATUS` when there is none).

    >>> strongest(["negated", "reported"])
    'reported'
    """
    present = set(statuses)
    return next((s for s in STATUSES if s in present), DEFAULT_STATUS)


def relation_label(kind: str) -> str:
    """The label of a relation type the vocabulary does not name: its words (``co_mentioned`` → ``co mentioned``)."""
    return kind.replace("_", " ")


# ---------------------------------------------------------------- records as graph attributes


def optional(default: Any = None) -> Any:
    """A field written only when it differs from ``default``, and not required in a file that lacks it.

    Use it for keys that only some records have (a citation's ``page``) and
    for every key added after format 1 of ``graph.json`` (older files lack it).
    """
    return field(default=default, metadata={"optional": True})


def derived(how: Callable[[Any], Any]) -> Any:
    """A field that, when not given (or missing from the attributes read), is ``how(record)``."""
    return field(default=None, metadata={"derive": how})


@dataclass(frozen=True)
class FieldSpec:
    """How one field of an :class:`Attrs` record is read from and written to plain JSON values."""

    name: str
    #: ``str``, ``int``, ``bool``, ``float``, ``dict``, an :class:`Attrs` class, or ``tuple`` (a list of ``item``).
    kind: Any
    item: Any = None
    #: The values a ``Literal`` field may take; empty for other fields.
    choices: tuple[Any, ...] = ()
    nullable: bool = False
    optional: bool = False
    default: Any = None
    derive: Callable[[Any], Any] | None = None

    def load(self, value: Any) -> Any:
        """``value`` (a JSON value) as the field holds it; :data:`MISSING` when it cannot be converted."""
        if self.kind is tuple:
            if not isinstance(value, list | tuple):
                return MISSING
            items = (_load_one(self.item, v) for v in value)
            return tuple(v for v in items if v is not MISSING)
        return _load_one(self.kind, value)

    def dump(self, value: Any) -> Any:
        if self.kind is tuple:
            return [v.to_attrs() if isinstance(v, Attrs) else v for v in value]
        if isinstance(value, Attrs):
            return value.to_attrs()
        if self.kind is dict:
            return dict(value)
        return value

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not a valid JSON value for this field, or ``None`` when it is."""
        if value is None:
            return None if self.nullable else "must not be null"
        if self.kind is tuple:
            if not isinstance(value, list):
                return "must be a list"
            for i, item in enumerate(value):
                why = _problem_one(self.item, item, ())
                if why:
                    return f"item {i} {why}"
            return None
        return _problem_one(self.kind, value, self.choices)


_JSON_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false", dict: "an object"}


def _load_one(kind: Any, value: Any) -> Any:
    if isinstance(kind, type) and issubclass(kind, Attrs):
        return kind.from_attrs(value) if isinstance(value, Mapping) else MISSING
    if kind is dict:
        return dict(value) if isinstance(value, Mapping) else MISSING
    if kind is bool:
        return bool(value)
    try:
        return kind(value)
    except (TypeError, ValueError, OverflowError):
        return MISSING


def _problem_one(kind: Any, value: Any, choices: tuple[Any, ...]) -> str | None:
    if isinstance(kind, type) and issubclass(kind, Attrs):
        return None if isinstance(value, dict) else "must be an object"
    if choices:
        return None if value in choices else f"must be one of {', '.join(map(str, choices))}, not {value!r}"
    ok = isinstance(value, kind) and (kind is bool or not isinstance(value, bool))
    if kind is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    return None if ok else f"must be {_JSON_NAMES.get(kind, kind.__name__)}, not {value!r}"


def _spec(f: Any, hint: Any) -> FieldSpec:
    nullable = False
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        nullable, hint = True, args[0]
    item, choices = None, ()
    origin = typing.get_origin(hint)
    if origin is Literal:
        choices = typing.get_args(hint)
        kind = type(choices[0])
    elif origin is tuple:
        kind, item = tuple, typing.get_args(hint)[0]
    elif origin is dict:
        kind = dict
    else:
        kind = hint
    default = f.default if f.default is not MISSING else (f.default_factory() if f.default_factory is not MISSING
                                                          else None)
    return FieldSpec(f.name, kind, item, choices, nullable, bool(f.metadata.get("optional")), default,
                     f.metadata.get("derive"))


class Attrs:
    """Conversion of a frozen dataclass to and from a graph element's attribute dict.

    Each field is one key.  Fields named in ``KEYS`` are where the element
    sits in the graph (a node's id, an edge's ends), not attributes.  A key
    that is missing or ``None`` when read takes the field's default (or its
    :func:`derived` value); a value of the wrong type is converted when it can
    be, else takes the default too.  Strict checking of a file is
    :func:`problems`' job (used by ``graph.io.load_graph``).
    """

    __slots__ = ()
    KEYS: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for spec in _derived(type(self)):
            if getattr(self, spec.name) is None:
                object.__setattr__(self, spec.name, spec.derive(self))

    @classmethod
    def specs(cls) -> tuple[FieldSpec, ...]:
        """The attributes of this record (the ``KEYS`` left out), in declaration order."""
        return _specs(cls)

    def to_attrs(self) -> dict[str, Any]:
        """The record as plain JSON values: every attribute but the :func:`optional` ones left at their default."""
        out = {}
        for spec in _specs(type(self)):
            value = getattr(self, spec.name)
            if not (spec.optional and value == spec.default):
                out[spec.name] = spec.dump(value)
        return out

    @classmethod
    def from_attrs(cls, attrs: Mapping[str, Any], **keys: Any) -> Any:
        """The record of ``attrs`` (plain JSON values); ``keys`` gives the ``KEYS`` fields."""
        values = dict(keys)
        for spec in _specs(cls):
            value = attrs.get(spec.name)
            if value is not None:
                value = spec.load(value)
                if value is not MISSING:
                    values[spec.name] = value
        return cls(**values)

    @classmethod
    def problems(cls, attrs: Any) -> Iterable[str]:
        """What is wrong with ``attrs`` as this record in a file: missing required keys, wrong types."""
        if not isinstance(attrs, dict):
            yield "is not an object"
            return
        for spec in _specs(cls):
            if spec.name not in attrs:
                if not spec.optional:
                    yield f"lacks {spec.name!r}"
                continue
            why = spec.problem(attrs[spec.name])
            if why:
                yield f"{spec.name!r} {why}"
            elif isinstance(spec.kind, type) and issubclass(spec.kind, Attrs) and isinstance(attrs[spec.name], dict):
                yield from (f"{spec.name!r}: {p}" for p in spec.kind.problems(attrs[spec.name]))
            elif spec.kind is tuple and isinstance(spec.item, type) and issubclass(spec.item, Attrs):
                for i, item in enumerate(attrs[spec.name]):
                    yield from (f"{spec.name!r} item {i}: {p}" for p in spec.item.problems(item))


@cache
def _specs(cls: type) -> tuple[FieldSpec, ...]:
    hints = typing.get_type_hints(cls)
    return tuple(_spec(f, hints[f.name]) for f in fields(cls) if f.name not in cls.KEYS)


@cache
def _derived(cls: type) -> tuple[FieldSpec, ...]:
    return tuple(s for s in _specs(cls) if s.derive is not None)


@dataclass(frozen=True)
class Document:
    """A source document.

    ``id`` is the file stem (made unique within a corpus), ``title`` the first
    non-empty line, ``sha256`` the digest of the file's bytes.  ``pages`` holds
    the character offsets at which pages start, for formats that have pages.
    ``meta`` holds (key, value) pairs such as e-mail headers, the ``encoding``
    a text was decoded from and, once per copy, ``also_at``: the path of a
    file with identical bytes that was not read again.  ``date`` is the
    document's date (ISO 8601: ``2016-06-15``, or ``2016-06``/``2016`` when
    that is all its source says) and ``date_source`` where it came from;
    ``published`` the day (or month) its web address says it was published, when
    that tells more than ``date`` (:func:`extract.dates.published_date`), and
    ``published_source`` where that came from (``url``).
    """

    id: str
    title: str
    path: str
    sha256: str
    text: str = field(repr=False)
    pages: tuple[int, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()
    date: str | None = None
    date_source: str | None = None
    published: str | None = None
    published_source: str | None = None

    def info(self) -> dict[str, Any]:
        """The metadata written to ``graph.json`` (everything but the text): :class:`DocumentInfo`'s attributes."""
        return DocumentInfo.of(self).to_attrs()


@dataclass(frozen=True)
class DocumentInfo(Attrs):
    """One entry of ``graph.json``'s ``documents``: a document without its text.

    ``pages`` is the number of pages of a paged format; ``meta`` the
    document's metadata; ``also_at`` the paths of files with identical bytes;
    ``date`` the document's date (ISO 8601) and ``date_source`` where it came
    from (``date field``, ``html meta``, ``DATE line``, ``url``, ``file name``, …);
    ``published`` the day (or month) the document's web address says it was
    first published, when that is not its ``date`` (a date field may hold the
    date of the events a story tells), and ``published_source`` where that came
    from (``url``): relative words ("last month") are read against it.
    """

    id: str
    title: str = derived(lambda d: d.id)
    path: str = ""
    sha256: str = ""
    pages: int | None = optional()
    meta: dict[str, str] = field(default_factory=dict, metadata={"optional": True})
    also_at: tuple[str, ...] = optional(())
    date: str | None = optional()
    date_source: str | None = optional()
    published: str | None = optional()
    published_source: str | None = optional()

    @classmethod
    def of(cls, document: Document) -> DocumentInfo:
        return cls(
            id=document.id, title=document.title, path=document.path, sha256=document.sha256,
            pages=len(document.pages) or None,
            meta={key: value for key, value in document.meta if key != "also_at"},
            also_at=tuple(value for key, value in document.meta if key == "also_at"),
            date=document.date or None, date_source=(document.date_source or "metadata") if document.date else None,
            published=document.published or None,
            published_source=(document.published_source or "url") if document.published else None,
        )


@dataclass(frozen=True, slots=True)
class DateInterval(Attrs):
    """When a claim holds: ``start`` to ``end`` (ISO dates, both included), the ``precision`` of the
    words (``day``, ``week``, ``month``, ``year`` or ``decade``), and the ``words`` as written."""

    start: str
    end: str
    precision: Literal["day", "week", "month", "year", "decade"]
    words: str = ""


@dataclass(frozen=True, slots=True)
class Citation(Attrs):
    """Where a claim was read: document, sentence, offsets, markers, claim status.

    ``start`` and ``end`` are character offsets of the sentence in the
    document text; ``markers`` are the reference numbers (``[4]``) the sentence
    carries; ``page`` is the 1-based page for paged formats; ``date`` the
    interval the sentence gives the claim, when it gives one that can be known
    (see :mod:`extract.dates`).
    """

    doc: str
    sentence: str
    start: int
    end: int
    markers: tuple[int, ...] = ()
    status: Status = DEFAULT_STATUS
    page: int | None = optional()
    date: DateInterval | None = optional()


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
    ``when`` holds the words of the sentence that date the claim ("in June
    2016", "last week"), as extraction found them; the graph build resolves
    them against the document's date into the citation's ``date``
    (:func:`extract.dates.date_record`).
    """

    type: str
    source: int
    target: int
    citation: Citation
    trigger: str = ""
    when: str = ""


@dataclass(frozen=True)
class Decision(Attrs):
    """A person's curation rule that changed (or confirmed) an entity or a relation: its provenance.

    ``action`` is the rule (``merge``, ``split``, ``rename``, ``retype``,
    ``confirm``, ``reject``, ``status``); ``names`` what it names: the
    entity names of an entity rule, ``[source, type, target]`` of a relation
    decision; ``to`` the new label, type or status; ``doc`` and ``sentence``
    the one citation a relation decision is about.
    :func:`extract.curation.rule_of` gives the rule back as the curation file
    writes it.
    """

    action: str
    names: tuple[str, ...] = ()
    to: str | None = optional()
    doc: str | None = optional()
    sentence: str | None = optional()


@dataclass(frozen=True)
class Entity(Attrs):
    """One real-world entity, a node of the graph: its id, display label, type, other names and where it was seen."""

    KEYS = ("id",)

    id: Hashable
    label: str = derived(lambda e: str(e.id))
    type: str = UNTYPED
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    docs: tuple[str, ...] = ()
    #: ``True`` on an entity a curation rule changed; ``curation`` holds those rules.
    curated: bool = optional(False)
    curation: tuple[Decision, ...] = optional(())
    #: Mentions per entity type, only when the mentions disagree on the type.
    type_votes: dict[str, int] = field(default_factory=dict, metadata={"optional": True})


@dataclass(frozen=True)
class Edge(Attrs):
    """All citations of one relation type between two entities: an edge of the graph, keyed by its type.

    ``source`` and ``target`` are as stored (an undirected relation has the
    smaller id first).  ``weight`` and ``status`` follow from the citations
    unless given: their number, and the strongest status among them (a
    negated edge has no other kind).  An edge that does not say whether it has
    a direction has none: the builder gives a direction only to types the
    vocabulary declares directed.
    """

    KEYS = ("source", "target")

    source: Hashable
    target: Hashable
    type: str
    label: str = derived(lambda e: relation_label(e.type))
    weight: int = derived(lambda e: len(e.citations))
    status: Status = derived(lambda e: strongest(c.status for c in e.citations))
    directed: bool = False
    citations: tuple[Citation, ...] = ()
    #: ``True`` on a relation a person's decision changed or confirmed; ``curation`` holds the decisions.
    curated: bool = optional(False)
    curation: tuple[Decision, ...] = optional(())
    #: The earliest start and the latest end among the dated citations (absent when none is dated).
    first: str | None = field(default=None, metadata={"optional": True, "derive": lambda e: _span(e, min, "start")})
    last: str | None = field(default=None, metadata={"optional": True, "derive": lambda e: _span(e, max, "end")})

    @property
    def key(self) -> str:
        """The edge's key in the ``MultiDiGraph``: its type."""
        return self.type


def _span(edge: Edge, pick: Callable[[Iterable[str]], str], side: str) -> str | None:
    dates = [getattr(c.date, side) for c in edge.citations if c.date is not None]
    return pick(dates) if dates else None


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
                 "citation": r.citation.to_attrs(), **({"when": r.when} if r.when else {})}
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
            date=doc.get("date"), date_source=doc.get("date_source"),
            published=doc.get("published"), published_source=doc.get("published_source"),
        )
        return cls(
            document=document,
            mentions=tuple(Mention(**m) for m in data["mentions"]),
            relations=tuple(
                Relation(type=r["type"], source=r["source"], target=r["target"], trigger=r.get("trigger", ""),
                         citation=Citation.from_attrs(r["citation"]), when=str(r.get("when") or ""))
                for r in data["relations"]
            ),
            aliases=tuple(tuple(a) for a in data.get("aliases", ())),
        )

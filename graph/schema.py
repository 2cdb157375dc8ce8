"""The schema of a Tangle graph: what its nodes, edges, citations and documents hold.

A graph is an ``nx.MultiDiGraph`` whose attribute dicts are plain JSON values
(that is what ``graph.json`` stores).  The typed records below say, once, which
keys there are, their types and their defaults; every module reads and writes
graph attributes through them:

==================  ==========================  ==========================================
record              where in the graph          written by
==================  ==========================  ==========================================
:class:`Entity`     ``G.nodes[id]``             :func:`add_entity` (``Entity.to_attrs``)
:class:`Edge`       ``G.edges[u, v, type]``     :func:`add_edge` (``Edge.to_attrs``)
:class:`Citation`   ``Edge.citations``          with its edge
:class:`DateInterval` ``Citation.date``         with its citation (:func:`extract.dates.date_record`)
:class:`Decision`   ``Entity/Edge.curation``    the curation rules that changed it
:class:`DocumentInfo` ``G.graph["documents"]``  :func:`graph.build.graph_from_resolution`
==================  ==========================  ==========================================

Read a node with :func:`entity` (``entity(G, "paul-manafort").mentions``), an
edge with :func:`edge`, all of them with :func:`entities`, :func:`edges` and
:func:`documents`.  A key missing from a hand-built graph takes the field's
default, defined in the record and nowhere else.  :func:`check_graph_data`
checks a ``graph.json`` strictly (format version, required keys, types) and
names the first bad node or edge; :func:`graph.io.load_graph` calls it.

The records live in :mod:`extract.records` because extraction makes them
(``extract`` never imports ``graph``); this module is their graph-side home.

How to add a field
------------------

Add one line to the record in ``extract/records.py``, with its type and
default, wrapped in :func:`optional`::

    first_seen: str | None = optional()   # on Entity: written when set

That is the whole change: ``to_attrs`` writes it, ``from_attrs`` reads it,
:func:`check_graph_data` checks its type, and the tables (``graph.tables``)
get a column.  ``optional`` keeps graphs written before the field existed
loading, and leaves the key out of ``graph.json`` while it holds the default,
so files of graphs that do not use it stay byte-identical.  A field whose
default follows from the others uses :func:`derived` instead (as
``Edge.weight`` does).  Make a new key required (a plain default, written
always) only together with a bump of :data:`FORMAT_VERSION`.  Supported
types: ``str``, ``int``, ``float``, ``bool``, a ``Literal`` of strings,
``dict[str, str]``, ``tuple[T, ...]`` (a JSON list) of those or of a record,
each optionally ``| None``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

import networkx as nx

from extract.records import (
    DEFAULT_STATUS,
    STATUSES,
    UNTYPED,
    Attrs,
    Citation,
    DateInterval,
    Decision,
    DocumentInfo,
    Edge,
    Entity,
    Status,
    derived,
    optional,
    relation_label,
    strongest,
)
from graph.errors import GraphFormatError

__all__ = [
    "DEFAULT_STATUS",
    "FORMAT_VERSION",
    "STATUSES",
    "UNTYPED",
    "Attrs",
    "Citation",
    "DateInterval",
    "Decision",
    "DocumentInfo",
    "Edge",
    "Entity",
    "Status",
    "add_edge",
    "add_entity",
    "check_graph_data",
    "derived",
    "documents",
    "edge",
    "edge_of",
    "edge_span",
    "edge_status",
    "edge_type",
    "edge_weight",
    "edges",
    "entities",
    "entity",
    "optional",
    "relation_label",
    "strongest",
]

#: Version of the graph.json layout; bumped on incompatible changes (a new required key, a changed meaning).
FORMAT_VERSION = 1


def entity(G: nx.MultiDiGraph, node: Hashable) -> Entity:
    """The :class:`Entity` at ``node``.

    >>> entity(G, "paul-manafort").aliases  # doctest: +SKIP
    ('Manafort', 'Paul J. Manafort')
    """
    return Entity.from_attrs(G.nodes[node], id=node)


def entities(G: nx.MultiDiGraph) -> Iterator[Entity]:
    """Every node's :class:`Entity`, in the graph's order."""
    return (Entity.from_attrs(attrs, id=node) for node, attrs in G.nodes(data=True))


def edge_of(u: Hashable, v: Hashable, key: Hashable, attrs: dict[str, Any]) -> Edge:
    """The :class:`Edge` of one ``(u, v, key, attrs)`` as ``G.edges(keys=True, data=True)`` yields them
    (an edge without a ``type`` takes its key)."""
    return Edge.from_attrs(attrs, source=u, target=v, type=edge_type(key, attrs))


def edge(G: nx.MultiDiGraph, u: Hashable, v: Hashable, key: Hashable) -> Edge:
    """The :class:`Edge` stored from ``u`` to ``v`` under ``key`` (the relation type)."""
    return edge_of(u, v, key, G.edges[u, v, key])


def edges(G: nx.MultiDiGraph) -> Iterator[Edge]:
    """Every edge's :class:`Edge`, in the graph's order."""
    return (edge_of(u, v, key, attrs) for u, v, key, attrs in G.edges(keys=True, data=True))


def documents(G: nx.MultiDiGraph) -> list[DocumentInfo]:
    """The graph's documents, in reading order."""
    return [DocumentInfo.from_attrs(d) for d in G.graph.get("documents") or () if isinstance(d, dict) and "id" in d]


def edge_type(key: Hashable, attrs: dict[str, Any]) -> str:
    """``Edge.type`` read straight from an attribute dict: its ``type``, else the edge's key."""
    kind = attrs.get("type")
    return str(key) if kind is None else str(kind)


def edge_status(attrs: dict[str, Any]) -> Status:
    """``Edge.status`` read straight from an attribute dict, without building the record (for graph walks)."""
    status = attrs.get("status")
    if status is not None:
        return status
    return strongest(c.get("status") or DEFAULT_STATUS for c in attrs.get("citations") or ())


def edge_weight(attrs: dict[str, Any]) -> int:
    """``Edge.weight`` read straight from an attribute dict, without building the record (for graph walks)."""
    weight = attrs.get("weight")
    try:
        return int(weight) if weight is not None else len(attrs.get("citations") or ())
    except (TypeError, ValueError):
        return len(attrs.get("citations") or ())


def edge_span(attrs: dict[str, Any]) -> dict[str, str]:
    """``Edge.first`` and ``Edge.last`` read straight from an attribute dict, as ``{"first", "last"}``;
    empty when no citation is dated."""
    first, last = attrs.get("first"), attrs.get("last")
    if first is None or last is None:
        dates = [c["date"] for c in attrs.get("citations") or () if isinstance(c.get("date"), dict)]
        if not dates:
            return {}
        first = first if first is not None else min(str(d["start"]) for d in dates)
        last = last if last is not None else max(str(d["end"]) for d in dates)
    return {"first": str(first), "last": str(last)}


def add_entity(G: nx.MultiDiGraph, record: Entity) -> None:
    """Add ``record`` as a node of ``G``."""
    G.add_node(record.id, **record.to_attrs())


def add_edge(G: nx.MultiDiGraph, record: Edge) -> None:
    """Add ``record`` as an edge of ``G``, keyed by its type."""
    G.add_edge(record.source, record.target, key=record.key, **record.to_attrs())


def _name(item: Any) -> str:
    return repr(item) if isinstance(item, str | int) else "?"


def check_graph_data(data: Any) -> None:
    """Raise :class:`~graph.errors.GraphFormatError` unless ``data`` is a ``graph.json`` this Tangle reads.

    Checks the format version, then every document, node and edge (required
    keys, value types, citations, that an edge's ends are nodes), and names the
    first problem found.

    >>> check_graph_data({"graph": {"tangle": {"format": 1}}, "nodes": [{"id": "a"}], "edges": []})
    Traceback (most recent call last):
    graph.errors.GraphFormatError: node 0 ('a') lacks 'label'
    """
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise GraphFormatError("not a Tangle graph.json (no nodes and edges lists)", where="file")
    info = data.get("graph") if isinstance(data.get("graph"), dict) else {}
    _check_version(info)
    for i, doc in enumerate(info.get("documents") or ()):
        _check_item(DocumentInfo, doc, ("id",), f"document {i} ({_name(_get(doc, 'id'))})", f"document {i}")
    for i, node in enumerate(data["nodes"]):
        _check_item(Entity, node, ("id",), f"node {i} ({_name(_get(node, 'id'))})", f"node {i}")
    ids = {node["id"] for node in data["nodes"]}
    for i, item in enumerate(data["edges"]):
        where = f"edge {i}"
        if isinstance(item, dict) and {"source", "target"} <= item.keys():
            where += f" ({_name(item['source'])} → {_name(item['target'])}, {_name(item.get('type'))})"
        _check_item(Edge, item, ("source", "target"), where, f"edge {i}")
        for end in ("source", "target"):
            if item[end] not in ids:
                raise GraphFormatError(f"{where} names {end} {_name(item[end])}, which is not a node",
                                       where=f"edge {i}")


def _check_version(info: dict[str, Any]) -> None:
    tangle = info.get("tangle") if isinstance(info.get("tangle"), dict) else {}
    version = tangle.get("format")
    if version is None:
        raise GraphFormatError("not a Tangle graph.json (no graph.tangle.format)", where="graph")
    if not isinstance(version, int) or isinstance(version, bool):
        raise GraphFormatError(f"graph.tangle.format must be a whole number, not {version!r}", where="graph")
    if version > FORMAT_VERSION:
        raise GraphFormatError(f"format {version!r} is newer than this Tangle reads ({FORMAT_VERSION}); "
                               "upgrade Tangle", where="graph")
    if version < FORMAT_VERSION:
        raise GraphFormatError(f"format {version} is older than this Tangle reads ({FORMAT_VERSION})", where="graph")


def _get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else None


def _check_item(record: type[Attrs], attrs: Any, keys: tuple[str, ...], name: str, where: str) -> None:
    """Raise for the first problem of one document, node or edge (``name`` says which, in the message)."""
    for problem in _problems(record, attrs, keys=keys):
        raise GraphFormatError(f"{name} {problem}", where=where)


def _problems(record: type[Attrs], attrs: Any, *, keys: tuple[str, ...]) -> Iterator[str]:
    if not isinstance(attrs, dict):
        yield "is not an object"
        return
    for key in keys:
        if key not in attrs:
            yield f"lacks {key!r}"
        elif not isinstance(attrs[key], str | int) or isinstance(attrs[key], bool):
            yield f"{key!r} must be text or a whole number, not {attrs[key]!r}"
    yield from record.problems(attrs)

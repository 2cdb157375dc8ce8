"""Time in the graph: a chronology of one entity's dated claims, and the graph within a period.

Each citation may carry the ``date`` its sentence gives the claim (an interval
with its precision and words, see :mod:`extract.dates`); each edge ``first``
and ``last``.  :func:`within` keeps the claims dated inside a period;
:func:`timeline` lists one entity's dated claims in order, one entry per
sentence, for a journalist's chronology.

>>> from graph.io import load_graph
>>> G = load_graph("out/graph.json")  # doctest: +SKIP
>>> for entry in timeline(G, "Paul Manafort", since="2016"):  # doctest: +SKIP
...     print(entry.when, entry.sentence)
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import networkx as nx

from extract.vocabulary import load_vocabulary
from graph.errors import InputError
from graph.query import find_entity
from graph.schema import Citation, DateInterval, Edge, documents, edge_of, strongest

__all__ = ["Claim", "Entry", "date_label", "dated_within", "parse_bound", "timeline", "within"]

_BOUND = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_bound(value: str | None, *, end: bool = False, option: str = "since") -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the first day it names (or the last, with ``end``).

    Raises :class:`InputError` naming the parameter ``option`` for anything else.

    >>> parse_bound("2016"), parse_bound("2016-02", end=True)
    ('2016-01-01', '2016-02-29')
    """
    if value is None:
        return None
    match = _BOUND.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = (int(g) if g else None for g in match.groups())
        if day is not None:
            return date(year, month, day).isoformat()
        if month is not None:
            first = date(year, month, 1)
            if not end:
                return first.isoformat()
            following = date(year + (month == 12), month % 12 + 1, 1)
            return (following - timedelta(days=1)).isoformat()
        return date(year, 12, 31).isoformat() if end else date(year, 1, 1).isoformat()
    except ValueError:
        raise InputError(f"`{option}` {value!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD",
                         parameters=(option,)) from None


def _bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    low = parse_bound(since, option="since")
    high = parse_bound(until, end=True, option="until")
    if low and high and low > high:
        raise InputError(f"`since` {since} is after `until` {until}; swap them", parameters=("since", "until"))
    return low, high


def _inside(citation: Citation, low: str | None, high: str | None) -> bool:
    """True when the citation is dated and its interval overlaps ``low``–``high``."""
    found = citation.date
    if found is None:
        return False
    return (low is None or found.end >= low) and (high is None or found.start <= high)


def dated_within(edge: Edge, low: str | None, high: str | None) -> Edge | None:
    """``edge`` with only its citations dated within ``low``–``high`` (weight, status, ``first`` and
    ``last`` recomputed), or None when none is."""
    kept = tuple(c for c in edge.citations if _inside(c, low, high))
    if not kept:
        return None
    return Edge(source=edge.source, target=edge.target, type=edge.type, label=edge.label, directed=edge.directed,
                citations=kept, status=strongest(c.status for c in kept))


def within(G: nx.MultiDiGraph, *, since: str | None = None, until: str | None = None) -> nx.MultiDiGraph:
    """A copy of ``G`` with only the claims dated within the period (bounds ``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``, both included; a claim counts when its interval overlaps the period).

    Each relation keeps its citations in the period (weight, status, ``first`` and ``last``
    recomputed) and is dropped when none is left; an entity is kept while a relation is.  Undated
    claims cannot be placed in a period and are left out.  Without bounds, ``G`` is copied whole.

    >>> H = within(G, since="2016-06", until="2016-11")  # doctest: +SKIP
    """
    low, high = _bounds(since, until)
    if low is None and high is None:
        return G.copy()
    H = nx.MultiDiGraph()
    H.graph.update(copy.deepcopy(G.graph))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        kept = dated_within(edge_of(u, v, key, attrs), low, high)
        if kept is None:
            continue
        for node in (u, v):
            if node not in H:
                H.add_node(node, **copy.deepcopy(G.nodes[node]))
        H.add_edge(u, v, key=key, **{**copy.deepcopy(attrs), **kept.to_attrs()})
    return H


@dataclass(frozen=True)
class Claim:
    """One relation a sentence states between the entity and another."""

    other: str
    label: str
    type: str
    status: str
    #: "out" when the entity is the source of a directed relation, "in" when its target, "" when undirected.
    direction: str


@dataclass(frozen=True)
class Entry:
    """One dated sentence of a chronology: when, the claims it makes about the entity, where it was read."""

    start: str
    end: str
    precision: str
    words: str
    doc: str
    title: str
    sentence: str
    offset: int
    claims: tuple[Claim, ...]

    @property
    def when(self) -> str:
        return date_label(self.start, self.end, self.precision)

    def to_dict(self) -> dict[str, Any]:
        return {"when": self.when, "start": self.start, "end": self.end, "precision": self.precision,
                "words": self.words, "doc": self.doc, "title": self.title, "sentence": self.sentence,
                "start_char": self.offset,
                "claims": [{"other": c.other, "relation": c.type, "label": c.label, "status": c.status,
                            "direction": c.direction} for c in self.claims]}


def date_label(start: str, end: str, precision: str) -> str:
    """An interval as a reader writes it: ``2016-06-09``, ``2016-06``, ``2016``, ``1990s``,
    ``2016-06 – 2016-07``, ``week of 2016-06-06``.

    >>> date_label("2016-06-01", "2016-07-31", "month"), date_label("1990-01-01", "1999-12-31", "decade")
    ('2016-06 – 2016-07', '1990s')
    """
    if precision == "decade":
        return f"{start[:3]}0s" if start[:3] == end[:3] else f"{start[:4]} – {end[:4]}"
    if precision == "week":
        return f"week of {start}"
    size = {"day": 10, "month": 7}.get(precision, 4)
    first, last = start[:size], end[:size]
    return first if first == last else f"{first} – {last}"


def timeline(G: nx.MultiDiGraph, entity: str, *, since: str | None = None, until: str | None = None,
             include_negated: bool = True) -> list[Entry]:
    """The dated claims of ``entity`` (label, alias or id) in order of their dates, one entry per
    sentence with every claim it makes about the entity; within the period when ``since`` or
    ``until`` is given.  Negated claims are listed with their status ("denied") unless
    ``include_negated`` is False.

    >>> [e.when for e in timeline(G, "Paul Manafort")][:2]  # doctest: +SKIP
    ['2005-06', '2016-03 – 2016-08']
    """
    node = find_entity(G, entity)
    low, high = _bounds(since, until)
    co_mentioned = load_vocabulary().co_mentioned.name
    titles = {d.id: d.title for d in documents(G)}
    entries: dict[tuple[str, int, str, str], tuple[DateInterval, Citation, list[Claim]]] = {}
    for edge in _edges_of(G, node):
        other = edge.target if edge.source == node else edge.source
        direction = ("out" if edge.source == node else "in") if edge.directed else ""
        for citation in edge.citations:
            if not _inside(citation, low, high) or (not include_negated and citation.status == "negated"):
                continue
            found = citation.date
            slot = entries.setdefault((citation.doc, citation.start, found.start, found.end), (found, citation, []))
            slot[2].append(Claim(other=str(G.nodes[other].get("label", other)), label=edge.label, type=edge.type,
                                 status=citation.status, direction=direction))
    out = [
        Entry(start=found.start, end=found.end, precision=found.precision, words=found.words, doc=doc,
              title=titles.get(doc, doc), sentence=citation.sentence, offset=offset,
              claims=tuple(sorted(claims, key=lambda c: (c.type == co_mentioned, c.type, c.other))))
        for (doc, offset, _, _), (found, citation, claims) in entries.items()
    ]
    order = {d.id: n for n, d in enumerate(documents(G))}
    out.sort(key=lambda e: (e.start, e.end, order.get(e.doc, len(order)), e.doc, e.offset))
    return out


def _edges_of(G: nx.MultiDiGraph, node: str) -> Iterable[Edge]:
    yield from (edge_of(u, v, k, a) for u, v, k, a in G.out_edges(node, keys=True, data=True))
    yield from (edge_of(u, v, k, a) for u, v, k, a in G.in_edges(node, keys=True, data=True) if u != node)

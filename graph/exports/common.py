"""What several export formats share: document titles, sorted edges, XML-safe text and the flat graph."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import networkx as nx

from extract.curation import rule_of
from graph.io import string_ids
from graph.schema import Decision, Edge, documents, edge_of, entities

__all__ = ["LIST_SEPARATOR", "decision_texts", "document_titles", "edge_docs", "edge_spells", "flat_graph",
           "iso_date", "sorted_edges", "xml_id", "xml_text"]

#: Separator for list values flattened into one GEXF/GraphML attribute.
LIST_SEPARATOR = "; "



def document_titles(G: nx.MultiDiGraph) -> dict[str, str]:
    return {d.id: d.title for d in documents(G)}


def edge_docs(edge: Edge) -> list[str]:
    return sorted({c.doc for c in edge.citations})


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: Any) -> str | None:
    """``value`` when it is an ISO ``YYYY-MM-DD`` date, else ``None``: a hand-edited graph.json's
    other text never reaches a date column, property or GEXF timeline.

    >>> iso_date("2016-06-15"), iso_date("=cmd()")
    ('2016-06-15', None)
    """
    return value if isinstance(value, str) and _ISO_DATE.fullmatch(value) else None


def edge_spells(edge: Edge) -> list[tuple[str, str]]:
    """The distinct date intervals of an edge's dated citations, sorted: its GEXF spells (none when undated)."""
    spells = set()
    for c in edge.citations:
        if c.date is not None:
            start, end = iso_date(c.date.start), iso_date(c.date.end)
            if start and end and start <= end:
                spells.add((start, end))
    return sorted(spells)


def decision_texts(decisions: Iterable[Decision]) -> list[str]:
    """Each curation decision as the one-line JSON of the rule the curation file holds.

    >>> decision_texts([Decision("rename", ("Ann Example",), to="Ann B. Example")])
    ['{"rename": {"Ann Example": "Ann B. Example"}}']
    """
    return [json.dumps(rule_of(d), ensure_ascii=False, sort_keys=True) for d in decisions]


def sorted_edges(G: nx.MultiDiGraph) -> list[Edge]:
    """Every edge's record, by (source, target, key)."""
    return [edge_of(u, v, k, a) for u, v, k, a in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3])]


# ---------------------------------------------------------------- GEXF, GraphML

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: Any) -> str:
    """``value`` as text XML 1.0 can carry (control characters other than tab and newlines dropped)."""
    return _XML_INVALID.sub("", str(value))


def xml_id(value: Any) -> str:
    """``value`` as an XML 1.0 identifier: characters XML cannot carry written as ``\\uXXXX``, so that
    two ids stay two."""
    return _XML_INVALID.sub(lambda m: f"\\u{ord(m.group()):04x}", str(value))


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose attributes are all scalars, as Gephi needs.

    Nodes: ``label, type, aliases, mentions, docs`` (lists joined with ``"; "``),
    ``curated`` and ``curation`` (the analyst's decisions, one JSON rule each).
    Edges: ``id`` (unique: ``source:type:target``), ``key``, ``relation``
    (the relation type), ``label, weight, status, directed``, the
    citations summarised as ``citations`` (count), ``evidence`` (first
    sentence), ``docs`` and ``titles``, the dates ``first`` and ``last``
    (ISO, empty when undated), ``curated`` and ``curation``.  ``type`` is not used on edges
    because GEXF reserves it for the edge direction.

    >>> flat_graph(G).edges["donald-trump", "vladimir-putin", "met_with"]["citations"]  # doctest: +SKIP
    2
    """
    titles = document_titles(G)
    H = nx.MultiDiGraph()
    H.graph["tangle_version"] = str(G.graph.get("tangle", {}).get("version", ""))
    H.graph["documents"] = xml_text(LIST_SEPARATOR.join(titles.values()))
    ids = string_ids(G.nodes, clean=xml_id)
    for record in sorted(entities(G), key=lambda e: ids[e.id]):
        H.add_node(
            ids[record.id],
            label=xml_text(record.label),
            type=xml_text(record.type),
            aliases=xml_text(LIST_SEPARATOR.join(record.aliases)),
            mentions=record.mentions,
            docs=xml_text(LIST_SEPARATOR.join(record.docs)),
            curated=record.curated,
            curation=xml_text(LIST_SEPARATOR.join(decision_texts(record.curation))),
        )
    edges = sorted(((ids[u], ids[v], xml_id(key), edge_of(u, v, key, attrs))
                    for u, v, key, attrs in G.edges(keys=True, data=True)), key=lambda e: e[:3])
    for u, v, key, edge in edges:
        citations = edge.citations
        docs = edge_docs(edge)
        H.add_edge(
            u,
            v,
            key=key,
            id=f"{u}:{key}:{v}",
            relation=xml_text(edge.type),
            label=xml_text(edge.label),
            weight=edge.weight,
            status=xml_text(edge.status),
            directed=edge.directed,
            citations=len(citations),
            evidence=xml_text(citations[0].sentence if citations else ""),
            docs=xml_text(LIST_SEPARATOR.join(docs)),
            titles=xml_text(LIST_SEPARATOR.join(titles.get(d, d) for d in docs)),
            first=iso_date(edge.first) or "",
            last=iso_date(edge.last) or "",
            curated=edge.curated,
            curation=xml_text(LIST_SEPARATOR.join(decision_texts(edge.curation))),
        )
    return H

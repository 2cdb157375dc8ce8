"""The graph as pandas tables (entities, relations, citations) and back.

pandas is the one heavy dependency here and is imported at the top of this
module only; nothing else in ``graph`` imports it at module level.

>>> from graph.io import load_graph
>>> G = load_graph("out/graph.json")  # doctest: +SKIP
>>> entities_frame(G).sort_values("mentions", ascending=False).head()  # doctest: +SKIP
>>> citations_frame(G).query("status == 'negated'")  # doctest: +SKIP
>>> H = graph_from_frames(entities_frame(G), relations_frame(G))  # same graph.json bytes as G  # doctest: +SKIP
"""

from __future__ import annotations

import copy
import math
from typing import Any

import networkx as nx
import pandas as pd

from graph.schema import Citation, Edge, Entity, documents, edges

__all__ = ["citations_frame", "entities_frame", "graph_from_frames", "relations_frame"]

#: The columns of each table, from the schema's records (:mod:`graph.schema`); a citation's date is four columns.
ENTITY_COLUMNS = ["id", *(s.name for s in Entity.specs())]
RELATION_COLUMNS = ["source", "target", "key", *(s.name for s in Edge.specs())]
DATE_COLUMNS = ["date_start", "date_end", "date_precision", "date_words"]
CITATION_COLUMNS = ["source", "target", "type", "doc", "title",
                    *(s.name for s in Citation.specs() if s.name not in ("doc", "date")), *DATE_COLUMNS]


def _first(columns: list[str], present: list[str]) -> list[str]:
    """The contract columns first, then any others in sorted order."""
    return [c for c in columns if c in present] + sorted(c for c in present if c not in columns)


def entities_frame(G: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per entity: ``id, label, type, aliases, mentions, docs`` (and any extra attributes).

    The frame's ``attrs["graph"]`` keeps a copy of ``G.graph`` (documents,
    model) so :func:`graph_from_frames` can rebuild the whole graph.

    >>> entities_frame(G).set_index("id").loc["paul-manafort", "mentions"]  # doctest: +SKIP
    7
    """
    rows = [{"id": node, **copy.deepcopy(attrs)} for node, attrs in sorted(G.nodes(data=True), key=lambda x: x[0])]
    frame = pd.DataFrame(rows, columns=_first(ENTITY_COLUMNS, sorted({k for row in rows for k in row} | {"id"})))
    frame.attrs["graph"] = copy.deepcopy(G.graph)
    return frame


def relations_frame(G: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per relation (edge), from ``nx.to_pandas_edgelist(G, edge_key="key")``.

    Columns: ``source, target, key, type, label, weight, status, directed,
    citations`` (a list of citation dicts; see :func:`citations_frame` for
    one row per citation), ``first, last`` (the span of its dated citations,
    ISO dates, ``None`` when none is dated).

    >>> relations_frame(G).groupby("type").size()  # doctest: +SKIP
    """
    H = nx.MultiDiGraph()
    H.add_edges_from(sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])))
    frame = nx.to_pandas_edgelist(H, edge_key="key")
    if frame.empty:
        frame = pd.DataFrame(columns=RELATION_COLUMNS)
    for column in ("first", "last"):
        if column not in frame.columns:
            frame[column] = None
    frame = frame[_first(RELATION_COLUMNS, list(frame.columns))]
    frame["citations"] = [copy.deepcopy(c) for c in frame["citations"]]
    frame.attrs["graph"] = copy.deepcopy(G.graph)
    return frame


def citations_frame(G: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per citation: which relation, which document (id and title), the sentence, its status and
    the date it gives the claim (``date_start``, ``date_end`` as ISO dates, ``date_precision``,
    ``date_words``; ``None`` when undated).

    >>> citations_frame(G)[["source", "type", "target", "title", "sentence"]].head()  # doctest: +SKIP
    """
    titles = {d.id: d.title for d in documents(G)}
    rows = [
        {**dict.fromkeys(CITATION_COLUMNS), **_flat(c.to_attrs()), "source": edge.source, "target": edge.target,
         "type": edge.type, "title": titles.get(c.doc, c.doc)}
        for edge in sorted(edges(G), key=lambda e: (e.source, e.target, e.key))
        for c in edge.citations
    ]
    return pd.DataFrame(rows, columns=CITATION_COLUMNS)


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    """A citation's attributes with its date as ``date_start``, ``date_end``, ``date_precision``, ``date_words``."""
    found = attrs.pop("date", None) or {}
    return {**attrs, **{f"date_{key}": found.get(key) for key in ("start", "end", "precision", "words")}}


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    """Drop the holes pandas made for attributes a row did not have; plain Python values only."""
    return {k: copy.deepcopy(v.item() if hasattr(v, "item") else v) for k, v in row.items() if not _missing(v)}


def graph_from_frames(
    entities: pd.DataFrame,
    relations: pd.DataFrame,
    *,
    graph: dict[str, Any] | None = None,
) -> nx.MultiDiGraph:
    """Rebuild a graph from :func:`entities_frame` and :func:`relations_frame` tables.

    Graph-level data comes from ``graph`` if given, else from the frames'
    ``attrs["graph"]``.  Frames you filtered or edited work too: relations
    whose ends are missing from ``entities`` are added with their ends, as
    networkx does.  The frames are not changed.

    >>> G2 = graph_from_frames(entities_frame(G), relations_frame(G))  # doctest: +SKIP
    >>> dumps_graph(G2) == dumps_graph(G)  # doctest: +SKIP
    True
    """
    G = nx.MultiDiGraph()
    meta = graph if graph is not None else entities.attrs.get("graph", relations.attrs.get("graph", {}))
    G.graph.update(copy.deepcopy(meta))
    for row in entities.to_dict("records"):
        attrs = _clean(row)
        G.add_node(attrs.pop("id"), **attrs)
    for row in relations.to_dict("records"):
        attrs = _clean(row)
        u, v = attrs.pop("source"), attrs.pop("target")
        key = attrs.pop("key", attrs.get("type"))
        G.add_edge(u, v, key=key, **attrs)
    return G

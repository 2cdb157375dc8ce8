"""GEXF 1.2draft for Gephi, Gephi Lite and graphology: a mixed graph, each edge's direction its GEXF type."""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from graph.exports.common import edge_spells, flat_graph, xml_id
from graph.io import atomic_write, string_ids
from graph.schema import edge_of

__all__ = ["gexf_text", "write_gexf"]


def gexf_text(G: nx.MultiDiGraph) -> str:
    """``G`` as GEXF 1.2draft: a mixed graph, each edge's direction in GEXF's own edge ``type``.

    The ``<graph>`` element carries ``defaultedgetype="directed"`` and every
    edge says ``type="directed"`` or ``type="undirected"``, so Gephi and
    graphology-gexf draw undirected relations without arrows; the file is
    valid against the official 1.2draft XSD (no ``name`` on ``<graph>``).
    networkx's ``read_gexf`` refuses mixed graphs: read the GraphML export there.

    An edge with dated citations carries one ``<spell start end>`` per
    distinct interval (ISO dates); the graph is then ``mode="dynamic"``
    with ``timeformat="date"``, so Gephi's timeline filters it.  Undated
    edges have no spells (always present on the timeline).
    """
    from networkx.readwrite.gexf import GEXFWriter

    H = flat_graph(G)
    ids = string_ids(G.nodes, clean=xml_id)
    spells = {(ids[u], ids[v], xml_id(k)): edge_spells(edge_of(u, v, k, a))
              for u, v, k, a in G.edges(keys=True, data=True)}
    for u, v, k, data in H.edges(keys=True, data=True):
        data["type"] = "directed" if data["directed"] else "undirected"
        if spells[u, v, k]:
            data["spells"] = spells[u, v, k]
    writer = GEXFWriter(version="1.2draft")
    writer.add_graph(H)
    writer.graph_element.attrib.pop("name", None)  # not allowed by the XSD
    return "\n".join(str(writer).splitlines()) + "\n"


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write :func:`gexf_text` for Gephi, Gephi Lite and graphology; multi-edges keep distinct ids.

    >>> write_gexf(G, "out/graph.gexf")  # doctest: +SKIP
    PosixPath('out/graph.gexf')
    """
    return atomic_write(path, gexf_text(G))

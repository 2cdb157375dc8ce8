"""GraphML for yEd, Cytoscape, igraph, graph-tool and networkx: every value typed, multi-edges kept."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import networkx as nx

from graph.exports.common import flat_graph, xml_text
from graph.io import atomic_write

__all__ = ["graphml_text", "write_graphml"]

_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_GRAPHML_TYPES = {bool: "boolean", int: "int", float: "double", str: "string"}


def _graphml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # the XML Schema form; str() gives True/False
    return xml_text(value)


def graphml_text(G: nx.MultiDiGraph) -> str:
    """``G`` as GraphML: graph data first, then nodes, then edges, each value typed.

    Attributes are those of :func:`flat_graph`.  The graph's ``<data>``
    comes before the nodes (graph-tool reads data after the edges as edge
    data); the edge id ``source:type:target`` is the ``<edge id>`` only, not
    also a data key (igraph reads edge ids into an ``id`` attribute);
    integers are ``int``, booleans ``true``/``false``.
    """
    from xml.etree.ElementTree import Element, SubElement, indent, tostring

    H = flat_graph(G)
    edges = [(u, v, dict(d)) for u, v, d in H.edges(data=True)]
    ids = [d.pop("id") for *_, d in edges]
    domains = {"graph": [H.graph], "node": [d for _, d in H.nodes(data=True)], "edge": [d for *_, d in edges]}
    root = Element("graphml", {"xmlns": _GRAPHML_NS, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                               "xsi:schemaLocation": f"{_GRAPHML_NS} {_GRAPHML_NS}/1.0/graphml.xsd"})
    keys: dict[tuple[str, str], str] = {}
    for domain, records in domains.items():
        for record in records:
            for name, value in record.items():
                if (domain, name) not in keys:
                    keys[domain, name] = f"d{len(keys)}"
                    SubElement(root, "key", {"id": keys[domain, name], "for": domain, "attr.name": name,
                                             "attr.type": _GRAPHML_TYPES[type(value)]})

    def data(parent: Any, domain: str, record: dict[str, Any]) -> None:
        for name, value in record.items():
            SubElement(parent, "data", key=keys[domain, name]).text = _graphml_value(value)

    graph = SubElement(root, "graph", id="G", edgedefault="directed")
    data(graph, "graph", H.graph)
    for node, attrs in H.nodes(data=True):
        data(SubElement(graph, "node", id=xml_text(node)), "node", attrs)
    for (u, v, attrs), edge_id in zip(edges, ids, strict=True):
        data(SubElement(graph, "edge", id=edge_id, source=xml_text(u), target=xml_text(v)), "edge", attrs)
    indent(root)
    # A carriage return in element text would come back as a newline (XML end-of-line handling).
    body = tostring(root, encoding="unicode").replace("\r", "&#13;")
    return "<?xml version='1.0' encoding='utf-8'?>\n" + body + "\n"


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write :func:`graphml_text` for yEd, Cytoscape, igraph, graph-tool and networkx.

    >>> nx.read_graphml(write_graphml(G, "out/graph.graphml")).number_of_nodes()  # doctest: +SKIP
    """
    return atomic_write(path, graphml_text(G))

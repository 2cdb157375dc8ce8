"""A graph whose names try to break every format and engine; each must come back byte for byte."""

from __future__ import annotations

import networkx as nx

from tests.graph.fixtures_export import TRICKY, sample_graph

#: Quotes, backslashes, newlines, a Cypher injection, a spreadsheet formula, astral characters,
#: SQL dollar quotes (AGE) and pipes (Kumu).
HOSTILE_NAMES = [
    TRICKY,
    "x'); MATCH (n) DETACH DELETE n; //",
    "=HYPERLINK(\"http://evil\")",
    "𝔄𝔰𝔱𝔯𝔞𝔩 🦊 𠜎 name",
    "back\\slash \\' \\n \\u0041 tab\there\r\nCRLF",
    "$$ $tangle$ ) AS (a agtype); DROP TABLE x; --",
    "A | B & <C> \"D\"",
]


def hostile_names_graph() -> nx.MultiDiGraph:
    """The export fixture plus one entity per hostile name, each tied to the next by an undirected relation."""
    G = sample_graph()
    ids = [f"hostile-{i}" for i in range(len(HOSTILE_NAMES))]
    for node, name in zip(ids, HOSTILE_NAMES, strict=True):
        G.add_node(node, label=name, type="PERSON", aliases=[name + " (alias)"], mentions=1, docs=["doc-a"])
    for u, v, name in zip(ids, ids[1:], HOSTILE_NAMES, strict=False):
        cite = {"doc": "doc-a", "sentence": name, "start": 0, "end": len(name), "markers": [], "status": "asserted"}
        G.add_edge(u, v, key="met_with", type="met_with", label="met with", weight=1, status="asserted",
                   directed=False, citations=[cite])
    return G

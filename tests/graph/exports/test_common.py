"""graph/exports/common.py: the flat graph and the XML-safe text and ids the writers share."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from graph.exports import flat_graph, write_gexf, write_graphml
from tests.graph.fixtures_export import sample_graph


def test_flat_graph_has_only_scalar_attributes():
    H = flat_graph(sample_graph())
    values = [v for _, d in H.nodes(data=True) for v in d.values()]
    values += [v for *_, d in H.edges(data=True) for v in d.values()]
    assert all(isinstance(v, str | int | float | bool) for v in values)
    assert len({d["id"] for *_, d in H.edges(data=True)}) == H.number_of_edges()


def clashing_graph() -> nx.MultiDiGraph:
    """A hand-edited graph.json: control characters in an id, a type and a key; ids 1 and "1"."""
    G = nx.MultiDiGraph()
    for node, kind in [("a\x01b", "PERSON\x02"), ("a\\u0001b", "ORG"), (1, "ORG"), ("1", "GPE")]:
        G.add_node(node, label=f"label of {node!r}", type=kind, aliases=[], mentions=1, docs=[])
    for u, v, key in [("a\x01b", 1, "met\x03with"), ("1", 1, "k"), (1, "a\\u0001b", "k")]:
        G.add_edge(u, v, key=key, type=key, label="l", directed=True, weight=1, status="asserted\x04",
                   citations=[])
    return G


@pytest.mark.parametrize(("suffix", "read"), [(".gexf", nx.read_gexf), (".graphml", nx.read_graphml)])
def test_control_characters_and_clashing_ids_give_valid_xml(tmp_path, suffix, read):
    path = tmp_path / f"g{suffix}"
    (write_gexf if suffix == ".gexf" else write_graphml)(clashing_graph(), path)
    H = read(path)
    assert H.number_of_nodes() == 4
    assert H.number_of_edges() == 3
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", path.read_text(encoding="utf-8"))

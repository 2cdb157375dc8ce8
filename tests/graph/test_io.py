"""graph.json bytes: the fast writer must give exactly what node_link_data + json.dumps gave."""

from __future__ import annotations

import json
import math

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.io import dumps_graph, graph_to_data
from tests.graph.fixtures_export import sample_graph

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner)
    | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=12,
)
#: Attribute names networkx or node-link data give a meaning of their own: ``MultiDiGraph(**attrs)`` and
#: ``add_edge(u, v, key=..., **attrs)`` take them as arguments, and node-link data writes ``id``,
#: ``source``, ``target`` and ``key`` over them.  No Tangle graph uses them as attributes.
RESERVED_GRAPH = frozenset({"incoming_graph_data", "multigraph_input"})
RESERVED_NODE = frozenset({"id"})
RESERVED_EDGE = frozenset({"u_for_edge", "v_for_edge", "key", "source", "target"})


def attrs(reserved: frozenset[str] = frozenset()) -> st.SearchStrategy[dict]:
    """Attribute dicts whose names are never one of ``reserved``."""
    return st.dictionaries(st.text(max_size=6).filter(lambda name: name not in reserved), values, max_size=4)


ids = st.text(max_size=4)


def reference(G: nx.MultiDiGraph) -> str:
    """graph.json as io.py wrote it before: a sorted copy, node_link_data, the json module with indent=1."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from(sorted(G.nodes(data=True), key=lambda item: item[0]))
    H.add_edges_from(sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])))
    return json.dumps(nx.node_link_data(H, edges="edges"), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def test_sample_graph_bytes_unchanged():
    G = sample_graph()
    assert dumps_graph(G) == reference(G)
    assert graph_to_data(G) == json.loads(reference(G))


@settings(max_examples=300, deadline=None)
@given(graph=attrs(RESERVED_GRAPH), nodes=st.dictionaries(ids, attrs(RESERVED_NODE), max_size=6),
       edges=st.lists(st.tuples(ids, ids, st.text(max_size=3) | st.integers(0, 3), attrs(RESERVED_EDGE)),
                      max_size=10))
def test_random_graph_bytes_equal_node_link_data_and_json_dumps(graph, nodes, edges):
    G = nx.MultiDiGraph(**graph)
    G.add_nodes_from(nodes.items())
    for u, v, key, data in edges:
        if isinstance(key, int):
            key = str(key)  # keys of one pair must compare, as in every Tangle graph
        G.add_edge(u, v, key=key, **data)
    expected = reference(G)
    assert dumps_graph(G) == expected
    assert json.dumps(graph_to_data(G), ensure_ascii=False, sort_keys=True, indent=1) + "\n" == expected


def test_values_the_fast_writer_leaves_to_the_json_module():
    G = nx.MultiDiGraph(stats={"nan": math.nan}, counts={1: "int key", 2: "two"}, flags=[True, None, -0.0, 1e300])
    G.add_node("a", weird=float("inf"))
    assert dumps_graph(G) == reference(G)

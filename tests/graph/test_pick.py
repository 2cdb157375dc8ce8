"""Choosing entities by name, with the most connected ones standing in for names a graph lacks."""

import pytest

from graph.errors import InputError
from graph.query import most_connected, pick_entities
from tests.graph.fixtures_export import sample_graph


def test_most_connected_counts_linked_entities_then_mentions():
    import networkx as nx

    G = nx.MultiDiGraph()
    for node, mentions in [("a", 1), ("b", 5), ("c", 2), ("d", 9), ("e", 1)]:
        G.add_node(node, label=node.upper(), mentions=mentions)
    for u, v, status in [("a", "b", "asserted"), ("a", "c", "asserted"), ("c", "a", "reported"),
                         ("c", "b", "asserted"), ("d", "e", "negated"), ("d", "a", "negated"), ("c", "c", "asserted")]:
        G.add_edge(u, v, key=status, weight=1, status=status)
    # a: b, c (2); c: a, b (2, more mentions than a); b: a, c (2, most mentions); d, e: only negated links
    assert most_connected(G) == ["b", "c", "a", "d", "e"]
    # with negated links: a: b, c, d (3); d: a, e (2, 9 mentions); then b, c; e: d (1)
    assert most_connected(G, include_negated=True) == ["a", "d", "b", "c", "e"]


def test_names_found_are_kept_and_absent_ones_replaced_in_order():
    picked = pick_entities(sample_graph(), ["putin", "Nobody Here", "Paul Manafort", "Nemo"])
    assert picked.nodes == ("vladimir-putin", "donald-trump", "paul-manafort", "helsinki-summit")
    assert picked.notes == (
        "'Nobody Here' is not in this graph; using 'Donald Trump', the most connected entity left (3 linked)",
        "'Nemo' is not in this graph; using 'Helsinki summit', the most connected entity left (3 linked)",
    )


def test_every_name_found_means_no_notes():
    assert pick_entities(sample_graph(), ["Jared Kushner", "Putin"]).notes == ()


def test_the_same_entity_twice_is_replaced_the_second_time():
    picked = pick_entities(sample_graph(), ["Putin", "Vladimir Putin"])
    assert picked.nodes == ("vladimir-putin", "paul-manafort") and len(picked.notes) == 1


def test_a_graph_smaller_than_the_names_is_an_error():
    G = sample_graph()
    G.remove_nodes_from(list(G)[2:])
    with pytest.raises(InputError, match="the graph has 2 entities, fewer than the 3 asked for"):
        pick_entities(G, ["a", "b", "c"])

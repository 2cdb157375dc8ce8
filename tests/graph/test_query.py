"""Entity lookup, filters, ego networks, evidence paths, and entities chosen by name or by connections."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import EntityNotFound, InputError
from graph.io import dumps_graph
from graph.query import (
    ego,
    filter_graph,
    find_entity,
    links_of,
    most_connected,
    neighbourhood,
    pick_entities,
    shortest_paths,
)
from tests.graph.fixtures_export import TRICKY, sample_graph


@pytest.mark.parametrize(
    ("name", "node"),
    [
        ("Paul Manafort", "paul-manafort"),
        ("  paul   MANAFORT ", "paul-manafort"),
        ("manafort", "paul-manafort"),
        ("paul-manafort", "paul-manafort"),
        ("владимир путин", "vladimir-putin"),
        ("周伟", "zhou-wei"),
        ("zhōu wěi", "zhou-wei"),
        ("Zhou Wei", "zhou-wei"),
        (TRICKY.lower(), "o-brien-s-bar-grill-ltd"),
    ],
)
def test_find_entity_by_label_alias_or_id_any_case(name, node):
    assert find_entity(sample_graph(), name) == node


def test_find_entity_takes_an_exact_node_id_before_other_names_that_fold_to_it():
    G = nx.MultiDiGraph()
    G.add_node("jean-claude", label="Jean Claude", mentions=1)
    G.add_node("jc", label="Jean-Claude", mentions=9)
    assert find_entity(G, "jean-claude") == "jean-claude"
    assert find_entity(G, "Jean-Claude") == "jc"  # not an id: the label of the most mentioned entity wins


def test_find_entity_suggests_closest_names():
    with pytest.raises(EntityNotFound) as err:
        find_entity(sample_graph(), "Paul Manaford")
    assert err.value.suggestions[0] == "Paul Manafort"
    assert str(err.value).startswith("no entity named 'Paul Manaford'; did you mean 'Paul Manafort'")


@pytest.mark.parametrize(("name", "node"), [
    ("Yanukovych", "viktor-yanukovych"),  # an alias, whole
    ("kislyak", "sergey-kislyak"),  # a surname only one entity's names hold
    ("Helsinki", "helsinki-summit"),
    ("Grill", "o-brien-s-bar-grill-ltd"),
])
def test_find_entity_by_a_word_only_one_entity_holds(name, node):
    G = sample_graph()
    for _, attrs in G.nodes(data=True):
        attrs["aliases"] = [a for a in attrs["aliases"] if a.casefold() != "kislyak"]
    assert find_entity(G, name) == node


def test_a_word_several_entities_hold_is_ambiguous_and_names_them():
    assert find_entity(sample_graph(), "donald") == "donald-trump"  # his label and his alias: one entity
    with pytest.raises(EntityNotFound) as err:
        find_entity(sample_graph(), "Trump Organization Ltd")  # not the words of any one name
    assert not err.value.ambiguous
    with pytest.raises(EntityNotFound) as err:
        find_entity(sample_graph(), "of")  # Party of Regions, Federal Bureau of Investigation
    assert err.value.ambiguous == 2
    assert str(err.value) == "'of' is in the names of 2 entities; did you mean 'Party of Regions', 'FBI'?"


def test_find_entity_without_close_names_has_no_suggestions():
    with pytest.raises(EntityNotFound) as err:
        find_entity(sample_graph(), "zzzzzzzzzz")
    assert err.value.suggestions == []
    assert str(err.value) == "no entity named 'zzzzzzzzzz'"


def test_ego_one_hop_skips_negated_links_by_default():
    H = ego(sample_graph(), "Jared Kushner", hops=1)
    assert set(H) == {"jared-kushner", "sergey-kislyak", "trump-organization"}
    assert H.graph["ego"] == {"center": "jared-kushner", "hops": 1}


def test_ego_can_include_negated_links():
    H = ego(sample_graph(), "Jared Kushner", hops=1, include_negated=True)
    assert "vladimir-putin" in H
    assert H.edges["jared-kushner", "vladimir-putin", "met_with"]["status"] == "negated"


def test_ego_two_hops_keeps_every_relation_among_reached_entities():
    G = sample_graph()
    H = ego(G, "manafort", hops=2)
    assert {"viktor-yanukovych", "vladimir-putin", "zhou-wei", "o-brien-s-bar-grill-ltd", "helsinki-summit"} <= set(H)
    assert "kgb" not in H and "russia" not in H  # three hops away / only reached by a negated tie
    assert set(H["donald-trump"]["vladimir-putin"]) == {"met_with", "praised"}
    among = [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
             if u in H and v in H and d["status"] != "negated"]
    assert sorted(H.edges(keys=True)) == sorted(among)


def test_queries_do_not_mutate_their_input():
    G = sample_graph()
    before = dumps_graph(G)
    H = ego(G, "Paul Manafort", hops=2)
    H.nodes["paul-manafort"]["aliases"].append("changed")
    H.edges["paul-manafort", "viktor-yanukovych", "works_for"]["citations"][0]["sentence"] = "changed"
    F = filter_graph(G, docs={"doc-a"})
    F.edges["paul-manafort", "viktor-yanukovych", "works_for"]["citations"].clear()
    shortest_paths(G, "Jared Kushner", "Vladimir Putin", include_negated=True)
    assert dumps_graph(G) == before


def test_filter_by_types_status_and_weight():
    G = sample_graph()
    people = filter_graph(G, entity_types={"person"})
    assert {d["type"] for _, d in people.nodes(data=True)} == {"PERSON"}
    meetings = filter_graph(G, relation_types={"met_with"}, include_negated=False)
    assert sorted((u, v) for u, v in meetings.edges()) == [("donald-trump", "vladimir-putin"),
                                                            ("jared-kushner", "sergey-kislyak")]
    assert {k for *_, k in filter_graph(G, min_weight=2).edges(keys=True)} == {"works_for", "met_with"}
    reported = filter_graph(G, statuses={"reported"})
    assert {d["status"] for *_, d in reported.edges(data=True)} == {"reported"}
    with pytest.raises(InputError, match="unknown claim status 'rumoured'"):
        filter_graph(G, statuses={"rumoured"})


def test_filter_by_documents_keeps_only_their_citations():
    F = filter_graph(sample_graph(), docs={"doc-b"})
    edge = F.edges["paul-manafort", "viktor-yanukovych", "works_for"]
    assert edge["weight"] == 1 and edge["status"] == "reported"
    assert [c["doc"] for c in edge["citations"]] == ["doc-b"]
    assert "zhou-wei" not in F


def test_shortest_path_with_evidence_for_every_hop():
    paths = shortest_paths(sample_graph(), "jared kushner", "Putin")
    assert [p.nodes for p in paths] == [("jared-kushner", "sergey-kislyak", "vladimir-putin")]
    first, second = paths[0].hops
    assert first.links[0].type == "met_with" and first.links[0].citations[0].sentence.startswith("Kushner met")
    assert second.links[0].status == "reported" and second.links[0].citations[0].doc == "doc-b"


def test_shortest_path_over_a_negated_link_only_on_request():
    paths = shortest_paths(sample_graph(), "Jared Kushner", "Vladimir Putin", include_negated=True)
    assert [p.nodes for p in paths] == [("jared-kushner", "vladimir-putin")]


def test_shortest_path_respects_max_hops_and_disconnection():
    G = sample_graph()
    assert shortest_paths(G, "Jared Kushner", "Vladimir Putin", max_hops=1) == []
    assert shortest_paths(G, "Jared Kushner", "Russia") == []  # only a negated tie reaches Russia
    assert shortest_paths(G, "Magnitsky Act", "Russia")[0].nodes == ("magnitsky-act", "russia")


def test_links_between_a_pair_list_every_relation_strongest_first():
    links = links_of(sample_graph(), "vladimir-putin", "donald-trump")
    assert [link.type for link in links] == ["met_with", "praised"]
    assert links[0].weight == 2


def _random_graph(draw) -> nx.MultiDiGraph:
    """A small MultiDiGraph with self-loops, parallel keys, negated and weightless relations."""
    n = draw(st.integers(2, 9))
    G = nx.MultiDiGraph(tangle={"format": 1}, documents=[{"id": "d", "title": "T"}])
    for i in range(n):
        G.add_node(f"n{i}", label=f"Node {i}", aliases=[f"alias {i}"], mentions=i)
    node = st.integers(0, n - 1).map(lambda i: f"n{i}")
    for u, v, key, status, weight in draw(st.lists(st.tuples(node, node, st.sampled_from(["a", "b"]),
                                                             st.sampled_from(["asserted", "reported", "negated"]),
                                                             st.sampled_from([None, 0, 1, 2])), max_size=24)):
        attrs = {"type": key, "status": status, "citations": [{"doc": "d", "sentence": f"{u} {v}", "start": 0,
                                                               "end": 1, "markers": [], "status": status}]}
        if weight is not None:
            attrs["weight"] = weight
        G.add_edge(u, v, key=key, **attrs)
    return G


random_graphs = st.composite(_random_graph)


@settings(max_examples=300, deadline=None)
@given(G=random_graphs(), hops=st.integers(0, 3), include_negated=st.booleans(), center=st.integers(0, 8))
def test_ego_equals_the_filtered_whole_graph_neighbourhood(G, hops, include_negated, center):
    center = f"n{center % len(G)}"
    before = dumps_graph(G)
    links = filter_graph(G, include_negated=include_negated)
    reached = nx.single_source_shortest_path_length(links.to_undirected(as_view=True), center, cutoff=hops)
    expected = links.subgraph(reached).copy()
    expected.graph["ego"] = {"center": center, "hops": hops}
    H = ego(G, center, hops=hops, include_negated=include_negated)
    assert dumps_graph(H) == dumps_graph(expected)
    assert dumps_graph(G) == before


@settings(max_examples=300, deadline=None)
@given(G=random_graphs(), ends=st.tuples(st.integers(0, 8), st.integers(0, 8)), include_negated=st.booleans(),
       max_hops=st.sampled_from([None, 1, 2, 3]))
def test_shortest_paths_equal_every_shortest_path_of_the_filtered_whole_graph(G, ends, include_negated, max_hops):
    a, b = (f"n{i % len(G)}" for i in ends)
    before = dumps_graph(G)
    links = filter_graph(G, include_negated=include_negated)
    try:
        expected = {tuple(p) for p in nx.all_shortest_paths(nx.Graph(links.to_undirected(as_view=True)), a, b)}
    except nx.NetworkXNoPath:
        expected = set()
    if max_hops is not None and expected and len(next(iter(expected))) - 1 > max_hops:
        expected = set()
    paths = shortest_paths(G, a, b, include_negated=include_negated, max_hops=max_hops, limit=10_000)
    assert {p.nodes for p in paths} == expected and len(paths) == len(expected)
    for path in paths:
        for hop in path.hops:
            assert hop.links == links_of(links, hop.source, hop.target, include_negated=include_negated)
    assert [(-p.weight, p.nodes) for p in paths] == sorted((-p.weight, p.nodes) for p in paths)
    assert dumps_graph(G) == before


def test_a_path_from_an_entity_to_itself_has_no_hop():
    paths = shortest_paths(sample_graph(), "Jared Kushner", "kushner")
    assert [(p.nodes, p.hops, p.weight) for p in paths] == [(("jared-kushner",), (), 0)]


def test_shortest_paths_find_every_route_across_a_grid_either_direction():
    G = nx.MultiDiGraph()
    for u, v in nx.grid_2d_graph(4, 4).edges():
        u, v = sorted((u, v), reverse=(u[0] + u[1]) % 2 == 1)  # stored directions alternate
        G.add_edge(f"{u[0]}{u[1]}", f"{v[0]}{v[1]}", key="met_with", weight=1, status="asserted", citations=[])
    G.add_edge("12", "13", key="denied", weight=1, status="negated", citations=[])
    paths = shortest_paths(G, "00", "33", limit=100)
    assert len(paths) == 20 and {len(p.hops) for p in paths} == {6}
    assert {p.nodes for p in paths} == {tuple(p) for p in nx.all_shortest_paths(nx.grid_2d_graph(4, 4), (0, 0), (3, 3))
                                        for p in [[f"{x}{y}" for x, y in p]]}


def test_filters_can_drop_the_entities_they_disconnect():
    G = hub_graph()
    assert set(filter_graph(G, relation_types={"met_with"}, keep_isolated=False)) == {"center", "partner"}
    assert set(filter_graph(G, min_weight=2, keep_isolated=False)) == {"center", "hub"}
    assert set(filter_graph(G, min_weight=2)) == set(G)  # by default every entity stays, linked or not


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"entity_types": ["PEOPLE"]}, "no entity type 'PEOPLE' in this graph; it has "),
        ({"relation_types": ["met", "met_with"]}, "no relation type 'met' in this graph; it has "),
    ],
)
def test_filters_name_the_types_the_graph_lacks(kwargs, message):
    with pytest.raises(InputError, match="^" + message):
        filter_graph(sample_graph(), **kwargs)


def hub_graph() -> nx.MultiDiGraph:
    """A center with one typed partner, one co-mentioned hub of 40 leaves, and 3 weak direct co-mentions."""
    G = nx.MultiDiGraph()
    for node in ["center", "partner", "hub", *[f"leaf{i}" for i in range(40)], "w0", "w1", "w2"]:
        G.add_node(node, label=node.title(), type="PERSON", mentions=1, aliases=[], docs=[])

    def link(u, v, kind="co_mentioned", weight=1):
        G.add_edge(u, v, key=kind, type=kind, weight=weight, status="asserted", citations=[])

    link("center", "partner", "met_with")
    link("center", "hub", weight=5)
    for i in range(40):
        link("hub", f"leaf{i}")
    for w in ["w0", "w1", "w2"]:
        link("center", w)
    link("partner", "w0")
    return G


def test_neighbourhood_takes_the_strongest_links_and_names_the_hub_it_cut():
    found = neighbourhood(hub_graph(), "Center", hops=2, limit=6)
    # typed partner first, then the hub (5 citations), then the weak ones by id
    assert list(found.graph) == ["center", "partner", "hub", "w0", "w1", "w2"]
    assert found.reached == 46
    assert found.skipped == (("hub", 40),)
    assert found.summary() == "6 of 46 entities within 2 hops of 'Center'; + 40 more through 'Hub'"
    assert found.graph.graph["ego"] == {"center": "center", "hops": 2}
    small = neighbourhood(hub_graph(), "Center", hops=2, limit=2)
    assert list(small.graph) == ["center", "partner"]
    assert small.skipped == (("center", 44),)  # the weak direct links, the hub, and the leaves behind it


def test_neighbourhood_without_a_limit_is_ego():
    G = hub_graph()
    found = neighbourhood(G, "Center", hops=2, limit=None)
    assert set(found.graph) == set(ego(G, "Center", hops=2)) and found.skipped == ()
    with pytest.raises(InputError, match="limit must be 1 or more, not 0"):
        neighbourhood(G, "Center", limit=0)


def test_overview_size_follows_the_graph():
    from graph.query import overview_size

    assert [overview_size(n) for n in (0, 29, 300, 301, 2955, 50_000)] == [0, 29, 300, 150, 217, 300]


def test_overview_order_starts_with_the_hubs_and_grows_connected():
    from graph.query import overview_order

    G = hub_graph()
    G.add_node("loner", label="Loner", type="PERSON", mentions=99, aliases=[], docs=[])
    order = overview_order(G)
    assert order[:3] == ["hub", "center", "partner"]  # most linked; the typed link counts three times
    assert order[-1] == "loner" and sorted(order) == sorted(G)
    for i, node in enumerate(order[1:-1], start=1):
        assert set(nx.all_neighbors(G, node)) & set(order[:i])  # each linked to one listed before it
    assert overview_order(G) == order


# ---------------------------------------------------------------- choosing entities by name

def test_most_connected_counts_linked_entities_then_mentions():
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

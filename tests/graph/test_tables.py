"""Entities, relations and citations as pandas frames, and the way back."""

from __future__ import annotations

from graph.io import dumps_graph
from graph.tables import citations_frame, entities_frame, graph_from_frames, relations_frame
from tests.graph.fixtures_export import TRICKY, sample_graph


def test_round_trip_gives_identical_graph_json_bytes():
    G = sample_graph()
    H = graph_from_frames(entities_frame(G), relations_frame(G))
    assert dumps_graph(H) == dumps_graph(G)


def test_round_trip_of_an_empty_graph():
    G = sample_graph()
    G.remove_edges_from(list(G.edges))
    G.remove_nodes_from(list(G))
    assert dumps_graph(graph_from_frames(entities_frame(G), relations_frame(G))) == dumps_graph(G)


def test_frames_keep_the_contract_columns_and_multi_edges():
    G = sample_graph()
    entities, relations = entities_frame(G), relations_frame(G)
    assert list(entities.columns) == ["id", "label", "type", "aliases", "mentions", "docs"]
    assert list(relations.columns) == ["source", "target", "key", "type", "label", "weight", "status",
                                       "directed", "citations", "first", "last"]
    assert len(entities) == G.number_of_nodes() and len(relations) == G.number_of_edges()
    pair = relations[(relations.source == "donald-trump") & (relations.target == "vladimir-putin")]
    assert sorted(pair.key) == ["met_with", "praised"]
    assert entities.set_index("id").loc["o-brien-s-bar-grill-ltd", "label"] == TRICKY


def test_citations_frame_has_one_row_per_citation_with_document_title():
    G = sample_graph()
    citations = citations_frame(G)
    assert len(citations) == sum(len(d["citations"]) for *_, d in G.edges(data=True))
    row = citations[(citations.type == "met_with") & (citations.doc == "doc-c")].iloc[0]
    assert row.title == "Кремль и \"друзья\"" and row.sentence == "Трамп встретился с Путиным."


def test_frames_do_not_share_state_with_the_graph():
    G = sample_graph()
    before = dumps_graph(G)
    relations = relations_frame(G)
    relations.loc[0, "citations"].clear()
    entities = entities_frame(G)
    entities.loc[0, "aliases"].append("changed")
    graph_from_frames(entities, relations).nodes["donald-trump"]["aliases"].append("again")
    assert dumps_graph(G) == before


def test_graph_from_filtered_frames():
    G = sample_graph()
    entities, relations = entities_frame(G), relations_frame(G)
    people = entities[entities.type == "PERSON"]
    H = graph_from_frames(people, relations[relations.source.isin(people.id) & relations.target.isin(people.id)])
    assert {d["type"] for _, d in H.nodes(data=True)} == {"PERSON"}
    assert H.graph["documents"] == G.graph["documents"]

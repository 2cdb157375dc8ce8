"""graph.schema: one definition of what nodes, edges, citations and documents hold, and one check of a file."""

from __future__ import annotations

import json
from dataclasses import dataclass

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.errors import GraphFileError, GraphFormatError
from graph.exports import csv_tables, flat_graph
from graph.io import graph_to_data, load_graph, write_graph
from graph.page import graph_payload
from graph.query import links_of
from graph.schema import (
    FORMAT_VERSION,
    Citation,
    DocumentInfo,
    Edge,
    Entity,
    add_edge,
    add_entity,
    check_graph_data,
    documents,
    edge,
    entity,
    optional,
)
from graph.tables import ENTITY_COLUMNS, RELATION_COLUMNS


def small_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(tangle={"version": "0", "format": FORMAT_VERSION}, model={"name": "m", "version": "1"},
                        documents=[DocumentInfo("d", "Notes", "notes.txt", "0" * 64).to_attrs()])
    add_entity(G, Entity("ann-lee", "Ann Lee", "PERSON", ("Lee",), 2, ("d",)))
    add_entity(G, Entity("acme", "Acme", "ORG", (), 1, ("d",)))
    add_edge(G, Edge("ann-lee", "acme", "works_for", label="works for", directed=True,
                     citations=(Citation("d", "Ann Lee works for Acme.", 0, 23, (1,)),
                                Citation("d", "Lee denied working for Acme.", 24, 52, status="negated"))))
    return G


def test_edge_weight_and_status_follow_from_its_citations():
    record = edge(small_graph(), "ann-lee", "acme", "works_for")
    assert (record.weight, record.status) == (2, "asserted")
    denied = Edge("a", "b", "met_with", citations=(Citation("d", "s", 0, 1, status="negated"),))
    assert (denied.weight, denied.status, denied.label) == (1, "negated", "met with")


def test_to_attrs_is_what_graph_json_holds_and_from_attrs_reads_it_back(sample_graph):
    for node, attrs in sample_graph.nodes(data=True):
        assert Entity.from_attrs(attrs, id=node).to_attrs() == attrs
    for u, v, key, attrs in sample_graph.edges(keys=True, data=True):
        assert edge(sample_graph, u, v, key).to_attrs() == attrs
    for doc in sample_graph.graph["documents"]:
        assert DocumentInfo.from_attrs(doc).to_attrs() == doc


def test_an_optional_key_is_written_only_when_set():
    assert "page" not in Citation("d", "s", 0, 1).to_attrs()
    assert Citation("d", "s", 0, 1, page=3).to_attrs()["page"] == 3
    assert set(DocumentInfo("d").to_attrs()) == {"id", "title", "path", "sha256"}


def test_every_reader_takes_the_same_defaults_for_an_edge_that_omits_them():
    """A hand-built edge with only its citations: the page, the exports and the queries agree on it."""
    G = nx.MultiDiGraph()
    G.add_node("a", label="A", type="PERSON")
    G.add_node("b", label="B")
    G.add_edge("a", "b", key="met_with", citations=[{"doc": "d", "sentence": "s", "start": 0, "end": 1,
                                                     "status": "reported"}])
    page = graph_payload(G)["edges"][0]
    link = links_of(G, "a", "b", include_negated=True)[0]
    flat = flat_graph(G).edges["a", "b", "met_with"]
    row = csv_tables(G)[1].splitlines()[1].split(",")
    assert (page["directed"], link.directed, flat["directed"]) == (False, False, False)
    assert row[4] == "undirected"
    assert (page["status"], link.status, flat["status"], row[7]) == ("reported",) * 4
    assert (page["weight"], link.weight, flat["weight"], row[6]) == (1, 1, 1, "1")
    assert (page["label"], link.label, flat["label"]) == ("met with",) * 3
    assert graph_payload(G)["nodes"][1]["type"] == entity(G, "b").type == flat_graph(G).nodes["b"]["type"]


def test_the_tables_have_a_column_per_field():
    assert ENTITY_COLUMNS == ["id", "label", "type", "aliases", "mentions", "docs", "curated", "curation",
                              "type_votes"]
    assert RELATION_COLUMNS == ["source", "target", "key", "type", "label", "weight", "status", "directed",
                                "citations", "curated", "curation", "first", "last"]


def test_a_new_field_is_one_line():
    """What schema.py's "How to add a field" promises: read, written, checked, absent when unset."""

    @dataclass(frozen=True)
    class Dated(Entity):
        first_seen: str | None = optional()

    record = Dated.from_attrs({"label": "A", "first_seen": "2016-06-09"}, id="a")
    assert record.first_seen == "2016-06-09" and record.to_attrs()["first_seen"] == "2016-06-09"
    assert "first_seen" not in Dated("a", "A").to_attrs()
    assert list(Dated.problems({**Dated("a", "A").to_attrs(), "first_seen": 7})) == [
        "'first_seen' must be text, not 7"]
    assert list(Dated.problems(Dated("a", "A").to_attrs())) == []


def _data() -> dict:
    return graph_to_data(small_graph())


def _broken(change) -> dict:
    data = _data()
    change(data)
    return data


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["graph"].pop("tangle"), "not a Tangle graph.json (no graph.tangle.format)"),
    (lambda d: d["graph"]["tangle"].update(format=FORMAT_VERSION + 1),
     f"format {FORMAT_VERSION + 1} is newer than this Tangle reads ({FORMAT_VERSION}); upgrade Tangle"),
    (lambda d: d["graph"]["tangle"].update(format="1"), "graph.tangle.format must be a whole number, not '1'"),
    (lambda d: d["nodes"][1].pop("type"), "node 1 ('ann-lee') lacks 'type'"),
    (lambda d: d["nodes"][0].update(mentions="2"), "node 0 ('acme') 'mentions' must be a whole number, not '2'"),
    (lambda d: d["nodes"][0].update(aliases="Acme Inc"), "node 0 ('acme') 'aliases' must be a list"),
    (lambda d: d["edges"][0].pop("directed"), "edge 0 ('ann-lee' → 'acme', 'works_for') lacks 'directed'"),
    (lambda d: d["edges"][0].update(status="maybe"),
     "edge 0 ('ann-lee' → 'acme', 'works_for') 'status' must be one of asserted, reported, negated, not 'maybe'"),
    (lambda d: d["edges"][0]["citations"][1].pop("end"),
     "edge 0 ('ann-lee' → 'acme', 'works_for') 'citations' item 1: lacks 'end'"),
    (lambda d: d["edges"][0].update(target="nobody"),
     "edge 0 ('ann-lee' → 'nobody', 'works_for') names target 'nobody', which is not a node"),
    (lambda d: d["graph"]["documents"][0].pop("sha256"), "document 0 ('d') lacks 'sha256'"),
    (lambda d: d.pop("edges"), "not a Tangle graph.json (no nodes and edges lists)"),
])
def test_check_names_the_first_bad_part(change, message):
    with pytest.raises(GraphFormatError) as info:
        check_graph_data(_broken(change))
    assert str(info.value) == message


def test_a_good_graph_passes_the_check():
    check_graph_data(_data())


def test_a_documents_day_of_publication_is_checked_and_optional(tmp_path):
    """``published`` is new in the same format: a graph.json without it loads, one with it is checked."""
    data = _data()
    data["graph"]["documents"][0].update(date="2016-07-07", date_source="date field", published="2017-09-20",
                                         published_source="url")
    check_graph_data(data)
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert documents(load_graph(path))[0].published == "2017-09-20"
    data["graph"]["documents"][0]["published"] = 20170920
    with pytest.raises(GraphFormatError, match=r"^document 0 \('d'\) 'published' must be text"):
        check_graph_data(data)


def test_load_graph_names_the_file_and_the_way_out(tmp_path):
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(_broken(lambda d: d["nodes"][1].pop("label"))), encoding="utf-8")
    with pytest.raises(GraphFileError, match=r"^.*graph\.json: node 1 \('ann-lee'\) lacks 'label'; rebuild it with "
                                             r"'tangle build'$"):
        load_graph(path)


def test_the_cli_prints_one_error_line_for_a_bad_graph(tmp_path):
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(_broken(lambda d: d["edges"][0].update(weight=None))), encoding="utf-8")
    result = CliRunner().invoke(app, ["entities", str(path)])
    assert result.exit_code == 2
    assert result.output == (f"Error: {path}: edge 0 ('ann-lee' → 'acme', 'works_for') 'weight' must not be null; "
                             "rebuild it with 'tangle build'\n")


def test_a_written_graph_loads_back_equal(tmp_path):
    G = small_graph()
    write_graph(G, tmp_path / "g.json")
    H = load_graph(tmp_path / "g.json")
    assert graph_to_data(H) == graph_to_data(G)

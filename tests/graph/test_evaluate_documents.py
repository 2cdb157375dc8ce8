"""`tangle eval` with a gold written for other documents: it says so and scores the documents both hold."""

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.errors import InputError
from graph.evaluate import evaluate
from graph.io import write_graph
from graph.schema import Citation, DocumentInfo, Edge, Entity, add_edge, add_entity

GOLD = {
    "documents": ["d1", "d2"],
    "entities": [
        {"label": "Ann Lee", "type": "PERSON", "docs": ["d1"]},
        {"label": "Bob Roe", "type": "PERSON", "docs": ["d1"]},
        {"label": "Cy Ode", "type": "PERSON", "docs": ["d2"]},
    ],
    "relations": [
        {"type": "met_with", "source": "Ann Lee", "target": "Bob Roe", "status": "asserted", "docs": ["d1"]},
        {"type": "met_with", "source": "Bob Roe", "target": "Cy Ode", "status": "asserted", "docs": ["d2"]},
    ],
}


def graph(docs, nodes, edges):
    G = nx.MultiDiGraph(documents=[DocumentInfo(d).to_attrs() for d in docs])
    for node, label, in_docs in nodes:
        add_entity(G, Entity(node, label, "PERSON", docs=tuple(in_docs), mentions=1))
    for u, v, in_docs in edges:
        add_edge(G, Edge(u, v, "met_with", citations=tuple(Citation(d, "s", 0, 1) for d in in_docs)))
    return G


def test_missing_gold_documents_are_named_and_left_out():
    G = graph(["d1"], [("ann", "Ann Lee", ["d1"]), ("bob", "Bob Roe", ["d1"])], [("ann", "bob", ["d1"])])
    result = evaluate(GOLD, G)
    assert result["documents"] == {"gold": ["d1", "d2"], "scored": ["d1"], "missing": ["d2"], "graph_only": []}
    assert result["warnings"] == [
        "1 of the gold's 2 documents are not in the graph (d2); scoring the 1 that are "
        "(gold entities and relations without a 'docs' list are still counted)"]
    assert result["entities"]["overall"]["recall"] == 1.0
    assert result["relations"]["overall"]["f1"] == 1.0


def test_documents_only_the_graph_holds_are_cut_out_of_the_scores():
    G = graph(["d1", "x"], [("ann", "Ann Lee", ["d1"]), ("bob", "Bob Roe", ["d1", "x"]), ("zed", "Zed Ulm", ["x"])],
              [("ann", "bob", ["d1"]), ("bob", "zed", ["x"]), ("ann", "zed", ["x"])])
    result = evaluate(GOLD, G)
    assert result["junk"] == []  # Zed Ulm is only in x, which the gold does not cover
    assert result["relations"]["overall"]["fp"] == 0
    assert result["warnings"][1] == "the graph has 1 documents the gold does not cover (x); left out of the scores"


def test_a_gold_for_other_documents_entirely_is_an_error():
    G = graph(["x"], [("zed", "Zed Ulm", ["x"])], [])
    with pytest.raises(InputError, match=r"none of the gold's 2 documents \(d1, d2\) is in the graph"):
        evaluate(GOLD, G)


def test_a_gold_without_documents_scores_the_whole_graph_without_warnings():
    G = graph(["x"], [("ann", "Ann Lee", ["x"])], [])
    result = evaluate({k: v for k, v in GOLD.items() if k != "documents"}, G)
    assert result["warnings"] == [] and result["entities"]["overall"]["tp"] == 1


def test_the_command_prints_the_warning(tmp_path):
    G = graph(["d1"], [("ann", "Ann Lee", ["d1"]), ("bob", "Bob Roe", ["d1"])], [("ann", "bob", ["d1"])])
    G.graph["tangle"] = {"format": 1}
    write_graph(G, tmp_path / "graph.json")
    (tmp_path / "gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "gold.json"), str(tmp_path / "graph.json")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("Warning: 1 of the gold's 2 documents are not in the graph (d2)")

"""`tangle eval` must score correctly: hand-made gold and graphs with known answers, and a gold written
for other documents (it says so and scores the documents both hold)."""

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.errors import InputError
from graph.evaluate import evaluate, load_gold
from graph.io import write_graph
from graph.schema import Citation, DocumentInfo, Edge, Entity, add_edge, add_entity

GOLD = {
    "entities": [
        {"label": "Ann Lee", "type": "PERSON", "aliases": ["Lee"]},
        {"label": "Bob Roe", "type": "PERSON"},
        {"label": "Acme", "type": "ORG"},
        {"label": "Paris", "type": "GPE"},
        {"label": "Senate", "type": "ORG", "optional": True},
    ],
    "relations": [
        {"type": "met_with", "source": "Ann Lee", "target": "Bob Roe", "status": "asserted"},
        {"type": "works_for", "source": "Bob Roe", "target": "Acme", "status": "reported"},
        {"type": "co_mentioned", "source": "Ann Lee", "target": "Paris", "status": "negated"},
    ],
}


def cite(status):
    return {"doc": "d", "sentence": "s", "start": 0, "end": 1, "markers": [], "status": status}


def graph(nodes, edges):
    G = nx.MultiDiGraph()
    for node, label, kind, aliases in nodes:
        G.add_node(node, label=label, type=kind, aliases=aliases, mentions=1, docs=["d"])
    for u, v, kind, directed, statuses in edges:
        cites = [cite(s) for s in statuses]
        order = ["asserted", "reported", "negated"]
        G.add_edge(u, v, key=kind, type=kind, directed=directed, weight=len(cites),
                   status=min((c["status"] for c in cites), key=order.index), citations=cites)
    return G


def test_perfect_graph_scores_one():
    G = graph(
        [("ann", "Ann Lee", "PERSON", ["Lee"]), ("bob", "Bob Roe", "PERSON", []), ("acme", "Acme", "ORG", []),
         ("paris", "Paris", "GPE", [])],
        [("ann", "bob", "met_with", False, ["asserted"]), ("bob", "acme", "works_for", True, ["reported"]),
         ("ann", "paris", "co_mentioned", False, ["negated"])],
    )
    result = evaluate(GOLD, G)
    assert result["entities"]["overall"] == {"tp": 4, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["relations"]["overall"]["f1"] == 1.0
    assert result["claim_status"]["accuracy"] == 1.0
    assert result["negated_claims"] == {"total": 1, "marked": 1, "unmarked": []}
    assert result["splits"] == result["wrong_merges"] == result["junk"] == []


def test_splits_merges_junk_wrong_types_and_relations_are_counted():
    G = graph(
        [("ann", "Ann Lee", "PERSON", []), ("lee", "Lee", "PERSON", []),         # split
         ("bob", "Bob Roe", "PERSON", ["Acme"]),                                  # wrong merge (Bob + Acme)
         ("paris", "Paris", "PERSON", []),                                        # wrong type
         ("junk", "Executive", "ORG", []), ("senate", "Senate", "ORG", [])],      # junk; optional
        [("bob", "ann", "met_with", False, ["reported"]),                         # found, wrong status
         ("ann", "paris", "co_mentioned", False, ["asserted"]),                   # negation not marked
         ("ann", "junk", "praised", True, ["asserted"])],                         # false relation
    )
    result = evaluate(GOLD, G)
    ents = result["entities"]["by_type"]
    assert ents["PERSON"] == {"tp": 2, "fp": 1, "fn": 0, "precision": 0.6667, "recall": 1.0, "f1": 0.8}
    assert ents["GPE"]["fn"] == 1 and ents["ORG"]["fp"] == 1
    assert result["splits"] == [{"entity": "Ann Lee", "nodes": ["Ann Lee", "Lee"]}]
    assert result["wrong_merges"] == [{"node": "Bob Roe", "entities": ["Acme", "Bob Roe"]}]
    assert result["junk"] == ["Executive"]
    rel = result["relations"]["by_type"]
    assert rel["met_with"]["tp"] == 1 and rel["works_for"]["fn"] == 1 and rel["praised"]["fp"] == 1
    assert result["claim_status"] == {"checked": 1, "accuracy": 0.0, "wrong": [
        {**GOLD["relations"][0], "found": "reported"}]}
    assert result["negated_claims"]["marked"] == 0


def test_direction_matters_for_directed_types():
    G = graph([("bob", "Bob Roe", "PERSON", []), ("acme", "Acme", "ORG", [])],
              [("acme", "bob", "works_for", True, ["reported"])])
    assert evaluate(GOLD, G)["relations"]["by_type"]["works_for"] == {
        "tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_gold_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "gold.json"
    bad.write_text('{"entities": [{"label": "A", "type": "ORG"}], "relations": '
                   '[{"type": "met_with", "source": "A", "target": "B", "status": "asserted"}]}')
    with pytest.raises(InputError, match="names 'B', which is not a gold entity"):
        load_gold(bad)


def test_model_only_and_curated_scores_are_reported_apart():
    G = graph(
        [("ann", "Ann Lee", "PERSON", ["Lee"]), ("bob", "Bob Roe", "PERSON", []), ("acme", "Acme", "ORG", []),
         ("paris", "Paris", "GPE", []), ("junk", "Junk Name", "ORG", [])],
        [("ann", "bob", "met_with", False, ["asserted"]), ("bob", "acme", "works_for", True, ["reported"]),
         ("ann", "acme", "funded", True, ["asserted"]), ("bob", "paris", "located_in", True, ["asserted"])],
    )
    assert "provenance" not in evaluate(GOLD, G)
    decision = [{"action": "retype", "names": ["Bob Roe", "co_mentioned", "Acme"], "to": "works_for"}]
    G.edges["bob", "acme", "works_for"].update(curated=True, curation=decision)
    G.edges["bob", "paris", "located_in"].update(curated=True, curation=decision)
    G.nodes["acme"].update(curated=True, curation=[{"action": "merge", "names": ["Acme", "Acme Inc"]}])
    result = evaluate(GOLD, G)
    assert result["provenance"] == {
        "entities": {"model": {"tp": 3, "fp": 1, "precision": 0.75}, "curated": {"tp": 1, "fp": 0, "precision": 1.0}},
        "relations": {"model": {"tp": 1, "fp": 1, "precision": 0.5}, "curated": {"tp": 1, "fp": 1, "precision": 0.5}},
    }
    assert result["relations"]["overall"]["tp"] == 2
    from graph.evaluate import report_text

    assert "  relations, curated  0.500    1   1" in report_text(result).splitlines()


# ---------------------------------------------------------------- a gold written for other documents

DOCUMENTS_GOLD = {
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


def documents_graph(docs, nodes, edges):
    G = nx.MultiDiGraph(documents=[DocumentInfo(d).to_attrs() for d in docs])
    for node, label, in_docs in nodes:
        add_entity(G, Entity(node, label, "PERSON", docs=tuple(in_docs), mentions=1))
    for u, v, in_docs in edges:
        add_edge(G, Edge(u, v, "met_with", citations=tuple(Citation(d, "s", 0, 1) for d in in_docs)))
    return G


def test_missing_gold_documents_are_named_and_left_out():
    G = documents_graph(["d1"], [("ann", "Ann Lee", ["d1"]), ("bob", "Bob Roe", ["d1"])], [("ann", "bob", ["d1"])])
    result = evaluate(DOCUMENTS_GOLD, G)
    assert result["documents"] == {"gold": ["d1", "d2"], "scored": ["d1"], "missing": ["d2"], "graph_only": []}
    assert result["warnings"] == [
        "1 of the gold's 2 documents are not in the graph (d2); scoring the 1 that are "
        "(gold entities and relations without a 'docs' list are still counted)"]
    assert result["entities"]["overall"]["recall"] == 1.0
    assert result["relations"]["overall"]["f1"] == 1.0


def test_documents_only_the_graph_holds_are_cut_out_of_the_scores():
    G = documents_graph(["d1", "x"],
                        [("ann", "Ann Lee", ["d1"]), ("bob", "Bob Roe", ["d1", "x"]), ("zed", "Zed Ulm", ["x"])],
                        [("ann", "bob", ["d1"]), ("bob", "zed", ["x"]), ("ann", "zed", ["x"])])
    result = evaluate(DOCUMENTS_GOLD, G)
    assert result["junk"] == []  # Zed Ulm is only in x, which the gold does not cover
    assert result["relations"]["overall"]["fp"] == 0
    assert result["warnings"][1] == "the graph has 1 documents the gold does not cover (x); left out of the scores"


def test_a_gold_for_other_documents_entirely_is_an_error():
    G = documents_graph(["x"], [("zed", "Zed Ulm", ["x"])], [])
    with pytest.raises(InputError, match=r"none of the gold's 2 documents \(d1, d2\) is in the graph"):
        evaluate(DOCUMENTS_GOLD, G)


def test_a_gold_without_documents_scores_the_whole_graph_without_warnings():
    G = documents_graph(["x"], [("ann", "Ann Lee", ["x"])], [])
    result = evaluate({k: v for k, v in DOCUMENTS_GOLD.items() if k != "documents"}, G)
    assert result["warnings"] == [] and result["entities"]["overall"]["tp"] == 1


def test_the_command_prints_the_warning(tmp_path):
    G = documents_graph(["d1"], [("ann", "Ann Lee", ["d1"]), ("bob", "Bob Roe", ["d1"])], [("ann", "bob", ["d1"])])
    G.graph["tangle"] = {"format": 1}
    write_graph(G, tmp_path / "graph.json")
    (tmp_path / "gold.json").write_text(json.dumps(DOCUMENTS_GOLD), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "gold.json"), str(tmp_path / "graph.json")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("Warning: 1 of the gold's 2 documents are not in the graph (d2)")

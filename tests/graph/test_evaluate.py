"""`tangle eval` must score correctly: hand-made gold and graphs with known answers."""

import networkx as nx
import pytest

from graph.errors import InputError
from graph.evaluate import evaluate, load_gold

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

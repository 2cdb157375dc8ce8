"""The review queue: probable duplicates, disputed types, untyped pairs, thin evidence, denials; by impact."""

from __future__ import annotations

import networkx as nx
import pytest

from extract.errors import InputError
from graph.errors import EntityNotFound
from graph.review import curation_rule, entity_rule_name, review_queue
from graph.schema import Citation, Decision, Edge, Entity, add_edge, add_entity


def _cite(n: int, status: str = "asserted") -> Citation:
    return Citation("d1", f"Sentence {n}.", n * 100, n * 100 + 12, (), status)


def _graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph["documents"] = [{"id": "d1", "title": "Doc one", "path": "d1.txt", "sha256": "0" * 64}]
    for ident, label, kind, mentions in [
        ("ada-quill", "Ada Quill", "PERSON", 9), ("quill", "Quill", "PERSON", 2), ("a-quill", "A. Quill", "PERSON", 1),
        ("bo-ferrant", "Bo Ferrant", "PERSON", 5), ("bo-ferant", "Bo Ferant", "PERSON", 1),
        ("cy-quill", "Cy Quill", "PERSON", 3),
        ("acme-media-group", "Acme Media Group", "ORG", 6), ("acme-media", "Acme Media", "ORG", 2),
        ("amg", "AMG", "ORG", 1), ("lisbon", "Lisbon", "GPE", 4),
        ("ada-quill-jr", "Ada Quill Jr.", "PERSON", 1),
    ]:
        add_entity(G, Entity(ident, label, kind, mentions=mentions,
                             type_votes={"GPE": 3, "ORG": 1} if ident == "lisbon" else {}))
    add_edge(G, Edge("ada-quill", "bo-ferrant", "co_mentioned", citations=tuple(_cite(n) for n in range(6))))
    add_edge(G, Edge("ada-quill", "lisbon", "co_mentioned", citations=(_cite(7),)))
    add_edge(G, Edge("ada-quill", "lisbon", "located_in", directed=True, citations=(_cite(8),)))
    add_edge(G, Edge("bo-ferrant", "cy-quill", "met_with", citations=(_cite(9, "negated"), _cite(10, "negated"))))
    add_edge(G, Edge("acme-media-group", "cy-quill", "funded", directed=True, citations=(_cite(11),)))
    add_edge(G, Edge("amg", "bo-ferrant", "praised", directed=True, citations=(_cite(12),),
                     curated=True, curation=(Decision("confirm", ("AMG", "praised", "Bo Ferrant")),)))
    return G


def _by_kind(items):
    found: dict[str, list] = {}
    for item in items:
        found.setdefault(item.kind, []).append(item)
    return found


def test_probable_duplicates_name_their_reason_and_offer_a_merge():
    dupes = {item.entities: item for item in _by_kind(review_queue(_graph()))["duplicate"]}
    assert "same surname" in dupes[("ada-quill", "quill")].title
    assert "initials" in dupes[("ada-quill", "a-quill")].title
    assert "near-identical spelling" in dupes[("bo-ferrant", "bo-ferant")].title
    assert "one name inside the other" in dupes[("acme-media-group", "acme-media")].title
    assert "initials" in dupes[("acme-media-group", "amg")].title
    assert dupes[("ada-quill", "quill")].actions[0]["rule"] == {"merge": ["Ada Quill", "Quill"]}
    # a generational suffix, other given names, other types: not duplicates
    pairs = {frozenset(k) for k in dupes}
    assert frozenset(("ada-quill", "ada-quill-jr")) not in pairs
    assert frozenset(("ada-quill", "cy-quill")) not in pairs
    assert not any("lisbon" in k for k in pairs)


def test_each_kind_of_item_is_found_with_its_decisions():
    found = _by_kind(review_queue(_graph()))
    (vote,) = found["type"]
    assert vote.entities == ("lisbon",) and [a["rule"] for a in vote.actions] == [{"retype": {"Lisbon": "ORG"}}]
    untyped = [i.entities for i in found["untyped"]]
    assert untyped == [("ada-quill", "bo-ferrant")]  # Ada–Lisbon also has a typed relation
    rules = [a["rule"] for a in found["untyped"][0].actions]
    assert {"retype": ["Ada Quill", "co_mentioned", "Bo Ferrant"], "to": "met_with"} in rules
    assert rules[-1] == {"reject": ["Ada Quill", "co_mentioned", "Bo Ferrant"]}
    assert {i.entities for i in found["single"]} == {("ada-quill", "lisbon"), ("acme-media-group", "cy-quill")}
    (denial,) = found["denial"]
    assert denial.entities == ("bo-ferrant", "cy-quill") and denial.impact == 2
    assert denial.evidence[0] == {"doc": "d1", "title": "Doc one", "sentence": "Sentence 9.", "status": "negated"}


def test_the_queue_is_ordered_by_impact_and_skips_what_a_person_decided():
    items = review_queue(_graph())
    assert [i.impact for i in items] == sorted((i.impact for i in items), reverse=True)
    assert items[0].kind == "untyped" and items[0].impact == 6
    assert not any(i.entities == ("amg", "bo-ferrant") and i.kind == "single" for i in items)
    assert len(review_queue(_graph(), limit=2)) == 2


def test_a_renamed_entity_is_named_by_the_name_its_rule_matches():
    attrs = {"label": "Ada B. Quill", "curation": [{"action": "rename", "names": ["Ada Quill"], "to": "Ada B. Quill"}]}
    assert entity_rule_name(attrs) == "Ada Quill"
    assert entity_rule_name({"label": "Ada Quill"}) == "Ada Quill"


def test_duplicates_are_found_without_comparing_all_pairs():
    """Generous bound: 20,000 entities; an all-pairs comparison would take minutes."""
    import time

    G = nx.MultiDiGraph()
    for n in range(20_000):
        add_entity(G, Entity(f"e{n}", f"Given{n % 97} Surname{n}", "PERSON", mentions=1))
    started = time.perf_counter()
    review_queue(G)
    assert time.perf_counter() - started < 30


@pytest.mark.parametrize(("action", "args", "rule"), [
    ("merge", ["Ada Quill", "Quill"], {"merge": ["Ada Quill", "Quill"]}),
    ("split", ["Quill"], {"split": "Quill"}),
    ("rename", ["Quill", "Q."], {"rename": {"Quill": "Q."}}),
    ("retype", ["Lisbon", "LOC"], {"retype": {"Lisbon": "LOC"}}),
    ("ignore", ["AMG"], {"ignore": "AMG"}),
    ("reject", ["Ada Quill", "co_mentioned", "Bo Ferrant"], {"reject": ["Ada Quill", "co_mentioned", "Bo Ferrant"]}),
    ("retype", ["Ada Quill", "co_mentioned", "Bo Ferrant", "met_with"],
     {"retype": ["Ada Quill", "co_mentioned", "Bo Ferrant"], "to": "met_with"}),
    ("status", ["Bo Ferrant", "met_with", "Cy Quill", "asserted"],
     {"status": ["Bo Ferrant", "met_with", "Cy Quill"], "to": "asserted"}),
])
def test_curation_rules_from_the_command_line(action, args, rule):
    assert curation_rule(action, args, graph=_graph()) == rule


@pytest.mark.parametrize(("action", "args", "error", "message"), [
    ("merge", ["Ada Quil", "Quill"], EntityNotFound, "no entity named 'Ada Quil'; did you mean 'Ada Quill'"),
    ("reject", ["Ada Quill", "met_with", "Bo Ferrant"], InputError,
     "no met_with relation between 'Ada Quill' and 'Bo Ferrant'; relations between them: co_mentioned"),
    ("merge", ["Ada Quill"], InputError, "merge takes two or more names, got 1"),
    ("hug", ["Ada Quill"], InputError, "unknown action 'hug'"),
    ("retype", ["Lisbon", "CITY"], InputError, "unknown type 'CITY'"),
    ("status", ["Bo Ferrant", "met_with", "Cy Quill", "maybe"], InputError, "unknown claim status 'maybe'"),
])
def test_a_bad_decision_is_one_clear_error(action, args, error, message):
    with pytest.raises(error, match=message.replace("(", r"\(")):
        curation_rule(action, args, graph=_graph())


def test_a_citation_decision_must_name_a_cited_sentence():
    G = _graph()
    rule = curation_rule("reject", ["Cy Quill", "met_with", "Bo Ferrant"], graph=G, doc="d1", sentence="Sentence 9.")
    assert rule == {"reject": ["Cy Quill", "met_with", "Bo Ferrant"], "doc": "d1", "sentence": "Sentence 9."}
    with pytest.raises(InputError, match="not cited by that sentence of 'd1'"):
        curation_rule("reject", ["Cy Quill", "met_with", "Bo Ferrant"], graph=G, doc="d1", sentence="Nope.")

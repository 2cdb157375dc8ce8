"""Relation decisions in the curation file: applied on every rebuild, stale ones reported, never an error."""

from __future__ import annotations

import tomllib

import pytest
import tomlkit
import yaml

from extract.curation import Curation, RelationDecision, curation_from_dict, load_curation, rule_of
from extract.errors import InputError
from extract.records import Decision
from extract.resolve import resolve
from tests.extract.test_resolve import record


def _corpus():
    # a: Ada Quill met Bo Ferrant (twice, two sentences); Ada and Lisbon co-mentioned; a denial
    return [record("a", [("Ada Quill", "PERSON"), ("Bo Ferrant", "PERSON"), ("Lisbon", "GPE"),
                         ("Cy Marlow", "PERSON")],
                   [(0, 1, "met_with", "asserted"), (1, 0, "met_with", "asserted"), (0, 2, "co_mentioned", "asserted"),
                    (0, 3, "met_with", "negated")]),
            record("b", [("Ada Quill", "PERSON"), ("Bo Ferrant", "PERSON")], [(0, 1, "praised", "asserted")])]


def _edges(res):
    return {(e.source, e.target, e.type): e for e in res.edges}


def _apply(*decisions):
    return resolve(_corpus(), curation=Curation(relations=tuple(decisions)))


def test_without_decisions_nothing_is_curated():
    res = resolve(_corpus())
    assert not any(e.curated or e.curation for e in [*res.edges, *res.entities])
    assert res.stale == ()
    assert set(_edges(res)) == {("ada-quill", "bo-ferrant", "met_with"), ("ada-quill", "bo-ferrant", "praised"),
                                ("ada-quill", "lisbon", "co_mentioned"), ("ada-quill", "cy-marlow", "met_with")}


def test_reject_removes_the_relation_and_confirm_marks_it():
    res = _apply(RelationDecision("reject", "Bo Ferrant", "met_with", "ada quill"),
                 RelationDecision("confirm", "Ada Quill", "praised", "Bo Ferrant"))
    edges = _edges(res)
    assert ("ada-quill", "bo-ferrant", "met_with") not in edges
    praised = edges[("ada-quill", "bo-ferrant", "praised")]
    assert praised.curated
    assert [rule_of(d) for d in praised.curation] == [{"confirm": ["Ada Quill", "praised", "Bo Ferrant"]}]
    assert praised.weight == 1
    assert res.stale == ()


def test_retype_moves_the_citations_and_types_a_co_mentioned_pair():
    res = _apply(RelationDecision("retype", "Ada Quill", "co_mentioned", "Lisbon", to="located_in"))
    edges = _edges(res)
    assert ("ada-quill", "lisbon", "co_mentioned") not in edges
    typed = edges[("ada-quill", "lisbon", "located_in")]
    assert (typed.label, typed.directed, typed.weight) == ("located in", True, 1)
    assert [rule_of(d) for d in typed.curation] == [
        {"retype": ["Ada Quill", "co_mentioned", "Lisbon"], "to": "located_in"}]


def test_retype_onto_an_existing_relation_merges_the_citations_in_document_order():
    res = _apply(RelationDecision("retype", "Ada Quill", "praised", "Bo Ferrant", to="met_with"))
    met = _edges(res)[("ada-quill", "bo-ferrant", "met_with")]
    assert [c.doc for c in met.citations] == ["a", "a", "b"]
    assert ("ada-quill", "bo-ferrant", "praised") not in _edges(res)


def test_a_decision_on_one_sentence_changes_only_that_citation():
    before = _edges(resolve(_corpus()))[("ada-quill", "bo-ferrant", "met_with")]
    one = before.citations[0]
    res = _apply(RelationDecision("status", "Ada Quill", "met_with", "Bo Ferrant", to="negated",
                                  doc=one.doc, sentence=one.sentence))
    after = _edges(res)[("ada-quill", "bo-ferrant", "met_with")]
    assert [(c.sentence, c.status) for c in after.citations] == [
        (one.sentence, "negated"), (before.citations[1].sentence, "asserted")]
    assert after.status == "asserted"


def test_rejecting_the_only_sentence_of_a_denial_removes_it():
    denial = _edges(resolve(_corpus()))[("ada-quill", "cy-marlow", "met_with")].citations[0]
    res = _apply(RelationDecision("reject", "Cy Marlow", "met_with", "Ada Quill", doc="a", sentence=denial.sentence))
    assert ("ada-quill", "cy-marlow", "met_with") not in _edges(res)


def test_decisions_apply_in_order_each_on_the_result_of_the_ones_before():
    res = _apply(RelationDecision("retype", "Ada Quill", "co_mentioned", "Lisbon", to="located_in"),
                 RelationDecision("status", "Ada Quill", "located_in", "Lisbon", to="reported"))
    typed = _edges(res)[("ada-quill", "lisbon", "located_in")]
    assert typed.status == "reported" and len(typed.curation) == 2


def test_stale_decisions_are_listed_with_the_reason_and_change_nothing():
    decisions = (
        RelationDecision("reject", "Nobody Known", "met_with", "Bo Ferrant"),
        RelationDecision("confirm", "Ada Quill", "funded", "Bo Ferrant"),
        RelationDecision("reject", "Ada Quill", "met_with", "Bo Ferrant", doc="a", sentence="Not in the text."),
        RelationDecision("reject", "Ada Quill", "met_with", "Bo Ferrant", doc="zzz"),
    )
    res = _apply(*decisions)
    assert _edges(res).keys() == _edges(resolve(_corpus())).keys()
    assert not any(e.curated or e.curation for e in res.edges)
    assert res.stale == (
        "reject 'Nobody Known' met_with 'Bo Ferrant': no entity named 'Nobody Known'",
        "confirm 'Ada Quill' funded 'Bo Ferrant': no funded relation between 'Ada Quill' and 'Bo Ferrant'",
        "reject 'Ada Quill' met_with 'Bo Ferrant' in a: 'Not in the text.': "
        "the relation is no longer cited in that sentence of 'a'",
        "reject 'Ada Quill' met_with 'Bo Ferrant' in zzz: the relation is no longer cited in document 'zzz'",
    )


def test_stale_entity_rules_are_listed_too():
    curation = Curation(merges=(("Ada Quill", "Ghost Name"),), splits=("Nobody",), renames=(("Gone", "X"),),
                        retypes=(("Lost", "ORG"),), ignores=("Phantom",))
    res = resolve(_corpus(), curation=curation)
    assert res.stale == ("merge ['Ada Quill', 'Ghost Name']: no entity named 'Ghost Name'",
                         "split 'Nobody': no entity named 'Nobody'",
                         "rename 'Gone' to 'X': no entity named 'Gone'",
                         "retype 'Lost' to ORG: no entity named 'Lost'",
                         "ignore 'Phantom': no entity named 'Phantom'")


def test_entities_changed_by_a_rule_carry_it():
    curation = Curation(merges=(("Ada Quill", "Cy Marlow"),), retypes=(("Lisbon", "LOC"),))
    res = resolve(_corpus(), curation=curation)
    found = {e.id: e for e in res.entities}
    assert [rule_of(d) for d in found["ada-quill"].curation] == [{"merge": ["Ada Quill", "Cy Marlow"]}]
    assert [rule_of(d) for d in found["lisbon"].curation] == [{"retype": {"Lisbon": "LOC"}}]
    assert found["lisbon"].curated and not found["bo-ferrant"].curated and found["bo-ferrant"].curation == ()


def test_a_decision_names_an_entity_by_its_label_after_a_merge():
    curation = Curation(merges=(("Ada Quill", "Cy Marlow"),),
                        relations=(RelationDecision("reject", "Cy Marlow", "met_with", "Bo Ferrant"),))
    res = resolve(_corpus(), curation=curation)
    assert ("ada-quill", "bo-ferrant", "met_with") not in _edges(res)
    assert res.stale == ()


HOSTILE = ['Ann "Q" O\'Neil', "line\nbreak", "</script><script>alert(1)</script>", "tab\there", "\u2028sep",
           "back\\slash", "Zoë 🙂", "- [not: a list]", "#hash", "null", "yes"]


def _rules(names):
    return Curation(merges=((names[0], names[1]),), splits=(names[2],), renames=((names[3], names[4]),),
                    retypes=((names[5], "ORG"),), ignores=(names[6],),
                    relations=(RelationDecision("reject", names[7], "met_with", names[8]),
                               RelationDecision("retype", names[9], "co_mentioned", names[10], to="praised",
                                                doc=names[0], sentence=names[1]),
                               RelationDecision("status", names[2], "met_with", names[3], to="reported")))


def test_yaml_round_trip_keeps_every_rule_and_hostile_name(tmp_path):
    rules = _rules(HOSTILE)
    path = tmp_path / "c.yml"
    path.write_text(yaml.safe_dump(rules.to_dict(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert load_curation(path) == rules


def test_toml_round_trip_keeps_every_rule_and_hostile_name(tmp_path):
    rules = _rules(HOSTILE)
    path = tmp_path / "c.toml"
    path.write_text(tomlkit.dumps(rules.to_dict()), encoding="utf-8")
    assert tomllib.loads(path.read_text(encoding="utf-8"))["relations"][0] == {
        "reject": [HOSTILE[7], "met_with", HOSTILE[8]]}
    assert load_curation(path) == rules


def test_toml_decisions_are_an_array_of_tables(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[[relations]]\nreject = ["A", "met_with", "B"]\n\n'
                    '[[relations]]\nretype = ["A", "co_mentioned", "C"]\nto = "praised"\n', encoding="utf-8")
    assert load_curation(path).relations == (RelationDecision("reject", "A", "met_with", "B"),
                                             RelationDecision("retype", "A", "co_mentioned", "C", to="praised"))


@pytest.mark.parametrize(("body", "message"), [
    ("relations: {reject: [A, met_with, B]}", r"relations: expected a list of decisions"),
    ("relations: [[A, met_with, B]]", r"relations: #1: expected a decision"),
    ("relations: [{reject: [A, B]}]", r"relations: #1: reject: expected \[source, type, target\]"),
    ("relations: [{reject: [A, met, B]}]", r"relations: #1: reject: unknown relation type 'met'; use one of .*"),
    ("relations: [{retype: [A, met_with, B]}]", r"relations: #1: retype needs 'to:'"),
    ("relations: [{retype: [A, met_with, B], to: hugged}]", r"relations: #1: retype: unknown relation type 'hugged'"),
    ("relations: [{status: [A, met_with, B], to: maybe}]", r"relations: #1: status: unknown claim status 'maybe'"),
    ("relations: [{reject: [A, met_with, B], to: praised}]", r"relations: #1: reject takes no 'to:'"),
    ("relations: [{reject: [A, met_with, B], sentence: S}]", r"relations: #1: a sentence needs the 'doc:'"),
    ("relations: [{reject: [A, met_with, B], confirm: [A, met_with, B]}]", r"relations: #1: expected one of"),
    ("relations: [{reject: [A, met_with, B], because: x}]", r"relations: #1: .*not 'because'"),
])
def test_a_mistake_in_a_decision_is_one_error_naming_the_file_and_the_decision(tmp_path, body, message):
    path = tmp_path / "c.yml"
    path.write_text(body + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.yml: " + message):
        load_curation(path)


def test_the_example_file_documents_every_action():
    from pathlib import Path

    rules = load_curation(Path(__file__).parents[2] / "data" / "curation.example.yml")
    assert {d.action for d in rules.relations} == {"confirm", "reject", "retype", "status"}
    assert any(d.sentence for d in rules.relations)
    assert curation_from_dict(rules.to_dict()) == rules


@pytest.mark.parametrize(("rule", "decision"), [
    ({"merge": ["A", "B", "C"]}, Decision("merge", ("A", "B", "C"))),
    ({"split": "A"}, Decision("split", ("A",))),
    ({"rename": {"A": "B"}}, Decision("rename", ("A",), to="B")),
    ({"retype": {"A": "ORG"}}, Decision("retype", ("A",), to="ORG")),
    ({"reject": ["A", "met_with", "B"]}, Decision("reject", ("A", "met_with", "B"))),
    ({"retype": ["A", "co_mentioned", "B"], "to": "praised"},
     Decision("retype", ("A", "co_mentioned", "B"), "praised")),
    ({"status": ["A", "met_with", "B"], "to": "negated", "doc": "d", "sentence": "S."},
     Decision("status", ("A", "met_with", "B"), "negated", "d", "S.")),
])
def test_graph_json_provenance_gives_back_the_rule_as_the_file_writes_it(rule, decision):
    assert rule_of(Decision.from_attrs(decision.to_attrs())) == rule
    curation = curation_from_dict({"relations": [rule]} if "to" in rule or "reject" in rule else
                                  {k: (v if isinstance(v, dict) else [v]) for k, v in rule.items()})
    made = [d.record() for d in curation.relations] or curation.rules_for("a", ["a"])
    assert made == [decision]

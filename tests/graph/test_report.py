"""Path and entity reports: what the CLI prints and ``--json`` returns."""

from __future__ import annotations

import json

from graph.query import shortest_paths
from graph.report import entity_relations, entity_text, no_path_text, path_dicts, path_text
from tests.graph.fixtures_export import sample_graph


def test_path_text_shows_type_status_document_and_sentence_for_every_hop():
    G = sample_graph()
    text = path_text(G, shortest_paths(G, "Jared Kushner", "Vladimir Putin"))
    assert text.splitlines() == [
        "Path 1 of 1: Jared Kushner → Sergey Kislyak → Vladimir Putin (2 hops)",
        "  1. Jared Kushner —met with— Sergey Kislyak  [met_with, asserted, 1 citation]",
        "          \"Kushner met Kislyak in December.\" — Trump and Putin (doc-b)",
        "  2. Sergey Kislyak —associate of— Vladimir Putin  [associate_of, reported, 1 citation]",
        "          \"Kislyak, a close associate of Putin, reported back.\" (reported) — Trump and Putin (doc-b)",
    ]


def test_reports_keep_hostile_text_on_one_line_without_control_characters():
    G = sample_graph()
    G.edges["fbi", "paul-manafort", "investigated"]["citations"][0]["sentence"] = "The FBI\x1b[31m\nwatched\u2028him."
    text = entity_text(G, "O'Brien's \"Bar\" \\ Grill\nLtd")
    assert text.splitlines()[0] == "O'Brien's \"Bar\" \\ Grill Ltd (ORG), 1 mention in 1 document"
    assert "\x1b" not in entity_text(G, "FBI") and "The FBI [31m watched him." in entity_text(G, "FBI")


def test_path_dicts_are_json_ready_with_titles():
    G = sample_graph()
    data = path_dicts(G, shortest_paths(G, "Jared Kushner", "Vladimir Putin"))
    assert [n["id"] for n in data[0]["nodes"]] == ["jared-kushner", "sergey-kislyak", "vladimir-putin"]
    citation = data[0]["hops"][1]["links"][0]["citations"][0]
    assert citation["title"] == "Trump and Putin" and citation["status"] == "reported"
    json.dumps(data)


def test_no_path_text_names_both_ends_and_the_limit():
    assert no_path_text(sample_graph(), "kushner", "russia", max_hops=3) == (
        "No path between Jared Kushner and Russia within 3 hops (negated relations not counted).")


def test_entity_relations_include_negated_claims_by_default():
    relations = entity_relations(sample_graph(), "Jared Kushner")["relations"]
    assert {(r["type"], r["status"]) for r in relations} == {
        ("met_with", "asserted"), ("met_with", "negated"), ("works_for", "asserted")}
    text = entity_text(sample_graph(), "Jared Kushner", include_negated=False, max_citations=0)
    assert text.splitlines()[2:] == [
        "2 relations:",
        "  Jared Kushner —met with— Sergey Kislyak  [met_with, asserted, 1 citation]",
        "       … and 1 more",
        "  Jared Kushner —works for→ Trump Organization  [works_for, asserted, 1 citation]",
        "       … and 1 more",
    ]

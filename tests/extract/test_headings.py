"""A heading line before a paragraph never costs the paragraph its names (real model)."""

from __future__ import annotations

import pytest

from extract.documents import make_document
from extract.pipeline import extract_records

pytestmark = pytest.mark.slow

BODY = "Emmanuel Macron met Olaf Scholz in Paris."
OTHER = "Later that year Angela Merkel visited Warsaw."


def names(nlp, text):
    (record,) = extract_records([make_document(text, path="t.txt", doc_id="t")], nlp)
    return {(m.name, m.label) for m in record.mentions}


@pytest.mark.parametrize(
    "heading",
    ["Report", "Notes", "Background and Findings", "EXECUTIVE SUMMARY", "1. Introduction", "2.3 The Meetings",
     "II. Contacts", "a.\tMeetings in Paris", "Chapter 4:", "## Summary", "**Key Facts**", "- Overview"],
)
def test_heading_before_the_first_paragraph(nlp, heading):
    found = names(nlp, f"{heading}\n{BODY}\n")
    assert {("Emmanuel Macron", "PERSON"), ("Olaf Scholz", "PERSON")} <= found


@pytest.mark.parametrize("heading", ["Report", "CONCLUSIONS", "3. Outcome", "Notes"])
def test_heading_before_the_last_paragraph(nlp, heading):
    found = names(nlp, f"{OTHER}\n\n{heading}\n{BODY}")
    assert {("Emmanuel Macron", "PERSON"), ("Angela Merkel", "PERSON")} <= found


def test_heading_before_accented_names(nlp):
    found = names(nlp, "Notes\nJosé Müller met Angela Merkel in Zürich last spring.\n")
    assert ("José Müller", "PERSON") in found


def test_a_sentence_still_ends_at_its_full_stop(nlp):
    (record,) = extract_records([make_document(f"Report\n{BODY} {OTHER}", path="t.txt", doc_id="t")], nlp)
    by_name = {m.name: m.sentence for m in record.mentions}
    assert by_name["Emmanuel Macron"] == by_name["Olaf Scholz"] != by_name["Angela Merkel"]


@pytest.mark.parametrize(
    ("text", "name", "never"),
    [
        ("Ellison Phoned Envoy About Sanctions\n\nLarry Ellison called the envoy twice. Ellison denied it.",
         ("Ellison", "PERSON"), "Ellison Phoned"),
        ("Putin To Expel 755 U.S. Diplomats And Staff\n\nVladimir Putin said the diplomats must go. "
         "Putin spoke on television.", ("Putin", "PERSON"), "Putin To Expel"),
    ],
)
def test_a_headline_span_is_cut_back_to_the_name_the_text_knows(nlp, text, name, never):
    found = names(nlp, text)
    assert name in found
    assert not any(n.startswith(never) for n, _ in found)


def test_a_longer_organisation_name_in_a_headline_is_kept(nlp):
    found = names(nlp, "Acme Organization Sues Bank\n\nAcme sued. The Acme Organization said so.")
    assert not any(n == "Acme" for n, _ in found)



@pytest.mark.parametrize(
    ("text", "kept", "never"),
    [
        ("## COMPANY INTELLIGENCE REPORT 2016/080\n\nThe Kremlin briefed Vladimir PUTIN on the talks.",
         {("Kremlin", "ORG")}, "INTELLIGENCE REPORT"),
        ("CABINET OFFICE BRIEFING NOTE\n\nShares fell in Tokyo as Mitsubishi Corp reported a loss.",
         {("Tokyo", "GPE")}, "BRIEFING"),
        ("SPECIAL REPORT: MONEY, POWER AND INFLUENCE\n\nShares fell in Tokyo as Mitsubishi Corp reported a loss.",
         {("Tokyo", "GPE")}, "SPECIAL REPORT"),
    ],
)
def test_a_heading_in_capitals_only_names_what_the_text_names(nlp, text, kept, never):
    found = names(nlp, text)
    assert kept <= found
    assert not any(never in n for n, _ in found)


def test_a_name_in_a_heading_in_capitals_that_the_text_names_is_kept(nlp):
    (record,) = extract_records([make_document(
        "PUTIN AND THE KREMLIN PLAN\n\nVladimir Putin met ministers at the Kremlin on Monday.",
        path="t.txt", doc_id="t")], nlp)
    assert "PUTIN" in {m.text for m in record.mentions}


def test_a_title_case_heading_with_small_words_in_lower_case_is_a_headline(nlp):
    found = names(nlp, "2.\tHarbour Tower Lagos Venture with the Dangote Group\n\n"
                       "In 2013 Acme explored the Harbour Tower Lagos project with the Dangote Group.")
    assert ("Harbour Tower Lagos", "FAC") in found
    assert not any(n.endswith("Venture") for n, _ in found)


def test_a_name_the_text_tags_is_found_again_in_a_heading_in_capitals(nlp):
    (record,) = extract_records([make_document(
        "ANGELA MERKEL VISITS BERLIN FOR TALKS\n\nAngela Merkel visited Berlin on Monday.",
        path="t.txt", doc_id="t")], nlp)
    found = {(m.text, m.label) for m in record.mentions}
    assert {("ANGELA MERKEL", "PERSON"), ("BERLIN", "GPE")} <= found

"""Typed relations and claim status from the parse of small hand-written sentences (real model)."""

from __future__ import annotations

import pytest

from extract.documents import make_document
from extract.pipeline import extract_records

pytestmark = pytest.mark.slow


def relations(nlp, text):
    (record,) = extract_records([make_document(text, path="t.txt", doc_id="t")], nlp)
    names = [m.name for m in record.mentions]
    return {(r.type, names[r.source], names[r.target], r.citation.status) for r in record.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vladimir Putin met Angela Merkel in Berlin on Tuesday.",
         ("met_with", "Vladimir Putin", "Angela Merkel", "asserted")),
        ("Donald Trump praised Vladimir Putin at the press conference.",
         ("praised", "Donald Trump", "Vladimir Putin", "asserted")),
        ("Paul Manafort was investigated by the Federal Bureau of Investigation.",
         ("investigated", "Federal Bureau of Investigation", "Paul Manafort", "asserted")),
        ("Emmanuel Macron reportedly met Justin Trudeau in Paris.",
         ("met_with", "Emmanuel Macron", "Justin Trudeau", "reported")),
        ("Boris Johnson did not meet Emmanuel Macron during the visit.",
         ("met_with", "Boris Johnson", "Emmanuel Macron", "negated")),
        ("Angela Merkel and Emmanuel Macron attended the Munich Security Conference.",
         ("participated_in", "Angela Merkel", "Munich Security Conference", "asserted")),
    ],
)
def test_typed_relation_with_status(nlp, text, expected):
    assert expected in relations(nlp, text)


def test_meetings_between_two_named_sides(nlp):
    found = relations(nlp, "The report described secret meetings between Michael Cohen and Felix Sater.")
    assert {(t, frozenset((a, b))) for t, a, b, _ in found if t == "met_with"} == {
        ("met_with", frozenset(("Michael Cohen", "Felix Sater")))}


def test_denied_link_is_negated_not_asserted(nlp):
    found = relations(nlp, "No evidence established ties between Rudy Giuliani and Viktor Orban.")
    assert found and all(status == "negated" for *_, status in found)


def test_question_asserts_nothing(nlp):
    assert relations(nlp, "Did Michael Flynn meet Sergey Kislyak in December?") == set()


def test_unrelated_pair_falls_back_to_co_mentioned(nlp):
    found = relations(nlp, "Angela Merkel spoke in Berlin while Emmanuel Macron stayed home.")
    assert ("co_mentioned", "Angela Merkel", "Emmanuel Macron", "asserted") in found


@pytest.mark.parametrize(
    "text",
    [
        "Angela Merkel has repeatedly called Emmanuel Macron a strong leader.",
        "Angela Merkel called for better relations with Emmanuel Macron.",
        "Angela Merkel has spoken favorably about Emmanuel Macron.",
        "The firm found hackers working for Gazprom, said Angela Merkel.",
    ],
)
def test_words_that_only_look_like_a_relation(nlp, text):
    assert {t for t, *_ in relations(nlp, text)} <= {"co_mentioned", "praised"}
    assert not any(t == "works_for" and a == "Angela Merkel" for t, a, *_ in relations(nlp, text))


def test_open_question_is_reported_not_negated(nlp):
    found = relations(nlp, "The memo did not say whether Angela Merkel met Emmanuel Macron.")
    assert found and all(status == "reported" for *_, status in found)


def test_whether_or_not_denies_nothing(nlp):
    found = relations(nlp, "Angela Merkel exploits the crisis whether or not Emmanuel Macron proves useful to her.")
    assert found and all(status != "negated" for *_, status in found)


def test_citation_sentence_stops_before_boilerplate_and_keeps_trailing_markers(nlp):
    text = ("Angela Merkel and Emmanuel Macron\n\nDisclaimer: this summary can be wrong.\n\n"
            "Angela Merkel met Emmanuel Macron in Paris [2] [5]\n")
    doc = make_document(text, path="t.txt", doc_id="t")
    (record,) = extract_records([doc], nlp)
    sentences = {r.citation.sentence: r.citation for r in record.relations}
    assert "Angela Merkel and Emmanuel Macron" in sentences
    assert not any("Disclaimer" in s for s in sentences)
    last = sentences["Angela Merkel met Emmanuel Macron in Paris [2] [5]"]
    assert last.markers == (2, 5)
    assert text[last.start:last.end] == last.sentence

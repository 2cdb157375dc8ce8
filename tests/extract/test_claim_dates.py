"""The date of each claim: the words of its own clause, resolved against the document's date when the graph is built."""

from __future__ import annotations

import pytest

from extract.documents import make_document
from graph.build import build_graph

pytestmark = pytest.mark.slow


def dates_of(nlp, text: str, *, date: str | None = "2017-03-15") -> dict[tuple[str, str, str], tuple]:
    doc = make_document(text, path="story.txt", doc_id="story", date=date, date_source="date field")
    G = build_graph([doc], nlp=nlp)
    out = {}
    for u, v, key, attrs in G.edges(keys=True, data=True):
        labels = G.nodes[u]["label"], key, G.nodes[v]["label"]
        for citation in attrs["citations"]:
            assert "when" not in citation
            found = citation.get("date")
            out[labels] = (found["start"], found["end"], found["precision"], found["words"]) if found else None
    return out


@pytest.mark.parametrize(
    ("text", "pair", "expected"),
    [
        ("In June 2016, Jeff Sessions met James Comey in Washington.",
         ("James Comey", "met_with", "Jeff Sessions"), ("2016-06-01", "2016-06-30", "month", "June 2016")),
        ("Paul Manafort met Konstantin Kilimnik on Aug. 2, 2016, in New York.",
         ("Konstantin Kilimnik", "met_with", "Paul Manafort"), ("2016-08-02", "2016-08-02", "day", "Aug. 2, 2016")),
        ("Last week, Jeff Sessions criticized James Comey.",
         ("Jeff Sessions", "criticized", "James Comey"), ("2017-03-06", "2017-03-12", "week", "Last week")),
        # a range from its two ends
        ("Paul Manafort paid Rick Gates from 2011 to 2014.",
         ("Paul Manafort", "funded", "Rick Gates"), ("2011-01-01", "2014-12-31", "year", "2011 to 2014")),
        # the date of the saying is not the date of the meeting
        ("Jeff Sessions said in 2017 that he met James Comey.",
         ("James Comey", "met_with", "Jeff Sessions"), None),
        # relative to another event of the story: unknowable
        ("Two years earlier, Carter Page had met Igor Sechin in Moscow.",
         ("Carter Page", "met_with", "Igor Sechin"), None),
        # "since" bounds the claim, it does not date it
        ("Michael Flynn has worked for Turkey since 2016.", ("Michael Flynn", "works_for", "Turkey"), None),
    ],
)
def test_claim_dates(nlp, text, pair, expected):
    found = dates_of(nlp, text)
    assert pair in found, sorted(found)
    assert found[pair] == expected


def test_relative_words_need_the_document_date(nlp):
    found = dates_of(nlp, "Last week, Jeff Sessions criticized James Comey.", date=None)
    assert found[("Jeff Sessions", "criticized", "James Comey")] is None


def test_a_date_after_the_document_is_no_date(nlp):
    text = "Jeff Sessions criticized James Comey next month."
    found = dates_of(nlp, text, date="2017-03-15")
    assert found[("Jeff Sessions", "criticized", "James Comey")] is None


def test_relations_span_their_dated_citations(nlp):
    text = ("Paul Manafort met Konstantin Kilimnik on Aug. 2, 2016, in New York.\n\n"
            "Paul Manafort met Konstantin Kilimnik in May 2016.\n\n"
            "Paul Manafort met Konstantin Kilimnik again, reports say.")
    doc = make_document(text, path="story.txt", doc_id="story", date="2017-03-15", date_source="date field")
    G = build_graph([doc], nlp=nlp)
    edge = G.edges["konstantin-kilimnik", "paul-manafort", "met_with"]
    assert (edge["first"], edge["last"]) == ("2016-05-01", "2016-08-02")
    assert sum(1 for c in edge["citations"] if "date" in c) == 2
    assert G.graph["documents"][0]["date"] == "2017-03-15"


def test_a_document_date_the_text_outlives_places_no_relative_words(nlp):
    """A date field holding the date of the events ("2005") on a story that names later years: "last
    week" cannot be placed, and a dated claim after the field's date is still a date."""
    text = ("Last week, Jeff Sessions criticized James Comey.\n\n"
            "In June 2016, Paul Manafort met Rick Gates in Washington.\n\n"
            "In May 2017, Jeff Sessions met Rick Gates in New York.")
    found = dates_of(nlp, text, date="2005-06-01")
    assert found[("Jeff Sessions", "criticized", "James Comey")] is None
    dated = [v for k, v in found.items() if "Paul Manafort" in k and "Rick Gates" in k]
    assert dated == [("2016-06-01", "2016-06-30", "month", "June 2016")]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # the saying is dated, not the denied talk: the two names stand in different clauses
        ("Sergey Kislyak denied Saturday that he had discussed sanctions with Michael Flynn.",
         ("Michael Flynn", "met_with", "Sergey Kislyak")),
        # a weekday in quoted speech is the speaker's, not the document's
        ("Sally Yates called Don McGahn to say she would come “first thing Monday morning.”",
         ("Don McGahn", "met_with", "Sally Yates")),
    ],
)
def test_dates_of_other_clauses_and_of_quoted_speech_are_not_the_claims(nlp, text, pair):
    found = dates_of(nlp, text)
    assert pair in found or pair[::-1] in found, sorted(found)
    assert found.get(pair, found.get(pair[::-1])) is None


def test_a_yearless_date_in_a_sentence_about_another_year_is_no_date(nlp):
    text = "Jeff Sessions met James Comey in Iowa before the 2008 election, on January 3."
    assert all(v is None or v[0].startswith("2008") for v in dates_of(nlp, text).values())


def test_a_relative_clause_on_a_name_is_that_names_clause(nlp):
    text = "Michael Flynn, who was dismissed in February for lying to Mike Pence, spoke with reporters."
    found = dates_of(nlp, text, date="2017-08-05")
    pair = next(k for k in found if {"Michael Flynn", "Mike Pence"} == {k[0], k[2]})
    assert found[pair] == ("2017-02-01", "2017-02-28", "month", "February")


def test_relative_words_count_from_the_day_a_rows_web_address_was_published(nlp, tmp_path):
    """A row whose date field holds the day of an e-mail the story quotes (7/7/2016) and whose web
    address the day the story was published (2017/09/20): "last month" is August 2017."""
    import json

    from extract.formats import RowFields

    row = {"id": "story", "date": "7/7/2016",
           "url": "https://news.example.com/politics/a-story/2017/09/20/399bba1a_story.html?utm_term=.a6",
           "text": ("Paul Manafort wrote to Konstantin Kilimnik in an email on July 7, 2016.\n\n"
                    "Last month, Robert Mueller warned Paul Manafort that he would be indicted.")}
    path = tmp_path / "stories.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    G = build_graph([path], nlp=nlp, fields=RowFields(date="date"))
    info = G.graph["documents"][0]
    assert (info["date"], info["date_source"], info["published"], info["published_source"]) == (
        "2016-07-07", "date field", "2017-09-20", "url")
    dates = {(u, v, key): [c.get("date") for c in attrs["citations"]]
             for u, v, key, attrs in G.edges(keys=True, data=True)}
    warned = [d for (u, v, _), found in dates.items() if {u, v} == {"paul-manafort", "robert-mueller"}
              for d in found]
    assert warned and all(d is not None and (d["start"], d["end"], d["words"]) == ("2017-08-01", "2017-08-31",
                                                                                  "Last month") for d in warned)

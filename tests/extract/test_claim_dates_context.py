"""Dates a claim's words take from the text before them: the year of a yearless date in a report, and the date
of the event a date is relative to ("the next day") (#17)."""

from __future__ import annotations

import pytest

from extract.documents import make_document
from graph.build import build_graph

pytestmark = pytest.mark.slow


def date_of(nlp, text: str, a: str, b: str, *, date: str | None = None) -> tuple[str, str] | None:
    """The one date of the citations linking ``a`` and ``b`` in ``text`` (None when undated)."""
    doc = make_document(text, path="story.txt", doc_id="story", date=date, date_source="date field" if date else None)
    G = build_graph([doc], nlp=nlp)
    found = set()
    for u, v, attrs in G.edges(data=True):
        if {G.nodes[u]["label"], G.nodes[v]["label"]} == {a, b}:
            found |= {(c["date"]["start"], c["date"]["end"]) if "date" in c else None for c in attrs["citations"]}
    assert len(found) == 1, found
    return found.pop()


FIRST = "In early February 2016, Paul Manafort met Rick Gates in London. "


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # a report without a date: the year the paragraph last named
        (FIRST + "In early March, Rick Gates called Konstantin Kilimnik.", None, ("2016-03-01", "2016-03-31")),
        (FIRST + "On March 3, Rick Gates called Konstantin Kilimnik.", None, ("2016-03-03", "2016-03-03")),
        # a dated story: its own year, whatever year its background names
        ("In September 2015, Paul Manafort met Rick Gates in London. In October, Rick Gates called Konstantin "
         "Kilimnik.", "2016-11-17", ("2016-10-01", "2016-10-31")),
    ],
)
def test_a_yearless_date_takes_the_year_the_paragraph_last_named(nlp, text, date, expected):
    assert date_of(nlp, text, "Rick Gates", "Konstantin Kilimnik", date=date) == expected


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # an earlier month: the next year, or a look back?
        ("In December 2015, Paul Manafort met Rick Gates in London. In January, Rick Gates called Konstantin "
         "Kilimnik.", None),
        # another year named since that date
        (FIRST + "Rick Gates had worked in Kiev in 2012. In March, Rick Gates called Konstantin Kilimnik.", None),
        # another paragraph: no year to carry, and no document date to place it
        (FIRST + "\n\nIn March, Rick Gates called Konstantin Kilimnik.", None),
        # a dated story a year after the date before it: this year's June 10, or that one's?
        ("On June 9, 2016, Paul Manafort met Rick Gates in London. On June 10, Rick Gates called Konstantin "
         "Kilimnik.", "2017-03-15"),
    ],
)
def test_a_year_that_cannot_be_carried_gives_no_date(nlp, text, date):
    assert date_of(nlp, text, "Rick Gates", "Konstantin Kilimnik", date=date) is None


MET = "On June 9, 2016, Paul Manafort met Rick Gates in New York. "
LATER = "2017-03-15"  # a story's date; a text's first date would be taken as its date, and "the next day" after it


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # counted from the one date of the sentence before
        (MET + "The next day, Rick Gates called Konstantin Kilimnik.", LATER, ("2016-06-10", "2016-06-10")),
        (MET + "Two days later, Rick Gates called Konstantin Kilimnik.", LATER, ("2016-06-11", "2016-06-11")),
        (MET + "The following month, Rick Gates called Konstantin Kilimnik.", LATER, ("2016-07-01", "2016-07-31")),
        ("In 2014, Paul Manafort met Rick Gates in Kiev. Two years later, Rick Gates called Konstantin Kilimnik.",
         None, ("2016-01-01", "2016-12-31")),
        # a weekday placed against the story's date, then counted from
        ("On Monday, Paul Manafort met Rick Gates in New York. The next day, Rick Gates called Konstantin "
         "Kilimnik.", "2017-03-15", ("2017-03-14", "2017-03-14")),
    ],
)
def test_a_date_relative_to_another_event_is_counted_from_its_date(nlp, text, date, expected):
    assert date_of(nlp, text, "Rick Gates", "Konstantin Kilimnik", date=date) == expected


def test_a_date_relative_to_an_event_is_counted_from_the_date_before_it_in_its_sentence(nlp):
    text = "Paul Manafort, who met Rick Gates on June 9, 2016, called Konstantin Kilimnik two days later."
    assert date_of(nlp, text, "Paul Manafort", "Konstantin Kilimnik", date=LATER) == ("2016-06-11", "2016-06-11")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # no date to count from
        ("Paul Manafort met Rick Gates in New York. The next day, Rick Gates called Konstantin Kilimnik.", None),
        # two dates to count from
        ("Paul Manafort met Rick Gates on June 9, 2016, and Tom Barrack on June 12, 2016. The next day, Rick Gates "
         "called Konstantin Kilimnik.", None),
        # a bound, not the moment of an event
        ("Paul Manafort worked with Rick Gates until June 9, 2016. The next day, Rick Gates called Konstantin "
         "Kilimnik.", None),
        # too coarse: which day of June?
        ("In June 2016, Paul Manafort met Rick Gates in New York. The next day, Rick Gates called Konstantin "
         "Kilimnik.", None),
        # a date itself counted from another event
        (MET + "Two days later, Paul Manafort met Tom Barrack. The next day, Rick Gates called Konstantin Kilimnik.",
         None),
        # after the story's date: a plan
        ("On Tuesday, Paul Manafort met Rick Gates in New York. The next day, Rick Gates called Konstantin "
         "Kilimnik.", "2017-03-14"),
    ],
)
def test_a_date_relative_to_an_event_without_one_clear_date_is_no_date(nlp, text, date):
    assert date_of(nlp, text, "Rick Gates", "Konstantin Kilimnik", date=date) is None


def test_a_date_relative_to_an_event_is_counted_from_a_dated_claim_not_from_any_date_named(nlp):
    """The sentence before names the date of a planned meeting, which dates none of its claims."""
    text = ("Rick Gates asked Paul Manafort if he could attend the meeting on June 12, 2016. The following day, "
            "Rick Gates called Konstantin Kilimnik.")
    assert date_of(nlp, text, "Rick Gates", "Konstantin Kilimnik", date=LATER) is None


def test_a_named_date_after_another_clause_does_not_date_a_relative_one(nlp):
    """Only a date right after the relative words restates it; a date of a clause before them does not."""
    text = "On June 9, 2016, Paul Manafort met Rick Gates, and the next day Rick Gates called Konstantin Kilimnik."
    assert date_of(nlp, text, "Rick Gates", "Konstantin Kilimnik", date=LATER) != ("2016-06-09", "2016-06-09")

"""Which clause a date dates: captions, relative clauses, purpose clauses, noun phrases and events (#17)."""

from __future__ import annotations

import pytest

from extract.documents import make_document
from graph.build import build_graph

pytestmark = pytest.mark.slow


def dates_of(nlp, text: str, *, date: str | None = "2017-03-15") -> dict[frozenset, set]:
    """Each pair of labels linked in ``text`` with the dates of its citations (None for an undated one)."""
    doc = make_document(text, path="story.txt", doc_id="story", date=date, date_source="date field")
    G = build_graph([doc], nlp=nlp)
    out: dict[frozenset, set] = {}
    for u, v, attrs in G.edges(data=True):
        pair = frozenset((G.nodes[u]["label"], G.nodes[v]["label"]))
        for citation in attrs["citations"]:
            found = citation.get("date")
            out.setdefault(pair, set()).add((found["start"], found["end"]) if found else None)
    return out


def date_of(nlp, text: str, a: str, b: str, **kwargs):
    found = dates_of(nlp, text, **kwargs)
    pair = frozenset((a, b))
    assert pair in found, sorted(map(sorted, found))
    assert len(found[pair]) == 1, found[pair]
    return next(iter(found[pair]))


@pytest.mark.parametrize(
    ("text", "a", "b", "expected"),
    [
        # a photo caption's closing date dates all the caption shows, even under "before giving …"
        ("Barack Obama walks onstage with Michelle Obama before giving his speech in Chicago, November 7, 2012.",
         "Barack Obama", "Michelle Obama", ("2012-11-07", "2012-11-07")),
        # an age the model tags as a date is no second date
        ("Barack Obama and his daughter Sasha, 6, toured Chicago on November 2, 2004.",
         "Barack Obama", "Chicago", ("2004-11-02", "2004-11-02")),
        # the parser hangs "who …" on "firing", but it is Flynn's clause
        ("Reporters asked about the firing of Flynn, who was dismissed in February for lying to Mike Pence.",
         "Flynn", "Mike Pence", ("2017-02-01", "2017-02-28")),
        # a clause of purpose shares the time of the clause it serves
        ("On February 14, Donald Trump asked Jeff Sessions to leave the Oval Office so that he could speak "
         "with James Comey.", "Oval Office", "James Comey", ("2017-02-14", "2017-02-14")),
        # of two dates in the clause, the one inside the phrase that holds both names
        ("Sally Yates, fired by Donald Trump in January, testified before the Senate on Monday.",
         "Donald Trump", "Sally Yates", ("2017-01-01", "2017-01-31")),
        # a caption's photo "taken" on a date shows what the caption says
        ("Barack Obama shoots clay targets at Camp David, Maryland, in this photo taken August 4, 2012.",
         "Barack Obama", "Camp David", ("2012-08-04", "2012-08-04")),
        # … also "on" a date, and before the date it was released on
        ("Barack Obama listens during a briefing aboard Air Force One in this photo taken on May 2, 2010 and "
         "released on June 7, 2010.", "Barack Obama", "Air Force One", ("2010-05-02", "2010-05-02")),
        # a date relative to another event, restated by the date it names
        ("The next day, on December 31, 2016, Sergey Kislyak called Michael Flynn.", "Sergey Kislyak",
         "Michael Flynn", ("2016-12-31", "2016-12-31")),
        # a date inside a noun phrase dates the clause when the phrase is where the claim happens …
        ("Paul Manafort met Rick Gates at a meeting in June 2016.", "Paul Manafort", "Rick Gates",
         ("2016-06-01", "2016-06-30")),
        ("Paul Manafort and Rick Gates pleaded not guilty in a brief appearance in D.C. federal court Monday "
         "afternoon.", "Paul Manafort", "Rick Gates", ("2017-03-13", "2017-03-13")),
        # … and a claim the phrase itself states
        ("The April 2016 meeting between Jeff Sessions and Sergey Kislyak troubled Robert Mueller.",
         "Jeff Sessions", "Sergey Kislyak", ("2016-04-01", "2016-04-30")),
        # a claim made at an event whose name holds a year
        ("James Comey said little about Russia's interference in the 2016 election.",
         "Russia", "2016 election", ("2016-01-01", "2016-12-31")),
    ],
)
def test_the_clause_a_date_dates(nlp, text, a, b, expected):
    assert date_of(nlp, text, a, b) == expected


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        # a tie a noun phrase states is not dated by the clause around it
        ("Just yesterday, the committee interviewed former Homeland Security Secretary Jeh Johnson.",
         "Jeh Johnson", "Homeland Security"),
        # a date inside a noun phrase dates what the phrase names, not the clause around it
        ("Paul Manafort talked to Rick Gates about the June 2016 meeting.", "Paul Manafort", "Rick Gates"),
        ("Paul Manafort talked to Rick Gates about last year's election.", "Paul Manafort", "Rick Gates"),
        # the phrase the date modifies is the election, not the "center" the clause stands at
        ("Paul Manafort has been at the center of inquiries into whether Donald Trump's advisers coordinated with "
         "Kremlin efforts to disrupt last year's election.", "Paul Manafort", "Donald Trump"),
        ("The April 2016 meeting between Jeff Sessions and Sergey Kislyak troubled Robert Mueller.",
         "Robert Mueller", "Sergey Kislyak"),
        # an event's year dates a claim made at it, not one about it
        ("Patrick Leahy asked Jeff Sessions about the 2016 election.", "Patrick Leahy", "2016 election"),
    ],
)
def test_no_date_from_outside_the_claim(nlp, text, a, b):
    assert date_of(nlp, text, a, b) is None


def test_a_phrase_that_says_then_takes_the_clause_date(nlp):
    text = "In June 2016, Donald Trump's then-campaign chairman Paul Manafort met Natalia Veselnitskaya."
    assert date_of(nlp, text, "Paul Manafort", "Donald Trump") == ("2016-06-01", "2016-06-30")


def test_a_yearless_date_after_a_full_date_of_another_year_is_no_date(nlp):
    """A gallery of old captions in a story of 2016: "on Saturday" is not the story's Saturday."""
    caption = "Barack Obama swims at Alligator Point in Panama City Beach, Florida, August 14, 2010. "
    claim = "Rick Scott met Charlie Crist in Tampa on Saturday."
    assert date_of(nlp, caption + claim, "Rick Scott", "Charlie Crist", date="2016-10-31") is None
    assert date_of(nlp, claim, "Rick Scott", "Charlie Crist", date="2016-10-31") == ("2016-10-29", "2016-10-29")


@pytest.mark.parametrize(
    "text",
    [
        # a date in the attribution dates the source, not the claim
        "Jeffrey Yohai knew of Paul Manafort's dealings, according to court filings in the bankruptcies of four "
        "Los Angeles properties in 2016.",
        # a state in the present is not dated by the event the phrase names
        "Paul Manafort is under scrutiny as part of FBI investigations into possible contacts between Trump "
        "associates and Russia's government during the 2016 U.S. presidential campaign.",
    ],
)
def test_dates_that_are_not_of_the_claim(nlp, text):
    found = dates_of(nlp, text)
    manafort = {pair: dates for pair, dates in found.items() if "Paul Manafort" in pair}
    assert manafort and all(dates == {None} for dates in manafort.values()), manafort

"""Dates of claims and documents: intervals with their precision, and no date where none can be known."""

from __future__ import annotations

from datetime import date

import pytest

from extract.dates import (
    DateInterval,
    date_in_text,
    parse_date_value,
    published_date,
    resolve_date,
    url_date,
    writing_date,
    writing_reference,
)

REFERENCE = date(2017, 3, 15)  # a Wednesday


@pytest.mark.parametrize(
    ("words", "start", "end", "precision"),
    [
        ("June 2016", "2016-06-01", "2016-06-30", "month"),
        ("in June 2016", "2016-06-01", "2016-06-30", "month"),
        ("Aug. 2, 2016", "2016-08-02", "2016-08-02", "day"),
        ("2 August 2016", "2016-08-02", "2016-08-02", "day"),
        ("in 2015", "2015-01-01", "2015-12-31", "year"),
        ("12/25/2016", "2016-12-25", "2016-12-25", "day"),
        ("Jan. 20", "2017-01-20", "2017-01-20", "day"),
        ("Feb. 27", "2017-02-27", "2017-02-27", "day"),  # no year: earlier in the document's year
        ("Tuesday", "2017-03-14", "2017-03-14", "day"),
        ("on Wednesday", "2017-03-15", "2017-03-15", "day"),  # the document's own weekday: that day
        ("Thursday night", "2017-03-09", "2017-03-09", "day"),
        ("yesterday", "2017-03-14", "2017-03-14", "day"),
        ("last week", "2017-03-06", "2017-03-12", "week"),
        ("last month", "2017-02-01", "2017-02-28", "month"),
        ("last year", "2016-01-01", "2016-12-31", "year"),
        ("this year", "2017-01-01", "2017-03-15", "year"),  # ends at the document's date
        ("earlier this year", "2017-01-01", "2017-03-15", "year"),
        ("two years ago", "2015-01-01", "2015-12-31", "year"),
        ("the 1990s", "1990-01-01", "1999-12-31", "decade"),
        ("the early 2000s", "2000-01-01", "2003-12-31", "year"),
        ("spring 2016", "2016-03-01", "2016-05-31", "month"),
        ("the summer of 2016", "2016-06-01", "2016-08-31", "month"),
        ("mid-2016", "2016-05-01", "2016-08-31", "month"),
        ("the end of 2016", "2016-10-01", "2016-12-31", "month"),
        ("In approximately September 2015", "2015-09-01", "2015-09-30", "month"),  # the Mueller report's hedge
        ("roughly 2011", "2011-01-01", "2011-12-31", "year"),
        ("June and July 2016", "2016-06-01", "2016-07-31", "month"),
        ("between 2013 and 2015", "2013-01-01", "2015-12-31", "year"),
        ("June 9-10, 2016", "2016-06-09", "2016-06-10", "day"),
        ("early February 2016", "2016-02-01", "2016-02-29", "month"),  # a part of a month: the month
        ("the end of June 2016", "2016-06-01", "2016-06-30", "month"),
        ("early February", "2017-02-01", "2017-02-28", "month"),
    ],
)
def test_dates_resolve_to_their_interval(words, start, end, precision):
    found = resolve_date(words, reference=REFERENCE)
    assert found == DateInterval(start=start, end=end, precision=precision, words=words)


@pytest.mark.parametrize(
    "words",
    [
        "03/04/05",  # month, day and year could be in any order
        "03/04/2005",  # month/day or day/month
        "spring",  # which year?
        "two years",  # a duration, not a moment
        "several months",
        "the past year",
        "recent months",
        "decades",
        "two years earlier",  # earlier than another event of the story
        "the next day",
        "that day",
        "next month",  # after the document: a plan, not a date
        "July 27",  # no year, later in the year than the document: last July, or a plan for this one?
        "in August",
        "2018",
        "the time",
        "",
        "x" * 500,
        "31/31/2016",
        "February 30, 2016",
        "1990s" * 30,
        "2, 2015",  # a day without its month
    ],
)
def test_dates_that_cannot_be_known_are_absent(words):
    assert resolve_date(words, reference=REFERENCE) is None


@pytest.mark.parametrize("words", ["last week", "Tuesday", "July 27", "yesterday", "this year"])
def test_relative_dates_need_a_reference(words):
    assert resolve_date(words, reference=None) is None


def test_a_year_needs_no_reference():
    assert resolve_date("in June 2016", reference=None).start == "2016-06-01"


def test_numeric_order_can_be_told():
    assert resolve_date("03/04/2005", reference=None, day_first=True).start == "2005-04-03"
    assert resolve_date("03/04/2005", reference=None, day_first=False).start == "2005-03-04"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-06-15", "2016-06-15"),
        ("2016-06-15T23:30:00-04:00", "2016-06-15"),
        ("2016-06-15T10:00:00Z", "2016-06-15"),
        ("Wed, 15 Jun 2016 09:30:00 +0000", "2016-06-15"),
        ("D:20160615120000+02'00'", "2016-06-15"),
        ("D:2016", "2016"),
        ("June 15, 2016", "2016-06-15"),
        ("June 2016", "2016-06"),
        ("2016", "2016"),
        ("12/25/2016", "2016-12-25"),
        ("03/04/05", None),
        ("03/04/2005", None),  # ambiguous without a date order
        ("not a date", None),
        ("", None),
        (None, None),
        (20160615, "2016-06-15"),  # ISO 8601 basic format
        (1465948800, None),
        ("D:20161345", None),
        ("2016-13-45", None),
        ("spring", None),
        ("9999999999999", None),
    ],
)
def test_metadata_values(value, expected):
    assert parse_date_value(value) == expected


def test_metadata_values_in_a_known_order():
    assert parse_date_value("6/1/2005", day_first=False) == "2005-06-01"
    assert parse_date_value("6/1/2005", day_first=True) == "2005-01-06"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("memo_2016-06-15_final", "2016-06-15"),
        ("20160615-minutes", "2016-06-15"),
        ("Posted on June 9, 2016 by staff", "2016-06-09"),
        ("Posted 9 June 2016", "2016-06-09"),
        ("invoice 20161345", None),
        ("chapter 2016", None),
        ("no date here", None),
    ],
)
def test_dates_in_text_and_names(text, expected):
    assert date_in_text(text) == expected


def test_a_document_is_taken_as_written_on_its_date_unless_its_text_names_later_times_twice():
    assert writing_date("2017-03-07", ["A game called 2048 ran.", "They met in 2016."]) == date(2017, 3, 7)
    assert writing_date("2005-06-01", ["They met in 2016.", "On June 9, 2016 they spoke."]) is None
    assert writing_date("2016-04-27", ["On November 23, 2016 in Vilnius.", "In May 2017."]) is None
    assert writing_date("2016-04", ["They met."]) is None  # a month is no day to count from
    assert writing_date(None, []) is None


TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/politics/some-story/2017/09/20/399bba1a_story.html?utm_term=.a6", "2017-09-20"),
        ("http://www.example.com/2016/07/27/news/story/index.html", "2016-07-27"),
        ("https://www.example.com/us-news/2017/jan/10/a-story", "2017-01-10"),  # a month's short name
        ("http://www.example.com/statements/2016/Dec/18/a-story/", "2016-12-18"),
        ("https://example.com/2016/7/4/", "2016-07-04"),
        ("https://example.com/news/archive/2016/07/a-story/492836/", "2016-07"),  # a month, no day
        ("https://example.com/press/20170920/a-story", "2017-09-20"),
        ("HTTPS://EXAMPLE.COM/2017/09/20", "2017-09-20"),
        # no date in the path
        ("https://example.com/article/us-usa-idUSKBN1351RJ", None),
        ("https://example.com/wiki/2016_election", None),
        ("https://example.com/a/41029437", None),
        ("https://example.com/story/a-story?date=2017/09/20/", None),  # the query is not the path
        ("https://example.com/story#/2017/09/20/", None),
        # not a date: no such day, a two-digit-year path, the future, not a web address
        ("https://example.com/2017/02/30/a-story", None),
        ("https://example.com/2017/13/01/a-story", None),
        ("http://example.com/TRANSCRIPTS/1607/24/show.html", None),
        ("https://example.com/2027/01/05/a-story", None),
        ("https://example.com/2026/12/a-story", None),
        ("ftp://example.com/2017/09/20/a", None),
        ("example.com/2017/09/20/a", None),
        ("", None),
        (None, None),
        (20170920, None),
        ("http://[::1/2017/09/20/", None),
    ],
)
def test_the_date_in_a_web_address(url, expected):
    assert url_date(url, today=TODAY) == expected


def test_a_web_address_of_today_is_not_the_future():
    assert url_date("https://example.com/2026/11/30/a", today=TODAY) == "2026-11-30"
    assert url_date("https://example.com/2026/12/01/a", today=TODAY) is None


@pytest.mark.parametrize(
    ("document", "url", "expected"),
    [
        ("2016-07-07", "https://example.com/2017/09/20/a", "2017-09-20"),  # the events' day in a date field
        ("2016-07-07", "https://example.com/2016/07/08/a", None),  # a paper's print date: the same day
        ("2016-07-07", "https://example.com/2016/07/05/a", None),
        ("2016-07-07", "https://example.com/2016/07/a", None),  # a month that holds the date
        ("2017-03-21", "https://example.com/2017/04/a", "2017-04"),
        ("2015-03-15", "https://example.com/2015/03/10/a", "2015-03-10"),  # earlier: recorded too
        ("2016", "https://example.com/2016/06/20/a", "2016-06-20"),  # a day the date does not say
        ("2016-06", "https://example.com/2016/06/20/a", "2016-06-20"),
        (None, "https://example.com/2016/06/20/a", "2016-06-20"),
        ("2016-07-07", "https://example.com/a-story", None),
        ("2016-07-07", None, None),
    ],
)
def test_a_web_address_tells_the_publication_day_when_it_is_not_the_documents_date(document, url, expected):
    assert published_date(document, url, today=TODAY) == expected


@pytest.mark.parametrize(
    ("document", "published", "expected"),
    [
        ("2016-07-07", None, "2016-07-07"),
        ("2016-07-07", "2017-09-20", "2017-09-20"),  # written later than the date: its own day
        ("2016-07-07", "2017-09", None),  # written in a month whose day is not known
        ("2015-03-15", "2015-03-10", None),  # published before its date: written on either day
        ("2016", "2016-06-20", "2016-06-20"),
        (None, "2016-06-20", "2016-06-20"),
    ],
)
def test_relative_words_count_from_the_day_of_writing(document, published, expected):
    assert writing_reference(document, published) == expected

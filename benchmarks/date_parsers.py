"""Which date parser: the candidates from PyPI on one test set of date expressions.

Each candidate reads the words spaCy tags as DATE in news and reports ("June
2016", "last week", "the 1990s", "03/04/05"), relative ones against a
reference date (the document's, here 2017-03-15, a Wednesday), and its answer
becomes an interval from the date and the precision it reports (day, week,
month, year).  A case expecting ``None`` is one whose date cannot be known (a
duration, a date relative to another event, an ambiguous all-numeric date, a
season without a year, a date after the document): any interval there is
wrong.  ``tangle`` is :func:`extract.dates.resolve_date`: dateparser with the
rules around it.

    .venv/bin/python benchmarks/date_parsers.py [--show]

Needs ``pip install parsedatetime`` for that column (dateparser and dateutil
come with Tangle).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract.dates import _span_of, resolve_date  # noqa: E402

REFERENCE = date(2017, 3, 15)

#: (words, expected interval or None)
CASES: list[tuple[str, tuple[str, str] | None]] = [
    ("June 2016", ("2016-06-01", "2016-06-30")),
    ("in June 2016", ("2016-06-01", "2016-06-30")),
    ("Aug. 2, 2016", ("2016-08-02", "2016-08-02")),
    ("August 2, 2016", ("2016-08-02", "2016-08-02")),
    ("2 August 2016", ("2016-08-02", "2016-08-02")),
    ("Sept. 2016", ("2016-09-01", "2016-09-30")),
    ("2016", ("2016-01-01", "2016-12-31")),
    ("in 2015", ("2015-01-01", "2015-12-31")),
    ("2016-06-15", ("2016-06-15", "2016-06-15")),
    ("12/25/2016", ("2016-12-25", "2016-12-25")),
    ("Jan. 20", ("2017-01-20", "2017-01-20")),
    ("Feb. 27", ("2017-02-27", "2017-02-27")),
    ("July 27", None),  # later in the year than the document: last July or a plan for this one
    ("March", ("2017-03-01", "2017-03-15")),
    ("Tuesday", ("2017-03-14", "2017-03-14")),
    ("on Friday", ("2017-03-10", "2017-03-10")),
    ("on Wednesday", ("2017-03-15", "2017-03-15")),  # the document's own weekday
    ("Thursday night", ("2017-03-09", "2017-03-09")),
    ("yesterday", ("2017-03-14", "2017-03-14")),
    ("last week", ("2017-03-06", "2017-03-12")),
    ("last month", ("2017-02-01", "2017-02-28")),
    ("last year", ("2016-01-01", "2016-12-31")),
    ("this year", ("2017-01-01", "2017-03-15")),
    ("this week", ("2017-03-13", "2017-03-15")),
    ("earlier this year", ("2017-01-01", "2017-03-15")),
    ("two years ago", ("2015-01-01", "2015-12-31")),
    ("a year ago", ("2016-01-01", "2016-12-31")),
    ("three weeks ago", ("2017-02-20", "2017-02-26")),
    ("last Tuesday", ("2017-03-14", "2017-03-14")),
    ("the 1990s", ("1990-01-01", "1999-12-31")),
    ("the early 2000s", ("2000-01-01", "2003-12-31")),
    ("spring 2016", ("2016-03-01", "2016-05-31")),
    ("the summer of 2016", ("2016-06-01", "2016-08-31")),
    ("mid-2016", ("2016-05-01", "2016-08-31")),
    ("late 2015", ("2015-09-01", "2015-12-31")),
    ("June and July 2016", ("2016-06-01", "2016-07-31")),
    ("between 2013 and 2015", ("2013-01-01", "2015-12-31")),
    ("June 9-10, 2016", ("2016-06-09", "2016-06-10")),
    ("03/04/05", None),
    ("03/04/2005", None),
    ("spring", None),
    ("two years", None),
    ("several months", None),
    ("the past year", None),
    ("recent months", None),
    ("decades", None),
    ("two years earlier", None),
    ("the next day", None),
    ("that day", None),
    ("next month", None),
    ("2018", None),
    ("the time", None),
]


def _dateparser(words: str):
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(REFERENCE.year, REFERENCE.month, REFERENCE.day), "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first"})
    data = parser.get_date_data(words)
    if data is None or data.date_obj is None:
        return None
    return _span_of(data.date_obj.date(), data.period or "day", words)


def _parsedatetime(words: str):
    import parsedatetime

    calendar = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    when, context = calendar.parseDT(words, sourceTime=datetime(REFERENCE.year, REFERENCE.month, REFERENCE.day))
    if not context.hasDate:
        return None
    accuracy = context.accuracy
    period = ("day" if accuracy & context.ACU_DAY else "week" if accuracy & context.ACU_WEEK
              else "month" if accuracy & context.ACU_MONTH else "year")
    return _span_of(when.date(), period, words)


def _dateutil(words: str):
    from dateutil import parser

    try:
        one = parser.parse(words, fuzzy=True, default=datetime(1900, 1, 1))
        two = parser.parse(words, fuzzy=True, default=datetime(1904, 2, 2))
    except (ValueError, OverflowError):
        return None
    if one.year != two.year:
        return None  # no year in the words and no way to place them against a reference
    period = "day" if one.day == two.day else "month" if one.month == two.month else "year"
    return _span_of(one.date(), period, words)


def _tangle(words: str):
    return resolve_date(words, reference=REFERENCE)


CANDIDATES = {"dateparser": _dateparser, "parsedatetime": _parsedatetime, "dateutil": _dateutil, "tangle": _tangle}


def score(name: str, function, *, show: bool = False) -> tuple[int, int, int]:
    right = wrong = missed = 0
    for words, expected in CASES:
        try:
            found = function(words)
        except Exception as exc:  # noqa: BLE001 - a crash is a wrong answer here
            found = f"crash: {type(exc).__name__}"
        got = (found.start, found.end) if hasattr(found, "start") else None
        if got == expected:
            right += 1
        elif got is None and expected is not None:
            missed += 1
        else:
            wrong += 1
            if show:
                print(f"  {name}: {words!r} gave {got or found}, expected {expected}")
    return right, wrong, missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every wrong answer")
    args = parser.parse_args()
    print(f"{len(CASES)} cases, reference {REFERENCE}; wrong = an interval that is not the expected one")
    print("| parser | right | wrong | none where a date was expected |")
    print("|---|---|---|---|")
    for name, function in CANDIDATES.items():
        try:
            right, wrong, missed = score(name, function, show=args.show)
        except ImportError:
            print(f"| {name} | not installed | | |")
            continue
        print(f"| {name} | {right} | {wrong} | {missed} |")


if __name__ == "__main__":
    main()

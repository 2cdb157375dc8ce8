"""Dates: of documents (from their metadata or text) and of claims (from the words of a sentence).

A date is an interval with a precision and the words it came from
(:class:`DateInterval`).  :func:`resolve_date` reads the words of one date
expression ("June 2016", "Aug. 2, 2016", "last week", "the 1990s"), relative
ones against a reference date (the document's), with `dateparser
<https://pypi.org/project/dateparser/>`_ doing the calendar work and a few
rules around it that refuse what cannot be known: a date without a year and
no reference, a duration ("two years"), a date relative to another event
("two years earlier", "the next day"), an all-numeric date whose order is
ambiguous ("03/04/05"), a season without a year, a date after the reference
(a plan, not a fact).  What is refused is absent, never guessed.
:func:`date_record` reads a claim's words in their text: a date relative to
another event is counted from that event's date when the text names one
clearly, and in a text without a writing date a yearless month takes the year
its paragraph last named.

:func:`parse_date_value` reads a metadata value (a JSONL field, an e-mail
``Date`` header, a PDF ``D:20160615`` stamp) into an ISO 8601 date, and
:func:`date_in_text` finds a date among the first lines of a text or in a
file name.

>>> resolve_date("in June 2016", reference=None).start
'2016-06-01'
>>> resolve_date("last week", reference=date(2017, 3, 15)).end
'2017-03-12'
>>> resolve_date("03/04/05", reference=None) is None
True
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

from extract.records import DateInterval

__all__ = [
    "PRECISIONS",
    "claim_date_words",
    "date_record",
    "published_date",
    "url_date",
    "writing_date",
    "writing_reference",
    "DateInterval",
    "Precision",
    "date_in_text",
    "document_date",
    "parse_date_value",
    "resolve_date",
]

Precision = Literal["day", "week", "month", "year", "decade"]
#: Precisions, finest first.
PRECISIONS: tuple[Precision, ...] = ("day", "week", "month", "year", "decade")


_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")s?\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<![\d/.-])(1[5-9]\d\d|20\d\d)(?![\d/])")
_DECADE_RE = re.compile(r"^(?:the\s+)?(early|mid|late)?[\s-]*(1[5-9]\d0|20\d0)\s*['’]?s$", re.IGNORECASE)
_PART_OF_YEAR_RE = re.compile(r"^(early|mid|late|end of|beginning of|start of|middle of)"
                              r"[\s-]*(?:of\s+)?(1[5-9]\d\d|20\d\d)$", re.IGNORECASE)
#: "early February", "the end of June 2016": a part of a month, placed as the whole month.
_PART_OF_MONTH = re.compile(r"^(?:early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of)[\s-]+(?!\d)(.+)$",
                            re.IGNORECASE)
_SEASON_RE = re.compile(r"^(?:the\s+)?(?:(early|late)\s+)?(spring|summer|fall|autumn)\s*(?:of\s+)?"
                        r"(1[5-9]\d\d|20\d\d)$", re.IGNORECASE)
_NUMERIC_RE = re.compile(r"\b(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\b")
#: Words that make an expression relative to another event of the story, not to the document date.
_NARRATIVE = re.compile(r"\b(earlier|later|before|after|previous|prior|following|next|that|same|then|"
                        r"subsequent|preceding|within|until|since|by)\b", re.IGNORECASE)
#: Words of a relative date the parser can place against the document date.
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|last|this|past|ago)\b", re.IGNORECASE)
#: Words of a length of time, not of a moment: "two years", "several months", "decades".
_DURATION = re.compile(r"^(?:the\s+)?(?:[\w-]+\s+)*(?:days|weeks|months|years|decades|centuries)$"
                       r"|^(?:the\s+)?(?:past|recent|coming|next|first|a|an|one)\s+(?:day|week|month|year|decade|century)$",
                       re.IGNORECASE)
#: "earlier this year": from the start of the period to the reference date.
_EARLIER_THIS = re.compile(r"^earlier\s+(?:this|in the)\s+(week|month|year)$", re.IGNORECASE)
#: "June 9-10, 2016": days of one month.
_DAY_RANGE = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})\s*(?:-|–|to|and)\s*(\d{1,2}),?\s+(1[5-9]\d\d|20\d\d)$")
_TIME_OF_DAY = re.compile(r"\s+(morning|afternoon|evening|night|overnight)$", re.IGNORECASE)
_LEADING = re.compile(r"^(?:in|on|at|during|of|from|as of|as early as|as late as|around|about|circa|c\.|"
                      r"approximately|approx\.|roughly|"
                      r"the\s+(?:day|month|year)\s+of|the|early on)\s+", re.IGNORECASE)
_RANGE_RE = re.compile(r"^(?:between\s+|from\s+)?(.+?)\s*(?:–|—|-|\bto\b|\band\b|\bthrough\b|\bthru\b)\s*(.+)$",
                       re.IGNORECASE)


def _iso(day: date) -> str:
    return day.isoformat()


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _interval(start: date, end: date, precision: Precision, words: str) -> DateInterval:
    return DateInterval(start=_iso(start), end=_iso(end), precision=precision, words=words)


def _span_of(day: date, period: str, words: str) -> DateInterval | None:
    if period == "day":
        return _interval(day, day, "day", words)
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return _interval(monday, monday + timedelta(days=6), "week", words)
    if period == "month":
        return _interval(day.replace(day=1), _month_end(day.year, day.month), "month", words)
    if period == "year":
        return _interval(date(day.year, 1, 1), date(day.year, 12, 31), "year", words)
    return None


def _clean(words: str) -> str:
    text = " ".join(words.replace("\u2019", "'").split()).strip(" ,;:()[]\"'")
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text)
    return text


def _ambiguous_numeric(text: str, *, day_first: bool | None) -> bool:
    """True for an all-numeric date whose order cannot be told: "03/04/05", or "03/04/2005" unless the
    order is known (``day_first``) or one field is over 12."""
    for match in _NUMERIC_RE.finditer(text):
        a, b, c = (int(g) for g in match.groups())
        if len(match.group(1)) == 4:
            continue  # 2016-06-15, 2016/06/15: year first is never read another way
        if len(match.group(3)) != 4:
            return True  # "03/04/05": month, day or year in any place
        if a <= 12 and b <= 12 and a != b and day_first is None:
            return True
    return False


def _decade(text: str, words: str) -> DateInterval | None:
    match = _DECADE_RE.match(text)
    if match is None:
        return None
    part, first = (match.group(1) or "").lower(), int(match.group(2))
    lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(part, (0, 9))
    return _interval(date(first + lo, 1, 1), date(first + hi, 12, 31), "decade" if not part else "year", words)


def _part_of_year(text: str, words: str) -> DateInterval | None:
    match = _PART_OF_YEAR_RE.match(text)
    if match is not None:
        part, year = match.group(1).lower(), int(match.group(2))
        first, last = {"early": (1, 4), "beginning of": (1, 3), "start of": (1, 3),
                       "mid": (5, 8), "middle of": (5, 8), "late": (9, 12), "end of": (10, 12)}[part]
        return _interval(date(year, first, 1), _month_end(year, last), "month", words)
    match = _SEASON_RE.match(text)
    if match is not None:
        part, season, year = (match.group(1) or "").lower(), match.group(2).lower(), int(match.group(3))
        first = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9}[season]
        first, last = {"early": (first, first + 1), "late": (first + 1, first + 2)}.get(part, (first, first + 2))
        return _interval(date(year, first, 1), _month_end(year, last), "month", words)
    return None


def _day_range(text: str, words: str) -> DateInterval | None:
    match = _DAY_RANGE.match(text)
    month = _MONTHS.get(match.group(1).lower()) if match else None
    if match is None or month is None:
        return None
    year, first, last = int(match.group(4)), int(match.group(2)), int(match.group(3))
    try:
        start, end = date(year, month, first), date(year, month, last)
    except ValueError:
        return None
    return _interval(start, end, "day", words) if start <= end else None


@lru_cache(maxsize=4)
def _parser(day_first: bool):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                "DATE_ORDER": "DMY" if day_first else "MDY", "NORMALIZE": True}
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser(text: str, reference: date | None, day_first: bool) -> tuple[date, str] | None:
    import dateparser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first",
                                "RETURN_AS_TIMEZONE_AWARE": False, "DATE_ORDER": "DMY" if day_first else "MDY"}
    if reference is not None:
        settings["RELATIVE_BASE"] = datetime(reference.year, reference.month, reference.day)
    data = _parser(day_first).get_date_data(text) if reference is None else \
        dateparser.date.DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _consistent(text: str, found: DateInterval) -> bool:
    """The parser's answer agrees with the words: the year they name, the month they name, and a day
    only when they give a number or a relative word that can name one."""
    start = date.fromisoformat(found.start)
    years = {int(y) for y in _YEAR_RE.findall(text)}
    if years and start.year not in years:
        return False
    months = {_MONTHS[m.group(1).lower()] for m in _MONTH_RE.finditer(text)}
    if months and found.precision in ("day", "month") and start.month not in months:
        return False
    if found.precision == "day" and not (re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", text)
                                         or _WEEKDAY_RE.search(text) or _RELATIVE.search(text)):
        return False
    return True


def _one(text: str, words: str, *, reference: date | None, day_first: bool | None) -> DateInterval | None:
    """One date expression (no range) as an interval, or None: a form Tangle's rules read whole, else
    the parser's answer when the words can name a moment and agree with it."""
    text = _TIME_OF_DAY.sub("", text)
    part = _PART_OF_MONTH.match(text)
    if part is not None and _MONTH_RE.match(part.group(1)):
        text = part.group(1)  # "early February 2016" is placed in February 2016, no closer
    if _not_a_moment(text):
        return None
    found = _decade(text, words) or _part_of_year(text, words) or _day_range(text, words)
    if found is not None:
        return found
    if _EARLIER_THIS.match(text):
        return _earlier_this(text, words, reference)
    if _ambiguous_numeric(text, day_first=day_first):
        return None
    same_day = _same_weekday(text, words, reference)
    if same_day is not None:
        return same_day
    if not _placeable(text, reference):
        return None
    return _parsed(text, words, reference=reference, day_first=day_first)


def _not_a_moment(text: str) -> bool:
    """Nothing to read, a length of time ("two years"), or a day without its month ("2, 2015")."""
    return (not text or bool(_DURATION.match(text))
            or re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?,?\s+(1[5-9]\d\d|20\d\d)", text) is not None)


def _earlier_this(text: str, words: str, reference: date | None) -> DateInterval | None:
    """"earlier this year": from the start of the period to the reference date."""
    if reference is None:
        return None
    found = _span_of(reference, _EARLIER_THIS.match(text).group(1).lower(), words)
    return found and DateInterval(start=found.start, end=_iso(reference), precision=found.precision, words=words)


def _same_weekday(text: str, words: str, reference: date | None) -> DateInterval | None:
    """"on Thursday" in a Thursday's story: that day."""
    weekday = _WEEKDAY_RE.fullmatch(text)
    if weekday and reference is not None and _WEEKDAYS.index(weekday.group(1).lower()) == reference.weekday():
        return _interval(reference, reference, "day", words)
    return None


def _placeable(text: str, reference: date | None) -> bool:
    """Whether the words can name a moment the parser may place: a year, a number, a month or weekday,
    or a relative word; not one relative to another event of the story ("two years earlier", "the next
    day", "that week"); and, without a year or a number, only against a reference date."""
    has_year = bool(_YEAR_RE.search(text))
    numeric = bool(_NUMERIC_RE.search(text))
    named = bool(_MONTH_RE.search(text) or _WEEKDAY_RE.search(text))
    if not (has_year or numeric or named or _RELATIVE.search(text)):
        return False  # "spring", "the time", "recent years": nothing that names a moment
    if _NARRATIVE.search(text):
        return False
    return has_year or numeric or reference is not None


def _parsed(text: str, words: str, *, reference: date | None, day_first: bool | None) -> DateInterval | None:
    """The parser's interval for the words, relative ones against ``reference``, when it agrees with them
    (:func:`_consistent`); a bare year is that year, whatever day the parser picked."""
    has_year = bool(_YEAR_RE.search(text))
    parsed = _dateparser(text, reference if not has_year else None, bool(day_first))
    if parsed is None:
        return None
    found = _span_of(parsed[0], parsed[1], words)
    if found is None or not _consistent(text, found):
        return None
    if (not has_year and not _RELATIVE.search(text) and reference is not None and _MONTH_RE.search(text)
            and parsed[0].year < reference.year):
        return None  # "in August" in a text dated March: last August, or a plan for this one? Not known.
    if has_year and not (_MONTH_RE.search(text) or _WEEKDAY_RE.search(text)) and not _NUMERIC_RE.search(text) \
            and found.precision != "year":
        found = _span_of(parsed[0], "year", words)  # "in 2015" is the year, whatever day the parser picked
    return found


def resolve_date(words: str, *, reference: date | None, day_first: bool | None = None) -> DateInterval | None:
    """The interval that ``words`` name, relative ones placed against ``reference``; None when it
    cannot be known (see the module's docstring).  An interval that runs past ``reference`` ends there
    ("this year"); one that starts after it is a plan, not a date, and gives None.

    >>> resolve_date("the 1990s", reference=None).end
    '1999-12-31'
    >>> resolve_date("spring", reference=date(2017, 3, 15)) is None
    True
    """
    return _resolve(words, reference, day_first)


@lru_cache(maxsize=65536)
def _resolve(words: str, reference: date | None, day_first: bool | None) -> DateInterval | None:
    text = _clean(words)
    if not text or len(text) > 80:
        return None
    found = _one(text, words, reference=reference, day_first=day_first)
    if found is None:
        found = _range(text, words, reference=reference, day_first=day_first)
    if found is None:
        return None
    if reference is not None:
        if date.fromisoformat(found.start) > reference:
            return None
        if date.fromisoformat(found.end) > reference:
            found = DateInterval(start=found.start, end=_iso(reference), precision=found.precision, words=words)
    return found


def _range(text: str, words: str, *, reference: date | None, day_first: bool | None) -> DateInterval | None:
    """"June and July 2016", "2015-2016", "from March to May 2017": the interval from the first to the last."""
    match = _RANGE_RE.match(text)
    if match is None:
        return None
    left, right = match.group(1).strip(), match.group(2).strip()
    if _NUMERIC_RE.search(text) and not (_YEAR_RE.fullmatch(left) and _YEAR_RE.fullmatch(right)):
        return None
    right_years = _YEAR_RE.findall(right)
    if not _YEAR_RE.search(left) and right_years:
        left = f"{left} {right_years[-1]}"
    if re.fullmatch(r"\d{1,2}", right) and _MONTH_RE.search(left):  # "June 9-10, 2016" is read whole by the parser
        return None
    first = _one(left, words, reference=reference, day_first=day_first)
    last = _one(right, words, reference=reference, day_first=day_first)
    if first is None or last is None or first.start > last.end:
        return None
    coarser = max(first.precision, last.precision, key=PRECISIONS.index)
    return DateInterval(start=first.start, end=last.end, precision=coarser, words=words)


_PDF_STAMP = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")


def parse_date_value(value: object, *, day_first: bool | None = None) -> str | None:
    """A metadata value as an ISO 8601 date (``2016-06-15``, or ``2016-06``/``2016`` when that is all it
    says), or None when it is not one date.

    Reads ISO 8601 (with a time and zone), e-mail dates (RFC 2822), PDF stamps (``D:20160615…``), and
    written dates ("June 15, 2016").  An all-numeric date follows ``day_first`` when it is given
    (``False``: month first, as in "6/1/2005"); without it a date such as "03/04/2005" is ambiguous
    and gives None.

    >>> parse_date_value("Wed, 15 Jun 2016 09:30:00 +0000"), parse_date_value("6/1/2005", day_first=False)
    ('2016-06-15', '2005-06-01')
    """
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not text or len(text) > 100:
        return None
    stamp = _PDF_STAMP.match(text)
    if stamp:
        year, month, day = stamp.groups()
        return _checked(int(year), month and int(month), day and int(day))
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    if re.fullmatch(r"\d{4}(-\d{2})?", text):
        year, _, month = text.partition("-")
        return _checked(int(year), month and int(month), None)
    from email.utils import parsedate_tz

    try:
        parts = parsedate_tz(text)
    except (TypeError, ValueError, IndexError):
        parts = None
    if parts is not None and re.search(r"[A-Za-z]", text):
        return _checked(parts[0], parts[1], parts[2])
    found = _resolve(text, None, day_first)
    if found is None:
        return None
    start = date.fromisoformat(found.start)
    if found.precision == "day":
        return start.isoformat()
    if found.precision == "month":
        return start.isoformat()[:7]
    if found.precision == "year":
        return start.isoformat()[:4]
    return None


def _checked(year: int, month: int | None, day: int | None) -> str | None:
    try:
        if day:
            return date(year, month or 1, day).isoformat()
        if month:
            return date(year, month, 1).isoformat()[:7]
        return f"{year:04d}" if 1 <= year <= 9999 else None
    except (ValueError, TypeError):
        return None


#: A written date in a line of text or a file name: "June 15, 2016", "15 June 2016", "2016-06-15", "20160615".
_TEXT_DATE = re.compile(
    r"(?<!\d)(?:(?:19|20)\d\d[-_.](?:0[1-9]|1[0-2])[-_.](?:0[1-9]|[12]\d|3[01])"
    r"|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?!\d)"
    r"|\b(?:" + "|".join(sorted((m for m in _MONTHS if len(m) > 2), key=len, reverse=True)) + r")\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"
    r"|\b\d{1,2}\s+(?:" + "|".join(sorted((m for m in _MONTHS if len(m) > 2), key=len, reverse=True))
    + r")\.?,?\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)


def date_in_text(text: str) -> str | None:
    """The first full date (day, month and year) written in ``text``, as an ISO date, or None.

    >>> date_in_text("report_2016-06-15_final"), date_in_text("Posted on June 9, 2016 by staff")
    ('2016-06-15', '2016-06-09')
    """
    for match in _TEXT_DATE.finditer(text):
        raw = match.group(0)
        digits = re.fullmatch(r"(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})", raw)
        if digits:
            found = _checked(int(digits.group(1)), int(digits.group(2)), int(digits.group(3)))
        else:
            found = parse_date_value(raw)
        if found and len(found) == 10:
            return found
    return None


#: Non-empty lines at the top of a text looked at for its date, and characters of them.
_FIRST_LINES, _FIRST_CHARS = 5, 1000


def document_date(text: str, *, name: str, value: str | None = None, source: str | None = None,
                  header: str | None = None, url: str | None = None,
                  day_first: bool = False) -> tuple[str, str] | None:
    """A document's date and where it came from, from the best source there is: the metadata
    ``value`` its format or row gives (``source`` names it), a ``DATE:`` ``header`` line, the date in
    the path of its web address ``url`` (:func:`url_date`), a full date in the first lines of
    ``text``, a full date in the file ``name``.  A value that is not a date is passed over for the
    next source.

    >>> document_date("Body.", name="memo", value="2016-06-15T09:00:00Z", source="html meta")
    ('2016-06-15', 'html meta')
    >>> document_date("Report\\nJune 9, 2016\\nBody.", name="memo", value="soon", source="date field")
    ('2016-06-09', 'first lines')
    """
    if value is not None:
        found = parse_date_value(value, day_first=day_first)
        if found:
            return found, source or "metadata"
    if header is not None:
        found = parse_date_value(header, day_first=day_first)
        if found:
            return found, "DATE line"
    found = url_date(url)
    if found:
        return found, "url"
    lines = [line for line in text[:_FIRST_CHARS].splitlines() if line.strip()][:_FIRST_LINES]
    found = date_in_text("\n".join(lines))
    if found:
        return found, "first lines"
    found = date_in_text(name)
    if found:
        return found, "file name"
    return None


_URL_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: A date in the path of a URL, as one or more whole segments: ``/2017/09/20/``, ``/2016/dec/18/``,
#: ``/2016/07/`` (a month), ``/20170920/``.
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)/(1[0-2]|0?[1-9]|" + "|".join(_URL_MONTHS) + r")/(?:([12]\d|3[01]|0?[1-9])/)?"
    r"|/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/",
    re.IGNORECASE)


def url_date(url: object, *, today: date | None = None) -> str | None:
    """The date a web address's path gives (``2017-09-20``, or ``2017-09`` for a month), or None.

    Only an ``http(s)`` address is read, and only its path (not its query or fragment), where the date
    stands as whole segments: ``/2017/09/20/``, ``/2016/dec/18/``, ``/2016/07/``, ``/20170920/``.
    A news site puts the day it first published a story there.  A date that does not exist, or one
    after ``today`` (by default the day it is read), is no date.

    >>> url_date("https://example.com/politics/2017/09/20/story.html?utm=2016/01/01/")
    '2017-09-20'
    >>> url_date("https://example.com/news/archive/2016/07/story/"), url_date("https://example.com/a/123")
    ('2016-07', None)
    """
    if not isinstance(url, str) or len(url) > 2000:
        return None
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    match = _URL_DATE.search(parts.path + ("" if parts.path.endswith("/") else "/"))
    if match is None:
        return None
    if match.group(1):
        year, month, day = match.group(1), match.group(2), match.group(3)
        month = _URL_MONTHS.index(month.lower()) + 1 if month.isalpha() else int(month)
    else:
        year, month, day = match.group(4), int(match.group(5)), match.group(6)
    found = _checked(int(year), month, int(day) if day else None)
    if found is None or found > (today or date.today()).isoformat()[:len(found)]:
        return None
    return found


#: Days a URL's date may differ from the document's date and still be the same day (time zones, a
#: paper's print date the day after its web story).
_SAME_DAY = 2


def _span(value: str) -> tuple[date, date] | None:
    """The first and last day an ISO date (``2016-06-15``, ``2016-06`` or ``2016``) names."""
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return day, day
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:])
            return date(year, month, 1), _month_end(year, month)
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def published_date(document_date: str | None, url: str | None, *, today: date | None = None) -> str | None:
    """The date ``url`` gives (:func:`url_date`) when it tells more than ``document_date`` does, or None.

    A URL's date is the day a story was first published.  It tells nothing more when it is the
    document's date (within two days: time zones, a paper's print date), or a month that holds it;
    it tells more when it is another day, or a day within a month or year that is all the document's
    date says.  A date field often holds the day of the events a story is about, not of the story.

    >>> published_date("2016-07-07", "https://example.com/2017/09/20/story.html")
    '2017-09-20'
    >>> published_date("2016-06-19", "https://example.com/2016/06/20/story.html") is None
    True
    """
    found = url_date(url, today=today)
    if found is None or document_date is None:
        return found
    mine, theirs = _span(document_date), _span(found)
    if mine is None or theirs is None:
        return found
    slack = timedelta(days=_SAME_DAY)
    if mine[0] == mine[1] and theirs[0] - slack <= mine[0] <= theirs[1] + slack:
        return None
    return found


def writing_reference(document_date: str | None, published: str | None) -> str | None:
    """The day a document was written, to place its relative words against (before
    :func:`writing_date` checks it against the text): the day it was published (``published``, see
    :func:`published_date`) when that is not before its date; none when the document was
    published before its date by more than two days (written on either day) or in a month it does
    not say the day of; else its date.

    >>> writing_reference("2016-07-07", "2017-09-20"), writing_reference("2016-07-07", "2017-09")
    ('2017-09-20', None)
    """
    if published is None:
        return document_date
    if len(published) != 10:
        return None
    span = _span(document_date) if document_date else None
    if span is not None and date.fromisoformat(published) < span[0] - timedelta(days=_SAME_DAY):
        return None
    return published


#: Prepositions whose date bounds a claim instead of dating it ("since 2015", "until June").
_BOUNDING = frozenset({"since", "until", "till", "before", "after", "by", "through", "throughout", "from",
                       "between", "prior", "following", "ahead", "within", "over", "into", "toward", "towards", "to"})
#: Auxiliaries of a clause about the future: its date is a plan, not a fact.
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_QUOTES_OPEN, _QUOTES_CLOSE = "“‘", "”’"
_VERBAL = frozenset({"VERB", "AUX"})


#: Dependencies that open a clause of its own: its date is not the date of the clause above.
_CLAUSES = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass"})


def _clause(token):
    """The index of the head of the clause ``token`` stands in: the nearest verb above it (or itself)
    that opens a clause (:data:`_CLAUSES`).  Participles, gerunds, infinitives and coordinated verbs
    belong to the clause above them ("met X and toured Y", "agreed to meet X", "a firm founded by X")."""
    seen = 0
    while seen < 64 and token.head.i != token.i and not _opens_clause(token):
        token, seen = token.head, seen + 1
    return token.i


def _opens_clause(token) -> bool:
    """True for a verb that opens a clause of its own (:data:`_CLAUSES`); not a clause of purpose ("asked
    X to leave so that he could ask Y"), which belongs to the clause above as an infinitive does."""
    return (token.pos_ in _VERBAL and token.dep_ in _CLAUSES
            and not (token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "so" for c in token.children)))


def claim_date_words(sent, anchors, *, phrase=None, dated_labels: frozenset[str] = frozenset()) -> str:
    """The words of ``sent`` (a spaCy ``Span``) that date the claim whose words are ``anchors``
    (tokens: the two names and the trigger), or ``""``.

    A ``DATE`` entity dates the claim when it stands in the claim's own clause: the clause of the
    trigger (the last anchor), or of the lowest word that governs every anchor.  A date in a clause
    above it ("X said in 2017 that he met Y") or beside it dates something else; a date under
    "since", "until", "before" or "after" bounds the claim rather than dating it; two different
    dates in the clause are one too many, unless one only stands in the phrase that holds the claim
    ("Y, fired by X in January, testified today").  A tie a noun phrase states (``phrase``, its head:
    "former Secretary X") is dated only by a date inside that phrase, or by the clause's when the phrase
    says the tie held then ("then-chairman X").  A date inside a noun phrase dates what the phrase names
    (:func:`_dates_the_claim`).  A full date closing a caption ("X and Y in Chicago, November 7, 2012.")
    dates the whole sentence.
    """
    if not anchors:
        return ""
    clause = _claim_clause(anchors)
    if clause is None or _about_the_future(sent.doc[clause]):
        return ""
    words = _dating_words(sent, anchors, clause, phrase)
    if not words and len(anchors) > 2:
        return _event_year(sent, anchors, dated_labels)
    return words.pop() if len(words) == 1 else ""


def _dating_words(sent, anchors, clause: int, phrase) -> set[str]:
    """The words of the dates of ``sent`` that date the claim in ``clause`` (see :func:`claim_date_words`)."""
    dates = _candidate_dates(sent, phrase)
    taken = {ent.text for ent in dates if _taken(ent)}
    if len(taken) == 1:
        return taken  # "… in this photo taken on May 2, 2010 and released on June 7, 2010": what it shows
    top = sent.doc[clause]
    found = {ent: words for ent, words in _clause_dates(sent, dates, clause)
             if _dateline(sent, ent) or _dates_the_claim(ent, top, anchors)}
    return set(_one_date_of_many(found, anchors).values())


def _candidate_dates(sent, phrase) -> list:
    """The ``DATE`` entities of ``sent`` that may date a claim: not a bare number, and, for a tie a noun
    phrase states (``phrase``), only those inside it unless the phrase says "then" ("then-chairman X")."""
    dates = [ent for ent in sent.ents if ent.label_ == "DATE" and not _BARE_NUMBER.fullmatch(ent.text)]
    if phrase is not None and not any(token.lower_ == "then" for token in phrase.subtree):
        dates = [ent for ent in dates if _inside(ent, phrase)]
    return dates


def _one_date_of_many(found: dict, anchors) -> dict:
    """``found`` (date entity -> its words) narrowed when it holds more than one date: first without a
    relative date another restates ("Three days later, on July 31, 2016"), then, if still more than one,
    to the dates inside the phrase that holds the claim (the lowest word governing every anchor)."""
    if len(set(found.values())) > 1:
        restated = {ent for ent in found for other in found if _restates(other, ent)}
        found = {ent: words for ent, words in found.items() if ent not in restated}
    if len(set(found.values())) > 1:
        governor = _governor(anchors)
        found = {ent: words for ent, words in found.items() if _inside(ent, governor)}
    return found


def _restates(ent, relative) -> bool:
    """True when the date ``ent`` restates the date ``relative`` to another event it directly follows
    ("Three days later, on July 31, 2016, …"): the named date is the claim's."""
    between = [token.lower_ for token in ent.doc[relative.end:ent.start]]
    return (relative.end <= ent.start and len(between) <= 2 and set(between) <= {",", "on", "in"}
            and not _FROM_EVENT.match(_clean(ent.text)) and _FROM_EVENT.match(_clean(relative.text)) is not None)


#: Verbs of taking a picture, and the pictures whose date dates all a caption shows.
_TAKING = frozenset({"taken", "shot", "filmed", "recorded"})
_PICTURES = frozenset({"photo", "photograph", "picture", "image", "video", "footage"})


def _taken(ent) -> bool:
    """True for the date a picture was taken, in its caption ("… in this photo taken on May 2, 2010")."""
    head = ent.root.head
    if head.lower_ in ("on", "in") and head.dep_ == "prep":
        head = head.head
    return head.lower_ in _TAKING and head.dep_ == "acl" and head.head.lower_ in _PICTURES


def _dates_the_claim(ent, top, anchors) -> bool:
    """Whether a date of the clause headed by ``top`` dates the claim of ``anchors``: a date on the clause's
    verb does; one inside a noun phrase dates what the phrase names ("the June 2016 meeting between X and
    Y", "talked about the 2016 election"), so only a claim whose words all stand in that phrase, or the
    clause when the phrase is where or when it happens ("met at a meeting in June 2016", "during a press
    conference last month")."""
    if _attributed(ent, top):
        return False
    nouns, near = _nouns_above(ent, top)
    if not nouns:
        return True
    if top.tag_ not in _PRESENT and any(noun.dep_ == "pobj" and noun.head.lower_ in _DURING | {"on"}
                                        and noun.head.head.i == top.i for noun in nouns[:near]):
        return True  # not "X is under scrutiny during the 2016 campaign": a state now, not then
    return all(_inside(anchor, nouns[-1]) for anchor in anchors)


#: Tags of a verb in the present tense.
_PRESENT = frozenset({"VBZ", "VBP"})
#: Words that attribute a claim to a source: a date under them dates the source ("according to filings in 2016").
_ATTRIBUTION = frozenset({"according"})


def _attributed(ent, top) -> bool:
    """True when the date ``ent`` stands in an attribution below the clause head ``top``."""
    token, seen = ent.root, 0
    while token.i != top.i and token.head.i != token.i and seen < 64:
        token, seen = token.head, seen + 1
        if token.lower_ in _ATTRIBUTION:
            return True
    return False


def _nouns_above(ent, top) -> tuple[list, int]:
    """The nouns outside the date ``ent`` between its words (not a preposition the model took in: "about
    last year's") and the head ``top`` of its clause, lowest first: the one the date modifies, up to the
    widest phrase it stands in; and how many come before a verb ("efforts to disrupt last year's
    election": above the verb, the date belongs to what the verb says)."""
    token = next((t for t in ent if t.pos_ in _NOMINAL or t.like_num), ent.root)
    nouns, near, seen = [], None, 0
    while token.head.i != token.i and token.head.i != top.i and seen < 64:
        token, seen = token.head, seen + 1
        if token.pos_ in _VERBAL and near is None:
            near = len(nouns)
        elif token.pos_ in _NOMINAL and not ent.start <= token.i < ent.end:
            nouns.append(token)
    return nouns, len(nouns) if near is None else near


_NOMINAL = frozenset({"NOUN", "PROPN"})


#: Prepositions that place a claim at or during the event they govern ("interference in the 2016 election").
_DURING = frozenset({"in", "at", "during"})


def _event_year(sent, anchors, dated_labels: frozenset[str]) -> str:
    """The year in the name of the event a typed claim places itself at ("X's interference in the 2016
    election", "X spoke at the 2016 convention"), or ``""``: a name of the claim naming one year, of a
    type in ``dated_labels`` (the types whose names may carry a date), governed by "in", "at" or
    "during" on the trigger (the last anchor)."""
    trigger = anchors[-1]
    for anchor in anchors[:-1]:
        if anchor.head.lower_ not in _DURING or anchor.head.head.i != trigger.i:
            continue
        for ent in sent.ents:
            if ent.label_ in dated_labels and ent.start <= anchor.i < ent.end \
                    and len(set(_YEAR_RE.findall(ent.text))) == 1:
                return _YEAR_RE.search(ent.text).group(1)
    return ""


#: A DATE entity that is a bare number ("6": an age the model read as a date) names no date.
_BARE_NUMBER = re.compile(r"\W*\d{1,3}\W*")


def _inside(item, head) -> bool:
    """True when ``item`` (a span or a token) lies within the phrase ``head`` heads."""
    first, last = (item.start, item.end - 1) if hasattr(item, "start") else (item.i, item.i)
    return head.left_edge.i <= first and last <= head.right_edge.i


def _claim_clause(anchors) -> int | None:
    """The index of the clause a claim is made in: its trigger's (the last of three anchors), or for a
    co-mention the one clause both names stand in (None when they share none, or several)."""
    if len(anchors) > 2:
        return _clause(anchors[-1])
    common = set.intersection(*(_clauses_of(anchor) for anchor in anchors))
    return common.pop() if len(common) == 1 else None


def _about_the_future(head) -> bool:
    """True for a clause about the future ("will meet"): its date is a plan, not a fact."""
    return any(child.dep_ == "aux" and child.lower_ in _FUTURE for child in head.children)


def _clause_dates(sent, dates, clause: int) -> Iterator[tuple[Any, str]]:
    """Each date in ``dates`` (DATE entities of ``sent``) that dates the clause ``clause``, with its words:
    a range read whole ("from 2011 to 2014"), a caption's closing date (:func:`_dateline`), and neither
    a date that bounds the clause ("since 2015") nor a yearless one inside quoted speech."""
    consumed = set()
    for n, ent in enumerate(dates):
        if n in consumed:
            continue
        head = ent.root.head
        following = dates[n + 1] if n + 1 < len(dates) else None
        closing = _closing(ent, following) if head.lower_ in _RANGE_START else None
        if closing is not None:
            if following is not None and closing == following.text:
                consumed.add(n + 1)
            if _clause(head) == clause:
                yield ent, f"{ent.text} to {closing}"  # "from 2011 to 2014": the whole range
        elif _dateline(sent, ent):
            if _clause(sent.root) == clause:
                yield ent, ent.text
        elif not _bounding(head) and not (_quoted(sent, ent) and not _YEAR_RE.search(ent.text)) \
                and _clause(head) == clause:
            yield ent, ent.text  # a yearless date in quoted speech ("Monday") is the speaker's, not the document's


def _dateline(sent, ent) -> bool:
    """True for a full date that closes ``sent``, the object of no preposition: a photo caption's date
    ("… before his speech in Chicago, November 7, 2012.", "… in this photo taken August 4, 2012."),
    the date of all it shows."""
    doc = sent.doc
    return (ent.start > sent.start and ent.root.dep_ != "pobj"
            and all(token.is_punct or token.is_space for token in doc[ent.end:sent.end])
            and _TEXT_DATE.fullmatch(ent.text) is not None)


def _bounding(head) -> bool:
    """True when a date's ``head`` makes it a bound of the claim ("since 2015", "before meeting in June")."""
    return head.lower_ in _BOUNDING or (head.dep_ == "pcomp" and head.head.lower_ in _BOUNDING)


_RANGE_START = frozenset({"from", "between"})
_RANGE_END = frozenset({"to", "through", "until", "till", "and", "-", "–"})


def _closing(first, second) -> str | None:
    """The words that close the range ``first`` opens ("from 2011 to 2014", "between 2007 and 2012"):
    the next DATE entity ``second`` right after "to"/"and", or a bare year there the model did not tag."""
    doc = first.doc
    if first.end + 1 >= len(doc) or doc[first.end].lower_ not in _RANGE_END:
        return None
    if second is not None and second.start == first.end + 1:
        return second.text
    year = doc[first.end + 1]
    return year.text if _YEAR_RE.fullmatch(year.text) else None


def _quoted(sent, ent) -> bool:
    """True when ``ent`` stands inside quotation marks in ``sent``."""
    before = sent.doc.text[sent.start_char:ent.start_char]
    opened = sum(before.count(q) for q in _QUOTES_OPEN) - sum(before.count(q) for q in _QUOTES_CLOSE)
    return opened > 0 or before.count('"') % 2 == 1


def _clauses_of(token) -> set[int]:
    """The clauses a name stands in: its own, and a relative clause on it ("X, who was dismissed in
    February for lying to Y": X and Y share the relative clause), also when the parser hangs that
    clause on the noun the name completes ("the firing of X, who was dismissed …")."""
    relative = [child for child in token.children if child.dep_ == "relcl"]
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        relative += [child for child in token.head.head.children if child.dep_ == "relcl"
                     and child.left_edge.i > token.i and child.left_edge.lower_ in _WHO]
    return {_clause(token)} | {child.i for child in relative}


#: Relative pronouns of a person: the clause they open is about the name before them.
_WHO = frozenset({"who", "whom", "whose"})


def _governor(tokens):
    """The lowest token whose subtree holds every one of ``tokens``."""
    chains = []
    for token in tokens:
        chain = [token]
        while chain[-1].head.i != chain[-1].i and len(chain) < 64:
            chain.append(chain[-1].head)
        chains.append(chain)
    common = set.intersection(*({t.i for t in chain} for chain in chains))
    return next((t for t in chains[0] if t.i in common), chains[0][-1])


def writing_date(document_date: str | None, sentences) -> date | None:
    """The date a document was written, to place its relative words against: its date, when that is
    a day and at most one of ``sentences`` names a later year or date (one may be a plan, or a name
    such as a game called "2048").  A date field often holds the date of the
    events a story is about rather than of the story ("6/1/2005" on a story of 2017 that says "last
    year" of 2016); a text that names years after its date was not written on it, and then relative
    words stay unresolved.

    >>> writing_date("2017-03-15", ["In 2016 they met."]), writing_date("2005-06-01", ["In 2016.", "In 2017."])
    (datetime.date(2017, 3, 15), None)
    """
    if not document_date or len(document_date) != 10:
        return None
    try:
        written = date.fromisoformat(document_date)
    except ValueError:
        return None
    later = 0
    for sentence in dict.fromkeys(sentences):
        if any(int(year) > written.year for year in _YEAR_RE.findall(sentence)) or any(
                (found := date_in_text(match.group(0))) and found > document_date
                for match in _TEXT_DATE.finditer(sentence)):
            later += 1
            if later >= 2:
                return None
    return written


#: Characters before a sentence looked at for the full date the text last named.
_CONTEXT_CHARS = 400


def _another_year(text: str, sentence: str, at: int, found: DateInterval) -> bool:
    """True when the yearless words at ``text[at]`` dated ``found`` belong to another year than the
    document's: their ``sentence`` names years and not this one ("on January 3" in a sentence about 2008),
    or the full date the text names last before the sentence, on its line, is of another year (a gallery's
    caption of 2010 before "ruptured on April 20", in a story of 2016)."""
    named = {int(y) for y in _YEAR_RE.findall(sentence)}
    if named:
        return int(found.start[:4]) not in named
    start = at - max(sentence.find(found.words), 0)
    before = text[max(text.rfind("\n", 0, start) + 1, start - _CONTEXT_CHARS):start]
    last = None
    for match in _TEXT_DATE.finditer(before):
        last = date_in_text(match.group(0)) or last
    return last is not None and last[:4] != found.start[:4]


#: Characters before a yearless date looked at, within its paragraph, for the year it carries.
_PARAGRAPH_CHARS = 2000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_MONTH_NAMES = "|".join(sorted((m.capitalize() for m in _MONTHS if len(m) > 2), key=len, reverse=True))
#: A date the text names with its month and year: "June 9, 2016", "early February 2016", "Aug. 2016".
_MONTH_YEAR = re.compile(r"\b(" + _MONTH_NAMES + r")\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+(1[5-9]\d\d|20\d\d)\b")


def _carried_year(text: str, at: int, month: int) -> int | None:
    """The year a yearless date of ``month`` at ``text[at]`` takes from the text before it ("In early
    February" after "by early February 2016"): the year of the last date with a month and a year before
    it in its paragraph.  None when there is none, or when the year cannot be carried: another year is
    named after that date, or ``month`` comes before that date's month ("In December 2015 … in January":
    the next year, or a look back?)."""
    window = text[max(0, at - _PARAGRAPH_CHARS):at]
    breaks = list(_PARAGRAPH_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    anchors = list(_MONTH_YEAR.finditer(window))
    if not anchors:
        return None
    last = anchors[-1]
    year = int(last.group(2))
    if {int(y) for y in _YEAR_RE.findall(window[last.end():])} - {year} or month < _MONTHS[last.group(1).lower()]:
        return None
    return year


def _date_at(text: str, sentence: str, at: int, words: str, reference: date | None, *,
             undated: bool) -> DateInterval | None:
    """The interval the date ``words`` at ``text[at]`` (in ``sentence``) name, relative ones against the
    document's writing date ``reference``, unless a yearless one belongs to another year
    (:func:`_another_year`).  In an ``undated`` document (no writing date: a report chapter) a yearless
    month takes the year the paragraph last named (:func:`_carried_year`); a dated story's "on Dec. 9"
    is of the year it was written in, whatever years its background names."""
    month = _MONTH_RE.search(words)
    if undated and month is not None and not _YEAR_RE.search(words) and not _RELATIVE.search(words):
        year = _carried_year(text, at, _MONTHS[month.group(1).lower()])
        if not year:
            return None
        found = _resolve(words, date(year, 12, 31), None)
        named = {int(y) for y in _YEAR_RE.findall(sentence)}
        return None if found is None or (named and year not in named) else found
    found = _resolve(words, reference, None)
    if found is not None and not _YEAR_RE.search(words) and _another_year(text, sentence, at, found):
        return None
    return found


def date_record(record):
    """``record`` (a :class:`~extract.records.DocumentRecord`) with each citation's ``when`` words
    resolved into its ``date``, relative words against the date the document was written: the day it
    was published when its URL says so (:func:`writing_reference`), else its date, when its text does
    not contradict it (:func:`writing_date`); a citation whose words name no knowable date has none."""
    from dataclasses import replace

    document = record.document
    reference = writing_date(writing_reference(document.date, document.published),
                             (rel.citation.sentence for rel in record.relations))
    relations = []
    changed = False
    clauses = _dated_clauses(record.relations)
    for rel in record.relations:
        citation = rel.citation
        found = _claim_date(record.document, citation, rel.when, reference, clauses) if rel.when else None
        if found != citation.date:
            rel = replace(rel, citation=replace(citation, date=found))
            changed = True
        relations.append(rel)
    return replace(record, relations=tuple(relations)) if changed else record


def _claim_date(document, citation, words: str, reference: date | None, clauses) -> DateInterval | None:
    """The interval the ``words`` that date a claim name, read in the ``document`` around the claim's
    ``citation``, relative ones against the date it was written (``reference``) or, for a date relative
    to another event ("the next day"), against that event's date (:func:`_after_event`)."""
    text = document.text or ""
    at = citation.start + max(citation.sentence.find(words), 0)
    if _FROM_EVENT.match(_clean(words)):
        return _after_event(text, citation, at, words, reference, clauses)
    return _date_at(text, citation.sentence, at, words, reference, undated=reference is None)


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_UNITS = r"(day|week|month|year)"
#: A date relative to another event of the story: "the next day", "two years later", "later that month".
_FROM_EVENT = re.compile(
    r"^(?:(?P<count>a|an|" + "|".join(_COUNTS) + r"|\d{1,2})\s+" + _UNITS + r"s?\s+(?P<way>later|earlier|after|before)"
    r"|(?P<step>next|following|previous|preceding|prior)\s+" + _UNITS +
    r"|" + _UNITS + r"\s+(?P<side>before|after)"
    r"|(?:(?:later|earlier)\s+)?(?:that|the\s+same|that\s+same|same)\s+" + _UNITS + r")$",
    re.IGNORECASE)
#: What may stand between two sentences: space and footnote markers ("<FN12>", "[4]").
_BETWEEN = re.compile(r"(?:\s|<[^<>\n]{1,16}>|\[\d{1,3}\])*")


def _dated_clauses(relations) -> dict[int, list]:
    """The words that date claims, by the start of their sentence: (offset, words, citation) of each
    relation whose clause is dated by words not themselves relative to another event."""
    clauses: dict[int, list] = {}
    for rel in relations:
        if rel.when and not _FROM_EVENT.match(_clean(rel.when)):
            citation = rel.citation
            at = citation.start + max(citation.sentence.find(rel.when), 0)
            clauses.setdefault(citation.start, []).append((at, rel.when, citation))
    return clauses


def _after_event(text: str, citation, at: int, words: str, reference: date | None, clauses) -> DateInterval | None:
    """The interval a date relative to another event names ("the next day", "two years later", "later
    that month"), counted from the date of that event: the date of the claims of the sentence made
    before the words, or else of the claims of the sentence right before (``clauses``, from
    :func:`_dated_clauses`: dates the clause rules gave claims, not any date a sentence names, such as
    a planned meeting's).  None when there is none, several, one that cannot be placed, or one too
    coarse for the words ("the next day" after "in June 2016"), or when it falls after ``reference``."""
    anchors = [(position, when, cited) for position, when, cited in clauses.get(citation.start, ()) if position < at]
    if not anchors:
        before = [cited for dated in clauses.values() for _, _, cited in dated if cited.end <= citation.start]
        previous = max(before, key=lambda cited: cited.end, default=None)
        if previous is None or not _BETWEEN.fullmatch(text, previous.end, citation.start):
            return None
        anchors = clauses[previous.start]
    dates = {_date_at(text, cited.sentence, position, when, reference, undated=reference is None)
             for position, when, cited in anchors}
    if None in dates or len({(found.start, found.end) for found in dates}) != 1:
        return None
    found = _shifted(dates.pop(), _FROM_EVENT.match(_clean(words)), words)
    if found is None or (reference is not None and found.start > _iso(reference)):
        return None
    if reference is not None and found.end > _iso(reference):
        found = DateInterval(start=found.start, end=_iso(reference), precision=found.precision, words=words)
    return found


def _shifted(anchor: DateInterval, match: re.Match, words: str) -> DateInterval | None:
    """The period ``match`` (of :data:`_FROM_EVENT`) names counted from ``anchor``: a day, week, month or
    year; None when the anchor does not lie within one such period ("the next day" after "June 9-10")."""
    first, last = date.fromisoformat(anchor.start), date.fromisoformat(anchor.end)
    unit = next(u for u in match.groups()[1:] if u and u.lower() in ("day", "week", "month", "year")).lower()
    count, way, step, side = match.group("count"), match.group("way"), match.group("step"), match.group("side")
    if count is not None:
        steps = _COUNTS.get(count.lower()) or int(count)
        steps = -steps if way.lower() in ("earlier", "before") else steps
    elif step is not None:
        steps = -1 if step.lower() in ("previous", "preceding", "prior") else 1
    elif side is not None:
        steps = -1 if side.lower() == "before" else 1
    else:
        steps = 0
    if _span_of(first, unit, words) != _span_of(last, unit, words):
        return None
    if unit in ("day", "week"):
        return _span_of(first + timedelta(days=steps * (7 if unit == "week" else 1)), unit, words)
    if unit == "month":
        months = first.year * 12 + first.month - 1 + steps
        return _span_of(date(months // 12, months % 12 + 1, 1), "month", words)
    return _span_of(date(first.year + steps, 1, 1), "year", words)

"""Text preparation that keeps every character offset intact.

Citation markers (``[4]``), editorial markers (footnote anchors ``<FN12>``,
``<SECTION>``, ``<REDACTED>``, ``[REDACTED]``, a footnote number glued to a
sentence's full stop) and boilerplate lines are *masked*: replaced by spaces of
the same length, so the model never sees them, they can never become part of
an entity, and offsets into the masked text are offsets into the original
document.  Only citation markers are kept, as the numbers a citation carries.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.vocabulary import Boilerplate

__all__ = ["MARKER_RE", "Prepared", "header_fields", "markers_between", "prepare"]

#: One citation marker: a bracketed reference number, e.g. ``[4]``.
MARKER_RE = re.compile(r"\[(\d{1,4})\]")
#: Editorial markers that are not citations: an all-capitals tag in angle brackets (``<FN12>``,
#: ``<SECTION>``, ``<REDACTED>``), a bracketed redaction, a footnote number glued to a full stop
#: ("in Moscow.291 Donald"), and the invisible characters (soft hyphen, zero-width ones, BOM).
EDITORIAL_RE = re.compile(r"<[A-Z][A-Z_]*\d*>|\[(?:redacted|REDACTED|Redacted)[^\]\n]{0,40}\]"
                          r"|(?<=[a-z]\.)\d{1,4}(?=\s)")
#: One ``KEY: value`` line of a header block at the top of a file ("SOURCE: Reuters").
_HEADER_LINE = re.compile(r"([A-Z][A-Z_-]{1,24}):[ \t]*(.*)")
#: Header keys whose value is content, read by the model: the others are metadata only.
_CONTENT_KEYS = frozenset({"TITLE", "HEADLINE", "SUBJECT"})
#: Keys a header block is made of (a transcript's "LEE: …" speaker lines are not a header).
HEADER_KEYS = _CONTENT_KEYS | frozenset({
    "SOURCE", "DATE", "URL", "LINK", "AUTHOR", "AUTHORS", "BYLINE", "BY", "PUBLISHED", "UPDATED", "PUBLISHER",
    "OUTLET", "MEDIA_OUTLET", "SECTION", "TOPIC", "TAGS", "KEYWORDS", "CATEGORY", "LANGUAGE", "ID", "DESCRIPTION"})


@dataclass(frozen=True)
class HeaderField:
    """One ``KEY: value`` line of a file's header block, with the offsets of its line and value."""

    key: str
    value: str
    start: int
    value_start: int
    end: int


def header_fields(text: str) -> tuple[HeaderField, ...]:
    """The ``KEY: value`` lines that open ``text`` (two or more, keys from :data:`HEADER_KEYS`, up to
    the first line that is not one), as in a scraped article's "TITLE: …", "SOURCE: …", "URL: …".

    >>> [(f.key, f.value) for f in header_fields("TITLE: Talks\nSOURCE: Wire\n\nBody.")]
    [('TITLE', 'Talks'), ('SOURCE', 'Wire')]
    """
    fields = []
    position = 0
    for line in text.splitlines(keepends=True):
        match = _HEADER_LINE.fullmatch(line.rstrip("\n"))
        if match is None or match.group(1) not in HEADER_KEYS:
            break
        fields.append(HeaderField(match.group(1), match.group(2).strip(), position, position + match.start(2),
                                  position + len(line.rstrip("\n"))))
        position += len(line)
    return tuple(fields) if len(fields) >= 2 else ()


@dataclass(frozen=True)
class Prepared:
    """A document's text ready for the model, with its markers located.

    ``masked`` has the same length as the original text.  ``marker_starts``
    and ``marker_numbers`` are parallel, sorted by position.
    """

    masked: str
    marker_starts: tuple[int, ...]
    marker_numbers: tuple[int, ...]


def _blank(text: str) -> str:
    """Spaces in place of every character but line breaks."""
    return re.sub(r"[^\n]", " ", text)


def prepare(text: str, boilerplate: Boilerplate) -> Prepared:
    """Mask citation markers and boilerplate lines of ``text``.

    >>> from extract.vocabulary import Boilerplate
    >>> p = prepare("Merkel met Macron [1] [2].", Boilerplate((), ()))
    >>> p.masked
    'Merkel met Macron        .'
    >>> p.marker_numbers
    (1, 2)
    """
    starts, numbers = [], []
    for match in MARKER_RE.finditer(text):
        starts.append(match.start())
        numbers.append(int(match.group(1)))
    masked = MARKER_RE.sub(lambda m: " " * len(m.group(0)), text)
    masked = EDITORIAL_RE.sub(lambda m: " " * len(m.group(0)), masked)
    for field in header_fields(text):  # metadata, not prose: only a title's words are read
        cut = field.value_start if field.key in _CONTENT_KEYS else field.end
        masked = masked[:field.start] + " " * (cut - field.start) + masked[cut:]
    pieces: list[str] = []
    skipping = False
    for line in masked.splitlines(keepends=True):
        stripped = line.strip()
        if not skipping and boilerplate.ends_content(stripped):
            skipping = True
        if skipping or boilerplate.is_boilerplate(stripped):
            pieces.append(_blank(line))
        else:
            pieces.append(line)
    masked = "".join(pieces)
    return Prepared(masked=masked, marker_starts=tuple(starts), marker_numbers=tuple(numbers))


def markers_between(prepared: Prepared, start: int, end: int) -> tuple[int, ...]:
    """The marker numbers that stand between ``start`` and ``end``, in order, without repeats."""
    lo = bisect.bisect_left(prepared.marker_starts, start)
    hi = bisect.bisect_left(prepared.marker_starts, end)
    return _unique(prepared.marker_numbers[lo:hi])


def _unique(numbers: Sequence[int]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(numbers))

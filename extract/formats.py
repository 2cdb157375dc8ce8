"""Format readers: one function per file suffix, from bytes to text.

A reader takes the file's path and bytes and returns a :class:`Loaded`: the
text, and where the format has them a title, page start offsets and metadata
(headers of an e-mail, the encoding a text file was decoded from).  Readers
raise :class:`~extract.errors.DocumentError` with a reason and the way out;
heavy libraries (pypdf, python-docx, BeautifulSoup, charset-normalizer) are
imported inside the reader that needs them.

Row formats (``.jsonl``, ``.csv``) hold many documents; :func:`iter_rows`
streams them one row at a time, never holding more than one row.

Every reader works within :class:`Limits`: a file that would need more (a zip
bomb, a document nested a million levels deep, a 100 MB CSV field) raises
:class:`LimitReached`, which names the limit and the option that raises it.

>>> html_to_text("<title>T</title><p>One</p><p>Two</p>")
('One\\n\\nTwo', 'T')
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from extract.errors import DocumentError

__all__ = [
    "READERS",
    "ROW_SUFFIXES",
    "LimitReached",
    "Limits",
    "Loaded",
    "Row",
    "RowFields",
    "decode_text",
    "html_to_text",
    "iter_rows",
]


@dataclass(frozen=True)
class Loaded:
    """What a reader found in one file."""

    text: str
    title: str | None = None
    pages: tuple[int, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()
    #: The date the format's metadata gives, as written, and where it was found ("html meta", "pdf metadata").
    date: str | None = None
    date_source: str | None = None
    #: The page's own web address, as it declares it (``<link rel="canonical">``, ``og:url``).
    url: str | None = None


@dataclass(frozen=True)
class Limits:
    """How much one file may ask of a reader; each has a ``tangle build`` option that raises it.

    Sizes are in MB (10**6 bytes).  The defaults read any ordinary document
    and stop decompression bombs and pathological nesting early.
    """

    #: Bytes read from one file, and the uncompressed size of a whole DOCX (``--max-file-mb``).
    file_mb: int = 256
    #: Uncompressed size of one part of a DOCX package (``--max-part-mb``).
    part_mb: int = 64
    #: Uncompressed size over compressed size of a DOCX part (``--max-ratio``).
    ratio: int = 200
    #: Nesting depth of MIME parts in an e-mail (``--max-mime-depth``).
    mime_depth: int = 32
    #: Nesting depth of HTML elements (``--max-html-depth``).
    html_depth: int = 1000
    #: Characters of text in one document (``--max-chars``).
    chars: int = 20_000_000
    #: Bytes of one ``.jsonl`` line or ``.csv`` row, and of one CSV field (``--max-row-mb``).
    row_mb: int = 16


MB = 1_000_000


class LimitReached(Exception):
    """A file needs more than a :class:`Limits` field allows.

    ``what`` says what was too big; the message adds the limit, its value
    and the parameter that raises it (``parameter``: ``limits.file_mb``).
    """

    def __init__(self, what: str, *, limit: str, value: int) -> None:
        unit = " MB" if limit.endswith("_mb") else ""
        self.parameter = f"limits.{limit}"
        super().__init__(f"{what}, over the limit of {value:,}{unit} (`{self.parameter}`); "
                         f"raise it with `{self.parameter}` if you trust the file")
        self.what = what
        self.limit = limit
        self.value = value


@dataclass(frozen=True)
class RowFields:
    """Which fields of a ``.jsonl`` object or ``.csv`` row hold the text, the id, the title, the date and
    the web address (whose path may carry the day the row's story was published).

    ``day_first`` says how an all-numeric date in metadata is read ("6/1/2005"): month first
    (``False``, the default), or day first.
    """

    text: str = "text"
    id: str = "id"
    title: str = "title"
    date: str | None = None
    url: str | None = "url"
    day_first: bool = False


@dataclass(frozen=True)
class Row:
    """One row of a row file: its 1-based number, and the id, title and text it holds."""

    number: int
    id: str | None
    title: str | None
    text: str
    #: The encoding the row was decoded from when it was not UTF-8 (CSV only).
    encoding: str | None = None
    #: The value of the date field, as written.
    date: str | None = None
    #: The value of the URL field, as written.
    url: str | None = None


#: Bytes looked at to tell text from binary.
_SNIFF = 8192
#: Share of control characters above which a file is taken as binary.
_CONTROL_MAX = 0.10
_CONTROL_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 32)) | {11, 127}


def _is_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    return sum(b in _CONTROL_BYTES for b in sample) / len(sample) > _CONTROL_MAX


#: How much more "chaos" (charset-normalizer's mess score) cp1252 may show and still win a near tie.
_CHAOS_SLACK = 0.1
_EBCDIC = frozenset({"cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140"})


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the NUL bytes of ``sample`` sit on one side of each pair.

    Text in a Latin script saved as UTF-16 without a byte order mark has a
    NUL in every other byte; binary files have NULs on both sides.
    """
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0:pairs * 2:2].count(0)
    odd = sample[1:pairs * 2:2].count(0)
    if odd >= 0.4 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.4 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _unicode_encoding(data: bytes) -> str | None:
    """The UTF-16/32 encoding ``data`` announces with a byte order mark, or shows by its NULs."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return None if encoding == "utf-8-sig" else encoding
    return _utf16_without_bom(data[:_SNIFF])


def decode_text(data: bytes, path: str) -> tuple[str, str | None]:
    """``data`` as text, and the encoding when it was not UTF-8.

    UTF-16 and UTF-32 are recognised by their byte order mark, UTF-16 also
    without one; other encodings are detected by charset-normalizer.
    """
    wide = _unicode_encoding(data)
    if wide is not None:
        try:
            text = data.decode(wide).lstrip("\ufeff")
        except UnicodeDecodeError:
            text = ""
        sample = text[:_SNIFF]
        if sample and sum(ord(c) < 32 and c not in "\t\n\r\f" for c in sample) / len(sample) <= _CONTROL_MAX:
            return text, wide
    if _is_binary(data[:_SNIFF]):
        raise DocumentError(path, "is binary, not text (NUL or control bytes); remove it or fix its extension",
                            kind="binary")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # UTF-16/32 without a byte order mark fit almost any bytes; short Western texts come out nearly
    # tied between code pages, and then the most common one in practice (cp1252) is the better guess.
    found = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))
             and m.encoding not in _EBCDIC]
    if not found:
        raise DocumentError(path, "is not text in any known encoding; convert it to UTF-8", kind="binary")
    best = found[0]
    tied = [m for m in found if m.chaos <= best.chaos + _CHAOS_SLACK and m.coherence >= best.coherence]
    best = next((m for m in tied if m.encoding == "cp1252"), best)
    return str(best), best.encoding


def read_text(path: Path, data: bytes, limits: Limits) -> Loaded:
    text, encoding = decode_text(data, str(path))
    return Loaded(text=text, meta=(("encoding", encoding),) if encoding else ())


_BLOCKS = frozenset(
    "address article aside blockquote caption dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul"
    .split()
)
_DROPPED = frozenset(("script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object"))
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_BLANK_LINES = re.compile(r"\n{3,}")
#: A start or end tag; attributes stop at the next "<" too, so a page of unclosed "<a" is read in linear time.
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/<>]*)[^<>]*?(/?)>")


#: Elements whose end tag HTML lets a page leave out: the parser closes them, so they do not nest.
_OPTIONAL_END = frozenset("p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rtc rp"
                          .split())
#: Elements the parser adds around every page; they are not counted as nesting.
_FRAME = frozenset(("[document]", "html", "body"))


def _too_deep(max_depth: int) -> LimitReached:
    return LimitReached(f"HTML nested more than {max_depth:,} elements deep", limit="html_depth", value=max_depth)


def _check_html_depth(markup: str, max_depth: int) -> None:
    """Raise :class:`LimitReached` when tags open deeper than ``max_depth``, before a tree is built.

    Counts open tags minus closed ones in one pass over the markup.  Void,
    self-closed and optionally closed elements (``<p>``, ``<li>``, ``<td>``…)
    are not counted, so this never counts deeper than the parser will nest;
    the walk over the tree then checks the depth exactly.
    """
    depth = 0
    for match in _TAG.finditer(markup):
        closing, name, self_closed = match.groups()
        name = name.lower()
        if self_closed or name in _VOID or name in _OPTIONAL_END:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > max_depth:
                raise _too_deep(max_depth)


def html_to_text(markup: str, *, max_depth: int = Limits.html_depth) -> tuple[str, str | None]:
    """The readable text of an HTML page and its ``<title>`` (see :func:`read_html_page`)."""
    text, title, _, _ = read_html_page(markup, max_depth=max_depth)
    return text, title


#: ``<meta>`` names and properties that give a page's publication date, most specific first.
_DATE_METAS = ("article:published_time", "datepublished", "og:published_time", "dc.date.issued", "dcterms.date",
               "dc.date", "date", "pubdate", "publishdate", "publish-date", "parsely-pub-date", "sailthru.date")


def _page_date(soup) -> tuple[str, str] | None:
    """The publication date a page declares: a ``<meta>`` (by :data:`_DATE_METAS`), else the first
    ``<time datetime>``; with where it was found."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta", limit=500):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and key.lower() in _DATE_METAS:
            found.setdefault(key.lower(), content)
    for key in _DATE_METAS:
        if key in found:
            return found[key], "html meta"
    time = soup.find("time", attrs={"datetime": True})
    if time is not None and isinstance(time.get("datetime"), str):
        return time["datetime"], "html time"
    return None


def _page_url(soup) -> str | None:
    """The web address a page declares as its own: ``<link rel="canonical">``, else ``og:url``."""
    for tag in soup.find_all("link", limit=500):
        rel = tag.get("rel") or ()
        href = tag.get("href")
        if isinstance(href, str) and "canonical" in [r.lower() for r in (rel if isinstance(rel, list) else [rel])]:
            return href.strip()
    for tag in soup.find_all("meta", limit=500):
        key = tag.get("property") or tag.get("name") or ""
        content = tag.get("content")
        if isinstance(key, str) and key.lower() == "og:url" and isinstance(content, str):
            return content.strip()
    return None


def read_html_page(markup: str, *, max_depth: int = Limits.html_depth
                   ) -> tuple[str, str | None, tuple[str, str] | None, str | None]:
    """The readable text of an HTML page, its ``<title>``, the date it declares with its source, and
    the web address it declares as its own (:func:`_page_url`).

    Scripts, styles and the title are dropped from the text, block elements
    end a line (a blank line between blocks), runs of spaces collapse outside
    ``<pre>``.  The page is parsed by lxml and walked once, without recursion:
    time grows linearly with the page, however deep, wide or broken.  Raises
    :class:`LimitReached` for elements nested deeper than ``max_depth``.
    """
    from bs4 import BeautifulSoup, CData, NavigableString, Tag

    _check_html_depth(markup, max_depth)
    soup = BeautifulSoup(markup, "lxml")
    title_tag = soup.find("title")
    title = _SPACES.sub(" ", title_tag.get_text()).strip() if title_tag else None
    parts: list[str] = []
    in_pre = 0
    # Entries: (node, depth) to visit, or (text, -1) to emit, or (None, -1) where a <pre> is left.
    stack: list[tuple[object, int]] = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        if depth < 0:
            if node is None:
                in_pre -= 1
            else:
                parts.append(node)  # type: ignore[arg-type]
        elif isinstance(node, NavigableString):
            if type(node) in (NavigableString, CData):
                parts.append(str(node) if in_pre else _SPACES.sub(" ", node))
        elif isinstance(node, Tag):
            name = node.name
            if name in _DROPPED:
                continue
            if name == "br":
                parts.append("\n")
                continue
            if name not in _FRAME:
                depth += 1
                if depth > max_depth:
                    raise _too_deep(max_depth)
            if name in _BLOCKS:
                parts.append("\n\n")
                stack.append(("\n\n", -1))
            if name == "pre":
                in_pre += 1
                stack.append((None, -1))
            stack.extend((child, depth) for child in reversed(node.contents))
    lines = (line.strip() for line in "".join(parts).split("\n"))
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")
    return text, title or None, _page_date(soup), _page_url(soup)


def read_html(path: Path, data: bytes, limits: Limits) -> Loaded:
    markup, encoding = decode_text(data, str(path))
    text, title, dated, url = read_html_page(markup, max_depth=limits.html_depth)
    return Loaded(text=text, title=title, meta=(("encoding", encoding),) if encoding else (),
                  date=dated[0] if dated else None, date_source=dated[1] if dated else None, url=url)


def _normal_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _page_text(page) -> str:
    """The text of a pypdf page; a content stream beyond pypdf's decompression limit raises, not reads as blank."""
    contents = page.get_contents()
    if contents is not None:
        contents.get_data()  # pypdf's text extraction would swallow the limit and return nothing
    return _normal_lines(page.extract_text() or "").strip("\n")


def read_pdf(path: Path, data: bytes, limits: Limits) -> Loaded:
    """A PDF's text layer, page by page; ``pages`` holds where each page starts in the text."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(str(path), "is an encrypted PDF; decrypt it first", kind="unparsable")
        texts = [_page_text(page) for page in reader.pages]
        title = (reader.metadata or {}).get("/Title") if reader.metadata is not None else None
        created = (reader.metadata or {}).get("/CreationDate") if reader.metadata is not None else None
    except LimitReachedError as exc:
        raise DocumentError(str(path), f"is a PDF that decompresses beyond pypdf's safety limit ({brief(exc)}); "
                            "it is likely a decompression bomb", kind="limit") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise DocumentError(str(path), f"could not be parsed as PDF ({brief(exc)}); "
                            "check that it opens in a PDF reader", kind="unparsable") from exc
    if not any(t.strip() for t in texts):
        raise DocumentError(str(path), "is a PDF without a text layer; run OCR on it first", kind="no text")
    starts, parts, offset = [], [], 0
    for text in texts:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 2
    return Loaded(text="\n\n".join(parts), title=str(title).strip() or None if title else None,
                  pages=tuple(starts), date=str(created) if created else None,
                  date_source="pdf metadata" if created else None)


#: A document type declaration with its internal subset; Word never writes one.
_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.DOTALL)
#: References to entities other than XML's five and character references.
_ENTITY_REF = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)[A-Za-z_:][\w.:-]*;")


def _docx_package(path: Path, data: bytes, limits: Limits) -> tuple[bytes, bool]:
    """The DOCX package with every part checked against ``limits``, and whether it has ``core.xml``.

    A part that declares a DTD (never written by Word: a billion-laughs or XXE
    attempt) loses the declaration and its entity references, and keeps the
    words around them.  Sizes are checked from the zip directory before any
    part is inflated, and inflating stops at the declared size.
    """
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = package.infolist()
        for info in infos:
            if info.file_size > limits.part_mb * MB:
                raise LimitReached(f"part {info.filename} is {info.file_size / MB:,.0f} MB uncompressed",
                                   limit="part_mb", value=limits.part_mb)
            if info.file_size > 1 << 20 and info.file_size > limits.ratio * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise LimitReached(f"part {info.filename} inflates {ratio:,} times (a zip bomb?)",
                                   limit="ratio", value=limits.ratio)
        total = sum(info.file_size for info in infos)
        if total > limits.file_mb * MB:
            raise LimitReached(f"is {total / MB:,.0f} MB uncompressed", limit="file_mb", value=limits.file_mb)
        has_core = any(info.filename == "docProps/core.xml" for info in infos)
        cleaned: dict[str, bytes] = {}
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                part = package.read(info)
                if b"<!DOCTYPE" in part:
                    cleaned[info.filename] = _ENTITY_REF.sub(b"", _DOCTYPE.sub(b"", part))
        if not cleaned:
            return data, has_core
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as copy:
            for info in infos:
                copy.writestr(info, cleaned.get(info.filename) or package.read(info))
        return out.getvalue(), has_core


def read_docx(path: Path, data: bytes, limits: Limits) -> Loaded:
    """A Word document's paragraphs, one a line, then its table cells.

    The title is the document's own (``docProps/core.xml``), else its first line.
    """
    import io
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        package, has_core = _docx_package(path, data, limits)
        document = docx.Document(io.BytesIO(package))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(str(path), f"could not be parsed as DOCX ({brief(exc)}); "
                            "check that it opens in a word processor", kind="unparsable") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    title = (document.core_properties.title or "").strip() or None if has_core else None
    created = _docx_created(document) if has_core else None
    return Loaded(text="\n".join(lines), title=title, date=created, date_source="docx metadata" if created else None)


def _docx_created(document) -> str | None:
    """``dcterms:created`` of a Word document, as ISO text; a value python-docx cannot read is no date."""
    try:
        created = document.core_properties.created
    except (ValueError, TypeError, OverflowError):
        return None
    if created is None or created.replace(tzinfo=None) == _TEMPLATE_CREATED:
        return None
    return created.isoformat()


#: The creation time python-docx's default template carries: files it writes keep it, so it dates nothing.
_TEMPLATE_CREATED = __import__("datetime").datetime(2013, 12, 23, 23, 15)


_EML_HEADERS = ("from", "to", "cc", "date", "subject")
_HEADER_LINE = re.compile(rb"^content-type:[^\n]*multipart[^\n]*(?:\n[ \t][^\n]*)*", re.IGNORECASE | re.MULTILINE)
_BOUNDARY = re.compile(rb"""boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))""", re.IGNORECASE)


def _check_mime_depth(data: bytes, max_depth: int) -> None:
    """Raise :class:`LimitReached` when multipart parts nest deeper than ``max_depth``.

    One pass over the lines, before the e-mail parser (which recurses per
    level) sees the message: a multipart header opens a level, the closing
    delimiter of its boundary (or of an outer one) closes it.
    """
    normal = data.replace(b"\r\n", b"\n")
    events: list[tuple[int, int, bytes]] = []
    for match in _HEADER_LINE.finditer(normal):
        boundary = _BOUNDARY.search(match.group(0))
        if boundary:
            events.append((match.start(), 0, boundary.group(1) or boundary.group(2)))
    if len(events) <= max_depth:
        return
    for match in re.finditer(rb"^--(.+?)--[ \t]*$", normal, re.MULTILINE):
        events.append((match.start(), 1, match.group(1)))
    events.sort()
    open_: list[bytes] = []
    for _, closing, boundary in events:
        if not closing:
            open_.append(boundary)
            if len(open_) > max_depth:
                raise LimitReached(f"MIME parts nested more than {max_depth:,} deep",
                                   limit="mime_depth", value=max_depth)
        elif boundary in open_:
            del open_[open_.index(boundary):]


def read_eml(path: Path, data: bytes, limits: Limits) -> Loaded:
    """An e-mail: headers as metadata, the subject as title, the plain body (else the HTML body) as text."""
    from email import message_from_bytes, policy

    _check_mime_depth(data, limits.mime_depth)
    message = message_from_bytes(data, policy=policy.default)
    meta: list[tuple[str, str]] = []
    for name in _EML_HEADERS:
        try:
            value = message[name]
        except (ValueError, IndexError, TypeError, AttributeError, LookupError):
            value = None  # a malformed header must not lose the message
        if value:
            meta.append((name, _SPACES.sub(" ", str(value)).strip()))
    body = message.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        try:
            content = body.get_content()
        except (LookupError, ValueError):
            raw = body.get_payload(decode=True) or b""
            content = raw.decode("utf-8", errors="replace")
        if body.get_content_type() == "text/html":
            text = html_to_text(content, max_depth=limits.html_depth)[0]
        else:
            text = _normal_lines(content)
    attachments = [part.get_filename() or part.get_content_type() for part in message.iter_attachments()]
    if attachments:
        meta.append(("attachments", "; ".join(attachments)))
    subject = dict(meta).get("subject")
    sent = dict(meta).get("date")
    return Loaded(text=text, title=subject, meta=tuple(meta), date=sent, date_source="e-mail Date" if sent else None)


#: Longest excerpt of a library's message put into a skip line.
_BRIEF = 200
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def brief(exc: BaseException) -> str:
    """``exc`` as a short, single-line text: a message never carries a whole document."""
    text = _CONTROLS.sub(" ", str(exc) or type(exc).__name__)
    return text if len(text) <= _BRIEF else text[: _BRIEF - 1] + "…"


#: Suffix → reader for formats that hold one document per file.
READERS: dict[str, Callable[[Path, bytes, Limits], Loaded]] = {
    ".txt": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".eml": read_eml,
}
#: Suffixes of formats that hold one document per row.
ROW_SUFFIXES: frozenset[str] = frozenset({".jsonl", ".csv"})


def _cell(value: object) -> str | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def iter_rows(path: Path, *, fields: RowFields | None = None, limits: Limits | None = None,
              stream: BinaryIO | None = None, where: str | None = None) -> Iterator[Row | DocumentError]:
    """Stream the rows of a ``.jsonl`` or ``.csv`` file; a bad row is yielded as its error, not raised.

    ``stream`` is the file opened in binary (else ``path`` is opened); rows are
    read one line at a time and a line longer than ``limits.row_mb`` is
    skipped, never held whole.  ``where`` is the file as shown in messages.
    Raises :class:`DocumentError` when the whole file cannot be read.
    """
    fields, limits = fields or RowFields(), limits or Limits()
    where = where or path.as_posix()
    reader = _jsonl_rows if path.suffix.lower() == ".jsonl" else _csv_rows
    if stream is not None:
        yield from reader(stream, where, fields, limits)
        return
    with path.open("rb") as handle:
        yield from reader(handle, where, fields, limits)


class _LineTooLong(Exception):
    """A line of a row file is longer than the row limit; it was read past and dropped."""


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of ``handle``; a line over ``limit`` bytes raises :class:`_LineTooLong` once read past.

    Memory stays within ``limit`` bytes however long the line, and the next
    call goes on with the following line.
    """
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit:
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            raise _LineTooLong
        yield line


def _row_too_long(where: str, limits: Limits) -> DocumentError:
    reason = LimitReached(f"is a row longer than {limits.row_mb:,} MB", limit="row_mb", value=limits.row_mb)
    return DocumentError(where, str(reason), kind="limit", parameters=(reason.parameter,))


def _jsonl_rows(handle: BinaryIO, path: str, fields: RowFields, limits: Limits) -> Iterator[Row | DocumentError]:
    number = 0
    while True:
        try:
            for raw in _bounded_lines(handle, limits.row_mb * MB):
                number += 1
                if raw.strip():
                    yield _jsonl_row(raw, number, f"{path}#{number}", fields)
            return
        except _LineTooLong:
            number += 1
            yield _row_too_long(f"{path}#{number}", limits)


def _jsonl_row(raw: bytes, number: int, where: str, fields: RowFields) -> Row | DocumentError:
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        return DocumentError(where, f"is not a JSON line ({brief(exc)}); fix or remove the row", kind="unparsable")
    if not isinstance(obj, dict):
        return DocumentError(where, "is not a JSON object; each line needs an object with a text field",
                             kind="unparsable")
    text = obj.get(fields.text)
    if not isinstance(text, str):
        return DocumentError(where, f"has no text field {fields.text!r}; name it with `fields.text`",
                             kind="unparsable", parameters=("fields.text",))
    date = _cell(obj.get(fields.date)) if fields.date else None
    url = _cell(obj.get(fields.url)) if fields.url else None
    return Row(number=number, id=_cell(obj.get(fields.id)), title=_cell(obj.get(fields.title)), text=text, date=date,
               url=url)


class _CsvLines:
    """The lines of a CSV file decoded one by one: UTF-8, else the encoding detected for the first other line.

    ``used`` collects the encodings other than UTF-8 met in the current row.
    A row (which may span lines inside quotes) longer than ``limit`` bytes is
    read past to where its quotes close and raises :class:`_LineTooLong`;
    memory stays within ``limit`` however long the row.  Call :meth:`next_row`
    each time the CSV reader returns a row.
    """

    def __init__(self, handle: BinaryIO, path: str, limit: int) -> None:
        self.handle = handle
        self.path = path
        self.limit = limit
        self.fallback: str | None = None
        self.first = True
        self.next_row()

    def next_row(self) -> None:
        self.used: set[str] = set()
        self.size = 0
        self.open_quote = False

    def __iter__(self) -> Iterator[str]:
        while True:
            raw = self.handle.readline(self.limit + 1)
            if not raw:
                return
            self.size += len(raw)
            self.open_quote ^= bool(raw.count(b'"') % 2)
            if self.size > self.limit:
                self._skip_row(raw)
            if self.first:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
                self.first = False
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                if self.fallback is None:
                    self.fallback = decode_text(raw, self.path)[1] or "cp1252"
                self.used.add(self.fallback)
                yield raw.decode(self.fallback, errors="replace")

    def _skip_row(self, raw: bytes) -> None:
        """Read past the rest of a row that is too long: to a line end outside quotes."""
        while raw and (self.open_quote or not raw.endswith(b"\n")):
            raw = self.handle.readline(1 << 20)
            self.open_quote ^= bool(raw.count(b'"') % 2)
        self.next_row()
        raise _LineTooLong


def _csv_rows(handle: BinaryIO, path: str, fields: RowFields, limits: Limits) -> Iterator[Row | DocumentError]:
    limit = limits.row_mb * MB
    lines, source = _csv_lines(handle, path, limit)
    csv.field_size_limit(limit)
    reader = csv.reader(lines)
    column = _csv_columns(reader, path, fields)
    number = 0
    while True:
        if source is not None:
            source.next_row()
        try:
            record = next(reader)
        except StopIteration:
            return
        except (csv.Error, _LineTooLong) as exc:
            number += 1
            yield _csv_row_error(exc, f"{path}#{number}", limits)
            reader = csv.reader(lines)
            continue
        number += 1
        yield _csv_row(record, number, column, fields, source)


def _csv_lines(handle: BinaryIO, path: str, limit: int) -> tuple[Iterable[str], _CsvLines | None]:
    """The decoded lines of a CSV file, and the :class:`_CsvLines` that decodes them unless the file is in
    a wide Unicode encoding (UTF-16 or UTF-32, read whole in it)."""
    head = handle.read(_SNIFF)
    wide = _unicode_encoding(head)
    if _is_binary(head) and wide is None:
        raise DocumentError(path, "is binary, not text (NUL or control bytes); remove it or fix its extension",
                            kind="binary")
    handle.seek(0)
    if wide is None:
        source = _CsvLines(handle, path, limit)
        return source, source
    import io

    text = io.TextIOWrapper(handle, encoding=wide, errors="replace", newline="")
    return (line.lstrip("\ufeff") for line in iter(lambda: text.readline(limit), "")), None


def _csv_columns(reader: Iterator[list[str]], path: str, fields: RowFields) -> dict[str, int]:
    """Each field's column, read from the header; the text field's column must be there."""
    try:
        header = next(reader)
    except StopIteration:
        header = []
    except (csv.Error, _LineTooLong) as exc:
        raise DocumentError(path, f"has a header that could not be parsed as CSV ({brief(exc)}); check the file",
                            kind="unparsable") from exc
    if fields.text not in header:
        columns = ", ".join(header) or "none"
        raise DocumentError(path, f"has no column {fields.text!r} (columns: {brief(columns)}); "
                            f"name the text column with `fields.text`", kind="unparsable", parameters=("fields.text",))
    return {name: header.index(name) for name in (fields.text, fields.id, fields.title, fields.date, fields.url)
            if name and name in header}


def _csv_row_error(exc: Exception, where: str, limits: Limits) -> DocumentError:
    """The error for a row the CSV reader could not read: too long, or not CSV."""
    if isinstance(exc, _LineTooLong) or "field limit" in str(exc):
        return _row_too_long(where, limits)
    return DocumentError(where, f"could not be parsed as CSV ({brief(exc)}); fix the row", kind="unparsable")


def _csv_row(record: list[str], number: int, column: dict[str, int], fields: RowFields,
             source: _CsvLines | None) -> Row:
    """Row ``number`` of a CSV file from its cells ``record``; a missing cell is None."""
    values = {name: record[i] if i < len(record) else None for name, i in column.items()}
    encoding = ", ".join(sorted(source.used)) if source is not None and source.used else None
    return Row(number=number, id=_cell(values.get(fields.id)), title=_cell(values.get(fields.title)),
               text=values.get(fields.text) or "", encoding=encoding,
               date=_cell(values.get(fields.date)) if fields.date else None,
               url=_cell(values.get(fields.url)) if fields.url else None)

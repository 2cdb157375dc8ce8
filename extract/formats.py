"""Format readers: one function per file suffix, from bytes to text.

A reader takes the file's path and bytes and returns a :class:`Loaded`: the
text, and where the format has them a title, page start offsets and metadata
(headers of an e-mail, the encoding a text file was decoded from).  Readers
raise :class:`~extract.errors.DocumentError` with a reason and the way out;
heavy libraries (pypdf, python-docx, BeautifulSoup, charset-normalizer) are
imported inside the reader that needs them.

Row formats (``.jsonl``, ``.csv``) hold many documents; :func:`iter_rows`
streams them one row at a time.

>>> html_to_text("<title>T</title><p>One</p><p>Two</p>")
('One\\n\\nTwo', 'T')
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.errors import DocumentError

__all__ = [
    "READERS",
    "ROW_SUFFIXES",
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


@dataclass(frozen=True)
class RowFields:
    """Which fields of a ``.jsonl`` object or ``.csv`` row hold the text, the id and the title."""

    text: str = "text"
    id: str = "id"
    title: str = "title"


@dataclass(frozen=True)
class Row:
    """One row of a row file: its 1-based number, and the id, title and text it holds."""

    number: int
    id: str | None
    title: str | None
    text: str


#: Bytes looked at to tell text from binary.
_SNIFF = 8192
#: Share of control characters above which a file is taken as binary.
_CONTROL_MAX = 0.10
_CONTROL_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 32)) | {11, 127}


def _is_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return sum(b in _CONTROL_BYTES for b in sample) / len(sample) > _CONTROL_MAX


#: How much more "chaos" (charset-normalizer's mess score) cp1252 may show and still win a near tie.
_CHAOS_SLACK = 0.1
_EBCDIC = frozenset({"cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140"})


def decode_text(data: bytes, path: str) -> tuple[str, str | None]:
    """``data`` as text, and the encoding when it was not UTF-8 (detected by charset-normalizer)."""
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


def read_text(path: Path, data: bytes) -> Loaded:
    text, encoding = decode_text(data, str(path))
    return Loaded(text=text, meta=(("encoding", encoding),) if encoding else ())


_BLOCKS = frozenset(
    "address article aside blockquote caption dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul"
    .split()
)
_DROPPED = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def html_to_text(markup: str) -> tuple[str, str | None]:
    """The readable text of an HTML page and its ``<title>``.

    Scripts and styles are dropped, block elements end a line (a blank line
    between blocks), runs of spaces collapse.
    """
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

    soup = BeautifulSoup(markup, "html.parser")
    title_tag = soup.find("title")
    title = _SPACES.sub(" ", title_tag.get_text()).strip() if title_tag else None
    for tag in soup.find_all(_DROPPED):
        tag.decompose()
    for string in soup.find_all(string=True):
        if isinstance(string, Comment | Declaration | Doctype | ProcessingInstruction):
            string.extract()
        elif string.find_parent("pre") is None:
            string.replace_with(_SPACES.sub(" ", str(string)))
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    lines = (line.strip() for line in soup.get_text().split("\n"))
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")
    return text, title or None


def read_html(path: Path, data: bytes) -> Loaded:
    markup, encoding = decode_text(data, str(path))
    text, title = html_to_text(markup)
    return Loaded(text=text, title=title, meta=(("encoding", encoding),) if encoding else ())


def _normal_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_pdf(path: Path, data: bytes) -> Loaded:
    """A PDF's text layer, page by page; ``pages`` holds where each page starts in the text."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(str(path), "is an encrypted PDF; decrypt it first", kind="unparsable")
        texts = [_normal_lines(page.extract_text() or "").strip("\n") for page in reader.pages]
        title = (reader.metadata or {}).get("/Title") if reader.metadata is not None else None
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise DocumentError(str(path), f"could not be parsed as PDF ({exc}); check that it opens in a PDF reader",
                            kind="unparsable") from exc
    if not any(t.strip() for t in texts):
        raise DocumentError(str(path), "is a PDF without a text layer; run OCR on it first", kind="empty")
    starts, parts, offset = [], [], 0
    for text in texts:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 2
    return Loaded(text="\n\n".join(parts), title=str(title).strip() or None if title else None,
                  pages=tuple(starts))


def read_docx(path: Path, data: bytes) -> Loaded:
    """A Word document's paragraphs, one a line, then its table cells."""
    import io
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(str(path), f"could not be parsed as DOCX ({exc}); check that it opens in a word processor",
                            kind="unparsable") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    title = (document.core_properties.title or "").strip() or None
    return Loaded(text="\n".join(lines), title=title)


_EML_HEADERS = ("from", "to", "cc", "date", "subject")


def read_eml(path: Path, data: bytes) -> Loaded:
    """An e-mail: headers as metadata, the subject as title, the plain body (else the HTML body) as text."""
    from email import message_from_bytes, policy

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
        text = html_to_text(content)[0] if body.get_content_type() == "text/html" else _normal_lines(content)
    attachments = [part.get_filename() or part.get_content_type() for part in message.iter_attachments()]
    if attachments:
        meta.append(("attachments", "; ".join(attachments)))
    subject = dict(meta).get("subject")
    return Loaded(text=text, title=subject, meta=tuple(meta))


#: Suffix → reader for formats that hold one document per file.
READERS: dict[str, Callable[[Path, bytes], Loaded]] = {
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


def iter_rows(path: Path, *, fields: RowFields | None = None) -> Iterator[Row | DocumentError]:
    """Stream the rows of a ``.jsonl`` or ``.csv`` file; a bad row is yielded as its error, not raised.

    Raises :class:`DocumentError` when the whole file cannot be read.
    """
    reader = _jsonl_rows if path.suffix.lower() == ".jsonl" else _csv_rows
    yield from reader(path, fields or RowFields())


def _jsonl_rows(path: Path, fields: RowFields) -> Iterator[Row | DocumentError]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path.as_posix()}#{number}"
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield DocumentError(where, f"is not a JSON line ({exc}); fix or remove the row", kind="unparsable")
                continue
            if not isinstance(obj, dict):
                yield DocumentError(where, "is not a JSON object; each line needs an object with a text field",
                                    kind="unparsable")
                continue
            text = obj.get(fields.text)
            if not isinstance(text, str):
                yield DocumentError(where, f"has no text field {fields.text!r}; name it with --text-field",
                                    kind="unparsable")
                continue
            yield Row(number=number, id=_cell(obj.get(fields.id)), title=_cell(obj.get(fields.title)), text=text)


def _csv_encoding(path: Path) -> str:
    with path.open("rb") as handle:
        sample = handle.read(1 << 20)
    try:
        sample.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # a character cut at the end of the sample
            return "utf-8-sig"
    _, encoding = decode_text(sample, str(path))
    return encoding or "utf-8-sig"


def _csv_rows(path: Path, fields: RowFields) -> Iterator[Row | DocumentError]:
    csv.field_size_limit(1 << 30)
    encoding = _csv_encoding(path)
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames or []
        except csv.Error as exc:
            raise DocumentError(str(path), f"could not be parsed as CSV ({exc}); check the file", kind="unparsable") \
                from exc
        if fields.text not in header:
            columns = ", ".join(header) or "none"
            raise DocumentError(str(path), f"has no column {fields.text!r} (columns: {columns}); "
                                f"name the text column with --text-field", kind="unparsable")
        number = 0
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise DocumentError(f"{path.as_posix()}#{number + 1}", f"could not be parsed as CSV ({exc}); "
                                    "fix the row", kind="unparsable") from exc
            number += 1
            yield Row(number=number, id=_cell(record.get(fields.id)), title=_cell(record.get(fields.title)),
                      text=record.get(fields.text) or "")

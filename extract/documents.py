"""Finding and reading documents.

A folder is walked in sorted order, so the same folder always yields the same
documents in the same order; links out of the folders given are not followed
unless asked.  Each file becomes a :class:`~extract.records.Document` with an
id (the file stem, made unique), a title (the format's own, else the first
non-empty line), its path (shown with ``\\xNN`` escapes where the name is not
UTF-8) and the sha256 of its bytes; a ``.jsonl`` or ``.csv`` file becomes one
document per row (path ``file.jsonl#row``).  The readers of each format live
in :mod:`extract.formats`.  Only regular files are opened, and read within
:class:`~extract.formats.Limits`.  A file that cannot be read raises
:class:`~extract.errors.DocumentError`; :func:`iter_documents` turns anything a
reader raises into one such error, reports it and goes on with the rest.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import logging
import os
import re
import stat
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from fnmatch import fnmatch
from pathlib import Path
from typing import BinaryIO

from extract.dates import document_date, parse_date_value, published_date
from extract.errors import DocumentError, InputError
from extract.formats import MB, READERS, ROW_SUFFIXES, LimitReached, Limits, RowFields, brief, iter_rows
from extract.records import Document
from extract.text import HeaderField, header_fields

__all__ = [
    "SUFFIXES",
    "Discovered",
    "OUTPUT_MANIFEST",
    "Limits",
    "RowFields",
    "discover",
    "estimate_documents",
    "is_output_folder",
    "iter_documents",
    "make_document",
    "output_folder_error",
    "read_document",
    "read_documents",
    "shown",
]

#: File suffixes read as documents.
SUFFIXES: frozenset[str] = frozenset(READERS) | ROW_SUFFIXES
TITLE_MAX = 200


def shown(path: str | os.PathLike[str]) -> str:
    r"""``path`` as text that can always be printed and stored: bytes that are not UTF-8 appear as ``\\xe9``.

    The file itself is still opened by its original bytes.

    >>> shown(os.fsdecode(b"caf\xe9.txt"))
    'caf\\xe9.txt'
    """
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="backslashreplace")


class Discovered(list[Path]):
    """The files :func:`discover` found, in reading order, and the paths it skipped on the way.

    :func:`iter_documents` reads such a list as it is, without walking the
    folders again, and reports its ``skipped`` first.
    """

    def __init__(self, files: Iterable[Path] = (), skipped: Iterable[DocumentError] = ()) -> None:
        super().__init__(files)
        self.skipped: list[DocumentError] = list(skipped)


def discover(paths: Iterable[str | os.PathLike[str]], *, follow_links: bool = False) -> Discovered:
    """Every document file under ``paths``, folders walked in sorted order.

    A link that leads out of the folders given is not followed (it is listed
    in ``skipped`` with its target) unless ``follow_links``; a subfolder that
    cannot be listed is listed there too.  A path given by name is taken as
    it is: reading it checks what it is.  Raises :class:`InputError` for a
    path that does not exist.

    >>> discover(["data"])  # doctest: +SKIP
    [PosixPath('data/000_aaa0750c60e1d559.txt'), ...]
    """
    given = [Path(raw) for raw in paths]
    roots = [Path(os.path.realpath(path)) for path in given if path.is_dir()]
    found = Discovered()
    for path in given:
        if path.is_dir():
            found.extend(_walk(path, roots=roots, follow_links=follow_links, skipped=found.skipped))
        elif os.path.lexists(path):
            found.append(path)
        else:
            raise InputError(f"{shown(path)}: no such file or folder; give a document or a folder of documents")
    return found


#: The file ``tangle build`` writes last into its output folder; a folder holding it is not read as documents.
OUTPUT_MANIFEST = "tangle-manifest.json"
#: How a graph.json written by Tangle (before the manifest existed) shows itself: its graph's ``tangle`` key.
_GRAPH_MARK = b'\n  "tangle": {\n   "format": '


def is_output_folder(folder: str | os.PathLike[str]) -> bool:
    """Whether ``folder`` holds Tangle's own outputs: its manifest, or a ``graph.json`` Tangle wrote."""
    path = Path(folder)
    if (path / OUTPUT_MANIFEST).is_file():
        return True
    graph = path / "graph.json"
    return graph.is_file() and _is_tangle_graph(graph)


def _is_tangle_graph(path: Path, *, chunk: int = 1 << 20) -> bool:
    """Scan a ``graph.json`` for the ``tangle`` key of its graph attributes, a chunk at a time."""
    try:
        with path.open("rb") as handle:
            if not handle.read(16).startswith(b'{\n "directed": '):
                return False
            tail = b""
            while block := handle.read(chunk):
                if _GRAPH_MARK in tail + block:
                    return True
                tail = block[-len(_GRAPH_MARK):]
    except OSError:
        return False
    return False


def output_folder_error(folder: str | os.PathLike[str]) -> DocumentError:
    """The skip line for a folder of Tangle outputs found among the inputs."""
    return DocumentError(shown(folder), "holds Tangle's own outputs (graph.json, graph.html); not read as "
                         "documents. Keep documents and -o in separate folders", kind="tangle output")


#: A file in a folder listing names (glob patterns, one a line) that are not documents.
IGNORE_FILE = ".tangleignore"
#: Bytes of an ignore file that are read.
_IGNORE_MAX = 1 << 20


def _ignored(folder: Path) -> list[str]:
    path = folder / IGNORE_FILE
    if not path.is_file():
        return []
    try:
        with path.open("rb") as handle:
            data = handle.read(_IGNORE_MAX)
    except OSError:
        return []
    lines = data.decode("utf-8", errors="replace").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _outside(path: Path, roots: list[Path]) -> bool:
    """Whether ``path`` resolves to a place outside every folder in ``roots``."""
    real = Path(os.path.realpath(path))
    return not any(real == root or real.is_relative_to(root) for root in roots)


def _link_outside(path: Path) -> DocumentError:
    target = shown(os.readlink(path))
    return DocumentError(shown(path), f"is a link to {target}, outside the folders given; not followed "
                         "(pass `follow_links=True` to read it)", kind="link outside",
                         parameters=("follow_links=True",))


def _walk(folder: Path, *, roots: list[Path], follow_links: bool, skipped: list[DocumentError]) -> Iterator[Path]:
    """Document files under ``folder`` in sorted order, skipping hidden and ``.tangleignore``d names
    and folders of Tangle outputs (listed in ``skipped``, once each).

    Links to folders are followed only with ``follow_links`` (each folder
    once, so a loop ends); links out of ``roots`` are listed in ``skipped``.
    """

    def unlisted(exc: OSError) -> None:
        where = shown(exc.filename or folder)
        skipped.append(DocumentError(where, f"is a folder that cannot be listed ({exc.strerror or exc}); "
                                     "check its permissions", kind="unreadable"))

    seen: set[str] = set()
    for root, dirs, files in os.walk(folder, onerror=unlisted, followlinks=follow_links):
        base = Path(root)
        if not _enter(base, follow_links=follow_links, seen=seen, skipped=skipped):
            dirs[:] = []
            continue
        ignore = _ignored(base)
        dirs[:] = [name for name in sorted(dirs)
                   if _keep_folder(base / name, ignore, roots=roots, follow_links=follow_links, skipped=skipped)]
        for name in sorted(files):
            if _keep_file(base / name, ignore, roots=roots, follow_links=follow_links, skipped=skipped):
                yield base / name


def _enter(folder: Path, *, follow_links: bool, seen: set[str], skipped: list[DocumentError]) -> bool:
    """Whether to read ``folder``: not when a link led to it before (noted in ``seen``), nor when it holds
    Tangle's outputs (listed in ``skipped``)."""
    if follow_links:
        real = os.path.realpath(folder)
        if real in seen:
            return False
        seen.add(real)
    if is_output_folder(folder):
        skipped.append(output_folder_error(folder))
        return False
    return True


def _hidden(name: str, ignore: list[str]) -> bool:
    """Whether ``name`` is hidden (a dot first) or matches a ``.tangleignore`` pattern of ``ignore``."""
    return name.startswith(".") or any(fnmatch(name, p) for p in ignore)


def _keep_folder(path: Path, ignore: list[str], *, roots: list[Path], follow_links: bool,
                 skipped: list[DocumentError]) -> bool:
    """Whether to walk into the folder ``path``: not hidden nor ignored, and, without ``follow_links``,
    not a link out of ``roots`` (listed in ``skipped``)."""
    if _hidden(path.name, ignore):
        return False
    if not follow_links and path.is_symlink() and _outside(path, roots):
        skipped.append(_link_outside(path))
        return False
    return True


def _keep_file(path: Path, ignore: list[str], *, roots: list[Path], follow_links: bool,
               skipped: list[DocumentError]) -> bool:
    """Whether ``path`` is a document to read: not hidden nor ignored, of a known suffix, and, without
    ``follow_links``, not a link out of ``roots`` (listed in ``skipped``)."""
    if _hidden(path.name, ignore) or path.suffix.lower() not in SUFFIXES:
        return False
    if not follow_links and path.is_symlink() and path.exists() and _outside(path, roots):
        skipped.append(_link_outside(path))
        return False
    return True


def estimate_documents(path: str | os.PathLike[str]) -> int:
    """How many documents ``path`` holds, for a progress bar: its rows for ``.jsonl`` (non-blank lines)
    and ``.csv`` (lines after the header; a cell spanning lines counts more than once), else 1.

    Reads a row file once, line by line; a file that cannot be read counts 1.
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in ROW_SUFFIXES:
        return 1
    try:
        with _open_regular(file) as handle:
            if suffix == ".jsonl":
                return max(sum(1 for line in handle if line.strip()), 1)
            return max(sum(1 for _ in handle) - 1, 1)
    except (OSError, DocumentError):
        return 1


#: What a file that is not a regular file is, by its mode.
_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def _not_regular(where: str, mode: int) -> DocumentError:
    what = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
    return DocumentError(where, f"is {what}, not a regular file; give a document file", kind="not a file")


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading in binary, after checking that it is a regular file.

    The file is opened without blocking (a FIFO put in its place between the
    check and the open cannot hang the build) and checked again once open.
    """
    where = shown(path)
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(where, mode)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _open_error(path, exc) from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise _not_regular(where, mode)
    return os.fdopen(fd, "rb")


def _open_error(path: Path, exc: OSError) -> DocumentError:
    where = shown(path)
    if exc.errno == errno.ELOOP:
        return DocumentError(where, "is a link that leads back to itself (a loop); fix or remove the link",
                             kind="broken link")
    if path.is_symlink() and not os.path.exists(path):
        target = shown(os.readlink(path))
        return DocumentError(where, f"is a broken link (to {target}); fix or remove the link", kind="broken link")
    if exc.errno == errno.ENOENT:
        return DocumentError(where, "is gone (removed after the folder was read); build again to leave it out",
                             kind="unreadable")
    return DocumentError(where, f"cannot be read ({exc.strerror or exc}); check that it exists and is readable")


def _read_bytes(path: Path, limits: Limits) -> bytes:
    """The bytes of a regular file, at most ``limits.file_mb`` of them."""
    limit = limits.file_mb * MB
    with _open_regular(path) as handle:
        try:
            if os.fstat(handle.fileno()).st_size > limit:
                raise LimitReached(f"is larger than {limits.file_mb:,} MB", limit="file_mb", value=limits.file_mb)
            data = handle.read(limit + 1)
        except OSError as exc:
            raise _open_error(path, exc) from exc
    if len(data) > limit:
        raise LimitReached(f"is larger than {limits.file_mb:,} MB", limit="file_mb", value=limits.file_mb)
    if not data:
        raise DocumentError(shown(path), "is empty; nothing to read", kind="empty")
    return data


#: Formats whose text is the file itself: a blank one is empty, not a reader that found nothing.
_PLAIN = frozenset({".txt", ".md"})


def read_document(path: Path, *, doc_id: str | None = None, limits: Limits | None = None,
                  day_first: bool = False) -> Document:
    """Read one file that holds one document (``.txt``, ``.md``, ``.html``, ``.pdf``, ``.docx``, ``.eml``).

    Text that is not UTF-8 is decoded in the encoding charset-normalizer
    detects, recorded as ``encoding`` in ``Document.meta``.  Raises
    :class:`DocumentError` when the file cannot be read, and
    :class:`~extract.formats.LimitReached` when it is beyond ``limits``.

    >>> read_document(Path("data/000_aaa0750c60e1d559.txt")).id  # doctest: +SKIP
    '000_aaa0750c60e1d559'
    """
    limits = limits or Limits()
    where = shown(path)
    with _open_regular(path):
        pass  # what the file is comes before what its name says
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        kinds = ", ".join(sorted(SUFFIXES))
        raise DocumentError(where, f"is not a format Tangle reads; give one of {kinds}", kind="unparsable")
    data = _read_bytes(path, limits)
    loaded = reader(Path(where), data, limits)
    _check_chars(loaded.text, limits)
    if not loaded.text.strip() and path.suffix.lower() not in _PLAIN:
        raise DocumentError(where, "has no text found in it; check that it opens and shows text", kind="no text")
    date, source = _sidecar_date(path) or (loaded.date, loaded.date_source)
    return make_document(loaded.text, path=where, doc_id=doc_id or shown(path.stem), data=data,
                         title=loaded.title, pages=loaded.pages, meta=loaded.meta, date=date, date_source=source,
                         url=loaded.url, day_first=day_first)


#: Suffix of the file beside a document that holds its date, overriding every other source.
SIDECAR_SUFFIX = ".date"


def _sidecar_date(path: Path) -> tuple[str, str] | None:
    """The date in ``NAME.EXT.date`` beside the document (its first line), when there is one and it is a date."""
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    try:
        if not sidecar.is_file():
            return None
        with sidecar.open("rb") as handle:
            first = handle.read(256).decode("utf-8", errors="replace").strip().splitlines()
    except OSError:
        return None
    found = parse_date_value(first[0]) if first else None
    return (found, "sidecar") if found else None


def _check_chars(text: str, limits: Limits) -> None:
    if len(text) > limits.chars:
        raise LimitReached(f"has {len(text):,} characters of text", limit="chars", value=limits.chars)


def read_documents(path: Path, *, fields: RowFields | None = None,
                   limits: Limits | None = None) -> Iterator[Document | DocumentError]:
    """The documents of one file: one for most formats, one per row for ``.jsonl``/``.csv``.

    A row that cannot be read is yielded as its :class:`DocumentError`; a file
    that cannot be read at all raises it.
    """
    limits = limits or Limits()
    if path.suffix.lower() not in ROW_SUFFIXES:
        yield read_document(path, limits=limits, day_first=(fields or RowFields()).day_first)
        return
    where = shown(path)
    with _open_regular(path) as handle:
        if not handle.read(1):
            raise DocumentError(where, "is empty; nothing to read", kind="empty")
        handle.seek(0)
        for row in iter_rows(path, fields=fields or RowFields(), limits=limits, stream=handle, where=where):
            if isinstance(row, DocumentError):
                yield row
                continue
            at = f"{where}#{row.number}"
            try:
                _check_chars(row.text, limits)
                yield make_document(row.text, path=at, doc_id=row.id or f"{shown(path.stem)}-{row.number}",
                                    title=row.title, meta=(("encoding", row.encoding),) if row.encoding else (),
                                    date=row.date, date_source="date field" if row.date else None,
                                    url=row.url, day_first=(fields or RowFields()).day_first)
            except LimitReached as exc:
                yield DocumentError(at, str(exc), kind="limit", parameters=(exc.parameter,))
            except DocumentError as err:
                yield err


def make_document(
    text: str,
    *,
    path: str,
    doc_id: str,
    data: bytes | None = None,
    title: str | None = None,
    pages: tuple[int, ...] = (),
    meta: tuple[tuple[str, str], ...] = (),
    date: str | None = None,
    date_source: str | None = None,
    url: str | None = None,
    day_first: bool = False,
) -> Document:
    """A :class:`Document` from text already in memory (``data``: the original bytes, for the digest).

    ``pages`` are offsets in ``text`` and so must come with text whose line ends are ``\\n`` already.
    Text that is not valid Unicode (a lone surrogate, as a JSON ``"\\ud800"`` gives) is refused;
    in the id, title and metadata such a character becomes U+FFFD.  ``date`` is the date the
    format's metadata gives, as written (``date_source`` names it); the document's date is the first
    of it, a ``DATE:`` header line, the date in the path of its web address (``url``, else a ``URL:``
    header line), a date in its first lines and one in its ``path``'s file name that reads as a date
    (:func:`~extract.dates.document_date`).  When the web address gives another day than that date
    (the date of the events a story tells, in a date field), it is kept as the day the document was
    ``published`` (:func:`~extract.dates.published_date`); a ``sidecar`` date is final.
    """
    text, encoded = _readable_text(text, path=path, normalise_line_ends=not pages)
    digest = hashlib.sha256(data if data is not None else encoded).hexdigest()
    header = header_fields(text)
    title, meta = _title_and_meta(text, header, title=title, meta=meta)
    dated, published = _document_dates(text, header, path=path, date=date, date_source=date_source, url=url,
                                       day_first=day_first)
    return Document(id=_valid(doc_id), title=title, path=_valid(path), sha256=digest, text=text, pages=pages,
                    meta=meta, date=dated[0] if dated else None, date_source=dated[1] if dated else None,
                    published=published, published_source="url" if published else None)


def _readable_text(text: str, *, path: str, normalise_line_ends: bool) -> tuple[str, bytes]:
    """``text`` (its line ends made ``\\n`` when ``normalise_line_ends``) and its UTF-8 bytes; a document
    with no text or with text that is not valid Unicode (a lone surrogate) raises :class:`DocumentError`."""
    if normalise_line_ends:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(path, "is empty (no text in it); nothing to read", kind="empty")
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DocumentError(path, f"has text that is not valid Unicode (a lone surrogate at character {exc.start:,}); "
                            "fix the text", kind="invalid text") from exc
    return text, encoded


def _title_and_meta(text: str, header: tuple[HeaderField, ...], *, title: str | None,
                    meta: tuple[tuple[str, str], ...]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The document's title and metadata: those its format gave, else those of its ``header`` lines
    ("TITLE: …", "SOURCE: …" at the top), else its first line as the title; always valid UTF-8."""
    if header and not meta:  # "TITLE: …", "SOURCE: …" lines at the top are the document's metadata
        meta = tuple((f.key.lower(), f.value) for f in header)
        title = title or next((f.value for f in header if f.key in {"TITLE", "HEADLINE", "SUBJECT"}), None)
    title = first_line(_valid(title)) if title else first_line(text)
    return title, tuple((_valid(key), _valid(value)) for key, value in meta)


def _document_dates(text: str, header: tuple[HeaderField, ...], *, path: str, date: str | None,
                    date_source: str | None, url: str | None,
                    day_first: bool) -> tuple[tuple[str, str] | None, str | None]:
    """The document's date and where it came from (or ``None``), and the day it was published when its
    web address gives another day than that date (see :func:`make_document`)."""
    header_date = next((f.value for f in header if f.key in {"DATE", "PUBLISHED"}), None)
    url = url or next((f.value for f in header if f.key in {"URL", "LINK"}), None)
    name = os.path.basename(path.split("#", 1)[0])
    dated = document_date(text, name=name, value=date, source=date_source, header=header_date, url=url,
                          day_first=day_first)
    published = None
    if dated is not None and dated[1] not in ("url", "sidecar"):
        published = published_date(dated[0], url)
    return dated, published


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, so that it can always be written as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def first_line(text: str) -> str:
    """The first non-empty line, stripped and cut to a readable length."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= TITLE_MAX else line[: TITLE_MAX - 1] + "…"
    return ""


def iter_documents(
    paths: Iterable[str | os.PathLike[str]],
    *,
    on_error: Callable[[DocumentError], None] | None = None,
    fields: RowFields | None = None,
    limits: Limits | None = None,
    follow_links: bool = False,
) -> Iterator[Document]:
    """Read every document under ``paths``, in sorted order, lazily.

    ``paths`` may be what :func:`discover` returned, which is then read as it
    is.  Ids are file stems (for rows, the id field, else ``<stem>-<row>``); an
    id seen before gets the first 8 hex digits of the digest appended, so ids
    stay unique and deterministic.  Files with identical bytes are read once:
    the first keeps its id and lists the other paths as ``also_at`` in its
    ``meta``.

    Whatever goes wrong with one file is that file's problem: a file or row
    that cannot be read, is beyond ``limits`` or makes a reader fail in any
    way (a parser error, ``RecursionError``, ``MemoryError``) becomes one
    :class:`DocumentError` passed to ``on_error`` (or raised when it is
    ``None``), and reading goes on.  Warnings that libraries print while
    reading are kept as notes on that error instead of reaching the terminal.

    >>> [d.id for d in iter_documents(["data"])]  # doctest: +SKIP
    ['000_aaa0750c60e1d559', ...]
    """
    files = paths if isinstance(paths, Discovered) else discover(paths, follow_links=follow_links)
    for err in files.skipped:
        _report(err, on_error)
    limits = limits or Limits()
    copies = _duplicates(files)
    later = {copy for others in copies.values() for copy in others}
    seen: set[str] = set()
    for path in files:
        if path in later:
            continue
        for doc in _guarded(path, read_documents(path, fields=fields, limits=limits)):
            if isinstance(doc, DocumentError):
                _report(doc, on_error)
                continue
            if path in copies:
                also = tuple(("also_at", shown(p)) for p in copies[path])
                doc = dataclasses.replace(doc, meta=doc.meta + also)
            if doc.id in seen:
                doc = dataclasses.replace(doc, id=f"{doc.id}-{doc.sha256[:8]}")
            seen.add(doc.id)
            yield doc


def _guarded(path: Path, documents: Iterator[Document | DocumentError]) -> Iterator[Document | DocumentError]:
    """``documents`` with any exception raised while reading them turned into one :class:`DocumentError`.

    Only the reading is guarded and quietened, not the code that consumes
    what is yielded.
    """
    while True:
        with _quiet() as heard:
            try:
                doc = next(documents)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - any reader failure is the file's, not the build's
                err = _as_document_error(path, exc)
                for note in heard:
                    err.add_note(note)
                yield err
                return
        yield doc


#: What each format is and what should open it, for messages.
_FORMATS = {".txt": ("text", "a text editor"), ".md": ("text", "a text editor"), ".html": ("HTML", "a browser"),
            ".htm": ("HTML", "a browser"), ".pdf": ("PDF", "a PDF reader"), ".docx": ("DOCX", "a word processor"),
            ".eml": ("e-mail", "a mail client"), ".jsonl": ("JSON lines", "a text editor"),
            ".csv": ("CSV", "a spreadsheet")}


def _as_document_error(path: Path, exc: Exception) -> DocumentError:
    if isinstance(exc, DocumentError):
        return exc
    where = shown(path)
    if isinstance(exc, LimitReached):
        err = DocumentError(where, str(exc), kind="limit", parameters=(exc.parameter,))
    elif isinstance(exc, RecursionError):
        err = DocumentError(where, "is nested too deeply to read (RecursionError); it may be crafted to break "
                            "parsers: remove it or simplify it", kind="limit")
    elif isinstance(exc, MemoryError):
        err = DocumentError(where, "needs more memory than there is to read (MemoryError); lower `limits.file_mb` "
                            "or split the file", kind="limit", parameters=("limits.file_mb",))
    else:
        name, tool = _FORMATS.get(path.suffix.lower(), ("a document", "the program that made it"))
        err = DocumentError(where, f"could not be parsed as {name} ({type(exc).__name__}: {brief(exc)}); "
                            f"check that it opens in {tool}", kind="unparsable")
    if not isinstance(exc, LimitReached):
        err.__cause__ = exc  # shown by --verbose; a limit's message already says everything
    return err


class _Heard(logging.Handler):
    def __init__(self, heard: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.heard = heard

    def emit(self, record: logging.LogRecord) -> None:
        self.heard.append(f"{record.name} warned: {brief(Exception(record.getMessage()))}")


@contextmanager
def _quiet() -> Iterator[list[str]]:
    """Collect what libraries warn (``warnings`` and ``logging``) while a file is read, instead of printing it."""
    heard: list[str] = []
    handler = _Heard(heard)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield heard
        heard.extend(f"{w.category.__name__}: {brief(Exception(str(w.message)))}" for w in caught)
    finally:
        root.removeHandler(handler)


def _report(err: DocumentError, on_error: Callable[[DocumentError], None] | None) -> None:
    if on_error is None:
        raise err
    on_error(err)


def _duplicates(files: list[Path]) -> dict[Path, list[Path]]:
    """Files whose bytes equal an earlier file's: first path → the later ones.

    Only files that share their size with another are hashed, so a folder of
    distinct files is not read twice.
    """
    by_size: dict[int, list[Path]] = {}
    for path in files:
        try:
            info = path.stat()
        except OSError:
            continue
        if info.st_size and stat.S_ISREG(info.st_mode):
            by_size.setdefault(info.st_size, []).append(path)
    copies: dict[Path, list[Path]] = {}
    for group in by_size.values():
        if len(group) < 2:
            continue
        first_of: dict[str, Path] = {}
        for path in group:
            try:
                with _open_regular(path) as handle:
                    digest = hashlib.file_digest(handle, "sha256").hexdigest()
            except (OSError, DocumentError):
                continue
            if digest in first_of:
                copies.setdefault(first_of[digest], []).append(path)
            else:
                first_of[digest] = path
    return copies

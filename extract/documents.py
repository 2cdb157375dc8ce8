"""Finding and reading documents.

A folder is walked in sorted order, so the same folder always yields the same
documents in the same order.  Each file becomes a :class:`~extract.records.Document`
with an id (the file stem, made unique), a title (the format's own, else the
first non-empty line), its path and the sha256 of its bytes; a ``.jsonl`` or
``.csv`` file becomes one document per row (path ``file.jsonl#row``).  The
readers of each format live in :mod:`extract.formats`.  A file that cannot be read raises
:class:`~extract.errors.DocumentError`; :func:`iter_documents` reports it and
goes on with the rest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from fnmatch import fnmatch
from pathlib import Path

from extract.errors import DocumentError, InputError
from extract.formats import READERS, ROW_SUFFIXES, RowFields, iter_rows
from extract.records import Document

__all__ = ["SUFFIXES", "RowFields", "discover", "iter_documents", "make_document", "read_document", "read_documents"]

#: File suffixes read as documents.
SUFFIXES: frozenset[str] = frozenset(READERS) | ROW_SUFFIXES
TITLE_MAX = 200


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Every document file under ``paths``, folders walked in sorted order.

    Raises :class:`InputError` for a path that does not exist.

    >>> discover(["data"])  # doctest: +SKIP
    [PosixPath('data/000_aaa0750c60e1d559.txt'), ...]
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(_walk(path))
        elif path.is_file() or path.is_symlink():
            found.append(path)
        else:
            raise InputError(f"{raw}: no such file or folder; give a document or a folder of documents")
    return found


#: A file in a folder listing names (glob patterns, one a line) that are not documents.
IGNORE_FILE = ".tangleignore"


def _ignored(folder: Path) -> list[str]:
    path = folder / IGNORE_FILE
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _walk(folder: Path) -> Iterator[Path]:
    """Document files under ``folder`` in sorted order, skipping hidden and ``.tangleignore``d names."""
    for root, dirs, files in os.walk(folder):
        ignore = _ignored(Path(root))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not any(fnmatch(d, p) for p in ignore))
        for name in sorted(files):
            if name.startswith(".") or any(fnmatch(name, p) for p in ignore):
                continue
            if Path(name).suffix.lower() in SUFFIXES:
                yield Path(root) / name


def read_document(path: Path, *, doc_id: str | None = None) -> Document:
    """Read one file that holds one document (``.txt``, ``.md``, ``.html``, ``.pdf``, ``.docx``, ``.eml``).

    Text that is not UTF-8 is decoded in the encoding charset-normalizer
    detects, recorded as ``encoding`` in ``Document.meta``.

    >>> read_document(Path("data/000_aaa0750c60e1d559.txt")).id  # doctest: +SKIP
    '000_aaa0750c60e1d559'
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        kinds = ", ".join(sorted(SUFFIXES))
        raise DocumentError(str(path), f"is not a format Tangle reads; give one of {kinds}", kind="unparsable")
    data = _read_bytes(path)
    loaded = reader(path, data)
    return make_document(loaded.text, path=path.as_posix(), doc_id=doc_id or path.stem, data=data,
                         title=loaded.title, pages=loaded.pages, meta=loaded.meta)


def _read_bytes(path: Path) -> bytes:
    if path.is_symlink() and not path.exists():
        target = os.readlink(path)
        raise DocumentError(str(path), f"is a broken link (to {target}); fix or remove the link", kind="broken link")
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = f"cannot be read ({exc.strerror or exc}); check that it exists and is readable"
        raise DocumentError(str(path), reason) from exc
    if not data:
        raise DocumentError(str(path), "is empty; nothing to read", kind="empty")
    return data


def read_documents(path: Path, *, fields: RowFields | None = None) -> Iterator[Document | DocumentError]:
    """The documents of one file: one for most formats, one per row for ``.jsonl``/``.csv``.

    A row that cannot be read is yielded as its :class:`DocumentError`; a file
    that cannot be read at all raises it.
    """
    if path.suffix.lower() not in ROW_SUFFIXES:
        yield read_document(path)
        return
    _read_bytes_head(path)
    for row in iter_rows(path, fields=fields or RowFields()):
        if isinstance(row, DocumentError):
            yield row
            continue
        where = f"{path.as_posix()}#{row.number}"
        try:
            yield make_document(row.text, path=where, doc_id=row.id or f"{path.stem}-{row.number}", title=row.title)
        except DocumentError as err:
            yield err


def _read_bytes_head(path: Path) -> None:
    """Check that a row file can be opened and is not empty, without reading it whole."""
    if path.is_symlink() and not path.exists():
        _read_bytes(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(1)
    except OSError as exc:
        reason = f"cannot be read ({exc.strerror or exc}); check that it exists and is readable"
        raise DocumentError(str(path), reason) from exc
    if not head:
        raise DocumentError(str(path), "is empty; nothing to read", kind="empty")


def make_document(
    text: str,
    *,
    path: str,
    doc_id: str,
    data: bytes | None = None,
    title: str | None = None,
    pages: tuple[int, ...] = (),
    meta: tuple[tuple[str, str], ...] = (),
) -> Document:
    """A :class:`Document` from text already in memory (``data``: the original bytes, for the digest).

    ``pages`` are offsets in ``text`` and so must come with text whose line ends are ``\\n`` already.
    """
    if not pages:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(path, "is empty (no text in it); nothing to read", kind="empty")
    digest = hashlib.sha256(data if data is not None else text.encode("utf-8")).hexdigest()
    title = first_line(title) if title else first_line(text)
    return Document(id=doc_id, title=title, path=path, sha256=digest, text=text, pages=pages, meta=meta)


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
) -> Iterator[Document]:
    """Read every document under ``paths``, in sorted order, lazily.

    Ids are file stems (for rows, the id field, else ``<stem>-<row>``); an id
    seen before gets the first 8 hex digits of the digest appended, so ids stay
    unique and deterministic.  Files with identical bytes are read once: the
    first keeps its id and lists the other paths as ``also_at`` in its
    ``meta``.  A file or row that cannot be read is passed to ``on_error`` (or
    raised when it is ``None``).

    >>> [d.id for d in iter_documents(["data"])]  # doctest: +SKIP
    ['000_aaa0750c60e1d559', ...]
    """
    files = discover(paths)
    copies = _duplicates(files)
    later = {copy for others in copies.values() for copy in others}
    seen: set[str] = set()
    for path in files:
        if path in later:
            continue
        try:
            for doc in read_documents(path, fields=fields):
                if isinstance(doc, DocumentError):
                    _report(doc, on_error)
                    continue
                if path in copies:
                    also = tuple(("also_at", p.as_posix()) for p in copies[path])
                    doc = dataclasses.replace(doc, meta=doc.meta + also)
                if doc.id in seen:
                    doc = dataclasses.replace(doc, id=f"{doc.id}-{doc.sha256[:8]}")
                seen.add(doc.id)
                yield doc
        except DocumentError as err:
            _report(err, on_error)


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
            size = path.stat().st_size
        except OSError:
            continue
        if size:
            by_size.setdefault(size, []).append(path)
    copies: dict[Path, list[Path]] = {}
    for group in by_size.values():
        if len(group) < 2:
            continue
        first_of: dict[str, Path] = {}
        for path in group:
            try:
                with path.open("rb") as handle:
                    digest = hashlib.file_digest(handle, "sha256").hexdigest()
            except OSError:
                continue
            if digest in first_of:
                copies.setdefault(first_of[digest], []).append(path)
            else:
                first_of[digest] = path
    return copies

"""Finding and reading documents.

A folder is walked in sorted order, so the same folder always yields the same
documents in the same order.  Each file becomes a :class:`~extract.records.Document`
with an id (the file stem, made unique), a title (the first non-empty line),
its path and the sha256 of its bytes.  A file that cannot be read raises
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
from extract.records import Document

__all__ = ["SUFFIXES", "discover", "iter_documents", "make_document", "read_document"]

#: File suffixes read as documents.
SUFFIXES: frozenset[str] = frozenset({".txt", ".md"})
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
    """Read one ``.txt``/``.md`` file as UTF-8 (a BOM is dropped)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = f"cannot be read ({exc.strerror or exc}); check that it exists and is readable"
        raise DocumentError(str(path), reason) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(str(path), f"is not UTF-8 text (byte {exc.start}); convert it to UTF-8") from exc
    return make_document(text, path=path.as_posix(), doc_id=doc_id or path.stem, data=data)


def make_document(
    text: str, *, path: str, doc_id: str, data: bytes | None = None, title: str | None = None
) -> Document:
    """A :class:`Document` from text already in memory (``data``: the original bytes, for the digest)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(path, "is empty; nothing to read")
    digest = hashlib.sha256(data if data is not None else text.encode("utf-8")).hexdigest()
    return Document(id=doc_id, title=title or first_line(text), path=path, sha256=digest, text=text)


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
) -> Iterator[Document]:
    """Read every document under ``paths``, in sorted order.

    Ids are file stems; a stem seen before gets the first 8 hex digits of the
    file's digest appended, so ids stay unique and deterministic.  A file that
    cannot be read is passed to ``on_error`` (or raised when it is ``None``).
    """
    seen: set[str] = set()
    for path in discover(paths):
        try:
            doc = read_document(path)
        except DocumentError as err:
            if on_error is None:
                raise
            on_error(err)
            continue
        if doc.id in seen:
            doc = dataclasses.replace(doc, id=f"{doc.id}-{doc.sha256[:8]}")
        seen.add(doc.id)
        yield doc

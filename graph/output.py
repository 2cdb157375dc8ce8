"""The output folder of a build: checked before parsing, locked while in use, written as one set.

* :func:`check_writable` creates the folder and a scratch file in it, so a
  read-only or full folder is reported before the NLP pass, not after it.
* :func:`output_lock` holds an exclusive lock on ``OUT/.tangle.lock`` for the
  whole build; a second build into the same folder stops at once with one line
  (it does not wait: a build can take hours).  The lock is the kernel's
  (``flock``), so a killed build never leaves a stale one; the file is removed
  when the build ends.
* :func:`write_outputs` writes ``graph.json`` and ``graph.html`` to temporary
  files first and renames them into place only when both are complete, then
  writes ``tangle-manifest.json`` naming the build they belong to: a failed
  write (disk full, permissions) leaves the previous pair as it was.

The manifest is small and deterministic (no time stamps)::

    {"build": "<sha256 of graph.json>", "files": {"graph.html": "<sha256>", "graph.json": "<sha256>"},
     "tangle": {"format": 1, "version": "0.1.0"}}
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from extract.documents import OUTPUT_MANIFEST
from extract.errors import OutputError
from graph.io import write_beside

__all__ = ["LOCK_NAME", "MANIFEST_NAME", "check_folder", "check_writable", "output_error", "output_lock",
           "write_outputs"]

#: Lock file held while a build uses the folder.
LOCK_NAME = ".tangle.lock"
#: Written last by every build: the build id and the files that belong to it.
MANIFEST_NAME = OUTPUT_MANIFEST


def output_error(path: str | os.PathLike[str], exc: BaseException) -> OutputError:
    """One line for a failed write, naming the file, the reason and the way out."""
    reason = getattr(exc, "strerror", None) or str(exc)
    way_out = "free some space" if getattr(exc, "errno", None) == errno.ENOSPC or "full" in str(exc) else (
        "make it writable")
    return OutputError(f"cannot write {path}: {reason}; {way_out} or choose another folder with -o")


def check_folder(folder: str | os.PathLike[str]) -> Path:
    """``folder`` as a path; :class:`OutputError` when it, or the nearest existing folder above it, is a file.

    Creates nothing, so a command can call it before anything else.
    """
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file, not a folder; choose another folder with -o")
    above = next((p for p in out.parents if p.exists() or p.is_symlink()), None)
    if above is not None and not above.is_dir():
        raise OutputError(f"{out} is under {above}, which is a file, not a folder; choose another folder with -o")
    return out


def check_writable(folder: str | os.PathLike[str]) -> Path:
    """Create ``folder`` if needed and prove a file can be written in it; else :class:`OutputError`."""
    out = check_folder(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, scratch = tempfile.mkstemp(prefix=".tangle-write-check.", dir=out)
        try:
            os.write(fd, b"\0" * 4096)  # a full disk refuses data, not always the empty file
            os.fsync(fd)
        finally:
            os.close(fd)
            os.unlink(scratch)
    except OSError as exc:
        raise output_error(out, exc) from exc
    return out


@contextlib.contextmanager
def output_lock(folder: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold the folder's build lock; another build holding it gives :class:`OutputError` at once.

    >>> with output_lock("out"):  # doctest: +SKIP
    ...     pass
    """
    try:
        import fcntl
    except ImportError:  # no flock (Windows): builds are not serialised
        yield Path(folder)
        return
    path = Path(folder) / LOCK_NAME
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise output_error(path, exc) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (process {holder})" if holder.isdigit() else ""
            raise OutputError(f"{folder} is in use by another Tangle build{who}; wait for it to finish "
                              f"or choose another folder with -o") from None
        except OSError:  # a file system without locks (some network mounts): builds are not serialised
            os.close(fd)
            yield path
            return
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:  # else the holder removed the file between our open and our lock: take the new one
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        yield path
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)


def write_outputs(folder: str | os.PathLike[str], files: dict[str, str | bytes], *,
                  version: dict[str, object]) -> list[Path]:
    """Write ``files`` (name → content) into ``folder`` as one set, then the manifest naming them.

    Every file is written to a temporary file first; only when all are
    complete are they renamed into place.  Any failure removes the temporary
    files and raises :class:`OutputError`, leaving the previous files as they were.

    >>> write_outputs("out", {"graph.json": "{}"}, version={"version": "0.1.0"})  # doctest: +SKIP
    [PosixPath('out/graph.json')]
    """
    out = Path(folder)
    payloads = {name: data.encode("utf-8") if isinstance(data, str) else data for name, data in files.items()}
    temporary: dict[str, Path] = {}
    current = out
    try:
        for name, payload in payloads.items():
            current = out / name
            temporary[name] = write_beside(out / name, payload)
        for name, tmp in temporary.items():
            current = out / name
            os.replace(tmp, current)
        digests = {name: hashlib.sha256(payload).hexdigest() for name, payload in sorted(payloads.items())}
        manifest = {"build": digests.get("graph.json") or hashlib.sha256(
            json.dumps(digests, sort_keys=True).encode()).hexdigest(), "files": digests, "tangle": version}
        current = out / MANIFEST_NAME
        temporary[MANIFEST_NAME] = write_beside(
            out / MANIFEST_NAME, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8"))
        os.replace(temporary[MANIFEST_NAME], current)
    except OSError as exc:
        raise output_error(current, exc) from exc
    finally:
        for tmp in temporary.values():
            tmp.unlink(missing_ok=True)
    return [out / name for name in payloads]

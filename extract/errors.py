"""The exceptions Tangle raises; the CLI turns each into one ``Error: …`` line.

Every message names the bad value and the way out.
"""

from __future__ import annotations

__all__ = ["DocumentError", "InputError", "ModelError", "NothingRead", "OutputError", "TangleError"]


class TangleError(Exception):
    """Base class of every error a user can cause and fix."""


class InputError(TangleError):
    """A path, option or file given by the user cannot be used."""


class DocumentError(TangleError):
    """One document could not be read; the rest of the corpus goes on."""

    #: What went wrong, for the build summary: ``unreadable``, ``empty``, ``binary``, ``broken link``,
    #: ``unparsable``, ``limit``, ``no text``, ``not a file``, ``link outside``, ``invalid text``.
    kind: str

    def __init__(self, path: str, reason: str, *, kind: str = "unreadable") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.kind = kind


class NothingRead(TangleError):
    """Documents were given but none of them could be read (each was reported as skipped)."""


class ModelError(TangleError):
    """The spaCy pipeline cannot be loaded."""


class OutputError(TangleError):
    """The output folder cannot be written (read-only, full, or in use by another build); nothing
    written before is changed."""

"""The exceptions Tangle raises; the CLI turns each into one ``Error: …`` line.

Every message names the bad value and the way out.  A message about a
parameter writes it as the library spells it, between backticks
(```workers``` must be 1 or more, raise ```limits.file_mb```), and the
exception lists it in :attr:`TangleError.parameters`: a notebook user reads
the name they can pass, and the CLI replaces each by the flag that sets it
(``--workers``, ``--max-file-mb``).
"""

from __future__ import annotations

__all__ = ["DocumentError", "InputError", "ModelError", "NothingRead", "OutputError", "TangleError"]


class TangleError(Exception):
    """Base class of every error a user can cause and fix.

    ``parameters`` are the library parameters the message names, each as it
    appears there between backticks (``"workers"``, ``"limits.file_mb"``,
    ``"cache=False"``); :attr:`parameter` is the first one's name.
    """

    def __init__(self, *args: object, parameters: tuple[str, ...] = ()) -> None:
        super().__init__(*args)
        self.parameters = tuple(parameters)

    @property
    def parameter(self) -> str | None:
        """The name of the parameter the error is about (``cache`` for ``cache=False``), if any."""
        return self.parameters[0].split("=")[0] if self.parameters else None


class InputError(TangleError):
    """A path, option or file given by the user cannot be used."""


class DocumentError(TangleError):
    """One document could not be read; the rest of the corpus goes on."""

    #: What went wrong, for the build summary: ``unreadable``, ``empty``, ``binary``, ``broken link``,
    #: ``unparsable``, ``limit``, ``no text``, ``not a file``, ``link outside``, ``invalid text``.
    kind: str

    def __init__(self, path: str, reason: str, *, kind: str = "unreadable", parameters: tuple[str, ...] = ()) -> None:
        super().__init__(f"{path}: {reason}", parameters=parameters)
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

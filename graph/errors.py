"""Errors raised by the graph library; all derive from :class:`TangleError`."""

from __future__ import annotations

from extract.errors import InputError, OutputError, TangleError

__all__ = ["EntityNotFound", "GraphFileError", "GraphFormatError", "InputError", "OutputError", "TangleError"]


class GraphFileError(TangleError):
    """A ``graph.json`` that cannot be read or is not a Tangle graph."""


class GraphFormatError(GraphFileError):
    """A ``graph.json`` whose format version, keys or values this Tangle cannot read.

    ``where`` names the first bad part: ``file``, ``graph``, ``document N``, ``node N`` or ``edge N``
    (N counts from 0 in the file's lists).
    """

    def __init__(self, message: str, *, where: str) -> None:
        super().__init__(message)
        self.where = where


class EntityNotFound(TangleError):
    """No entity has the asked-for name, or its words are in several (``ambiguous`` is then their number);
    ``suggestions`` holds the closest names."""

    def __init__(self, name: str, suggestions: list[str], *, ambiguous: int = 0) -> None:
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        if ambiguous:
            super().__init__(f"{name!r} is in the names of {ambiguous} entities{hint}")
        else:
            super().__init__(f"no entity named {name!r}{hint}")
        self.name = name
        self.suggestions = suggestions
        self.ambiguous = ambiguous

"""Errors raised by the graph library; all derive from :class:`TangleError`."""

from __future__ import annotations

from extract.errors import InputError, OutputError, TangleError

__all__ = ["EntityNotFound", "GraphFileError", "InputError", "OutputError", "TangleError"]


class GraphFileError(TangleError):
    """A ``graph.json`` that cannot be read or is not a Tangle graph."""


class EntityNotFound(TangleError):
    """No entity has the asked-for name; ``suggestions`` holds the closest names."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {name!r}{hint}")
        self.name = name
        self.suggestions = suggestions

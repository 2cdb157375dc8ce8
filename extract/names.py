"""Given names and their nicknames, from the ``nicknames`` package's hand-curated table.

The table (Apache-2.0, about 1,400 English given names with their nicknames)
is read once, from the installed package; nothing is downloaded.

>>> is_given_name("Sally"), is_given_name("Kislyak")
(True, False)
>>> same_given_name("Mike", "Michael"), same_given_name("Mike", "Robert")
(True, False)
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["is_given_name", "same_given_name"]


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    from nicknames import NickNamer

    namer = NickNamer()
    canonical = namer.canonical_lookup  # nickname -> its full names
    names = frozenset(canonical) | frozenset(namer.nickname_lookup)
    return names, {nick: frozenset(full) for nick, full in canonical.items()}


def is_given_name(word: str) -> bool:
    """True when ``word`` is a known given name or nickname (any case)."""
    return word.casefold() in _tables()[0]


def same_given_name(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are one given name: equal, or one a nickname of the other."""
    a, b = a.casefold(), b.casefold()
    canonical = _tables()[1]
    return a == b or b in canonical.get(a, ()) or a in canonical.get(b, ())

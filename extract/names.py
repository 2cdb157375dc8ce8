"""Given names and their nicknames, from the ``nicknames`` package's hand-curated table.

The table (Apache-2.0, about 1,400 English given names with their nicknames)
is read once, from the installed package; nothing is downloaded.

>>> is_given_name("Sally"), is_given_name("Kowalczyk")
(True, False)
>>> same_given_name("Mike", "Michael"), same_given_name("Mike", "Robert")
(True, False)
>>> spelling_key("Sergey") == spelling_key("Sergei"), spelling_key("Aleksei") == spelling_key("Alexey")
(True, True)
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["is_given_name", "same_given_name", "spelling_key"]

#: Romanisations that write one name two ways: "Sergey"/"Sergei", "Dmitry"/"Dmitri",
#: "Yuriy"/"Yury"/"Yuri", "Aleksei"/"Alexey", a "y" after a consonant for an "i" ("Natalya"/"Natalia",
#: "Ostrovych"/"Ostrovich"). Applied in order to the casefolded word; no letter is dropped or added, so
#: "Maria" and "Marina" keep different keys.
_SPELLINGS = ((re.compile(r"ks"), "x"), (re.compile(r"(?<=[b-df-hj-np-tv-z])y"), "i"),
              (re.compile(r"(?:iy|ii|y)$"), "i"))


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


def spelling_key(name: str) -> str:
    """``name`` (one word) with the spelling differences of romanised names folded away."""
    key = name.casefold()
    for pattern, repl in _SPELLINGS:
        key = pattern.sub(repl, key)
    return key


def same_given_name(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are one given name: equal, or one a nickname of the other."""
    a, b = a.casefold(), b.casefold()
    canonical = _tables()[1]
    return a == b or b in canonical.get(a, ()) or a in canonical.get(b, ())

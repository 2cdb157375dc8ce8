"""Name normalisation: from a surface form to the name and key used to resolve it.

>>> from extract.vocabulary import load_vocabulary
>>> vocab = load_vocabulary()
>>> clean_name("the Kremlin’s")
'Kremlin'
>>> person_name("President Angela Merkel", vocab)
'Angela Merkel'
>>> name_key("U.S.")
'us'
"""

from __future__ import annotations

import calendar
import re
import unicodedata

from extract.vocabulary import Vocabulary

__all__ = ["clean_name", "is_junk", "name_key", "person_name", "split_suffix", "slugify"]

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "\u00a0": " "})
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)
_EDGE_PUNCT = " \t\n\"'()[]{}<>,;:!?*_-–—|/\\"
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff]")
_HAS_LETTER = re.compile(r"[^\W\d_]")
#: A web address or e-mail address, never a name ("https://t.co/x1", "www.example.org", "bit.ly/abc").
#: A month's short form ("Aug", "Sept."), which tables and datelines write alone and the model reads as a name.
#: A short form that is also the whole month's name ("May") is left out: it can be a person's name.
_MONTH_ABBREVIATIONS = frozenset(
    abbr.lower() for abbr, name in zip(calendar.month_abbr, calendar.month_name, strict=True) if abbr and abbr != name
) | {"sept"}

_ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://|^www\.|^[\w-]+(?:\.[\w-]+)+/|^\S+@[\w-]+\.\w", re.IGNORECASE)
_CONTROL = re.compile(r"[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_name(text: str) -> str:
    """A surface form without possessive, leading article, quotes or stray punctuation."""
    name = _CONTROL.sub("", text.translate(_QUOTES))
    name = _SPACE.sub(" ", name).strip(_EDGE_PUNCT)
    name = _POSSESSIVE.sub("", name).strip(_EDGE_PUNCT)
    return _LEADING_ARTICLE.sub("", name).strip(_EDGE_PUNCT)


def person_name(text: str, vocab: Vocabulary) -> str:
    """A person's name without titles or honorifics ("Sen. Mark Warner" → "Mark Warner")."""
    name = clean_name(text)
    changed = True
    while changed:
        changed = False
        low = name.lower()
        for title in vocab.titles:
            for form in (title + ". ", title + " "):
                if low.startswith(form) and len(name) > len(form):
                    name, changed = name[len(form):].lstrip(), True
                    break
            if changed:
                break
    return name


def name_key(name: str) -> str:
    """The case- and punctuation-insensitive key two forms of one name share."""
    folded = _INVISIBLE.sub("", unicodedata.normalize("NFKC", name).casefold().translate(_QUOTES))
    folded = folded.replace(".", "").replace("-", " ").replace("–", " ")
    return _SPACE.sub(" ", folded).strip()


def split_suffix(name: str, vocab: Vocabulary) -> tuple[list[str], str]:
    """A name's words and its generational suffix ("Ken Griffey Jr." → (["Ken", "Griffey"], "jr"))."""
    words = name.replace(",", " ").split()
    if len(words) > 1 and words[-1].lower().rstrip(".") in vocab.suffixes:
        return words[:-1], words[-1].lower().rstrip(".")
    return words, ""


def is_junk(name: str, vocab: Vocabulary) -> bool:
    """True for names that must never become a node.

    Fragments ("n't"), words without letters, lone characters, capitalised
    common words from the junk list, names that start in lower case (the
    model's mistakes on ordinary words), web or e-mail addresses and a month's
    short form standing alone are junk.
    """
    if len(name) < 2 or not _HAS_LETTER.search(name) or _ADDRESS.search(name):
        return True
    if name.rstrip(".").lower() in _MONTH_ABBREVIATIONS:
        return True
    key = name_key(name)
    if key in vocab.junk_words or name.lower() in vocab.junk_words:
        return True
    first = name[0]
    if first.isalpha() and first.islower() and not any(c.isupper() for c in name):
        return True
    return len(name) > 80


def slugify(text: str) -> str:
    """A readable, deterministic identifier ("Ken Griffey Jr." → "ken-griffey-jr")."""
    slug = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFKC", text).casefold()).strip("-")
    return slug or "entity"

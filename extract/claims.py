"""Claim status: does the sentence assert, report or deny a link between two entities?

The status is read from the dependency parse.  The words that decide it are
the ones on the path between the two entities, the clause heads above that
path, and the words attached to them: "X did *not* meet Y" denies,
"X *reportedly* met Y" reports, "*no evidence* of ties between X and Y"
denies.  A cue elsewhere in the sentence does not count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Span, Token

from extract.records import Status
from extract.vocab import PATTERNS_DIR, _read_yaml

__all__ = ["ClaimCues", "claim_status", "load_cues"]


@dataclass(frozen=True)
class ClaimCues:
    negated: frozenset[str]
    reported: frozenset[str]
    reported_phrases: tuple[str, ...]


@cache
def load_cues(path: Path = PATTERNS_DIR / "claims.yml") -> ClaimCues:
    data = _read_yaml(path)
    neg, rep = data.get("negated", {}), data.get("reported", {})
    return ClaimCues(
        negated=frozenset(w.lower() for w in [*neg.get("words", []), *neg.get("verbs", [])]),
        reported=frozenset(w.lower() for w in [*rep.get("words", []), *rep.get("verbs", [])]),
        reported_phrases=tuple(p.lower() for p in rep.get("phrases", [])),
    )


#: Words that open an open question: a claim inside "whether …" or "if …" is not settled either way.
_OPEN_QUESTION = frozenset({"whether", "if"})


def _scope(anchors: Iterable[Token]) -> tuple[set[Token], set[Token]]:
    """The words whose cues govern a claim linking ``anchors``, on the paths up to the sentence root.

    Returns the words inside the claim's own clauses and the words above an open question
    ("did not say *whether* X met Y"): a denial up there denies the saying, not the meeting.
    """
    inside: set[Token] = set()
    above: set[Token] = set()
    for anchor in anchors:
        token, target = anchor, inside
        while True:
            target.add(token)
            if any(c.dep_ == "mark" and c.lower_ in _OPEN_QUESTION for c in token.children):
                target = above
            if token.head.i == token.i:
                break
            token = token.head
    return inside - above, above


def _whether_or_not(token: Token) -> bool:
    """The "not" of "whether or not", which asks a question and denies nothing."""
    doc = token.doc
    return token.lower_ == "not" and token.i >= 2 and doc[token.i - 1].lower_ == "or" and doc[
        token.i - 2].lower_ == "whether"


def _cue_words(scope: set[Token]) -> Iterable[str]:
    for token in scope:
        if not _whether_or_not(token):
            yield token.lower_
        for child in token.children:
            if _whether_or_not(child):
                continue
            if child.dep_ in {"neg", "advmod", "aux", "auxpass", "det", "amod", "nsubj", "nsubjpass", "preconj", "cc"}:
                yield child.lower_
            if child.dep_ in {"nsubj", "nsubjpass"}:  # "no evidence shows …", "none of the sources …"
                yield from (g.lower_ for g in child.children if g.dep_ in {"det", "neg"})


def claim_status(sentence: Span, anchors: Iterable[Token], cues: ClaimCues | None = None) -> Status:
    """The status of a claim linking ``anchors`` (entity heads and trigger) in ``sentence``.

    Negation wins over reporting: "reportedly did not meet" is ``negated``.
    """
    cues = cues or load_cues()
    inside, above = _scope(anchors)
    words = set(_cue_words(inside))
    if words & cues.negated:
        return "negated"
    if above or words & cues.reported:
        return "reported"
    text = sentence.text.lower()
    if any(phrase in text for phrase in cues.reported_phrases):
        return "reported"
    return "asserted"

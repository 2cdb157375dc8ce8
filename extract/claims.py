"""Claim status: does the sentence assert, report or deny a link between two entities?

The status is read from the dependency parse.  The words that decide it are
the ones on the path between the two entities, the clause heads above that
path, and the words attached to them: "X did *not* meet Y" denies,
"X *reportedly* met Y" reports, "*no evidence* of ties between X and Y"
denies.  A cue elsewhere in the sentence does not count.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from extract.records import Status
from extract.vocabulary import ClaimCues, load_vocabulary

__all__ = ["ClaimCues", "claim_status", "is_question", "load_cues"]


def load_cues() -> ClaimCues:
    """The claim cues of the built-in vocabulary (:attr:`Vocabulary.claims`; read once, with it)."""
    return load_vocabulary().claims


def is_question(sentence: Span, cues: ClaimCues | None = None) -> bool:
    """True when ``sentence`` asks rather than states, with or without a question mark.

    A wh-word followed by an auxiliary ("What is the truth between X and Y"), an
    auxiliary followed by its subject ("Is there a link …", "Did X meet Y"), or
    "Whether …" at the start; a speaker's label ("SMITH: …") is skipped.
    """
    cues = cues or load_cues()
    if sentence.text.rstrip().endswith("?"):
        return True
    words = [t for t in sentence if not t.is_space]
    if len(words) > 2 and words[0].is_upper and words[1].text == ":":
        words = words[2:]
    if len(words) < 2:
        return False
    first, second = words[0].lower_, words[1]
    if first in cues.question_openers:
        return True
    if first in cues.wh_words:
        return second.lower_ in cues.question_aux and second.pos_ == "AUX"
    if first in cues.question_aux and words[0].pos_ == "AUX":
        return second.dep_ in {"nsubj", "nsubjpass", "expl"} or second.pos_ in {"PRON", "PROPN", "DET"}
    return False


def _scope(anchors: Iterable[Token], cues: ClaimCues, *, trigger: Token | None = None,
           top: Token | None = None) -> tuple[set[Token], set[Token], bool]:
    """The words whose cues govern a claim linking ``anchors``, on the paths up to the sentence root.

    Returns the words inside the claim's own clauses, the words above an open question or an
    open verb ("did not say *whether* X met Y", "did not *mention* X's role": a denial up there
    denies the saying, not the claim), and whether the claim sits in a conditional clause.
    With ``top`` the climb stops at that word: the claim is made inside its phrase.
    """
    inside: set[Token] = set()
    above: set[Token] = set()
    conditional = False
    for anchor in anchors:
        token, target = anchor, inside
        while True:
            if (target is inside and token.i != anchor.i and (trigger is None or token.i != trigger.i)
                    and (token.lower_ in cues.open_verbs or any(
                        c.dep_ == "acomp" and c.lower_ in cues.open_adjectives for c in token.children))):
                target = above
            target.add(token)
            if top is not None and token.i == top.i:
                break
            if any(c.dep_ == "mark" and c.lower_ in cues.conditional for c in token.children):
                if target is inside:
                    conditional = True
                target = above
            if token.head.i == token.i or _parenthetical_attribution(token, cues):
                break
            token = token.head
    return inside - above, above, conditional


def _parenthetical_attribution(token: Token, cues: ClaimCues) -> bool:
    """"But, X told Y, the measures haven't worked": the parser hangs the saying under what is said,
    and that clause does not govern the saying."""
    head = token.head.lower_
    return (token.lower_ in cues.open_verbs and token.dep_ in {"ccomp", "parataxis"}
            and any(c.dep_ == "nsubj" for c in token.children)
            and head not in cues.open_verbs | cues.negated | cues.reported)


def _whether_or_not(token: Token) -> bool:
    """The "not" of "whether or not", which asks a question and denies nothing."""
    doc = token.doc
    return token.lower_ == "not" and token.i >= 2 and doc[token.i - 1].lower_ == "or" and doc[
        token.i - 2].lower_ == "whether"


def _not_the_only(token: Token) -> bool:
    """A copula whose predicate is "the only …": its negation affirms."""
    return any(a.dep_ == "attr" and any(g.lower_ == "only" and g.dep_ in {"amod", "advmod"} for g in a.children)
               for a in token.children)


def _low(token: Token) -> str:
    """The word in lower case with a typographic apostrophe as a plain one ("doesn’t")."""
    return token.lower_.replace("\u2019", "'")


def _cue_words(scope: set[Token], cues: ClaimCues, trigger: Token | None = None) -> Iterable[str]:
    for token in scope:
        if not _whether_or_not(token) and (trigger is None or token.i != trigger.i):
            yield _low(token)  # the relation's own word is no cue: "X accused Y" asserts the accusation
        for child in token.children:
            if _whether_or_not(child) or (token.lower_ in cues.affirming_nouns and child.dep_ in {"det", "neg"}):
                continue  # "made no secret that …" affirms
            if child.dep_ == "neg" and _not_the_only(token):
                continue  # "X was not the only one who met Y" affirms that X met Y
            if child.dep_ in {"neg", "advmod", "aux", "auxpass", "det", "amod", "nsubj", "nsubjpass", "preconj", "cc"}:
                yield _low(child)
            if child.dep_ in {"nsubj", "nsubjpass"}:  # "no evidence shows …", "none of the sources …"
                yield from (_low(g) for g in child.children if g.dep_ in {"det", "neg"})


def _speaker_phrase(anchors: list[Token], trigger: Token | None) -> Token | None:
    """A name of the main clause (its subject, or a noun phrase its objects lead to) when the claim
    lies wholly inside that name's phrase: "X, who talks to Y, told reporters …" and "the subpoena
    asks for records about X, a businessman who is chairman of Y" are the writer's, not what X told or
    what the subpoena asks."""
    chains = []
    for anchor in anchors:
        chain, token = [anchor], anchor
        while token.head.i != token.i:
            token = token.head
            chain.append(token)
        chains.append(chain)
    if not chains:
        return None
    shared = set.intersection(*({t.i for t in chain} for chain in chains))
    lowest = next((t for t in chains[0] if t.i in shared), None)
    if (lowest is None or (trigger is not None and lowest.i == trigger.i)
            or not any(lowest.i == a.i for a in anchors) or not _in_main_clause(lowest)):
        return None
    # the others hang in the name's apposition or relative clause, not beside it ("X and Y")
    inserted = any(t.dep_ in {"appos", "relcl", "acl"} for chain in chains
                   for t in chain[:next(n for n, t in enumerate(chain) if t.i == lowest.i)])
    return lowest if inserted else None


def _in_main_clause(name: Token) -> bool:
    """True when ``name`` is the subject of the sentence's main verb, or reached from that verb through
    objects and prepositions only ("asks for records about X"), not inside a clause it reports."""
    if name.dep_ in {"nsubj", "nsubjpass"}:
        return name.head.dep_ == "ROOT"
    token = name
    while token.dep_ in {"pobj", "prep", "dobj"} and token.head.i != token.i:
        token = token.head
    return token is not name and token.dep_ == "ROOT" and token.pos_ in {"VERB", "AUX"}


def claim_status(sentence: Span, anchors: Iterable[Token], cues: ClaimCues | None = None, *,
                 trigger: Token | None = None, phrase: Token | None = None) -> Status:
    """The status of a claim linking ``anchors`` (entity heads and trigger) in ``sentence``.

    Negation wins over reporting: "reportedly did not meet" is ``negated``.  A claim in a
    conditional ("If X paid Y …") is ``reported`` whatever its own words say.  With ``phrase``
    (the head of a noun phrase that states the tie, "Y's lawyer X") only that phrase's words count.

    >>> claim_status(sent, (x.root, y.root, met), trigger=met)  # doctest: +SKIP
    'negated'
    """
    cues = cues or load_cues()
    anchors = list(anchors)
    if phrase is None:
        phrase = _speaker_phrase(anchors, trigger)
    inside, above, conditional = _scope(anchors, cues, trigger=trigger, top=phrase)
    if conditional:
        return "reported"
    words = set(_cue_words(inside, cues, trigger))
    if words & cues.negated:
        return "negated"
    if above or words & cues.reported:
        return "reported"
    text = sentence.text.lower()
    if phrase is None and any(phrase_ in text for phrase_ in cues.reported_phrases):
        return "reported"
    return "asserted"

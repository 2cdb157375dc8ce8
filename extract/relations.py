"""Typed relations read from the dependency parse of one sentence.

The vocabulary (``patterns/relations.yml``) says which words signal which
relation; this module finds the entities those words connect:

* verbs: subject and object, prepositional objects, passive voice
  ("X was investigated by Y"), coordinated subjects and objects
  ("X, Y and Z met"), and the subject inherited by infinitives and relative
  clauses ("X sought to meet Y", "X, who met Y");
* nouns: "meetings between X and Y", "X's business ties to Y",
  "loans from X to Y", "X sought meetings with Y", "meetings involving X and Y";
* role nouns in appositions and copulas: "X, the chairman of Y",
  "X was Y's lawyer", "X, an associate of Y".

Only entity pairs whose types the vocabulary allows are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from extract.records import Mention
from extract.vocab import Vocab

__all__ = ["Found", "RelationType", "find_relations", "relation_types"]

ROLE_TYPES = frozenset({"works_for", "member_of", "associate_of"})
_SUBJECT_DEPS = {"nsubj", "csubj"}
_OBJECT_DEPS = {"dobj", "dative", "attr", "oprd", "obj"}
_OBJECT_PREPS = {"with", "to", "from", "about", "for", "against", "on", "in", "at", "into", "during", "by", "of",
                 "toward", "towards", "over"}
_EXAMPLE_PREPS = {"like", "including", "as"}
_DESCEND_PREPS = {"in", "of", "from", "with", "to"}
_PARTICIPANT_VERBS = {"involving", "including", "with", "between", "among", "featuring"}


@dataclass(frozen=True)
class RelationType:
    """One entry of the relation vocabulary."""

    name: str
    label: str
    directed: bool
    source: frozenset[str]
    target: frozenset[str]
    verbs: frozenset[str]
    nouns: frozenset[str]
    needs_modifier: frozenset[str]
    modifiers: frozenset[str]
    prepositions: frozenset[str]
    any_verb: bool = False
    not_with: tuple[tuple[str, frozenset[str]], ...] = ()

    def excluded(self, verb: Token) -> bool:
        """True when ``verb`` is used with a particle or preposition that changes its meaning."""
        banned = dict(self.not_with).get(verb.lower_)
        return bool(banned) and any(c.dep_ in {"prep", "prt"} and c.lower_ in banned for c in verb.children)

    def allows(self, source_label: str, target_label: str) -> bool:
        return source_label in self.source and target_label in self.target


@dataclass(frozen=True)
class Found:
    """A typed relation between two mentions, with the words that decide its claim status."""

    type: str
    source: int
    target: int
    trigger: str
    anchors: tuple[Token, ...]


@cache
def _types(fingerprint: str, entries: tuple[tuple[tuple[str, object], ...], ...]) -> tuple[RelationType, ...]:
    out = []
    for items in entries:
        entry = dict(items)

        def words(key: str, entry: dict = entry) -> frozenset[str]:
            return frozenset(str(w).lower() for w in entry.get(key) or ())

        out.append(RelationType(
            name=str(entry["name"]), label=str(entry.get("label", entry["name"])),
            directed=bool(entry.get("directed", False)),
            source=frozenset(str(w) for w in entry.get("source") or ()),
            target=frozenset(str(w) for w in entry.get("target") or ()),
            verbs=words("verbs"), nouns=words("nouns"), needs_modifier=words("noun_needs_modifier"),
            modifiers=words("modifiers"), prepositions=words("prepositions"),
            any_verb=bool(entry.get("any_verb", False)),
            not_with=tuple((str(verb).lower(), frozenset(str(w).lower() for w in words))
                           for verb, words in dict(entry.get("not_with") or ()).items()),
        ))
    return tuple(out)


def _freeze(value: object) -> object:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _freeze(v)) for k, v in sorted(value.items()))
    return value


_BY_FINGERPRINT: dict[str, tuple[RelationType, ...]] = {}


def relation_types(vocab: Vocab) -> tuple[RelationType, ...]:
    """The relation vocabulary of ``vocab`` as typed entries, built once per vocabulary."""
    found = _BY_FINGERPRINT.get(vocab.fingerprint)
    if found is None:
        entries = tuple(tuple((k, _freeze(v)) for k, v in sorted(e.items())) for e in vocab.relations)
        found = _BY_FINGERPRINT[vocab.fingerprint] = _types(vocab.fingerprint, entries)
    return found


def _conjuncts(token: Token) -> list[Token]:
    """``token`` and the words coordinated with it ("X, Y and Z")."""
    out, stack = [], [token]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(c for c in current.children if c.dep_ == "conj")
    return out


class _Sentence:
    """Maps the tokens of a sentence to the mentions found in it."""

    def __init__(self, sent: Span, found: list[tuple[Span, int]], mentions: list[Mention]) -> None:
        self.sent = sent
        self.mentions = mentions
        self.by_token: dict[int, int] = {}
        self.roots: dict[int, Token] = {}
        for span, index in found:
            for token in span:
                self.by_token[token.i] = index
            self.roots[index] = span.root

    def mention(self, token: Token) -> int | None:
        return self.by_token.get(token.i)

    def arguments(self, token: Token, *, descend: bool = False) -> list[int]:
        """Mentions at ``token`` and its conjuncts.

        A common noun leads on to the names it stands for: an apposition or a
        compound ("summits (the G7 and the Geneva summit)", "the X campaign"),
        examples ("leaders like X"), and with ``descend`` its prepositional
        objects ("opportunities in X", "the finances of X").
        """
        out: list[int] = []
        for tok in _conjuncts(token):
            index = self.mention(tok)
            if index is not None:
                found = [index]
            else:
                found = []
                for child in tok.children:
                    if child.dep_ in {"appos", "compound"}:
                        found.extend(self.arguments(child))
                    elif child.dep_ == "prep" and (child.lower_ in _EXAMPLE_PREPS or (
                            descend and child.lower_ in _DESCEND_PREPS)):
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                found.extend(self.arguments(pobj))
                    elif descend and child.dep_ == "acl" and child.lower_ in _PARTICIPANT_VERBS:
                        for obj in child.children:
                            if obj.dep_ in _OBJECT_DEPS:
                                found.extend(self.arguments(obj))
            out.extend(i for i in found if i not in out)
        return out

    def prep_objects(self, head: Token, preps: set[str]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for child in head.children:
            if child.dep_ in {"prep", "agent"} and child.lower_ in preps | {"by"}:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out.setdefault(child.lower_, []).extend(self.arguments(pobj))
        return out


def _subjects(s: _Sentence, verb: Token) -> list[int]:
    """The subject mentions of ``verb``, inherited from the governing clause when it has none.

    A clause with a subject of its own ("that I schedule …", "a group that …") inherits nothing,
    and a complement clause never takes its governor's subject ("X said [groups worked for Y]").
    """
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in _SUBJECT_DEPS | {"nsubjpass", "expl"}]
        if subjects:
            return [i for c in subjects if c.dep_ in _SUBJECT_DEPS for i in s.arguments(c)]
        if current.dep_ == "relcl":
            return s.arguments(current.head)
        if current.dep_ in {"xcomp", "conj", "advcl", "pcomp", "prep"} and current.head.i != current.i:
            current = current.head
            continue
        break
    return []


def _verb_relations(s: _Sentence, verb: Token, rt: RelationType) -> Iterator[tuple[int, int]]:
    if any(c.dep_ == "oprd" for c in verb.children) or rt.excluded(verb):
        return  # "called X a strong leader" names X; "called for talks" asks for them
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    subjects = _subjects(s, verb) if not passive else []
    objects: list[int] = []
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            objects.extend(s.arguments(child, descend=True))
        if passive and child.dep_ == "nsubjpass":
            objects.extend(s.arguments(child))
    preps = s.prep_objects(verb, set(_OBJECT_PREPS) | set(rt.prepositions))
    if passive:
        subjects = preps.pop("by", [])
    for prep, items in preps.items():
        if rt.prepositions and prep not in rt.prepositions and rt.name in {"participated_in", "located_in"}:
            continue
        objects.extend(items)
    if rt.name == "participated_in":
        # everyone the clause names takes part: "X met Y at the Z summit"
        everyone = subjects + objects
        yield from _pairs(everyone, everyone, rt)
        return
    yield from _pairs(subjects, objects, rt)


def _noun_relations(s: _Sentence, noun: Token, rt: RelationType) -> Iterator[tuple[int, int]]:
    if noun.lower_ in rt.needs_modifier and not any(
        c.lower_ in rt.modifiers for c in noun.children if c.dep_ in {"amod", "compound", "conj"}
    ) and not any(c.lower_ in rt.modifiers for c in noun.head.children if c.dep_ == "amod"):
        return
    preps = s.prep_objects(noun, _OBJECT_PREPS | {"between", "among"})
    between = preps.pop("between", []) + preps.pop("among", [])
    participants = list(between)
    for child in noun.children:
        if child.dep_ == "acl" and child.lower_ in _PARTICIPANT_VERBS:
            for grand in child.children:
                if grand.dep_ in _OBJECT_DEPS:
                    participants.extend(s.arguments(grand))
    owners = [i for c in noun.children if c.dep_ in {"poss", "nmod"} for i in s.arguments(c)]
    compounds = [s.mention(c) for c in noun.children if c.dep_ == "compound" and s.mention(c) is not None]
    if rt.name in ROLE_TYPES:
        holders = _role_holders(s, noun)
        targets = owners + compounds + preps.get("of", []) + preps.get("for", []) + preps.get("at", []) + preps.get(
            "to", [])
        yield from _pairs(holders, targets, rt)
        return
    sources = owners or ([] if between else _noun_agents(s, noun))
    if "from" in preps and "to" in preps:
        yield from _pairs(preps["from"], preps["to"], rt)
        return
    targets = [i for items in preps.values() for i in items] + compounds
    if between:
        # "meetings between X and Y": the two sides are named; the clause's subject is not one of them
        yield from _pairs(between, between + targets, rt)
    elif sources:
        yield from _pairs(sources, targets + participants, rt)
    else:
        # "meetings involving X and Y" names people who met others, not each other
        yield from _pairs(participants, targets, rt)


def _noun_agents(s: _Sentence, noun: Token) -> list[int]:
    """Who acts in an event noun: the subject of the clause it belongs to ("X sought meetings with Y"),
    found by climbing from the noun to the nearest word with a subject or possessor.  A group named by
    an adjective ("Russian interference") is the agent itself, so nothing is inherited."""
    if any(c.ent_type_ == "NORP" for c in noun.children if c.dep_ in {"amod", "compound"}):
        return []
    current = noun
    for _ in range(5):
        if current.head.i == current.i:
            return []
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return _subjects(s, current)
        found = [i for c in current.children if c.dep_ in {"poss", "nmod", "nsubj"} for i in s.arguments(c)]
        if found:
            return found
    return []


def _role_holders(s: _Sentence, noun: Token) -> list[int]:
    """Who holds a role noun: "X, the chairman of Y" (apposition) or "X was Y's lawyer" (copula)."""
    if noun.dep_ == "appos":
        return s.arguments(noun.head)
    if noun.dep_ == "attr" and noun.head.pos_ in {"AUX", "VERB"}:
        return _subjects(s, noun.head)
    held = [i for c in noun.children if c.dep_ == "appos" for i in s.arguments(c)]
    return held


def _has_prep(verb: Token, rt: RelationType) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in rt.prepositions for c in verb.children)


def _pairs(sources: list[int], targets: list[int], rt: RelationType) -> Iterator[tuple[int, int]]:
    for a in dict.fromkeys(sources):
        for b in dict.fromkeys(targets):
            if a != b:
                yield a, b


def find_relations(sent: Span, found: list[tuple[Span, int]], mentions: list[Mention],
                   vocab: Vocab) -> Iterator[Found]:
    """Typed relations between the mentions ``found`` in ``sent`` (``(span, mention index)`` pairs)."""
    if len(found) < 2:
        return
    s = _Sentence(sent, found, mentions)
    seen: set[tuple[str, int, int]] = set()
    types = relation_types(vocab)
    for token in sent:
        low = token.lower_
        for rt in types:
            if token.pos_ in {"VERB", "AUX"} and (low in rt.verbs or (rt.any_verb and _has_prep(token, rt))):
                pairs = list(_verb_relations(s, token, rt))
                if not pairs and not rt.directed:
                    group = _subjects(s, token)
                    pairs = list(_pairs(group, group, rt))
            elif token.pos_ in {"NOUN", "PROPN"} and low in rt.nouns and s.mention(token) is None:
                pairs = list(_noun_relations(s, token, rt))
            else:
                continue
            for a, b in pairs:
                ma, mb = mentions[a], mentions[b]
                if not rt.allows(ma.label, mb.label):
                    if rt.directed or not rt.allows(mb.label, ma.label):
                        continue
                    a, b = b, a
                key = (rt.name, *((a, b) if rt.directed else sorted((a, b))))
                if key in seen:
                    continue
                seen.add(key)
                yield Found(type=rt.name, source=key[1], target=key[2], trigger=token.text,
                            anchors=(s.roots[a], s.roots[b], token))

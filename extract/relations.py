"""Typed relations read from the dependency parse of one sentence.

The vocabulary (``patterns/relations.yml``) says which words signal which
relation; this module finds the entities those words connect:

* verbs: subject and object, prepositional objects, passive voice
  ("X was investigated by Y"), coordinated subjects and objects
  ("X, Y and Z met"), and the subject inherited by infinitives and relative
  clauses ("X sought to meet Y", "X, who met Y");
* nouns: "meetings between X and Y", "X's business ties to Y",
  "loans from X to Y", "X sought meetings with Y", "meetings involving X and Y";
* role nouns (types marked ``role``) in appositions, copulas and compounds on
  either side of the name: "X, the chairman of Y", "X was Y's lawyer",
  "Y's lawyer X", "the Y director X", "X (son of Y)";
* relative and participial clauses: "a company founded by X", "the firm,
  owned and controlled by X", "X, whom Y indicted", "a firm based in Y";
* "X of Y" after a name, for the types that list Y's type (``affiliation``);
* "by"-agents of nominalisations: "an investigation by X and Y" (X and Y are
  co-agents, not each other's target).

A place is a party only where the type says so: "X met Y in Z" does not make Z
one of the parties (``party_prepositions``).

Only entity pairs whose types the vocabulary allows are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from extract.records import Mention
from extract.vocabulary import ClaimCues, RelationSpec, Vocabulary

__all__ = ["Found", "find_relations", "relation_types"]

#: A long "sentence" with fewer than one verb per ``LIST_TOKENS_PER_VERB`` tokens is a list, a table
#: or a run-on caption whose parse gives no reliable structure: its pairs stay ``co_mentioned``.
LIST_MIN_TOKENS = 60
LIST_TOKENS_PER_VERB = 25
_SUBJECT_DEPS = {"nsubj", "csubj"}
#: Clauses that take the subject of the clause they hang on when they have none ("X sought to meet Y").
_INHERITING_DEPS = {"xcomp", "conj", "advcl", "pcomp", "prep"}
_OBJECT_DEPS = {"dobj", "dative", "attr", "oprd", "obj"}
_OBJECT_PREPS = {"with", "to", "from", "about", "for", "against", "on", "in", "at", "into", "during", "by", "of",
                 "toward", "towards", "over"}
_EXAMPLE_PREPS = {"like", "including", "as"}
_DESCEND_PREPS = {"in", "of", "from", "with", "to"}
#: Prepositions after a plural role noun that name some of its holders: "officials of Y, including X".
_MEMBER_PREPS = {"including", "like"}
#: A relative clause with one of these says what its noun turned into: "a firm, which later became Y".
_BECOME = {"became", "become", "becomes"}
_PARTICIPANT_VERBS = {"involving", "including", "with", "between", "among", "featuring"}
_RELATIVE_PRONOUNS = {"whom", "who", "which", "that"}
#: Relative pronouns that can be a clause's object ("X, whom Y indicted"); "that" is too often a
#: complementizer the parser takes for one ("told X that Y paid").
_OBJECT_RELATIVES = {"whom", "which", "who"}
_POSSESSIVE_PRONOUNS = {"his", "her", "their"}
#: A subject pronoun in a clause reported by a verb stands for that verb's subject.
_ANAPHORS = {"he", "she"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_QUOTES = {'"', "\u201c", "\u201d", "``", "''"}
#: Marks that open a name: Reuters brackets a company's name ("<Acme Ltd>").
_OPENERS = {"<", "\"", "\u201c", "'", "\u2018"}
_NAME_WORDS = re.compile(r"[\s\-.,&']+")


def _excluded(rt: RelationSpec, verb: Token) -> bool:
    """True when ``verb`` is used with a particle, preposition, object or infinitive that changes its meaning."""
    if verb.lower_ in rt.not_told_to and any(c.dep_ == "xcomp" for c in verb.children):
        return True  # "X advised Y to exchange prisoners": advice, not a job
    if rt.not_objects and any(c.dep_ == "dobj" and c.lower_ in rt.not_objects for c in verb.children):
        return True  # "paid attention to Y"
    banned = dict(rt.not_with).get(verb.lower_)
    return bool(banned) and any(c.dep_ in {"prep", "prt"} and c.lower_ in banned for c in verb.children)


def _signalled_with(rt: RelationSpec, verb: Token) -> bool:
    """True when ``verb`` signals ``rt`` only with a word after it, and has it ("serves on Y")."""
    wanted = dict(rt.only_with).get(verb.lower_)
    return bool(wanted) and any(c.dep_ in {"prep", "prt"} and c.lower_ in wanted for c in verb.children)


@dataclass(frozen=True)
class Found:
    """A typed relation between two mentions, with the words that decide its claim status."""

    type: str
    source: int
    target: int
    trigger: str
    anchors: tuple[Token, ...]
    #: The head of the noun phrase that states the tie ("Y's lawyer X"), when it is presupposed there:
    #: only the cues inside that phrase decide its claim status.
    phrase: Token | None = None


def relation_types(vocab: Vocabulary) -> tuple[RelationSpec, ...]:
    """The relation types of ``vocab``: its :class:`~extract.vocabulary.RelationSpec` records
    (``vocab.relations``), parsed once with the vocabulary."""
    return vocab.relations


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

    def __init__(self, sent: Span, found: list[tuple[Span, int]], mentions: list[Mention], vocab: Vocabulary) -> None:
        self.sent = sent
        self.mentions = mentions
        #: Nouns that name a person by a role: their modifiers say whom they serve, not who they are.
        self.role_nouns = _role_nouns(vocab.relations)
        #: Titles and role nouns with their dots dropped: a "name" that is one ("the V.P. pick") is no party.
        self.title_names = _title_names(vocab.titles, self.role_nouns)
        #: The vocabulary's claim cues, for the verbs that tell of an event or choose someone for a role.
        self.cues: ClaimCues = vocab.claims
        self.by_token: dict[int, int] = {}
        self.roots: dict[int, Token] = {}
        doc = sent.doc
        for span, index in found:
            if span.start > sent.start and doc[span.start - 1].text == "/":
                continue  # a photo credit, "AGENCY/Jane Doe", is no party to the caption after it
            for token in span:
                self.by_token[token.i] = index
            self.roots[index] = span.root
        #: For each token, which quotation it stands in (-1: none): "..., \"X told Y\", Z said".
        self.quote: dict[int, int] = {}
        marks = 0
        for token in sent:
            if token.text in _QUOTES:
                marks += 1
            self.quote[token.i] = marks if marks % 2 else -1

    def mention(self, token: Token) -> int | None:
        return self.by_token.get(token.i)

    def is_title(self, index: int) -> bool:
        """True when mention ``index`` is a title, not a name ("V.P." in "the V.P. pick")."""
        return _undotted(self.mentions[index].name) in self.title_names

    def same_quote(self, tokens: Iterable[Token]) -> bool:
        """True when ``tokens`` all stand in one quotation, or all outside any."""
        return len({self.quote.get(t.i, -1) for t in tokens}) == 1

    def arguments(self, token: Token, *, descend: bool = False,
                  descend_preps: frozenset[str] = frozenset(_DESCEND_PREPS),
                  compound_types: frozenset[str] = frozenset()) -> list[int]:
        """Mentions at ``token`` and its conjuncts.

        A common noun leads on to the names it stands for: an apposition or a
        compound ("summits (the G7 and the Geneva summit)", "the X campaign"),
        examples ("leaders like X"), and with ``descend`` its prepositional
        objects ("opportunities in X", "the finances of X").  ``compound_types``, when given, are the
        entity types a compounded name may have to stand for the noun ("a Moscow deal" is no party).
        """
        out: list[int] = []
        for tok in _conjuncts(token):
            index = self.mention(tok)
            if index is not None:
                found = [index]
            else:
                found = self._compounded(tok, compound_types) + [
                    i for child in tok.children
                    for i in self._led_to(child, descend=descend, descend_preps=descend_preps,
                                          compound_types=compound_types)]
            out.extend(i for i in found if i not in out)
        return out

    def _compounded(self, noun: Token, compound_types: frozenset[str]) -> list[int]:
        """The names compounded onto a common noun ("the X campaign"), of ``compound_types`` when
        given; none on a role noun, whose modifiers say whom it serves.  Places compounded onto a noun
        with an "of" owner give way to the owner: "the Moscow branch of Y": Y is who, Moscow is where."""
        if noun.lower_ in self.role_nouns:
            return []
        compounds = [i for child in noun.children if child.dep_ == "compound"
                     for i in self.arguments(child)  # "a U.S. official" is not the U.S.
                     if not compound_types or self.mentions[i].label in compound_types]
        owner = self._of_owner(noun)
        if compounds and owner and all(self.mentions[i].label in _PLACE_LABELS for i in compounds):
            return owner
        return compounds

    def _led_to(self, child: Token, *, descend: bool, descend_preps: frozenset[str],
                compound_types: frozenset[str]) -> list[int]:
        """The names a common noun leads on to through its child ``child`` (but compounds): an
        apposition, examples, and with ``descend`` prepositional objects and participants."""
        if child.dep_ == "appos":
            return self.arguments(child)
        if child.dep_ == "prep" and (child.lower_ in _EXAMPLE_PREPS or (descend and child.lower_ in descend_preps)):
            # "a stake in a Y maker": Y may be a place, as above
            return [i for pobj in child.children if pobj.dep_ == "pobj"
                    for i in self.arguments(pobj, compound_types=compound_types)]
        if descend and child.dep_ == "acl" and child.lower_ in _PARTICIPANT_VERBS:
            return [i for obj in child.children if obj.dep_ in _OBJECT_DEPS for i in self.arguments(obj)]
        return _became(self, child)

    def _of_owner(self, noun: Token) -> list[int]:
        """The organisations named by "of" after a common noun ("the branch of Y")."""
        return [i for child in noun.children if child.dep_ == "prep" and child.lower_ == "of"
                for pobj in child.children if pobj.dep_ == "pobj"
                for i in [self.mention(pobj)] if i is not None and self.mentions[i].label == "ORG"]

    def referent(self, token: Token) -> list[int]:
        """The mentions a noun stands for: itself, or the name it renames ("X, a company …")."""
        index = self.mention(token)
        if index is not None:
            return [index]
        if token.dep_ == "appos" and token.head.i != token.i:
            return self.referent(token.head)
        if token.dep_ == "attr" and token.head.pos_ == "AUX":
            return _subjects(self, token.head)  # "X is a politician who served as …"
        return self.arguments(token)

    def prep_objects(self, head: Token, preps: set[str]) -> dict[str, list[int]]:
        """Mentions named by the prepositions of ``head``, by preposition; "on behalf of Y" counts as
        "for Y"."""
        out: dict[str, list[int]] = {}
        for child in head.children:
            if child.dep_ not in {"prep", "agent"} and not (child.dep_ == "dative" and child.pos_ == "ADP"):
                continue  # the parser takes "to" for a dative after an amount: "lent $10 million to Y"
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                if pobj.lower_ == "behalf" and "for" in preps:
                    for of in pobj.children:
                        if of.dep_ == "prep" and of.lower_ == "of":
                            out.setdefault("for", []).extend(
                                i for o in of.children if o.dep_ == "pobj" for i in self.arguments(o))
                elif child.lower_ in preps | {"by"}:
                    out.setdefault(child.lower_, []).extend(self.arguments(pobj))
        return out


def _subjects(s: _Sentence, verb: Token) -> list[int]:
    """The subject mentions of ``verb``, inherited from the governing clause when it has none.

    A clause with a subject of its own ("that I schedule …", "a group that …") inherits nothing,
    and a complement clause never takes its governor's subject ("X said [groups worked for Y]").
    A governor in the passive passes its subject on: "X was heard deliberating with Y", and so
    does a reporting verb to a "he" or "she" in its clause: "X denied that he had met Y".
    """
    current, below = verb, None
    for _ in range(4):
        if below is not None and _object_control(current, below):
            # "X urged Y to meet Z", "X accused Y of trying to meet Z": Y is who does it
            return [i for c in current.children if c.dep_ == "dobj" for i in s.arguments(c)]
        subjects = [c for c in current.children if c.dep_ in _SUBJECT_DEPS | {"nsubjpass", "expl"}
                    and not _speaker_label(s, c)]
        if subjects and current.dep_ == "ccomp" and all(c.lower_ in _ANAPHORS for c in subjects):
            current = current.head  # "X denied that he had met Y": he is X
            continue
        if subjects:
            return _clause_subjects(s, current, subjects, own=current is verb)
        if current.dep_ == "relcl":
            return s.referent(current.head)
        if current.dep_ not in _INHERITING_DEPS or current.head.i == current.i:
            break
        current, below = current.head, current
    return []


def _clause_subjects(s: _Sentence, clause: Token, subjects: list[Token], *, own: bool) -> list[int]:
    """The mentions the ``subjects`` of ``clause`` name: the noun a relative clause's pronoun stands
    for ("X, who served as …"), or the names themselves; a passive subject only of a clause the verb
    inherits from (``own`` false: "X was heard deliberating with Y")."""
    if clause.dep_ == "relcl" and all(c.lower_ in _RELATIVE_PRONOUNS for c in subjects):
        return s.referent(clause.head)  # "X, who served as …"
    deps = _SUBJECT_DEPS if own else _SUBJECT_DEPS | {"nsubjpass"}
    return [i for c in subjects if c.dep_ in deps for i in s.arguments(_addressed(s, c))]


def _object_control(verb: Token, below: Token) -> bool:
    """True when the object of ``verb`` is the subject of the clause ``below`` it: an infinitive
    ("urged Y to meet Z") or a gerund after a preposition ("accused Y of trying to …")."""
    if not any(c.dep_ == "dobj" for c in verb.children):
        return False
    return below.dep_ == "xcomp" or (below.dep_ == "prep" and any(c.dep_ == "pcomp" for c in below.children))


def _speaker_label(s: _Sentence, token: Token) -> bool:
    """A name opening the sentence before a colon is who speaks in a transcript ("SMITH: ..."), not
    the subject the parser makes of it."""
    after = token.right_edge.i + 1
    return token.left_edge.i == s.sent.start and after < s.sent.end and token.doc[after].text == ":"


def _addressed(s: _Sentence, subject: Token) -> Token:
    """The name a sentence's subject stands for when it opens with a person addressed: in
    "[SMITH:] Director Doe, Mr Roe met Y", the parser takes "Doe" for the subject and "Mr Roe" for its
    apposition; one person is never an apposition of another, so Roe is the subject."""
    index = s.mention(subject)
    if index is None or s.mentions[index].label != "PERSON":
        return subject
    start = subject.left_edge.i
    if start != s.sent.start and not (start - 2 >= s.sent.start and subject.doc[start - 1].text == ":"):
        return subject  # not the sentence's first words, nor the first after a speaker's label
    for child in subject.children:
        other = s.mention(child) if child.dep_ == "appos" else None
        if other is not None and other != index and s.mentions[other].label == "PERSON":
            return child
    return subject


def _is_passive(verb: Token) -> bool:
    """A passive clause, or a past participle modifying a noun ("a company founded by X")."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        return True
    if _fronted_participle(verb):
        return True
    return verb.tag_ == "VBN" and verb.dep_ == "conj" and verb.head.i != verb.i and _is_passive(verb.head)


def _fronted_participle(verb: Token) -> bool:
    """A bare past participle opening a clause on the main verb: "Accused by X of …, Y said"."""
    return (verb.tag_ == "VBN" and verb.dep_ == "advcl" and verb.i < verb.head.i
            and not any(c.dep_ in _SUBJECT_DEPS | {"aux", "auxpass", "mark"} for c in verb.children))


def _patients(s: _Sentence, verb: Token) -> list[int]:
    """Who undergoes a passive ``verb``: its passive subject, or the noun its participle modifies."""
    found = [i for c in verb.children if c.dep_ == "nsubjpass" for i in s.arguments(c)]
    if found:
        return found
    if verb.dep_ == "acl":
        return s.referent(verb.head)
    if _fronted_participle(verb):
        return _subjects(s, verb.head)
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return _patients(s, verb.head)
    return []


def _shared_agent(s: _Sentence, verb: Token) -> list[int]:
    """The "by"-agent of coordinated participles: "owned and controlled by X" gives X to both."""
    linked = [verb.head] if verb.dep_ == "conj" else []
    linked += [c for c in verb.children if c.dep_ == "conj"]
    for other in linked:
        found = s.prep_objects(other, set()).get("by", [])
        if found:
            return found
    return []


def _verb_relations(s: _Sentence, verb: Token, rt: RelationSpec) -> Iterator[tuple[int, int]]:
    """The (source, target) pairs a trigger verb joins: its subjects and what its objects and
    prepositions name; in the passive, its "by"-agents and its patients ("X was investigated by Y")."""
    if any(c.dep_ == "oprd" for c in verb.children) or _excluded(rt, verb):
        return  # "called X a strong leader" names X; "called for talks" asks for them
    passive = _is_passive(verb)
    # what is discussed is the topic, in the passive too: "X is being discussed by Y" is no talk with X
    patients = _patients(s, verb) if passive and verb.lower_ not in rt.topic_verbs else []
    subjects = _subjects(s, verb) if not passive else []
    objects, direct = _verb_objects(s, verb, rt)
    objects.extend(patients)
    participants = subjects + direct + patients
    preps = s.prep_objects(verb, set(_OBJECT_PREPS) | set(rt.prepositions))
    if passive:
        subjects = preps.pop("by", []) or _shared_agent(s, verb)
        if not subjects and rt.prepositions:
            subjects, objects = patients, []  # "a firm based in X": the firm is where X is
    objects.extend(_prep_parties(s, _gone_for(verb, preps, rt), rt))
    if verb.lower_ in rt.person_verbs:  # "X told CNN": a statement to an outlet or an office, not a talk
        subjects = [i for i in subjects if s.mentions[i].label == "PERSON"]
        objects = [i for i in objects if s.mentions[i].label == "PERSON"]
    if rt.any_verb:
        # the clause's subject and objects take part in what it names: "X met Y at the Z summit";
        # a name inside a prepositional phrase is the event or its place, not a participant
        yield from _pairs(participants + (subjects if passive else []), subjects + objects, rt)
        return
    yield from _pairs(subjects, objects, rt)


def _verb_objects(s: _Sentence, verb: Token, rt: RelationSpec) -> tuple[list[int], list[int]]:
    """The parties named by the objects of ``verb``, following a common noun to the names it leads
    to ("opportunities in X"); and the objects' own mentions."""
    objects: list[int] = []
    direct: list[int] = []
    for child in verb.children:
        if child.dep_ not in _OBJECT_DEPS:
            continue
        if verb.lower_ in rt.topic_verbs:
            # the topic is no party, but the parser often hangs "with Y" on it: "discussed sanctions with Y"
            objects.extend(s.prep_objects(child, {"with"}).get("with", []))
        elif child.lower_ in _OBJECT_RELATIVES and verb.dep_ == "relcl":
            objects.extend(s.referent(verb.head))  # "X, whom Y indicted"
        else:
            into = rt.party_prepositions & _DESCEND_PREPS if rt.party_prepositions else _DESCEND_PREPS
            objects.extend(s.arguments(child, descend=True, descend_preps=frozenset(into),
                                       compound_types=rt.modifier_targets) or _became_after_date(s, verb))
            direct.extend(s.arguments(child))
    return objects, direct


def _became(s: _Sentence, clause: Token) -> list[int]:
    """The names a relative clause says its noun became: "a company, which later became Y"."""
    if clause.dep_ != "relcl" or clause.lower_ not in _BECOME:
        return []
    if not any(c.dep_ in _SUBJECT_DEPS and c.lower_ in _RELATIVE_PRONOUNS for c in clause.children):
        return []
    return [i for c in clause.children if c.dep_ in {"attr", "oprd"} for i in s.arguments(c)]


def _became_after_date(s: _Sentence, verb: Token) -> list[int]:
    """"X founded a company in 1884, which later became Y": the parser hangs the relative clause on the
    date; a date becomes no company, so it speaks of the object."""
    return [i for prep in verb.children if prep.dep_ == "prep" for date in prep.children
            if date.dep_ == "pobj" and date.ent_type_ == "DATE" for clause in date.children
            for i in _became(s, clause)]


def _prep_parties(s: _Sentence, preps: dict[str, list[int]], rt: RelationSpec) -> list[int]:
    """The parties named by a verb's prepositions ``preps``: those of the type's ``prepositions`` and
    ``party_prepositions`` when it lists them, less the places its ``place_prepositions`` name."""
    out: list[int] = []
    for prep, items in preps.items():
        if rt.prepositions and prep not in rt.prepositions:
            continue
        if rt.party_prepositions and prep not in rt.party_prepositions:
            continue  # "met X in Z": Z is the place, not a party
        if prep in rt.place_prepositions:  # "was working in Ukraine": where, not for whom
            items = [i for i in items if s.mentions[i].label not in {"GPE", "LOC"}]
        out.extend(items)
    return out


def _receive_relations(s: _Sentence, verb: Token, rt: RelationSpec) -> Iterator[tuple[int, int]]:
    """"X received money from Y", "X received $5 in payments from Y": Y is the source, X the target.
    Only money counts (an amount, or a noun of ``receive_objects``): "X received a call from Y" is not
    a payment."""
    if _is_passive(verb):
        return
    things = [c for c in verb.children if c.dep_ == "dobj"]
    things += [p for t in things for prep in t.children if prep.dep_ == "prep" and prep.lower_ == "in"
               for p in prep.children if p.dep_ == "pobj"]  # "$5 in payments"
    money = [t for t in things if t.ent_type_ == "MONEY" or t.lower_ in rt.receive_objects]
    if not money:
        return
    givers = s.prep_objects(verb, {"from"}).get("from", [])
    for thing in money:
        givers += s.prep_objects(thing, {"from"}).get("from", [])
    yield from _pairs(givers, _subjects(s, verb), rt)


def _passive_relations(s: _Sentence, verb: Token, rt: RelationSpec) -> Iterator[tuple[int, int]]:
    """"X was elected to Y": the passive subject joins what "to" names (no "by"-agent: the voters are
    not the relation's source)."""
    if not _is_passive(verb) or s.prep_objects(verb, set()).get("by"):
        return
    yield from _pairs(_patients(s, verb), s.prep_objects(verb, {"to"}).get("to", []), rt)


def _job_relations(s: _Sentence, noun: Token, rt: RelationSpec) -> Iterator[tuple[int, int]]:
    """"X was fired from his Y post", "X's job at Y": the possessor holds a position at the body the
    noun is compounded with or that "at", "with", "for" or "on" names."""
    bodies = _modifier_mentions(s, noun, rt)
    bodies += [i for items in s.prep_objects(noun, {"at", "with", "for", "on"}).values() for i in items]
    if noun.dep_ == "dobj":  # "X left his job at Y": the parser hangs "at Y" on the verb
        bodies += s.prep_objects(noun.head, {"at", "with"}).get("at", [])
    yield from _pairs(_job_holders(s, noun), _served(s, bodies, rt), rt)


def _adjective_relations(s: _Sentence, adjective: Token, rt: RelationSpec) -> Iterator[tuple[int, int]]:
    """"X is close to Y", "X, who is close to Y", "X, a billionaire close to Y": who is said to be so,
    and whom "to" names."""
    if adjective.dep_ == "amod":
        holders = s.referent(adjective.head) if s.mention(adjective.head) is not None else \
            _role_holders(s, adjective.head)
    elif adjective.dep_ == "acomp":
        holders = _subjects(s, adjective.head)
    else:
        return
    yield from _pairs(holders, s.prep_objects(adjective, {"to"}).get("to", []), rt)


def _job_holders(s: _Sentence, noun: Token) -> list[int]:
    """The possessors of a job noun.  A possessive pronoun stands for the subject of the clause the
    noun belongs to."""
    holders: list[int] = []
    for owner in (c for c in noun.children if c.dep_ == "poss"):
        holders.extend(s.arguments(owner))
        if not holders and owner.lower_ in _POSSESSIVE_PRONOUNS:
            holders = _clause_holders(s, noun)
    return holders


def _clause_holders(s: _Sentence, noun: Token) -> list[int]:
    """The subject of the clause ``noun`` belongs to ("X was fired from his post")."""
    verb = noun.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    holders = [i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for i in s.arguments(c)]
    return holders or (_subjects(s, verb) if verb.pos_ in {"VERB", "AUX"} else [])


def _modifier_mentions(s: _Sentence, noun: Token, rt: RelationSpec) -> list[int]:
    """The names modifying ``noun`` ("the Y director", "his Y post"), of the type's ``modifier_targets``
    when it lists them."""
    found = [s.mention(c) for c in noun.children if c.dep_ in {"compound", "amod"} and s.mention(c) is not None]
    if rt.modifier_targets:
        found = [i for i in found if s.mentions[i].label in rt.modifier_targets]
    return found


@dataclass
class _NounParties:
    """What a relation noun's phrase names: mentions by preposition, the two sides of "between" or
    "among", the "by"-agents, the possessors and the names modifying the noun."""

    preps: dict[str, list[int]]
    between: list[int]
    agents: list[int]
    owners: list[int]
    modifiers: list[int]


def _noun_relations(s: _Sentence, noun: Token, rt: RelationSpec) -> Iterator[tuple[int, int]]:
    """The (source, target) pairs a trigger noun joins: a role's holder and whom it serves, "loans
    from X to Y", or the parties of an event or tie."""
    if _lacks_modifier(noun, rt):
        return
    preps = s.prep_objects(noun, _OBJECT_PREPS | {"between", "among"})
    if rt.party_prepositions:
        preps = {p: items for p, items in preps.items() if p in rt.party_prepositions | {"between", "among", "by"}}
    parties = _NounParties(
        preps=preps, between=preps.pop("between", []) + preps.pop("among", []),
        agents=preps.pop("by", []),  # "an investigation by X and Y": co-agents, not each other's target
        owners=_owners(s, noun, role=rt.role), modifiers=_modifier_mentions(s, noun, rt))
    if rt.role:
        yield from _role_pairs(s, noun, rt, parties)
    elif "from" in preps and "to" in preps:
        yield from _pairs(preps["from"], preps["to"], rt)
    else:
        yield from _event_pairs(s, noun, rt, parties)


def _lacks_modifier(noun: Token, rt: RelationSpec) -> bool:
    """True when ``noun`` signals ``rt`` only with one of its ``modifiers`` ("business ties"), and has none,
    on itself or on the word it hangs on."""
    if noun.lower_ not in rt.needs_modifier:
        return False
    if any(c.lower_ in rt.modifiers for c in noun.children if c.dep_ in {"amod", "compound", "conj"}):
        return False
    return not any(c.lower_ in rt.modifiers for c in noun.head.children if c.dep_ == "amod")


def _role_pairs(s: _Sentence, noun: Token, rt: RelationSpec, parties: _NounParties) -> Iterator[tuple[int, int]]:
    """Who holds the role noun, and whom the role serves: its possessors, the names modifying it and
    those its ``role_prepositions`` name ("X, the chairman of Y", "Y's lawyer X")."""
    modifiers = parties.modifiers
    groups = [c.i for c in noun.children if c.dep_ in {"compound", "amod"} and c.ent_type_ == "NORP"]
    if groups:  # "the Utah Republican chairman": the place names the party's branch, not the employer
        modifiers = [i for i in modifiers if not (s.mentions[i].label in _PLACE_LABELS and s.roots[i].i < min(groups))]
    banned = dict(rt.not_with).get(noun.lower_, frozenset())
    targets = parties.owners + modifiers + [i for p in sorted(rt.role_prepositions - banned)
                                            for i in parties.preps.get(p, [])]
    targets = targets or _spoken_of(s, noun, rt)
    only = dict(rt.noun_targets).get(noun.lower_)
    if only:  # "a Senate candidate" seeks a seat; "the Republican candidate" belongs to a party
        targets = [i for i in targets if s.mentions[i].label in only]
    yield from _pairs(_role_holders(s, noun), _served(s, targets, rt), rt)


def _spoken_of(s: _Sentence, noun: Token, rt: RelationSpec) -> list[int]:
    """"Y has ordered four jets, chairman X said": the organisations that are the subject of what a
    speaker with a bare, lower-case role noun (one of ``speaker_roles``) says."""
    name = noun.head
    if noun.lower_ not in rt.speaker_roles or not noun.is_lower or noun.dep_ != "compound" \
            or s.mention(name) is None or any(c.dep_ in {"det", "poss"} for c in name.children):
        return []
    verb = name.head
    if name.dep_ not in _SUBJECT_DEPS or verb.lower_ not in rt.speech_verbs:
        return []
    return [i for clause in verb.children if clause.dep_ == "ccomp" for c in clause.children
            if c.dep_ in _SUBJECT_DEPS | {"nsubjpass"} for i in s.arguments(c) if s.mentions[i].label == "ORG"]


def _served(s: _Sentence, targets: list[int], rt: RelationSpec) -> list[int]:
    """The ``targets`` a role can serve: not a name made only of the type's ``portfolio_words``, which
    names the title's field ("Defense Secretary X", "Vice President for Financial Communications")."""
    if not rt.portfolio_words:
        return targets
    def field(i: int) -> bool:
        words = set(_NAME_WORDS.split(s.mentions[i].name.lower())) - {"", "the", "and", "of"}
        return words <= rt.portfolio_words

    return [i for i in targets if not field(i)]


def _event_pairs(s: _Sentence, noun: Token, rt: RelationSpec, parties: _NounParties) -> Iterator[tuple[int, int]]:
    """Who takes part in the event or tie a noun names: "meetings between X and Y", "X's ties to Y",
    "meetings involving X and Y", "X sought meetings with Y"."""
    preps, between, agents, modifiers = parties.preps, parties.between, parties.agents, parties.modifiers
    participants = between + _acl_participants(s, noun)
    if rt.directed:
        # "inquiries from X", "the FBI investigation of Y": who acts, not who is acted on
        agents = agents or preps.pop("from", []) or modifiers
        modifiers = []
    sources = parties.owners or agents or ([] if between else _noun_agents(s, noun, rt))
    if rt.prepositions:
        preps = _place_preps(s, noun, rt, preps)
    targets = [i for items in preps.values() for i in items] + modifiers
    if between:
        # "meetings between X and Y": the two sides are named; the clause's subject is not one of them
        yield from _pairs(between, between + targets, rt)
    elif sources:
        yield from _pairs(sources, targets + participants, rt)
    else:
        # "meetings involving X and Y" names people who met others, not each other
        yield from _pairs(participants, targets, rt)


def _acl_participants(s: _Sentence, noun: Token) -> list[int]:
    """The names a participle after the noun brings in: "meetings involving X and Y"."""
    return [i for child in noun.children if child.dep_ == "acl" and child.lower_ in _PARTICIPANT_VERBS
            for grand in child.children if grand.dep_ in _OBJECT_DEPS for i in s.arguments(grand)]


def _place_preps(s: _Sentence, noun: Token, rt: RelationSpec, preps: dict[str, list[int]]) -> dict[str, list[int]]:
    """Where a thing is: "offices in X", and "has offices in X" with the place on the verb."""
    preps = {p: items for p, items in preps.items() if p in (rt.party_prepositions or rt.prepositions)}
    if noun.dep_ in _OBJECT_DEPS:
        for p, items in s.prep_objects(noun.head, set(rt.prepositions)).items():
            preps.setdefault(p, []).extend(items)
    return preps


def _noun_agents(s: _Sentence, noun: Token, rt: RelationSpec) -> list[int]:
    """Who acts in an event noun: the subject of the clause it belongs to ("X sought meetings with Y"),
    found by climbing from the noun to the nearest word with a subject or possessor.  A group named by
    an adjective ("Russian interference") is the agent itself, so nothing is inherited."""
    if any(c.ent_type_ == "NORP" for c in noun.children if c.dep_ in {"amod", "compound"}):
        return []
    current = noun
    for _ in range(5):
        if current.head.i == current.i:
            return []
        below, current = current, current.head
        if current.pos_ in {"VERB", "AUX"}:
            # "X reveals Y's interactions with Z": who tells of an event did not act in it
            # ("X revealed the names in a meeting with Z" did), nor did who took a stance on it ("X supported
            # the Y project")
            told = current.lower_ in s.cues.telling | rt.stance_verbs and below.dep_ in _OBJECT_DEPS
            return [] if told else _subjects(s, current)
        found = [i for c in current.children if c.dep_ in {"poss", "nmod", "nsubj"} for i in s.arguments(c)]
        if found:
            return found
        if current.pos_ in {"NOUN", "PROPN"}:
            return []  # "collected information about attacks on Y": the collector did not attack
    return []


def _role_holders(s: _Sentence, noun: Token) -> list[int]:
    """Who holds a role noun: "X, the chairman of Y" (apposition), "X was Y's lawyer" (copula),
    "Y's lawyer X" and "the Y director X" (the role noun compounded onto the name)."""
    if noun.dep_ == "conj" and noun.head.i != noun.i and s.mention(noun.head) is None and not _new_item(noun):
        return _role_holders(s, noun.head)  # "X, a pop star and the son of Y"
    if noun.dep_ == "appos":
        return _apposed_holders(s, noun)
    if noun.dep_ == "attr" and noun.head.pos_ in {"AUX", "VERB"}:
        return _subjects(s, noun.head)
    if noun.dep_ == "compound" and s.mention(noun.head) is not None:
        return [s.mention(noun.head)]
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in {"VERB", "AUX"}:
        return _as_holders(s, noun.head.head)
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and _partitive(noun.head.head):
        return _role_holders(s, noun.head.head)  # "X, the youngest of four children of Y"
    return _named_holders(s, noun)


def _partitive(word: Token) -> bool:
    """A word that picks some of a group named after it: "the youngest of", "one of", "two of"."""
    return word.tag_ in {"JJS", "CD"} and word.head.i != word.i and word.dep_ in {"appos", "attr", "conj"}


def _apposed_holders(s: _Sentence, noun: Token) -> list[int]:
    """Who holds a role noun in apposition: the name it renames ("X, the chairman of Y")."""
    root = s.sent.root
    if noun.right_edge.i + 1 == root.i and not any(c.dep_ in _SUBJECT_DEPS for c in root.children):
        return []  # "After X was named Y, a friend of Z told W": the subject, taken for an apposition
    held = s.referent(noun.head)
    where = noun.head.head
    if held and all(s.mentions[i].label in _PLACE_LABELS for i in held) and noun.head.dep_ == "pobj" \
            and where.dep_ == "prep" and where.head.pos_ in {"VERB", "AUX"}:
        # "X was born in Y, the son of Z": a person's role does not rename the place the parser hangs it on
        verb = where.head
        return [i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for i in s.arguments(c)] \
            or _subjects(s, verb)
    return held


def _as_holders(s: _Sentence, verb: Token) -> list[int]:
    """Who holds a role noun after "as": the object of a verb of choosing ("X picked Y as director
    of Z"), else the subject ("X served as director of Y")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"] if verb.lower_ in s.cues.as_object_verbs else []
    if objects:
        return [i for c in objects[-1:] for i in s.arguments(c)]
    return _subjects(s, verb)


def _named_holders(s: _Sentence, noun: Token) -> list[int]:
    """Who holds a role noun that names them: "the director, X" but not "the Y director for Z and the
    W lawyer X" (a name with a role of its own); "employees of Y, including X" (X is one of them)."""
    held = [i for c in noun.children if c.dep_ == "appos" and not _has_own_role(s, c) for i in s.arguments(c)]
    if held and noun.tag_ == "NN":
        held = held[:1]  # "Y's lawyer X and the Z senator W": one lawyer
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in _MEMBER_PREPS:
            held.extend(i for pobj in prep.children if pobj.dep_ == "pobj" for i in s.arguments(pobj))
    return held


def _new_item(noun: Token) -> bool:
    """A conjunct after ", and": the next item of a list ("X, the chairman, and a senior official"),
    not a second role of the same person ("X, a pop star and the son of Y")."""
    doc, i = noun.doc, noun.left_edge.i
    return i >= 2 and doc[i - 1].dep_ == "cc" and doc[i - 2].text == ","


def _has_own_role(s: _Sentence, name: Token) -> bool:
    return s.mention(name) is not None and any(c.dep_ == "compound" and c.lower_ in s.role_nouns
                                               for c in name.children)


def _owners(s: _Sentence, noun: Token, *, role: bool) -> list[int]:
    """The possessors of a noun ("X's lawyer", "the X lawyer").  Of a role noun, a modifier coordinated
    with another is cut to the last one: in "X and Y aide Z" the parser hangs "X and Y" on the noun,
    but Z is Y's aide and X is a subject beside Z."""
    out = []
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ == "nmod" and not role):
            out.extend(s.arguments(c))
        elif c.dep_ == "nmod":
            out.extend(s.arguments(max(_conjuncts(c), key=lambda t: t.i)))
    return out


def _phrase_top(noun: Token) -> Token | None:
    """The head of the noun phrase a role noun describes its holder in, or None for a copula.

    "Y's lawyer X", "X, the chairman of Y": the tie is presupposed by the phrase, so only the
    phrase's own words decide its status, not the clause around it ("did not meet Y's lawyer X").
    """
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ == "attr" or (noun.dep_ == "pobj" and noun.head.lower_ == "as"):
        return None  # "X is Y's lawyer", "X served as director of Y": the clause states the tie
    if noun.dep_ in {"appos", "compound"}:
        return noun.head
    return noun


def _has_party(s: _Sentence, verb: Token, rt: RelationSpec) -> bool:
    """True when ``verb`` names a party beside its subjects: an object, or a party preposition."""
    preps = rt.party_prepositions or frozenset(_OBJECT_PREPS)
    topic = verb.lower_ in rt.topic_verbs  # "X and Y discussed sanctions": what is discussed is no party
    return any((c.dep_ in _OBJECT_DEPS and not topic) or (c.dep_ == "prep" and c.lower_ in preps)
               for c in verb.children)


def _has_prep(verb: Token, rt: RelationSpec) -> bool:
    preps = rt.prepositions | ({"for"} if verb.lower_ in rt.travel_verbs else set())
    return any(c.dep_ == "prep" and c.lower_ in preps for c in verb.children)


def _gone_for(verb: Token, preps: dict[str, list[int]], rt: RelationSpec) -> dict[str, list[int]]:
    """"X traveled to Y for the Z summit": after a verb of going, what "for" names is where one goes, as "at"."""
    if verb.lower_ not in rt.travel_verbs or "for" not in preps:
        return preps
    return {**{p: items for p, items in preps.items() if p != "for"}, "at": preps.get("at", []) + preps["for"]}


def _pairs(sources: list[int], targets: list[int], rt: RelationSpec) -> Iterator[tuple[int, int]]:
    for a in dict.fromkeys(sources):
        for b in dict.fromkeys(targets):
            if a != b:
                yield a, b


def _undotted(words: str) -> str:
    return " ".join(words.lower().replace(".", "").split())


@cache
def _title_names(titles: tuple[str, ...], role_nouns: frozenset[str]) -> frozenset[str]:
    return frozenset(_undotted(t) for t in (*titles, *role_nouns))


@cache
def _role_nouns(types: tuple[RelationSpec, ...]) -> frozenset[str]:
    return frozenset(w for rt in types if rt.role for w in rt.nouns)


def _is_list(sent: Span) -> bool:
    if len(sent) <= LIST_MIN_TOKENS:
        return False
    return sum(t.pos_ in {"VERB", "AUX"} for t in sent) * LIST_TOKENS_PER_VERB < len(sent)


def _affiliations(s: _Sentence, rt: RelationSpec) -> Iterator[tuple[int, int, Token]]:
    """"X of Y" right after a name, where Y is of a type the relation lists: "Jane Doe of Acme Corp";
    or of a type it lists for a titled name, the title one of its ``titles``: "President Jane Doe of
    Ruritania" (but not "Jane Doe of Ohio")."""
    for index, root in s.roots.items():
        titled = any(c.dep_ == "compound" and c.lower_ in rt.titles for c in root.children)
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    other = s.mention(pobj) if pobj.dep_ == "pobj" else None
                    label = s.mentions[other].label if other is not None else ""
                    if label in rt.affiliation or (titled and label in rt.titled_affiliation):
                        yield index, other, prep


def _possessive_relations(s: _Sentence) -> Iterator[tuple[int, int, Token]]:
    """"Britain's X": the possessor of a name, with the name's head word; also through a bracket or quote
    opening the name, which the parser may make the possessor's head ("Britain's <X Ltd>")."""
    for index, root in s.roots.items():
        heads = [root] + [c for c in root.children if c.text in _OPENERS and c.i < root.i]
        for child in (c for head in heads for c in head.children):
            if child.dep_ == "poss" and s.mention(child) is not None:
                yield index, s.mention(child), root


def find_relations(sent: Span, found: list[tuple[Span, int]], mentions: list[Mention],
                   vocab: Vocabulary, *, check_types: bool = True) -> Iterator[Found]:
    """Typed relations between the mentions ``found`` in ``sent`` (``(span, mention index)`` pairs).

    With ``check_types`` off, a relation is found whatever its endpoints' types: the model's type for
    one mention is a guess ("Doe" read as a place in one sentence), and the graph checks the types
    each name settles on across the corpus (:mod:`extract.resolve`).
    """
    if len(found) < 2 or _is_list(sent):
        return
    types = relation_types(vocab)
    s = _Sentence(sent, found, mentions, vocab)
    seen: set[tuple[str, int, int]] = set()
    for token in sent:
        for rt in types:
            signalled = _signalled(s, token, rt)
            if signalled is not None:
                pairs, phrase = signalled
                yield from _typed(s, rt, pairs, token, phrase, seen, held=token.lower_ in rt.job_nouns,
                                  check=check_types)
    for rt in types:
        yield from _phrase_relations(s, rt, seen, check=check_types)


_Signalled = tuple[list[tuple[int, int]], Token | None]


def _signalled(s: _Sentence, token: Token, rt: RelationSpec) -> _Signalled | None:
    """The pairs ``token`` signals ``rt`` between, and the head of the noun phrase that presupposes the
    tie (see :attr:`Found.phrase`); None when ``token`` is none of its trigger words."""
    low = token.lower_
    if token.pos_ in {"VERB", "AUX"}:
        return _verb_signalled(s, token, rt)
    if s.mention(token) is not None:
        return None
    if token.pos_ == "ADJ" and low in rt.adjectives:
        return list(_adjective_relations(s, token, rt)), _phrase_top(token.head) if token.dep_ == "amod" else None
    if token.pos_ == "NOUN" and low in rt.job_nouns:
        return list(_job_relations(s, token, rt)), token  # "his White House post" presupposes the post
    if token.pos_ in {"NOUN", "PROPN"} and low in rt.nouns:
        return list(_noun_relations(s, token, rt)), _phrase_top(token) if rt.role else None
    return None


def _verb_signalled(s: _Sentence, verb: Token, rt: RelationSpec) -> _Signalled | None:
    """What a verb signals of ``rt`` (see :func:`_signalled`)."""
    low = verb.lower_
    if low in rt.receive_verbs:
        return list(_receive_relations(s, verb, rt)), None
    if low in rt.passive_verbs:
        return list(_passive_relations(s, verb, rt)), None
    if low in rt.by_agent_only and not _asked_as_inquiry(s, verb, rt):
        return None  # "the Post interviewed X": a reporter, not an investigator
    if low in rt.verbs or (rt.any_verb and _has_prep(verb, rt)) or _signalled_with(rt, verb):
        return _verb_pairs(s, verb, rt)
    return None


def _asked_as_inquiry(s: _Sentence, verb: Token, rt: RelationSpec) -> bool:
    """True when an interview or a questioning is part of an inquiry: in the passive with a "by"-agent
    ("X was questioned by the FBI"), or done as part of one of the type's nouns ("interviewed X as part
    of his investigation", "questioned X in the inquiry")."""
    if _is_passive(verb):
        return bool(s.prep_objects(verb, set()).get("by"))
    return any(t.lower_ in rt.nouns for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in {"as", "in"}
               for t in prep.subtree)


def _verb_pairs(s: _Sentence, verb: Token, rt: RelationSpec) -> _Signalled:
    """The pairs a trigger verb joins, or, of an undirected type with no other party, its subjects with
    each other; with the participle itself as the phrase when it opens the sentence."""
    pairs = list(_verb_relations(s, verb, rt))
    # "Accused by X, Y denied …": the main clause does not state the claim
    phrase = verb if _fronted_participle(verb) else None
    if not pairs and not rt.directed and not _has_party(s, verb, rt):
        # "X and Y met": the subjects met each other, but not in "X and Y spoke with Z"
        group = [i for i in _subjects(s, verb)
                 if verb.lower_ not in rt.person_verbs or s.mentions[i].label == "PERSON"]
        pairs = list(_pairs(group, group, rt))
    return pairs, phrase


def _phrase_relations(s: _Sentence, rt: RelationSpec, seen: set[tuple[str, int, int]], *,
                      check: bool) -> Iterator[Found]:
    """The relations ``rt`` reads from a name's own phrase: its possessor ("Britain's X") and "X of Y"."""
    if rt.possessive:
        for a, b, root in _possessive_relations(s):
            yield from _typed(s, rt, [(a, b)], root, root, seen, check=check)
    if rt.affiliation or rt.titled_affiliation:
        for a, b, prep in _affiliations(s, rt):
            yield from _typed(s, rt, [(a, b)], prep, prep.head, seen, check=check)


def _typed(s: _Sentence, rt: RelationSpec, pairs: list[tuple[int, int]], token: Token, phrase: Token | None,
           seen: set[tuple[str, int, int]], *, held: bool = False, check: bool = True) -> Iterator[Found]:
    """Found relations of the allowed pairs (of all pairs without ``check``).  With ``held`` the source
    holds the noun ``token`` ("his Y post"): the claim is anchored at the noun, so "X did not lose his Y
    seat" still has the seat."""
    for a, b in pairs:
        ma, mb = s.mentions[a], s.mentions[b]
        if check and not rt.allows(ma.label, mb.label):
            if rt.directed or not rt.allows(mb.label, ma.label):
                continue
            a, b = b, a
        key = (rt.name, *((a, b) if rt.directed else sorted((a, b))))
        if key in seen or s.is_title(a) or s.is_title(b) or not s.same_quote((s.roots[a], s.roots[b], token)):
            continue
        seen.add(key)
        anchors = _anchors(rt, (token if held else s.roots[a], s.roots[b], token), token, phrase)
        yield Found(type=rt.name, source=key[1], target=key[2], trigger=token.text, anchors=anchors,
                    phrase=phrase)


def _anchors(rt: RelationSpec, anchors: tuple[Token, ...], token: Token, phrase: Token | None) -> tuple[Token, ...]:
    """The words a claim's status is read from: an anchor outside the phrase that states the tie stands
    at the phrase when the phrase is a fronted participle or a speaker with a title."""
    if phrase is token and _fronted_participle(token):
        top = token  # the inherited patient is claimed at the participle
    elif phrase is not None and rt.role and phrase.dep_ in _SUBJECT_DEPS:
        top = phrase  # "Y has ordered jets, chairman X said": the title states the tie, not what is said
    else:
        return anchors
    return tuple(r if top.left_edge.i <= r.i <= top.right_edge.i else top for r in anchors)


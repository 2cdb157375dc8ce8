"""The vocabularies that drive extraction, loaded from data files.

Boilerplate lines, titles, junk words, organisation words, shared aliases,
event patterns, entity types, relation types and claim cues live in
``extract/patterns/``; another domain adds its own files instead of code.
:func:`load_vocabulary` reads them once; the result is immutable and hashable
into the cache fingerprint.

Entity and relation types are declared once, in ``entities.yml`` (``types``)
and ``relations.yml``, with everything each consumer needs (page colour,
label, direction, allowed endpoints, FollowTheMoney schema, Cypher label), and
parsed here into :class:`EntityType` and :class:`RelationSpec` records; every
consumer reads those records, never the raw file and never a type name of
its own.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from extract.errors import InputError

__all__ = ["PATTERNS_DIR", "Boilerplate", "ClaimCues", "EntityType", "FtmEdge", "RelationSpec", "Vocabulary",
           "load_vocabulary"]

PATTERNS_DIR = Path(__file__).parent / "patterns"


@dataclass(frozen=True)
class EntityType:
    """One entity type of ``entities.yml``'s ``types``, with what the page and the exports make of it."""

    name: str
    #: The node colour on the page.
    colour: str
    #: The FollowTheMoney schema of its entities (FtM 4), and the one for FtM 3 where that differs.
    ftm: str
    ftm3: str
    #: The extra Cypher label of its nodes.
    cypher: str
    #: The CoNLL-2003 type it is scored as (benchmarks).
    conll: str
    #: Kept as a node only when asked for (``--norp``).
    optional: bool = False
    #: Words in a name that make its FollowTheMoney entity a ``Company`` instead.
    ftm_company_words: frozenset[str] = frozenset()
    #: Its names end in a surname: the review groups them by it to find one person under two names.
    surnames: bool = False
    #: Its names may carry the year of what they name ("the 2016 election"): a claim made at or during
    #: one takes that year (:mod:`extract.dates`).
    names_date: bool = False


@dataclass(frozen=True)
class FtmEdge:
    """A FollowTheMoney edge schema a relation may become: tried in order, the first that fits is used.

    It fits when both ends' schemata are in the ranges of its ``source`` and
    ``target`` properties, when ``words`` is empty or an evidence sentence has
    one of them, and (with ``directed``) only on a directed edge.
    """

    schema: str
    source: str
    target: str
    role: str = ""
    words: frozenset[str] = frozenset()
    directed: bool = False


@dataclass(frozen=True)
class RelationSpec:
    """One relation type of ``relations.yml``: what it is for the graph and its consumers, and the words
    that signal it in a sentence (read by :func:`extract.relations.find_relations`).

    The keys of the trigger words are described at the top of ``relations.yml``.
    """

    name: str
    label: str
    directed: bool
    #: Entity types its source and target may have (empty: any).
    source: frozenset[str] = frozenset()
    target: frozenset[str] = frozenset()
    #: The edge colour on the page.
    colour: str = ""
    #: The Cypher relationship label.
    cypher: str = ""
    ftm: tuple[FtmEdge, ...] = ()
    #: A FollowTheMoney property of the target's entity that lists the source's ("involved" of an Event).
    ftm_target_list: str = ""
    # How a sentence signals it (``relations.yml`` describes each key): words, lower-cased, then entity
    # types, then word -> words maps, then switches.
    #: Verbs with the entities as subject and object, and nouns ("meetings between X and Y").
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    #: Nouns that signal it only with one of ``modifiers`` ("business ties", not "ties").
    needs_modifier: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    #: For where/when types, the prepositions that name the place (with ``any_verb``: any verb with one).
    prepositions: frozenset[str] = frozenset()
    #: Verbs whose subject is the target ("X received money from Y"), and what their object must be.
    receive_verbs: frozenset[str] = frozenset()
    receive_objects: frozenset[str] = frozenset()
    #: Verbs whose passive subject is the source and whose "to" names the target ("X was elected to Y").
    passive_verbs: frozenset[str] = frozenset()
    #: Nouns for a position its possessor holds at a body ("X's job at Y").
    job_nouns: frozenset[str] = frozenset()
    #: The only prepositions that name a party ("met with X"); the others name a place or a time.
    party_prepositions: frozenset[str] = frozenset()
    #: Verbs whose direct object is what is talked about, not a party.
    topic_verbs: frozenset[str] = frozenset()
    #: Verbs whose parties are people only ("told Y").
    person_verbs: frozenset[str] = frozenset()
    #: Direct objects that change a verb's meaning ("paid attention to X").
    not_objects: frozenset[str] = frozenset()
    #: Prepositions after a verb that name where, when their object is a place ("worked in Ukraine").
    place_prepositions: frozenset[str] = frozenset()
    #: Titles that let "X of Y" signal it for ``titled_affiliation`` ("President X of Y").
    titles: frozenset[str] = frozenset()
    #: Entity types Y for which "X of Y" right after a name signals it, and those for a titled name.
    affiliation: frozenset[str] = frozenset()
    titled_affiliation: frozenset[str] = frozenset()
    #: Entity types a name modifying a trigger noun may have to be the other side ("the Y director X").
    modifier_targets: frozenset[str] = frozenset()
    #: The prepositions after a role noun that name the other side.
    role_prepositions: frozenset[str] = frozenset({"of", "for", "at", "to"})
    #: Verbs that signal it only with one of these words after them ("serves on X").
    only_with: tuple[tuple[str, frozenset[str]], ...] = ()
    #: Words that change a verb's meaning after it ("called for"), or that name no side after a role noun.
    not_with: tuple[tuple[str, frozenset[str]], ...] = ()
    #: Verbs that signal it only as part of an inquiry: with a "by"-agent ("X was interviewed by the FBI"),
    #: or "as part of" or "in" one of ``nouns``.
    by_agent_only: frozenset[str] = frozenset()
    #: Role nouns of a speaker that place them in the organisation they speak of, and the verbs of speaking
    #: ("Y has ordered four jets, chairman X said").
    speaker_roles: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    #: Verbs whose subject takes a stance on the event a noun object names ("X supported the Y project").
    stance_verbs: frozenset[str] = frozenset()
    #: Verbs that do not signal it when their object is told to do something ("X advised Y to resign").
    not_told_to: frozenset[str] = frozenset()
    #: Verbs of going somewhere, after which "for" names the event one goes to ("traveled to Y for the summit").
    travel_verbs: frozenset[str] = frozenset()
    #: Adjectives that signal it with "to" after them ("X, a billionaire close to Y").
    adjectives: frozenset[str] = frozenset()
    #: Words of a title's field ("Defense Secretary", "Vice President for Financial Communications"): a name
    #: made of them only names the field, never whom the role serves.
    portfolio_words: frozenset[str] = frozenset()
    #: Role nouns whose other side may only have these entity types.
    noun_targets: tuple[tuple[str, frozenset[str]], ...] = ()
    #: Any verb with one of ``prepositions`` signals it ("X met Y at the Z summit").
    any_verb: bool = False
    #: The nouns name a role its holder has towards another entity ("X's lawyer Y").
    role: bool = False
    #: "Britain's X": a name's possessor is its other side.
    possessive: bool = False

    def allows(self, source_label: str, target_label: str) -> bool:
        """True when an entity of type ``source_label`` may be its source and one of ``target_label`` its target."""
        return source_label in self.source and target_label in self.target

    def admits(self, a_label: str, b_label: str) -> bool:
        """True when two entities of these types can be this relation's ends, either way round
        when it is undirected."""
        return self.allows(a_label, b_label) or (not self.directed and self.allows(b_label, a_label))


@dataclass(frozen=True)
class ClaimCues:
    """The words that make a claim negated or reported, or a sentence a question (``claims.yml``)."""

    negated: frozenset[str]
    reported: frozenset[str]
    reported_phrases: tuple[str, ...]
    open_verbs: frozenset[str] = frozenset()
    affirming_nouns: frozenset[str] = frozenset()
    conditional: frozenset[str] = frozenset({"whether", "if"})
    wh_words: frozenset[str] = frozenset()
    question_aux: frozenset[str] = frozenset()
    question_openers: frozenset[str] = frozenset()
    telling: frozenset[str] = frozenset()
    open_adjectives: frozenset[str] = frozenset()
    as_object_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Boilerplate:
    """Line patterns that are never evidence, and those that end a document's content."""

    lines: tuple[re.Pattern[str], ...]
    ends: tuple[re.Pattern[str], ...]

    def is_boilerplate(self, line: str) -> bool:
        return bool(line) and any(p.fullmatch(line) for p in self.lines)

    def ends_content(self, line: str) -> bool:
        return bool(line) and any(p.fullmatch(line) for p in self.ends)


@dataclass(frozen=True)
class Vocabulary:
    """Everything extraction reads from data files."""

    labels: frozenset[str]
    optional_labels: frozenset[str]
    titles: tuple[str, ...]
    suffixes: frozenset[str]
    org_words: frozenset[str]
    junk_words: frozenset[str]
    aliases: tuple[tuple[str, str], ...]
    boilerplate: Boilerplate
    entity_patterns: tuple[dict[str, Any], ...]
    gazetteer: tuple[dict[str, Any], ...]
    fingerprint: str
    #: Entity types in tie-break order: a name whose mentions split evenly between types takes the first.
    entity_types: tuple[EntityType, ...] = ()
    #: The relation types, typed; and the fallback type of two entities in one sentence (``co_mentioned``).
    relations: tuple[RelationSpec, ...] = ()
    co_mentioned: RelationSpec = field(default_factory=lambda: RelationSpec("co_mentioned", "co mentioned", False))
    claims: ClaimCues = field(default_factory=lambda: ClaimCues(frozenset(), frozenset(), ()))
    #: spaCy labels that are not entity types, with the CoNLL-2003 type the bare model is scored as.
    conll_other_labels: tuple[tuple[str, str], ...] = ()
    #: Words a company's full name may carry after its short name ("Ltd", "Airways", "Hotel").
    legal_forms: frozenset[str] = frozenset()
    #: The legal forms proper ("Inc", "Ltd"): a short name beside its name with these is that company.
    legal_suffixes: frozenset[str] = frozenset()
    #: Nouns that say what kind of thing a name next to them is, by type ("wife": PERSON, "company": ORG).
    kind_nouns: tuple[tuple[str, frozenset[str]], ...] = ()
    #: Last words that make a name a law ("Foreign Agents Registration Act").
    law_words: frozenset[str] = frozenset()
    #: Suffixes of a full formal name ("III") that running text drops: never a different person.
    formal_suffixes: frozenset[str] = frozenset()
    #: Words of a contest between two sides ("beat", "play", "clash"): in a report of a game, a name that
    #: takes part in one is a side, a team.
    contest_words: frozenset[str] = frozenset()

    @property
    def dated_labels(self) -> frozenset[str]:
        """The entity types whose names may carry the year of what they name (``names_date``)."""
        return frozenset(t.name for t in self.entity_types if t.names_date)

    def entity_type(self, name: str) -> EntityType | None:
        """The declared entity type called ``name``, if any."""
        return next((t for t in self.entity_types if t.name == name), None)

    def relation(self, name: str) -> RelationSpec | None:
        """The declared relation type called ``name`` (``co_mentioned`` included), if any."""
        if name == self.co_mentioned.name:
            return self.co_mentioned
        return next((r for r in self.relations if r.name == name), None)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot be read as YAML ({exc}); fix the file or restore it") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping at the top level")
    return data


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _words(items: Iterable[str] | None) -> frozenset[str]:
    return frozenset(str(w).lower() for w in items or ())


def _entity_types(path: Path, types: Any) -> tuple[EntityType, ...]:
    if not isinstance(types, dict) or not types:
        raise InputError(f"{path}: 'types' must map each entity type to its colour and exports")
    out = []
    for name, spec in types.items():
        spec = spec or {}
        missing = [k for k in ("colour", "ftm", "conll") if k not in spec]
        if missing:
            raise InputError(f"{path}: entity type {name} lacks {', '.join(missing)}; add them under 'types'")
        out.append(EntityType(
            name=str(name), colour=str(spec["colour"]), ftm=str(spec["ftm"]), ftm3=str(spec.get("ftm3", spec["ftm"])),
            cypher=str(spec.get("cypher", name)), conll=str(spec["conll"]), optional=bool(spec.get("optional")),
            ftm_company_words=_words(spec.get("ftm_company_words")), surnames=bool(spec.get("surnames")),
            names_date=bool(spec.get("names_date")),
        ))
    return tuple(out)


#: The keys of ``relations.yml`` whose words are read as they are (but lower-cased), and the ones that
#: list entity types.
_TRIGGER_WORDS = ("verbs", "nouns", "modifiers", "prepositions", "receive_verbs", "receive_objects",
                  "passive_verbs", "job_nouns", "party_prepositions", "topic_verbs", "person_verbs",
                  "not_objects", "place_prepositions", "titles", "portfolio_words",
                  "by_agent_only", "speaker_roles", "speech_verbs", "stance_verbs",
                  "not_told_to", "travel_verbs", "adjectives")
_TRIGGER_TYPES = ("affiliation", "titled_affiliation", "modifier_targets")


def _labels(items: Iterable[Any] | None) -> frozenset[str]:
    return frozenset(map(str, items or ()))


def _word_map(value: Any, values: Callable[[Any], frozenset[str]]) -> tuple[tuple[str, frozenset[str]], ...]:
    """A mapping of words to lists as sorted (lower-cased word, ``values`` of its list) pairs."""
    return tuple((str(word).lower(), values(items)) for word, items in sorted(dict(value or {}).items()))


def _trigger_fields(entry: dict[str, Any]) -> dict[str, Any]:
    """The :class:`RelationSpec` fields that say which words signal a relation type in a sentence."""
    return {
        **{key: _words(entry.get(key)) for key in _TRIGGER_WORDS},
        **{key: _labels(entry.get(key)) for key in _TRIGGER_TYPES},
        **{key: bool(entry.get(key)) for key in ("any_verb", "role", "possessive")},
        "needs_modifier": _words(entry.get("noun_needs_modifier")),
        "role_prepositions": _words(entry.get("role_prepositions")) or RelationSpec.role_prepositions,
        "only_with": _word_map(entry.get("only_with"), _words),
        "not_with": _word_map(entry.get("not_with"), _words),
        "noun_targets": _word_map(entry.get("noun_targets"), _labels),
    }


def _ftm_edges(path: Path, name: str, entry: dict[str, Any]) -> tuple[FtmEdge, ...]:
    try:
        return tuple(
            FtmEdge(schema=str(c["schema"]), source=str(c["source"]), target=str(c["target"]),
                    role=str(c.get("role", "")), words=_words(c.get("words")), directed=bool(c.get("directed")))
            for c in entry.get("ftm") or ()
        )
    except (KeyError, TypeError) as exc:
        raise InputError(f"{path}: relation type {name}: each ftm entry needs schema, source and target") from exc


def _relation_spec(path: Path, entry: Any) -> RelationSpec:
    if not isinstance(entry, dict) or "name" not in entry:
        raise InputError(f"{path}: every relation type needs a 'name'; fix the entry {entry!r}")
    name = str(entry["name"])
    return RelationSpec(
        name=name, label=str(entry.get("label", name.replace("_", " "))), directed=bool(entry.get("directed")),
        source=_labels(entry.get("source")), target=_labels(entry.get("target")),
        colour=str(entry.get("colour", "")), cypher=str(entry.get("cypher", name.upper())),
        ftm=_ftm_edges(path, name, entry), ftm_target_list=str(entry.get("ftm_target_list", "")),
        **_trigger_fields(entry),
    )


def _claim_cues(data: dict[str, Any]) -> ClaimCues:
    neg, rep, question = data.get("negated", {}), data.get("reported", {}), data.get("question", {})
    return ClaimCues(
        negated=_words([*neg.get("words", []), *neg.get("verbs", [])]),
        reported=_words([*rep.get("words", []), *rep.get("verbs", [])]),
        reported_phrases=tuple(p.lower() for p in rep.get("phrases", [])),
        open_verbs=_words((data.get("open") or {}).get("verbs")),
        affirming_nouns=_words(data.get("affirming_nouns")),
        conditional=_words(data.get("conditional") or ["whether", "if"]),
        wh_words=_words(question.get("wh_words")),
        question_aux=_words(question.get("aux")),
        question_openers=_words(question.get("openers")),
        telling=_words(data.get("telling")),
        open_adjectives=_words(data.get("open_adjectives")),
        as_object_verbs=_words(data.get("as_object_verbs")),
    )


def _optional_yaml(path: Path) -> dict[str, Any]:
    return _read_yaml(path) if path.exists() else {}


def _fingerprint(folder: Path) -> str:
    """The digest of every vocabulary file's name and bytes (for the record cache)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.suffix in {".yml", ".jsonl"}):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _events(path: Path) -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def _shared_aliases(typed: dict[str, Any]) -> tuple[tuple[tuple[str, str], ...], tuple[dict[str, Any], ...]]:
    """``aliases`` of entities.yml as (canonical, alias) pairs, and as gazetteer patterns of their type."""
    named = [(label, canonical, alias)
             for label, names in sorted(typed.items())
             for canonical, others in sorted((names or {}).items())
             for alias in [canonical, *(others or [])]]
    return (tuple((canonical, alias) for _, canonical, alias in named),
            tuple({"label": label, "pattern": alias} for label, _, alias in named))


def _entity_fields(path: Path) -> dict[str, Any]:
    """The :class:`Vocabulary` fields read from ``entities.yml``."""
    entities = _read_yaml(path)
    types = _entity_types(path, entities.get("types"))
    aliases, gazetteer = _shared_aliases(entities.get("aliases") or {})
    kind_nouns = dict(entities.get("kind_nouns") or {})
    unknown = sorted(map(str, set(kind_nouns) - {t.name for t in types}))
    if unknown:
        raise InputError(f"{path}: kind_nouns names {', '.join(unknown)}, which is no entity type under 'types'; "
                         "declare it there or remove it")
    return {
        "entity_types": types,
        "labels": frozenset(t.name for t in types if not t.optional),
        "optional_labels": frozenset(t.name for t in types if t.optional),
        "conll_other_labels": tuple(sorted((str(k), str(v)) for k, v in (entities.get("conll_other_labels") or {})
                                           .items())),
        "titles": tuple(sorted(_words(entities.get("titles")), key=lambda t: (-len(t), t))),
        "kind_nouns": tuple((str(label), _words(nouns)) for label, nouns in sorted(kind_nouns.items())),
        "aliases": aliases,
        "gazetteer": gazetteer,
        **{key: _words(entities.get(key)) for key in ("suffixes", "org_words", "junk_words", "legal_forms",
                                                      "legal_suffixes", "law_words", "formal_suffixes",
                                                      "contest_words")},
    }


def _relation_fields(path: Path) -> dict[str, Any]:
    """The :class:`Vocabulary` fields read from ``relations.yml`` (none when the folder has no such file)."""
    data = _optional_yaml(path)
    entries = data.get("relations", [])
    return {
        "relations": tuple(_relation_spec(path, e) for e in entries),
        "co_mentioned": _relation_spec(path, data.get("co_mentioned") or {"name": "co_mentioned"}),
    }


@cache
def load_vocabulary(folder: Path = PATTERNS_DIR) -> Vocabulary:
    """Read the vocabularies in ``folder`` (``extract/patterns`` by default)."""
    boiler = _read_yaml(folder / "boilerplate.yml")
    return Vocabulary(
        **_entity_fields(folder / "entities.yml"),
        **_relation_fields(folder / "relations.yml"),
        boilerplate=Boilerplate(_compile(boiler.get("lines", [])), _compile(boiler.get("ends_content", []))),
        entity_patterns=_events(folder / "events.jsonl"),
        claims=_claim_cues(_optional_yaml(folder / "claims.yml")),
        fingerprint=_fingerprint(folder),
    )

"""An analyst's curation file, applied on every rebuild.

YAML (``.yml``/``.yaml``) or TOML (``.toml``) with any of these sections::

    merge:            # these names are one entity, shown under the first
      - [John F. Kennedy, JFK]
    split: [Kennedy]  # never link this name to a longer one
    rename:           # change the label an entity is shown under
      Justice Department: U.S. Department of Justice
    retype:           # force an entity's type
      Hudson Yards Tower: FAC
    ignore: [Factually]   # never a node
    relations:        # decisions on relations: [source, type, target]
      - reject: [John F. Kennedy, met_with, Hudson Yards Tower]
      - retype: [John F. Kennedy, co_mentioned, Justice Department]
        to: works_for
      - status: [John F. Kennedy, met_with, Justice Department]
        to: negated
      - confirm: [John F. Kennedy, praised, Justice Department]
        doc: report-1                   # only the citation of this document
        sentence: Kennedy praised the department.   # and this sentence

Names are matched case- and punctuation-insensitively, on any of an
entity's names.  A rule that matches nothing on a rebuild is *stale*: it is
reported (:attr:`~extract.resolve.Resolution.stale`), never dropped silently
and never an error.
"""

from __future__ import annotations

import os
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from extract.errors import InputError
from extract.normalize import name_key
from extract.records import Decision
from extract.vocabulary import load_vocabulary

__all__ = ["ACTIONS", "SECTIONS", "Curation", "RelationDecision", "curation_from_dict", "load_curation", "rule_of"]

SECTIONS = ("merge", "split", "rename", "retype", "ignore", "relations")
#: What a decision does to a relation: keep it as it is, drop it, give it another type, another claim status.
ACTIONS = ("confirm", "reject", "retype", "status")
STATUSES = ("asserted", "reported", "negated")


def __getattr__(name: str) -> Any:
    """``TYPES`` (the entity types a ``retype`` rule may name) and ``CO_MENTIONED`` (the name of the untyped
    relation), read from the vocabulary when first asked for: importing the library reads no file."""
    if name == "TYPES":
        return _entity_types()
    if name == "CO_MENTIONED":
        return load_vocabulary().co_mentioned.name
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _entity_types() -> tuple[str, ...]:
    return tuple(t.name for t in load_vocabulary().entity_types)


@dataclass(frozen=True)
class RelationDecision:
    """An analyst's decision on the ``type`` relation from ``source`` to ``target``.

    ``to`` is the new type (``retype``) or claim status (``status``).  With
    ``doc`` (and ``sentence``), the decision is about the citations of that
    document (and sentence) only; the others keep the relation as it was.

    >>> RelationDecision("reject", "Ann Example", "met_with", "Bo Sample").to_dict()
    {'reject': ['Ann Example', 'met_with', 'Bo Sample']}
    """

    action: str
    source: str
    type: str
    target: str
    to: str | None = None
    doc: str | None = None
    sentence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The decision as it is written in a curation file (and in ``graph.json``)."""
        out: dict[str, Any] = {self.action: [self.source, self.type, self.target]}
        for key in ("to", "doc", "sentence"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out

    def record(self) -> Decision:
        """The decision as graph.json records it on the relation it changed."""
        return Decision(self.action, (self.source, self.type, self.target), self.to, self.doc, self.sentence)

    def describe(self) -> str:
        """One line for a person: ``reject 'A' met_with 'B' (doc d: "…")``."""
        text = f"{self.action} {self.source!r} {self.type} {self.target!r}"
        if self.to is not None:
            text += f" to {self.to}"
        if self.doc is not None:
            text += f" in {self.doc}"
        if self.sentence is not None:
            short = self.sentence if len(self.sentence) <= 60 else self.sentence[:57] + "..."
            text += f": {short!r}"
        return text


@dataclass(frozen=True)
class Curation:
    """Parsed curation rules (empty by default)."""

    merges: tuple[tuple[str, ...], ...] = ()
    splits: tuple[str, ...] = ()
    renames: tuple[tuple[str, str], ...] = ()
    retypes: tuple[tuple[str, str], ...] = ()
    ignores: tuple[str, ...] = ()
    relations: tuple[RelationDecision, ...] = ()

    @cached_property
    def split_keys(self) -> frozenset[str]:
        """Keys of the ``split`` names, computed once: resolution asks for every key of the corpus."""
        return frozenset(name_key(n) for n in self.splits)

    @cached_property
    def ignore_keys(self) -> frozenset[str]:
        return frozenset(name_key(n) for n in self.ignores)

    def merge_links(self) -> dict[str, str]:
        """Each merged name's key → the key of the group's first name."""
        return {name_key(n): name_key(group[0]) for group in self.merges for n in group[1:]}

    def apply_label(self, label: str, kind: str, keys: Iterable[str]) -> tuple[str, str]:
        """The label and type of an entity known by ``label`` and the name ``keys``."""
        names = {name_key(label), *keys}
        merged_into = {name_key(g[0]): g[0] for g in self.merges}
        for key in sorted(names):
            if key in merged_into:
                label = merged_into[key]
        for old, new in self.renames:
            if name_key(old) in names:
                label = new
        for name, new_type in self.retypes:
            if name_key(name) in names or name_key(name) == name_key(label):
                kind = new_type
        return label, kind

    @cached_property
    def _rules_by_key(self) -> dict[str, list[tuple[int, Decision]]]:
        """Name key → the entity rules that name it, each with its place in the file's order."""
        index: dict[str, list[tuple[int, Decision]]] = defaultdict(list)
        rules: list[tuple[Iterable[str], Decision]] = [
            *((g, Decision("merge", tuple(g))) for g in self.merges if len({name_key(n) for n in g}) > 1),
            *(((n,), Decision("split", (n,))) for n in self.splits),
            *(((old,), Decision("rename", (old,), to=new)) for old, new in self.renames),
            *(((n,), Decision("retype", (n,), to=t)) for n, t in self.retypes),
        ]
        for number, (names, rule) in enumerate(rules):
            for key in {name_key(n) for n in names}:
                index[key].append((number, rule))
        return dict(index)

    def rules_for(self, label: str, keys: Iterable[str]) -> list[Decision]:
        """The entity rules that changed the entity known by ``label`` and ``keys``, in the file's order."""
        index = self._rules_by_key
        found = {number: rule for key in {name_key(label), *keys} for number, rule in index.get(key, ())}
        return [found[n] for n in sorted(found)]

    def to_dict(self) -> dict[str, Any]:
        """The rules as a curation file holds them (sections in order, empty ones left out).

        ``curation_from_dict(c.to_dict()) == c``; ``yaml.safe_dump`` or a TOML writer turns it into a file.
        """
        out: dict[str, Any] = {}
        if self.merges:
            out["merge"] = [list(g) for g in self.merges]
        if self.splits:
            out["split"] = list(self.splits)
        if self.renames:
            out["rename"] = dict(self.renames)
        if self.retypes:
            out["retype"] = dict(self.retypes)
        if self.ignores:
            out["ignore"] = list(self.ignores)
        if self.relations:
            out["relations"] = [d.to_dict() for d in self.relations]
        return out

    def __bool__(self) -> bool:
        return bool(self.merges or self.splits or self.renames or self.retypes or self.ignores or self.relations)

    def fingerprint(self) -> str:
        return repr(self)


def rule_of(decision: Decision) -> dict[str, Any]:
    """A :class:`Decision` (graph.json's provenance) as the curation file writes the rule.

    >>> rule_of(Decision("rename", ("Ann Example",), to="Ann B. Example"))
    {'rename': {'Ann Example': 'Ann B. Example'}}
    """
    names = list(decision.names)
    if decision.action in ACTIONS and len(names) == 3:  # an entity rule names one entity (a merge is no action)
        return RelationDecision(decision.action, *names, to=decision.to, doc=decision.doc,
                                sentence=decision.sentence).to_dict()
    if decision.action == "merge":
        return {"merge": names}
    if decision.action in ("rename", "retype"):
        return {decision.action: {names[0]: decision.to}}
    return {decision.action: names[0]}


def _text(name: str, where: str) -> str:
    """``name`` when it can be written out; a lone surrogate (YAML ``"\\ud800"``) is refused here, not at the end."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{where}: {name.encode('utf-8', 'backslashreplace').decode()!r} holds a lone surrogate, "
                         "which no output can store; write the character itself or remove the escape") from None
    return name


def _names(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (_text(value, where),)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(_text(v, where) for v in value)
    raise InputError(f"{where}: expected a name or a list of names")


def _pairs(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise InputError(f"{where}: expected 'old name: new value' lines")
    return tuple((_text(k, where), _text(v, where)) for k, v in value.items())


def load_curation(path: str | os.PathLike[str], *, relation_types: Iterable[str] | None = None) -> Curation:
    """Read a curation file; every mistake is an :class:`InputError` naming the file and section.

    ``relation_types`` are the types a relation decision may name (default:
    those of ``extract/patterns/relations.yml`` and ``co_mentioned``).
    """
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
        data = tomllib.loads(text) if source.suffix == ".toml" else yaml.safe_load(text)
    except FileNotFoundError as exc:
        raise InputError(f"{source}: no such curation file; see data/curation.example.yml") from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{source}: not a valid curation file ({exc}); see data/curation.example.yml") from exc
    return curation_from_dict(data, where=str(source), relation_types=relation_types)


def curation_from_dict(data: Any, *, where: str = "curation", relation_types: Iterable[str] | None = None) -> Curation:
    """The rules of a parsed curation file (``where`` names it in errors)."""
    source = where
    data = data or {}
    if not isinstance(data, dict):
        raise InputError(f"{source}: expected sections {', '.join(SECTIONS)}")
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise InputError(f"{source}: unknown section {unknown[0]!r}; use {', '.join(SECTIONS)}")
    merges = []
    if not isinstance(data.get("merge") or [], list):
        raise InputError(f"{source}: merge: expected a list of groups of names")
    for group in data.get("merge") or []:
        names = _names(group, f"{source}: merge")
        if len(names) < 2:
            raise InputError(f"{source}: merge: each group needs two or more names, got {list(names)}")
        merges.append(names)
    retypes = _pairs(data.get("retype") or {}, f"{source}: retype")
    types = _entity_types()
    for name, kind in retypes:
        if kind not in types:
            raise InputError(f"{source}: retype: {name!r}: unknown type {kind!r}; use one of {', '.join(types)}")
    return Curation(
        merges=tuple(merges),
        splits=_names(data.get("split") or [], f"{source}: split"),
        renames=_pairs(data.get("rename") or {}, f"{source}: rename"),
        retypes=retypes,
        ignores=_names(data.get("ignore") or [], f"{source}: ignore"),
        relations=_decisions(data.get("relations") or [], f"{source}: relations", relation_types),
    )


def _known_types() -> tuple[str, ...]:
    vocab = load_vocabulary()
    names = {spec.name for spec in vocab.relations} | {vocab.co_mentioned.name}
    return tuple(sorted(names))


def _decisions(value: Any, where: str, relation_types: Iterable[str] | None) -> tuple[RelationDecision, ...]:
    if not isinstance(value, list):
        raise InputError(f"{where}: expected a list of decisions such as '- reject: [A, met_with, B]'")
    known = tuple(relation_types) if relation_types is not None else _known_types()
    return tuple(_decision(item, f"{where}: #{number}", known) for number, item in enumerate(value, 1))


def _decision(item: Any, where: str, known: tuple[str, ...]) -> RelationDecision:
    action = _action(item, where)
    source, kind, target = _triple(item[action], action, where, known)
    extras = _extras(item, where)
    _check_to(action, extras, where, known)
    if "sentence" in extras and "doc" not in extras:
        raise InputError(f"{where}: a sentence needs the 'doc:' it is in")
    return RelationDecision(action, source, kind, target, **extras)


def _action(item: Any, where: str) -> str:
    """The one action ``item`` (a decision as the file writes it) names; no other key than to, doc, sentence."""
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected a decision such as 'reject: [A, met_with, B]'")
    actions = [a for a in ACTIONS if a in item]
    extra = sorted(set(item) - {*ACTIONS, "to", "doc", "sentence"})
    if len(actions) != 1 or extra:
        raise InputError(f"{where}: expected one of {', '.join(ACTIONS)} "
                         f"(and to, doc, sentence){f', not {extra[0]!r}' if extra else ''}")
    return actions[0]


def _triple(triple: Any, action: str, where: str, known: tuple[str, ...]) -> tuple[str, str, str]:
    """``[source, type, target]`` of a decision, its type one of ``known``."""
    if not (isinstance(triple, list) and len(triple) == 3 and all(isinstance(v, str) for v in triple)):
        raise InputError(f"{where}: {action}: expected [source, type, target], got {triple!r}")
    source, kind, target = (_text(v, where) for v in triple)
    if kind not in known:
        raise InputError(f"{where}: {action}: unknown relation type {kind!r}; use one of {', '.join(known)}")
    return source, kind, target


def _extras(item: dict[str, Any], where: str) -> dict[str, str]:
    """The ``to``, ``doc`` and ``sentence`` a decision gives, each text."""
    extras = {}
    for key in ("to", "doc", "sentence"):
        if key in item:
            if not isinstance(item[key], str):
                raise InputError(f"{where}: {key}: expected text, got {item[key]!r}")
            extras[key] = _text(item[key], where)
    return extras


def _check_to(action: str, extras: dict[str, str], where: str, known: tuple[str, ...]) -> None:
    """A retype needs a known relation type ``to:``, a status change a claim status; no other action takes one."""
    to = extras.get("to")
    if action in ("retype", "status") and to is None:
        raise InputError(f"{where}: {action} needs 'to:' (the new {'type' if action == 'retype' else 'status'})")
    if action not in ("retype", "status") and to is not None:
        raise InputError(f"{where}: {action} takes no 'to:'; use retype or status")
    if action == "retype" and to not in known:
        raise InputError(f"{where}: retype: unknown relation type {to!r}; use one of {', '.join(known)}")
    if action == "status" and to not in STATUSES:
        raise InputError(f"{where}: status: unknown claim status {to!r}; use one of {', '.join(STATUSES)}")

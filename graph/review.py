"""The review queue: what an analyst should look at first, with the decisions that fit each item.

:func:`review_queue` reads a graph and returns :class:`ReviewItem` objects,
highest impact first.  The impact of an item is how many mentions or
citations its decision would change:

* ``duplicate``: two entities of one type that are probably one (same
  surname, initials, near-identical spelling, one name inside the other);
  impact: the smaller one's mentions and citations;
* ``type``: an entity whose mentions voted for several types; impact: its
  mentions;
* ``untyped``: a pair only ever ``co_mentioned`` (StoryWeb's loop: say what
  the relation is); impact: its citations;
* ``single``: a typed relation that rests on one citation; impact: 1;
* ``denial``: a relation whose evidence denies it; impact: its citations.

Each item carries its evidence and its decisions as curation rules (the
dicts :meth:`extract.curation.Curation.to_dict` writes), ready for
:func:`extract.curate.add_rule` or the page's review panel.

>>> from graph.io import load_graph
>>> items = review_queue(load_graph("out/graph.json"))  # doctest: +SKIP
>>> items[0].kind, items[0].title  # doctest: +SKIP
('untyped', "'Donald Trump' and 'Vladimir Putin' are only co-mentioned (18 citations)")
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import combinations, islice
from typing import Any, NamedTuple

import networkx as nx

from extract.normalize import name_key
from extract.vocabulary import load_vocabulary

__all__ = ["KINDS", "ReviewItem", "entity_rule_name", "review_queue"]

#: Item kinds, in the order they are listed when their impact is equal.
KINDS = ("duplicate", "type", "untyped", "single", "denial")
CO_MENTIONED = load_vocabulary().co_mentioned.name
def _has_surnames(kind: str) -> bool:
    """Whether names of entity type ``kind`` end in a surname (``surnames`` in the entity vocabulary)."""
    spec = load_vocabulary().entity_type(kind)
    return spec is not None and spec.surnames


#: Words that never make a name inside another a duplicate ("of" in "Bank of X").
_SMALL = frozenset({"of", "the", "and", "for", "on", "in", "to", "&", "a", "an"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: At most this many evidence sentences per item.
EVIDENCE = 3


@dataclass(frozen=True)
class ReviewItem:
    """One thing to review: why, how much it matters, the evidence, and the decisions that fit."""

    kind: str
    impact: int
    title: str
    #: Node ids the item is about.
    entities: tuple[str, ...]
    #: ``{"doc", "title", "sentence", "status"}`` for up to :data:`EVIDENCE` citations.
    evidence: tuple[dict[str, Any], ...] = ()
    #: ``{"label", "rule"}``: a one-click decision and the curation rule it writes.
    actions: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["entities"] = list(self.entities)
        out["evidence"] = [dict(e) for e in self.evidence]
        out["actions"] = [dict(a) for a in self.actions]
        return out


def entity_rule_name(attrs: dict[str, Any]) -> str:
    """The name an entity rule should use for an entity: its label, or the name a rename replaced.

    Entity rules match the names found in the documents, so a label the
    curation gave (a rename) is written as the name it replaced.
    """
    label = str(attrs.get("label", ""))
    for rule in attrs.get("curation") or ():
        if rule.get("action") == "rename" and rule.get("to") == label and rule.get("names"):
            return str(rule["names"][0])
    return label


class _Pending(NamedTuple):
    """An item before its evidence is gathered: only the items shown get that work."""

    impact: int
    kind: str
    title: str
    entities: tuple[Any, ...]
    make: Callable[[], tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]]


def review_queue(G: nx.MultiDiGraph, *, limit: int | None = None) -> list[ReviewItem]:
    """The review items of ``G``, highest impact first (ties: kind, then title); the first ``limit`` only."""
    context = _Context(G)
    pending = [*_duplicates(context), *_type_votes(context), *_relations(context)]
    pending.sort(key=lambda i: (-i.impact, KINDS.index(i.kind), i.title, tuple(map(str, i.entities))))
    items = []
    for item in pending[:limit] if limit is not None else pending:
        evidence, actions = item.make()
        items.append(ReviewItem(item.kind, item.impact, item.title, item.entities, evidence, actions))
    return items


class _Context:
    """The graph with what every item asks for computed once: document titles, citations per entity."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self.titles = {d.get("id"): d.get("title", "") for d in G.graph.get("documents", [])}
        self.cited: dict[Any, int] = defaultdict(int)
        for u, v, attrs in G.edges(data=True):
            count = len(attrs.get("citations") or ())
            self.cited[u] += count
            if v != u:
                self.cited[v] += count

    def label(self, node: Any) -> str:
        return str(self.G.nodes[node].get("label", node))

    def evidence(self, citations: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
        return tuple({"doc": c["doc"], "title": self.titles.get(c["doc"], c["doc"]), "sentence": c["sentence"],
                      "status": c.get("status", "asserted")} for c in islice(citations, EVIDENCE))

    def citations_of(self, node: Any) -> Iterator[dict[str, Any]]:
        for _, _, attrs in self.G.in_edges(node, data=True):
            yield from attrs.get("citations") or ()
        for _, _, attrs in self.G.out_edges(node, data=True):
            yield from attrs.get("citations") or ()


# -- duplicates -------------------------------------------------------------

def _words(label: str) -> list[str]:
    return [w for w in name_key(label).split() if w]


def _initials(words: list[str]) -> set[str]:
    full = "".join(w[0] for w in words)
    short = "".join(w[0] for w in words if w not in _SMALL)
    return {full, short}


def _label(G: nx.MultiDiGraph, node: Any) -> str:
    return str(G.nodes[node].get("label", node))


class _Names(NamedTuple):
    """The entities of one type, by id: label, the words of the name and those words joined (the key)."""

    nodes: list[Any]
    labels: dict[Any, str]
    words: dict[Any, list[str]]
    keys: dict[Any, str]


def _names_by_type(G: nx.MultiDiGraph) -> dict[str, _Names]:
    """The entities of each type, in id order."""
    by_type: dict[str, list[Any]] = defaultdict(list)
    for node, kind in sorted(G.nodes(data="type"), key=lambda item: str(item[0])):  # ids may be numbers
        by_type[str(kind)].append(node)
    out = {}
    for kind, nodes in by_type.items():
        labels = {n: _label(G, n) for n in nodes}
        words = {n: _words(labels[n]) for n in nodes}
        out[kind] = _Names(nodes, labels, words, {n: " ".join(w) for n, w in words.items()})
    return out


def _candidate_pairs(G: nx.MultiDiGraph) -> dict[tuple[str, str], set[str]]:
    """Pairs of same-type entities that are probably one, with the reasons; each test is an index
    lookup (never all pairs), so a large graph stays fast."""
    reasons: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, names in _names_by_type(G).items():
        tests = (_name_inside, _near_spelling, _same_surname if _has_surnames(kind) else _acronyms)
        for test in tests:
            for a, b, why in test(names):
                if a != b:
                    reasons[tuple(sorted((a, b), key=str))].add(why)
    return reasons


def _word_runs(names: _Names) -> dict[str, list[Any]]:
    """Every run of whole words of each name of two to eight words, shorter than the name, and whose it is."""
    runs: dict[str, list[Any]] = defaultdict(list)
    for n, w in names.words.items():
        if 1 < len(w) <= 8:
            for i, j in combinations(range(len(w) + 1), 2):
                if j - i < len(w):
                    runs[" ".join(w[i:j])].append(n)
    return runs


def _name_inside(names: _Names) -> Iterator[tuple[Any, Any, str]]:
    """A name that is a run of whole words of another ("X Jr." is not X; "of the" is no name)."""
    runs = _word_runs(names)
    for n in names.nodes:
        if names.keys[n] and not set(names.words[n]) <= _SMALL:
            for m in runs.get(names.keys[n], ()):
                if not set(names.words[m]) - set(names.words[n]) <= _SUFFIXES:
                    yield n, m, "one name inside the other"


def _deletion_variants(names: _Names) -> dict[str, list[Any]]:
    """Each key of 5 to 60 characters without digits ("G7"/"G8" are not one), and each key with one
    character deleted, with whose it is: names one deletion apart share a variant."""
    variants: dict[str, list[Any]] = defaultdict(list)
    for n in names.nodes:
        key = names.keys[n]
        if 5 <= len(key) <= 60 and not any(ch.isdigit() for ch in key):
            for i in range(len(key)):
                variants[key[:i] + key[i + 1:]].append(n)
            variants[key].append(n)
    return variants


def _near_spelling(names: _Names) -> Iterator[tuple[Any, Any, str]]:
    """Names a deletion apart (or sharing a variant) whose spellings are at least 85% alike."""
    keys = names.keys
    for group in _deletion_variants(names).values():
        if 1 < len(group) <= 20:
            for a, b in combinations(sorted(set(group), key=str), 2):
                if keys[a] != keys[b] and difflib.SequenceMatcher(None, keys[a], keys[b]).ratio() >= 0.85:
                    yield a, b, "near-identical spelling"


def _same_surname(names: _Names) -> Iterator[tuple[Any, Any, str]]:
    """Names ending in one surname (and no suffix) whose first names agree, one is the surname alone, or
    the first names share an initial."""
    by_surname: dict[str, list[Any]] = defaultdict(list)
    for n, w in names.words.items():
        plain = [x for x in w if x not in _SUFFIXES]
        if plain and len(plain) == len(w):
            by_surname[plain[-1]].append(n)
    for group in by_surname.values():
        if len(group) <= 20:
            for a, b in combinations(group, 2):
                why = _surname_reason(names.words[a], names.words[b])
                if why:
                    yield a, b, why


def _surname_reason(wa: list[str], wb: list[str]) -> str | None:
    """Why two names with one surname may be one person, or ``None`` when their first names differ."""
    if min(len(wa), len(wb)) == 1 or wa[0] == wb[0]:
        return "same surname"
    return "initials" if wa[0][0] == wb[0][0] else None


def _acronyms(names: _Names) -> Iterator[tuple[Any, Any, str]]:
    """An upper-case one-word name of 2 to 6 letters that is the initials of a longer name."""
    keys = names.keys
    acronyms = {keys[n]: n for n in names.nodes
                if " " not in keys[n] and 2 <= len(keys[n]) <= 6 and names.labels[n].isupper()}
    for n, w in names.words.items():
        if len(w) >= 2:
            for initials in _initials(w):
                if initials in acronyms:
                    yield acronyms[initials], n, "initials"


def _duplicates(c: _Context) -> Iterator[_Pending]:
    G = c.G
    for (a, b), why in _candidate_pairs(G).items():
        ma, mb = int(G.nodes[a].get("mentions", 0)), int(G.nodes[b].get("mentions", 0))
        big, small = (a, b) if (ma, str(b)) >= (mb, str(a)) else (b, a)
        la, lb = c.label(big), c.label(small)

        def make(big=big, small=small, la=la, lb=lb):
            na, nb = entity_rule_name(G.nodes[big]), entity_rule_name(G.nodes[small])
            return c.evidence(c.citations_of(small)), (
                {"label": f"merge into {la}", "rule": {"merge": [na, nb]}},
                {"label": f"merge into {lb}", "rule": {"merge": [nb, na]}},
                {"label": f"keep {lb} apart", "rule": {"split": nb}})

        yield _Pending(min(ma, mb) + c.cited[small], "duplicate",
                       f"{la!r} and {lb!r} ({G.nodes[big].get('type')}) may be one entity: {', '.join(sorted(why))}",
                       (big, small), make)


def _type_votes(c: _Context) -> Iterator[_Pending]:
    for node, attrs in c.G.nodes(data=True):
        votes = attrs.get("type_votes") or {}
        if len(votes) < 2:
            continue
        shown = ", ".join(f"{t} {n}" for t, n in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])))

        def make(node=node, attrs=attrs, votes=votes):
            return c.evidence(c.citations_of(node)), tuple(
                {"label": f"{t}", "rule": {"retype": {entity_rule_name(attrs): t}}}
                for t in sorted(votes, key=lambda t: (-votes[t], t)) if t != attrs.get("type"))

        yield _Pending(int(attrs.get("mentions", 0)), "type",
                       f"{c.label(node)!r} is {attrs.get('type')}, but its mentions disagree ({shown})", (node,), make)


def _relation_types() -> list[Any]:
    from extract.relations import relation_types

    return list(relation_types(load_vocabulary()))


def _relations(c: _Context) -> Iterator[_Pending]:
    G = c.G
    typed_pairs = {frozenset((u, v)) for u, v, k in G.edges(keys=True) if k != CO_MENTIONED}
    types = _relation_types()
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if attrs.get("curated"):
            continue  # a person decided it
        cites = attrs.get("citations") or []
        co = key == CO_MENTIONED
        if co and frozenset((u, v)) in typed_pairs:
            continue
        if co:
            kind, impact = "untyped", len(cites)
            title = f"{c.label(u)!r} and {c.label(v)!r} are only co-mentioned ({len(cites)} citation" + (
                "s)" if len(cites) != 1 else ")")
        elif attrs.get("status") == "negated":
            kind, impact = "denial", len(cites)
            title = f"{c.label(u)!r} {attrs.get('label', key)} {c.label(v)!r} is denied by its evidence"
        elif len(cites) == 1:
            kind, impact = "single", 1
            title = f"{c.label(u)!r} {attrs.get('label', key)} {c.label(v)!r} rests on one citation"
        else:
            continue

        def make(u=u, v=v, key=key, cites=cites, kind=kind):
            a, b = c.label(u), c.label(v)
            triple = [a, key, b]
            return c.evidence(cites), _relation_actions(kind, triple, G.nodes[u].get("type"),
                                                        G.nodes[v].get("type"), types)

        yield _Pending(impact, kind, title, (u, v), make)


def _relation_actions(kind: str, triple: list[str], ku: Any, kv: Any, types: list[Any]) -> tuple[dict[str, Any], ...]:
    a, key, b = triple
    if kind == "untyped":
        fits = []
        for rt in types:
            if rt.allows(ku, kv):
                fits.append({"label": rt.label, "rule": {"retype": triple, "to": rt.name}})
            elif rt.directed and rt.allows(kv, ku):
                fits.append({"label": f"{rt.label} (from {b})", "rule": {"retype": [b, key, a], "to": rt.name}})
        return (*fits, {"label": "not related", "rule": {"reject": triple}})
    if kind == "denial":
        return ({"label": "the denial holds", "rule": {"confirm": triple}},
                {"label": "it is asserted", "rule": {"status": triple, "to": "asserted"}},
                {"label": "not this relation", "rule": {"reject": triple}})
    return ({"label": "confirm", "rule": {"confirm": triple}}, {"label": "reject", "rule": {"reject": triple}})


#: ``tangle curate`` actions: how many names each takes (``None``: two or more).
CURATE_ACTIONS = {"merge": None, "split": 1, "rename": 2, "retype": 2, "ignore": 1,
                  "confirm": 3, "reject": 3, "status": 4}
_USAGE = {"merge": "merge NAME NAME...", "split": "split NAME", "rename": "rename NAME NEW-LABEL",
          "retype": "retype NAME TYPE, or retype SOURCE RELATION TARGET NEW-RELATION", "ignore": "ignore NAME",
          "confirm": "confirm SOURCE RELATION TARGET", "reject": "reject SOURCE RELATION TARGET",
          "status": "status SOURCE RELATION TARGET asserted|reported|negated"}


def curation_rule(action: str, args: list[str], *, graph: nx.MultiDiGraph | None = None,
                  doc: str | None = None, sentence: str | None = None) -> dict[str, Any]:
    """The curation rule ``tangle curate FILE ACTION ARGS...`` writes, checked against ``graph`` when given.

    Every entity name must name an entity of ``graph`` (else
    :class:`~graph.errors.EntityNotFound` with the closest names) and a
    relation decision's relation must exist there.

    >>> curation_rule("reject", ["Ann Example", "met_with", "Bo Sample"])
    {'reject': ['Ann Example', 'met_with', 'Bo Sample']}
    """
    from extract.errors import InputError

    if action not in CURATE_ACTIONS:
        raise InputError(f"unknown action {action!r}; use one of {', '.join(CURATE_ACTIONS)}")
    relation = action in ("confirm", "reject", "status") or (action == "retype" and len(args) == 4)
    _check_arity(action, args, relation=relation)
    if (doc or sentence) and not relation:
        raise InputError("`doc` and `sentence` only go with a relation decision (confirm, reject, retype, status)",
                         parameters=("doc", "sentence"))
    rule = _relation_rule(action, args, doc=doc, sentence=sentence) if relation else _entity_rule(action, args)
    if graph is not None:
        _check_names(graph, action, args, relation=relation, doc=doc, sentence=sentence)
    return rule


def _check_arity(action: str, args: list[str], *, relation: bool) -> None:
    """Raise :class:`InputError` unless ``args`` holds as many values as ``action`` takes."""
    from extract.errors import InputError

    wanted = 4 if action == "retype" and relation else CURATE_ACTIONS[action]
    if (wanted is None and len(args) < 2) or (wanted is not None and len(args) != wanted):
        raise InputError(f"{action} takes {'two or more names' if wanted is None else f'{wanted} values'}, "
                         f"got {len(args)}: tangle curate FILE {_USAGE[action]}")


def _relation_rule(action: str, args: list[str], *, doc: str | None, sentence: str | None) -> dict[str, Any]:
    """A relation decision (source, relation, target and maybe the new relation or status), checked by
    the curation file's own reader."""
    from extract.curation import curation_from_dict

    rule: dict[str, Any] = {action: args[:3]}
    if len(args) == 4:
        rule["to"] = args[3]
    rule.update((name, value) for name, value in (("doc", doc), ("sentence", sentence)) if value is not None)
    curation_from_dict({"relations": [rule]}, where="the decision")
    return rule


def _entity_rule(action: str, args: list[str]) -> dict[str, Any]:
    """An entity decision (merge, split, rename, retype, ignore), checked by the curation file's own reader."""
    from extract.curation import curation_from_dict

    if action == "merge":
        rule: dict[str, Any] = {"merge": list(args)}
    elif action in ("rename", "retype"):
        rule = {action: {args[0]: args[1]}}
    else:
        rule = {action: args[0]}
    section = {"merge": [list(args)], "split": [args[0]], "ignore": [args[0]]}.get(action, rule[action])
    curation_from_dict({action: section}, where="the rule")
    return rule


def _check_names(G: nx.MultiDiGraph, action: str, args: list[str], *, relation: bool,
                 doc: str | None, sentence: str | None) -> None:
    from extract.errors import InputError
    from graph.query import find_entity

    if not relation:
        for name in (args if action == "merge" else args[:1]):
            find_entity(G, name)
        return
    source, kind, target = args[:3]
    u, v = find_entity(G, source), find_entity(G, target)
    found = [(a, b, attrs) for a, b, k, attrs in G.edges(keys=True, data=True)
             if k == kind and {a, b} == {u, v} and (a, b) in ((u, v), (v, u))]
    if not found:
        between = sorted({k for a, b, k in G.edges(keys=True) if {a, b} == {u, v}})
        hint = f"; relations between them: {', '.join(between)}" if between else "; they have no relation"
        raise InputError(f"no {kind} relation between {source!r} and {target!r}{hint}")
    if doc is not None and not any(c["doc"] == doc and (sentence is None or c["sentence"] == sentence)
                                   for _, _, attrs in found for c in attrs.get("citations", [])):
        raise InputError(f"the {kind} relation between {source!r} and {target!r} is not cited "
                         f"{'by that sentence of' if sentence is not None else 'in'} {doc!r}")

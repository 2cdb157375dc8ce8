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
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any

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


def review_queue(G: nx.MultiDiGraph, *, limit: int | None = None) -> list[ReviewItem]:
    """Every review item of ``G``, highest impact first (ties: kind, then title)."""
    items = [*_duplicates(G), *_type_votes(G), *_relations(G)]
    items.sort(key=lambda i: (-i.impact, KINDS.index(i.kind), i.title, i.entities))
    return items[:limit] if limit is not None else items


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label", node))


def _evidence(G: nx.MultiDiGraph, citations: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    titles = {d.get("id"): d.get("title", "") for d in G.graph.get("documents", [])}
    return tuple({"doc": c["doc"], "title": titles.get(c["doc"], c["doc"]), "sentence": c["sentence"],
                  "status": c.get("status", "asserted")} for c in list(citations)[:EVIDENCE])


def _citations_of(G: nx.MultiDiGraph, node: str) -> list[dict[str, Any]]:
    found = []
    for _, _, attrs in G.in_edges(node, data=True):
        found.extend(attrs.get("citations", []))
    for _, _, attrs in G.out_edges(node, data=True):
        found.extend(attrs.get("citations", []))
    return found


# -- duplicates -------------------------------------------------------------

def _words(label: str) -> list[str]:
    return [w for w in name_key(label).split() if w]


def _initials(words: list[str]) -> set[str]:
    full = "".join(w[0] for w in words)
    short = "".join(w[0] for w in words if w not in _SMALL)
    return {full, short}


def _candidate_pairs(G: nx.MultiDiGraph) -> dict[tuple[str, str], set[str]]:
    """Pairs of same-type entities that are probably one, with the reasons; each test is an index
    lookup (never all pairs), so a large graph stays fast."""
    reasons: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_type: dict[str, list[str]] = defaultdict(list)
    for node, kind in sorted(G.nodes(data="type")):
        by_type[str(kind)].append(node)

    def add(a: str, b: str, why: str) -> None:
        if a != b:
            reasons[tuple(sorted((a, b)))].add(why)

    for kind, nodes in by_type.items():
        words = {n: _words(_label(G, n)) for n in nodes}
        keys = {n: " ".join(w) for n, w in words.items()}
        by_key = defaultdict(list)
        for n in nodes:
            by_key[keys[n]].append(n)
        # a name inside another: every run of whole words of each longer name
        runs: dict[str, list[str]] = defaultdict(list)
        for n, w in words.items():
            if 1 < len(w) <= 8:
                for i, j in combinations(range(len(w) + 1), 2):
                    if j - i < len(w):
                        runs[" ".join(w[i:j])].append(n)
        for n in nodes:
            if keys[n] and not set(words[n]) <= _SMALL:
                for m in runs.get(keys[n], ()):
                    if not set(words[m]) - set(words[n]) <= _SUFFIXES:  # "X Jr." is not X
                        add(n, m, "one name inside the other")
        # near-identical spelling: names one deletion apart share a deletion variant
        variants: dict[str, list[str]] = defaultdict(list)
        for n in nodes:
            key = keys[n]
            if 5 <= len(key) <= 60:
                for i in range(len(key)):
                    variants[key[:i] + key[i + 1:]].append(n)
                variants[key].append(n)
        for group in variants.values():
            if 1 < len(group) <= 20:
                for a, b in combinations(sorted(set(group)), 2):
                    if keys[a] != keys[b] and difflib.SequenceMatcher(None, keys[a], keys[b]).ratio() >= 0.85:
                        add(a, b, "near-identical spelling")
        if _has_surnames(kind):
            by_surname: dict[str, list[str]] = defaultdict(list)
            for n, w in words.items():
                plain = [x for x in w if x not in _SUFFIXES]
                if plain and len(plain) == len(w):
                    by_surname[plain[-1]].append(n)
            for group in by_surname.values():
                if len(group) <= 20:
                    for a, b in combinations(group, 2):
                        wa, wb = words[a], words[b]
                        if len(wa) == 1 or len(wb) == 1 or wa[0][0] == wb[0][0]:
                            add(a, b, "same surname" if min(len(wa), len(wb)) == 1 or wa[0] == wb[0]
                                else "initials")
        else:
            acronyms = {keys[n]: n for n in nodes if " " not in keys[n] and 2 <= len(keys[n]) <= 6
                        and str(_label(G, n)).isupper()}
            for n, w in words.items():
                if len(w) >= 2:
                    for ini in _initials(w):
                        if ini in acronyms:
                            add(acronyms[ini], n, "initials")
    return reasons


def _duplicates(G: nx.MultiDiGraph) -> Iterator[ReviewItem]:
    for (a, b), why in sorted(_candidate_pairs(G).items()):
        ma, mb = int(G.nodes[a].get("mentions", 0)), int(G.nodes[b].get("mentions", 0))
        big, small = (a, b) if (ma, b) >= (mb, a) else (b, a)
        moved = _citations_of(G, small)
        la, lb = _label(G, big), _label(G, small)
        na, nb = entity_rule_name(G.nodes[big]), entity_rule_name(G.nodes[small])
        yield ReviewItem(
            kind="duplicate", impact=min(ma, mb) + len(moved),
            title=f"{la!r} and {lb!r} ({G.nodes[big].get('type')}) may be one entity: {', '.join(sorted(why))}",
            entities=(big, small), evidence=_evidence(G, moved),
            actions=({"label": f"merge into {la}", "rule": {"merge": [na, nb]}},
                     {"label": f"merge into {lb}", "rule": {"merge": [nb, na]}},
                     {"label": f"keep {lb} apart", "rule": {"split": nb}}))


def _type_votes(G: nx.MultiDiGraph) -> Iterator[ReviewItem]:
    for node, attrs in sorted(G.nodes(data=True)):
        votes = attrs.get("type_votes") or {}
        if len(votes) < 2:
            continue
        label = _label(G, node)
        shown = ", ".join(f"{t} {n}" for t, n in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])))
        yield ReviewItem(
            kind="type", impact=int(attrs.get("mentions", 0)),
            title=f"{label!r} is {attrs.get('type')}, but its mentions disagree ({shown})",
            entities=(node,), evidence=_evidence(G, _citations_of(G, node)),
            actions=tuple({"label": f"{t}", "rule": {"retype": {entity_rule_name(attrs): t}}}
                          for t in sorted(votes, key=lambda t: (-votes[t], t)) if t != attrs.get("type")))


def _relation_types() -> list[Any]:
    from extract.relations import relation_types

    return list(relation_types(load_vocabulary()))


def _relations(G: nx.MultiDiGraph) -> Iterator[ReviewItem]:
    typed_pairs = {frozenset((u, v)) for u, v, k in G.edges(keys=True) if k != CO_MENTIONED}
    types = _relation_types()
    for u, v, key, attrs in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        a, b = _label(G, u), _label(G, v)
        triple = [a, key, b]
        cites = attrs.get("citations", [])
        evidence = _evidence(G, cites)
        done = bool(attrs.get("curated"))
        if key == CO_MENTIONED and frozenset((u, v)) not in typed_pairs and not done:
            ku, kv = G.nodes[u].get("type"), G.nodes[v].get("type")
            fits = []
            for rt in types:
                if rt.allows(ku, kv):
                    fits.append({"label": rt.label, "rule": {"retype": triple, "to": rt.name}})
                elif rt.directed and rt.allows(kv, ku):
                    fits.append({"label": f"{rt.label} (from {b})", "rule": {"retype": [b, key, a], "to": rt.name}})
            yield ReviewItem(
                kind="untyped", impact=len(cites),
                title=f"{a!r} and {b!r} are only co-mentioned ({len(cites)} citation{'s' if len(cites) != 1 else ''})",
                entities=(u, v), evidence=evidence,
                actions=(*fits, {"label": "not related", "rule": {"reject": triple}}))
        elif key != CO_MENTIONED and attrs.get("status") == "negated" and not done:
            yield ReviewItem(
                kind="denial", impact=len(cites),
                title=f"{a!r} {attrs.get('label', key)} {b!r} is denied by its evidence",
                entities=(u, v), evidence=evidence,
                actions=({"label": "the denial holds", "rule": {"confirm": triple}},
                         {"label": "it is asserted", "rule": {"status": triple, "to": "asserted"}},
                         {"label": "not this relation", "rule": {"reject": triple}}))
        elif key != CO_MENTIONED and len(cites) == 1 and not done:
            yield ReviewItem(
                kind="single", impact=1,
                title=f"{a!r} {attrs.get('label', key)} {b!r} rests on one citation",
                entities=(u, v), evidence=evidence,
                actions=({"label": "confirm", "rule": {"confirm": triple}},
                         {"label": "reject", "rule": {"reject": triple}}))


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
    from extract.curation import curation_from_dict
    from extract.errors import InputError

    if action not in CURATE_ACTIONS:
        raise InputError(f"unknown action {action!r}; use one of {', '.join(CURATE_ACTIONS)}")
    relation = action in ("confirm", "reject", "status") or (action == "retype" and len(args) == 4)
    wanted = 4 if action == "retype" and relation else CURATE_ACTIONS[action]
    if (wanted is None and len(args) < 2) or (wanted is not None and len(args) != wanted):
        raise InputError(f"{action} takes {'two or more names' if wanted is None else f'{wanted} values'}, "
                         f"got {len(args)}: tangle curate FILE {_USAGE[action]}")
    if (doc or sentence) and not relation:
        raise InputError("`doc` and `sentence` only go with a relation decision (confirm, reject, retype, status)",
                         parameters=("doc", "sentence"))
    if relation:
        rule: dict[str, Any] = {action: args[:3]}
        if len(args) == 4:
            rule["to"] = args[3]
        if doc is not None:
            rule["doc"] = doc
        if sentence is not None:
            rule["sentence"] = sentence
        curation_from_dict({"relations": [rule]}, where="the decision")
    else:
        rule = {"merge": list(args)} if action == "merge" else (
            {action: {args[0]: args[1]}} if action in ("rename", "retype") else {action: args[0]})
        section = {"merge": [list(args)], "split": [args[0]], "ignore": [args[0]]}.get(action, rule[action])
        curation_from_dict({action: section}, where="the rule")
    if graph is not None:
        _check_names(graph, action, args, relation=relation, doc=doc, sentence=sentence)
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

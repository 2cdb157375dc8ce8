"""An analyst's relation decisions, applied to a resolved corpus on every rebuild.

Each :class:`~extract.curation.RelationDecision` names its relation by the
entities' names and the type, and optionally one document and sentence, so it
stays valid when the corpus is parsed again.  Decisions apply in file order,
each to the graph the ones before it left: a relation retyped by one decision
is found under its new type by the next.  A decision whose entity, relation
or sentence no longer exists is *stale*: it changes nothing and is returned
with the reason, for the build summary.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from extract.curation import RelationDecision
from extract.normalize import name_key
from extract.records import STATUSES, Citation, Decision, Edge, Entity
from extract.relations import relation_types
from extract.vocabulary import Vocabulary, load_vocabulary

__all__ = ["apply_decisions"]


def apply_decisions(entities: Sequence[Entity], edges: Sequence[Edge], decisions: Sequence[RelationDecision], *,
                    vocab: Vocabulary, doc_order: dict[str, int]) -> tuple[list[Edge], list[str]]:
    """``edges`` after ``decisions``, and one line per stale decision.

    ``entities`` name the edges' endpoints; ``doc_order`` gives each document id
    its reading position, which orders the citations of an edge.
    """
    if not decisions:
        return list(edges), []
    by_key = {(e.source, e.target, e.type): e for e in edges}
    names = _name_index(entities)
    types = {rt.name: rt for rt in relation_types(vocab)}
    stale: list[str] = []
    for decision in decisions:
        reason = _apply(decision, by_key, names, types, doc_order)
        if reason:
            stale.append(f"{decision.describe()}: {reason}")
    return [by_key[k] for k in sorted(by_key)], stale


def _name_index(entities: Sequence[Entity]) -> dict[str, list[str]]:
    """Name key → ids: an entity's label first, then the entities that have that name as an alias."""
    labels: dict[str, list[str]] = defaultdict(list)
    aliases: dict[str, list[str]] = defaultdict(list)
    for entity in entities:
        labels[name_key(entity.label)].append(entity.id)
        for alias in entity.aliases:
            aliases[name_key(alias)].append(entity.id)
    return {key: labels.get(key) or aliases.get(key, []) for key in {*labels, *aliases}}


def _entity(name: str, names: dict[str, list[str]]) -> tuple[str | None, str]:
    found = names.get(name_key(name), [])
    if len(found) == 1:
        return found[0], ""
    if not found:
        return None, f"no entity named {name!r}"
    return None, f"{name!r} names {len(found)} entities ({', '.join(sorted(found))}); use one's label"


def _key(source: str, target: str, kind: str, types: dict[str, Any]) -> tuple[str, str, str]:
    rt = types.get(kind)
    if rt is None or not rt.directed:
        source, target = sorted((source, target))
    return source, target, kind


def _apply(decision: RelationDecision, by_key, names, types, doc_order) -> str:
    source, why = _entity(decision.source, names)
    if source is None:
        return why
    target, why = _entity(decision.target, names)
    if target is None:
        return why
    key = _key(source, target, decision.type, types)
    edge = by_key.get(key)
    if edge is None:
        return f"no {decision.type} relation between {decision.source!r} and {decision.target!r}"
    chosen = [c for c in edge.citations
              if (decision.doc is None or c.doc == decision.doc)
              and (decision.sentence is None or c.sentence == decision.sentence)]
    if not chosen:
        where = f"document {decision.doc!r}" if decision.sentence is None else f"that sentence of {decision.doc!r}"
        return f"the relation is no longer cited in {where}"
    rest = [c for c in edge.citations if c not in chosen]
    record = decision.record()
    if decision.action == "confirm":
        by_key[key] = _mark(edge, record)
    elif decision.action == "reject":
        _put(by_key, key, edge, rest, record, doc_order)
    elif decision.action == "status":
        _put(by_key, key, edge, [*rest, *(replace(c, status=decision.to) for c in chosen)], record, doc_order)
    else:  # retype
        _put(by_key, key, edge, rest, record, doc_order)
        new_key = _key(source, target, decision.to, types)
        existing = by_key.get(new_key)
        cites = [*(existing.citations if existing else ()), *chosen]
        base = existing or _new_edge(new_key, types)
        _put(by_key, new_key, base, cites, record, doc_order)
    return ""


def _mark(edge: Edge, record: Decision) -> Edge:
    return replace(edge, curated=True, curation=(*edge.curation, record))


def _put(by_key, key, edge: Edge, citations: list[Citation], record: Decision, doc_order) -> None:
    """Store ``edge`` with ``citations`` (one per sentence and status, in document order), or drop it when none."""
    unique: dict[tuple[int, int, int], Citation] = {}
    for c in citations:
        unique.setdefault((doc_order.get(c.doc, len(doc_order)), c.start, STATUSES.index(c.status)), c)
    if not unique:
        by_key.pop(key, None)
        return
    cites = tuple(unique[k] for k in sorted(unique))
    by_key[key] = _mark(replace(edge, citations=cites, weight=None, status=None), record)  # both follow the citations


def _new_edge(key: tuple[str, str, str], types: dict[str, Any]) -> Edge:
    source, target, kind = key
    rt = types.get(kind)
    label = rt.label if rt else kind.replace("_", " ")
    return Edge(source=source, target=target, type=kind, label=label,
                directed=bool(rt and rt.directed and kind != load_vocabulary().co_mentioned.name))

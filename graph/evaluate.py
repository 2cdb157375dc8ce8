"""Scoring a graph against a hand-written gold standard.

The gold file (``data/gold.json`` is the example) is JSON::

    {"entities": [{"label": "Donald Trump", "type": "PERSON", "aliases": ["Trump"]},
                  {"label": "Senate", "type": "ORG", "optional": true}, ...],
     "relations": [{"type": "met_with", "source": "Donald Trump", "target": "Vladimir Putin",
                    "status": "asserted"}, ...]}

A node stands for a gold entity when its label is one of the entity's names
(label or alias, compared case- and punctuation-insensitively), or failing
that when one of its aliases is the entity's label.  ``optional`` entities
may be found or not: they are neither hits nor junk.  Relations of type
``co_mentioned`` in the gold only check that denied claims are marked
``negated``; typed relations are scored by type, with direction for
directed types.

``documents`` lists the ids of the documents the gold was written from.
Only the documents both the gold and the graph hold are scored: the graph
is cut down to them (entities mentioned there, citations from there), gold
entities and relations with a ``docs`` list naming none of them are left
out, and the result's ``warnings`` say which documents were missing on
either side.  A gold none of whose documents is in the graph is an
:class:`InputError`.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from extract.normalize import name_key
from extract.vocabulary import load_vocabulary
from graph import schema
from graph.errors import InputError
from graph.query import filter_graph
from graph.schema import Entity

__all__ = ["Score", "document_coverage", "evaluate", "load_gold", "report_text"]

CO_MENTIONED = load_vocabulary().co_mentioned.name


@dataclass
class Score:
    """Counts of hits, false alarms and misses, with the usual ratios."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class _Gold:
    label: str
    type: str
    names: frozenset[str]
    optional: bool = False


@dataclass
class _Scores:
    by_type: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))

    def overall(self) -> Score:
        total = Score()
        for s in self.by_type.values():
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
        return total

    def as_dict(self) -> dict[str, Any]:
        return {"overall": self.overall().as_dict(),
                "by_type": {t: s.as_dict() for t, s in sorted(self.by_type.items())}}


def load_gold(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and check a gold file; mistakes are :class:`InputError` naming the file."""
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{source}: not a readable gold file ({exc}); see data/gold.json for the format") from exc
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise InputError(f"{source}: a gold file needs an 'entities' list; see data/gold.json for the format")
    documents = data.get("documents", [])
    if not isinstance(documents, list) or not all(isinstance(d, str) for d in documents):
        raise InputError(f"{source}: 'documents' must be a list of document ids; see data/gold.json for the format")
    labels = {name_key(e["label"]) for e in data["entities"]}
    for rel in data.get("relations", []):
        for end in ("source", "target"):
            if name_key(rel[end]) not in labels:
                raise InputError(f"{source}: relation {rel['type']} names {rel[end]!r}, which is not a gold entity")
    return data


def _gold_entities(gold: dict[str, Any]) -> list[_Gold]:
    return [
        _Gold(e["label"], e["type"], frozenset(name_key(n) for n in [e["label"], *e.get("aliases", [])]),
              bool(e.get("optional", False)))
        for e in gold["entities"]
    ]


def _match_nodes(G: nx.MultiDiGraph, entities: list[_Gold]) -> dict[str, list[_Gold]]:
    """For each node, the gold entities it stands for."""
    out = {}
    for record in schema.entities(G):
        label = name_key(record.label)
        names = {label, *(name_key(a) for a in record.aliases)}
        by_label = [g for g in entities if label in g.names]
        out[record.id] = by_label or [g for g in entities if name_key(g.label) in names]
    return out


def _named_by(record: Entity, entities: list[_Gold]) -> list[_Gold]:
    """The required gold entities whose label is one of the node's names: two or more is a wrong merge."""
    names = {name_key(record.label), *(name_key(a) for a in record.aliases)}
    return [g for g in entities if not g.optional and name_key(g.label) in names]


def evaluate(gold: dict[str, Any], G: nx.MultiDiGraph) -> dict[str, Any]:
    """Score ``G`` against ``gold``: entities, splits, wrong merges, junk, relations, claim status.

    >>> evaluate(load_gold("data/gold.json"), load_graph("out/graph.json"))["entities"]["overall"]  # doctest: +SKIP
    """
    coverage = document_coverage(gold, G)
    gold, G = _scored_part(gold, G, coverage)
    entities = _gold_entities(gold)
    matches = _match_nodes(G, entities)
    tally = _tally_nodes(G, entities, matches)
    types = _tally_gold(G, entities, tally)
    rel = _relations(gold, G, {node: found[0].label for node, found in matches.items() if found})
    by_hand_relations = rel.pop("_by_hand")
    result = {"entities": tally.scores.as_dict(), "types": types, "splits": _splits(G, tally.nodes_of),
              "wrong_merges": tally.merges, "junk": sorted(tally.junk), **rel, "documents": coverage,
              "warnings": _coverage_warnings(coverage)}
    if any(e.curated for e in schema.entities(G)) or any(e.curated for e in schema.edges(G)):
        result["provenance"] = {part: {maker: _precision(scores.by_type[maker]) for maker in ("model", "curated")}
                                for part, scores in (("entities", tally.by_hand), ("relations", by_hand_relations))}
    return result


def _scored_part(
    gold: dict[str, Any], G: nx.MultiDiGraph, coverage: dict[str, list[str]]
) -> tuple[dict[str, Any], nx.MultiDiGraph]:
    """The gold and the graph cut down to the documents both hold (unchanged when the gold names none)."""
    if not coverage["gold"]:
        return gold, G
    if not coverage["scored"]:
        raise InputError(f"none of the gold's {len(coverage['gold'])} documents ({_some(coverage['missing'])}) is in "
                         "the graph; score a graph built from the gold's documents")
    scored = set(coverage["scored"])
    if coverage["graph_only"]:
        G = filter_graph(G, docs=scored)
    gold = {**gold, **{part: [item for item in gold.get(part, []) if _in_scored(item, scored)]
                       for part in ("entities", "relations")}}
    return gold, G


@dataclass
class _Tally:
    """Entity scores by type, hits and false alarms by who made the entity ("model" or "curated"), the
    nodes standing for each gold entity, the junk nodes' labels and the wrong merges."""

    scores: _Scores = field(default_factory=_Scores)
    by_hand: _Scores = field(default_factory=_Scores)
    nodes_of: dict[_Gold, list[str]] = field(default_factory=lambda: defaultdict(list))
    junk: list[str] = field(default_factory=list)
    merges: list[dict[str, Any]] = field(default_factory=list)


def _tally_nodes(G: nx.MultiDiGraph, entities: list[_Gold], matches: dict[str, list[_Gold]]) -> _Tally:
    """Score each node: junk when it stands for no gold entity, a false alarm when it has the wrong type."""
    tally = _Tally()
    for node, found in sorted(matches.items()):
        record = schema.entity(G, node)
        maker = "curated" if record.curated else "model"
        if not found:
            tally.junk.append(record.label)
            tally.scores.by_type[record.type].fp += 1
            tally.by_hand.by_type[maker].fp += 1
            continue
        named = _named_by(record, entities)
        if len(named) > 1:
            tally.merges.append({"node": record.label, "entities": sorted(g.label for g in named)})
        for g in found:
            tally.nodes_of[g].append(node)
        required = [g for g in found if not g.optional]
        if required and not any(g.type == record.type for g in required):
            tally.scores.by_type[record.type].fp += 1
            tally.by_hand.by_type[maker].fp += 1
        elif required:
            tally.by_hand.by_type[maker].tp += 1
    return tally


def _tally_gold(G: nx.MultiDiGraph, entities: list[_Gold], tally: _Tally) -> dict[str, Any]:
    """Score each required gold entity (a hit when a node of its type stands for it) and return how many
    were found under some type and under the right one."""
    found = right = 0
    for g in entities:
        if g.optional:
            continue
        found += bool(tally.nodes_of[g])
        if any(schema.entity(G, n).type == g.type for n in tally.nodes_of[g]):
            tally.scores.by_type[g.type].tp += 1
            right += 1
        else:
            tally.scores.by_type[g.type].fn += 1
    return {"found": found, "right": right, "accuracy": round(right / found, 4) if found else 1.0}


def _splits(G: nx.MultiDiGraph, nodes_of: dict[_Gold, list[str]]) -> list[dict[str, Any]]:
    """The gold entities that two or more nodes stand for, with those nodes' labels."""
    return [{"entity": g.label, "nodes": sorted(schema.entity(G, n).label for n in nodes)}
            for g, nodes in sorted(nodes_of.items(), key=lambda kv: kv[0].label) if len(nodes) > 1]


def _precision(score: Score) -> dict[str, float | int]:
    """Hits, false alarms and precision (misses belong to no one: nothing made them)."""
    return {"tp": score.tp, "fp": score.fp, "precision": round(score.precision, 4)}


def document_coverage(gold: dict[str, Any], G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """The gold's documents split into those the graph holds (``scored``) and those it lacks
    (``missing``), and the graph's documents the gold does not cover (``graph_only``)."""
    wanted = list(dict.fromkeys(gold.get("documents", [])))
    present = [d.id for d in schema.documents(G)]
    held = set(present)
    return {"gold": wanted, "scored": [d for d in wanted if d in held],
            "missing": [d for d in wanted if d not in held],
            "graph_only": [d for d in present if d not in set(wanted)] if wanted else []}


def _in_scored(item: dict[str, Any], scored: set[str]) -> bool:
    docs = item.get("docs")
    return docs is None or bool(scored & set(docs))


def _some(ids: list[str], shown: int = 3) -> str:
    return ", ".join(ids[:shown]) + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


def _coverage_warnings(coverage: dict[str, list[str]]) -> list[str]:
    warnings = []
    if coverage["missing"]:
        warnings.append(f"{len(coverage['missing'])} of the gold's {len(coverage['gold'])} documents are not in the "
                        f"graph ({_some(coverage['missing'])}); scoring the {len(coverage['scored'])} that are "
                        "(gold entities and relations without a 'docs' list are still counted)")
    if coverage["graph_only"]:
        warnings.append(f"the graph has {len(coverage['graph_only'])} documents the gold does not cover "
                        f"({_some(coverage['graph_only'])}); left out of the scores")
    return warnings


def _relations(gold: dict[str, Any], G: nx.MultiDiGraph, gold_of: dict[str, str]) -> dict[str, Any]:
    def key(kind: str, a: str, b: str, directed: bool) -> tuple:
        return (kind, name_key(a), name_key(b)) if directed else (kind, *sorted((name_key(a), name_key(b))))

    edges = list(schema.edges(G))
    directed_types = {e.type: e.directed for e in edges}
    typed_gold = [r for r in gold.get("relations", []) if r["type"] != CO_MENTIONED]
    gold_keys = {key(r["type"], r["source"], r["target"], directed_types.get(r["type"], False)): r
                 for r in typed_gold}
    predicted: dict[tuple, str] = {}
    scores = _Scores()
    by_hand = _Scores()
    for e in edges:
        if e.type == CO_MENTIONED:
            continue
        a, b = gold_of.get(e.source, f"?{e.source}"), gold_of.get(e.target, f"?{e.target}")
        k = key(e.type, a, b, e.directed)
        predicted[k] = e.status
        maker = by_hand.by_type["curated" if e.curated else "model"]
        if k in gold_keys:
            scores.by_type[e.type].tp += 1
            maker.tp += 1
        else:
            scores.by_type[e.type].fp += 1
            maker.fp += 1
    wrong_status, missed, checked = [], [], 0
    for k, r in gold_keys.items():
        if k not in predicted:
            scores.by_type[r["type"]].fn += 1
            missed.append(r)
            continue
        checked += 1
        if predicted[k] != r["status"]:
            wrong_status.append({**r, "found": predicted[k]})

    negated_gold = [r for r in gold.get("relations", []) if r["status"] == "negated"]
    node_of: dict[str, list[str]] = defaultdict(list)
    for node, label in gold_of.items():
        node_of[name_key(label)].append(node)
    unmarked = [r for r in negated_gold if not _has_negated_citation(G, node_of[name_key(r["source"])],
                                                                     node_of[name_key(r["target"])])]
    accuracy = (checked - len(wrong_status)) / checked if checked else 1.0
    return {
        "relations": scores.as_dict(),
        "missed_relations": missed,
        "claim_status": {"checked": checked, "accuracy": round(accuracy, 4), "wrong": wrong_status},
        "negated_claims": {"total": len(negated_gold), "marked": len(negated_gold) - len(unmarked),
                           "unmarked": unmarked},
        "_by_hand": by_hand,
    }


def _has_negated_citation(G: nx.MultiDiGraph, sources: list[str], targets: list[str]) -> bool:
    for a in sources:
        for b in targets:
            for u, v in ((a, b), (b, a)):
                for key in (G.get_edge_data(u, v) or {}):
                    if any(c.status == "negated" for c in schema.edge(G, u, v, key).citations):
                        return True
    return False


def report_text(result: dict[str, Any]) -> str:
    """A readable summary of :func:`evaluate`'s result."""
    lines = ["entities         precision  recall     f1   tp  fp  fn"]

    def row(name: str, s: dict[str, Any]) -> str:
        ratios = f"{s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f}"
        return f"  {name:<15}{ratios} {s['tp']:>4} {s['fp']:>3} {s['fn']:>3}"

    for kind, s in result["entities"]["by_type"].items():
        lines.append(row(kind, s))
    lines.append(row("all", result["entities"]["overall"]))
    types = result["types"]
    lines.append(f"types right: {types['right']}/{types['found']} entities found under some type")
    lines.append(f"splits: {len(result['splits'])}  wrong merges: {len(result['wrong_merges'])}  "
                 f"junk nodes: {len(result['junk'])}")
    for item in result["splits"]:
        lines.append(f"  split: {item['entity']} -> {', '.join(item['nodes'])}")
    for item in result["wrong_merges"]:
        lines.append(f"  wrong merge: {item['node']} = {', '.join(item['entities'])}")
    for label in result["junk"]:
        lines.append(f"  junk: {label}")
    lines.append("relations        precision  recall     f1   tp  fp  fn")
    for kind, s in result["relations"]["by_type"].items():
        lines.append(row(kind, s))
    lines.append(row("all", result["relations"]["overall"]))
    for r in result["missed_relations"]:
        lines.append(f"  missed: {r['source']} {r['type']} {r['target']}")
    cs = result["claim_status"]
    lines.append(f"claim status accuracy: {cs['accuracy']:.3f} over {cs['checked']} found relations")
    for r in cs["wrong"]:
        lines.append(f"  status: {r['source']} {r['type']} {r['target']}: {r['found']}, gold {r['status']}")
    neg = result["negated_claims"]
    lines.append(f"negated claims marked: {neg['marked']}/{neg['total']}")
    for r in neg["unmarked"]:
        lines.append(f"  unmarked: {r['source']} - {r['target']}")
    if "provenance" in result:
        lines.append("by provenance    precision   tp  fp")
        for part, makers in result["provenance"].items():
            for maker, s in makers.items():
                lines.append(f"  {part + ', ' + maker:<19}{s['precision']:>6.3f} {s['tp']:>4} {s['fp']:>3}")
    return "\n".join(lines)

"""Plain-text and JSON-ready reports of paths and entities, for the CLI and notebooks.

Document text is hostile input: every name and sentence is shown on one line
with control characters (terminal escapes included) removed.

>>> from graph.query import shortest_paths
>>> print(path_text(G, shortest_paths(G, "Jared Kushner", "Vladimir Putin")))  # doctest: +SKIP
Path 1 of 1: Jared Kushner → Sergey Kislyak → Vladimir Putin (2 hops)
  1. Jared Kushner —met with— Sergey Kislyak  [met_with, asserted, 1 citation]
       "Kushner met Kislyak in December." — Trump and Putin (doc-b)
  ...
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import networkx as nx

from extract.vocabulary import load_vocabulary
from graph.query import EntityPath, find_entity, links_of
from graph.schema import Citation, Edge, documents, entity

__all__ = ["entity_relations", "entity_text", "no_path_text", "path_dicts", "path_text", "terminal_safe",
           "timeline_text"]

#: Characters a terminal may act on: C0 controls but tab and line feed, DEL, C1 controls (CSI is
#: ``\x9b``), and the bidirectional overrides and isolates that reorder what is shown.
_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    r"""``text`` with every character a terminal may act on written as a ``\uXXXX`` escape.

    The escape is also valid inside a JSON string, so JSON output stays valid and decodes to the
    original value.

    >>> terminal_safe("Evil\x1b]0;title\x07 Corp")
    'Evil\\u001b]0;title\\u0007 Corp'
    """
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _display(text: str) -> str:
    """``text`` on one line, without control or format characters."""
    kept = "".join(" " if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} else ch for ch in str(text))
    return " ".join(kept.split())


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return _display(entity(G, node).label) if node in G else _display(node)


def _titles(G: nx.MultiDiGraph) -> dict[str, str]:
    return {d.id: d.title for d in documents(G)}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _link_line(G: nx.MultiDiGraph, link: Edge) -> str:
    arrow = f"—{_display(link.label)}→" if link.directed else f"—{_display(link.label)}—"
    facts = f"[{link.type}, {link.status}, {_plural(len(link.citations), 'citation')}]"
    return f"{_label(G, link.source)} {arrow} {_label(G, link.target)}  {facts}"


def _citation_line(citation: Citation, titles: dict[str, str]) -> str:
    where = f"{_display(titles.get(citation.doc, citation.doc))} ({citation.doc}"
    where += f", p. {citation.page})" if citation.page is not None else ")"
    markers = f" [{', '.join(str(m) for m in citation.markers)}]" if citation.markers else ""
    status = f" ({citation.status})" if citation.status != "asserted" else ""
    when = ""
    if citation.date is not None:
        from graph.timeline import date_label

        when = f"[{date_label(citation.date.start, citation.date.end, citation.date.precision)}] "
    return f"{when}\"{_display(citation.sentence)}\"{status} — {where}{markers}"


def _link_lines(G: nx.MultiDiGraph, link: Edge, indent: str, max_citations: int) -> list[str]:
    titles = _titles(G)
    lines = [indent + _link_line(G, link)]
    pad = " " * (len(indent) + 5)
    lines += [pad + _citation_line(c, titles) for c in link.citations[:max_citations]]
    if len(link.citations) > max_citations:
        lines.append(f"{pad}… and {len(link.citations) - max_citations} more")
    return lines


def path_text(G: nx.MultiDiGraph, paths: Sequence[EntityPath], *, max_citations: int = 3) -> str:
    """Each path, each hop with its relation type, claim status, documents and evidence sentences.

    >>> print(path_text(G, shortest_paths(G, "Kushner", "Putin"), max_citations=1))  # doctest: +SKIP
    """
    lines: list[str] = []
    for number, path in enumerate(paths, 1):
        chain = " → ".join(_label(G, n) for n in path.nodes)
        same = ": both names are this entity" if not path.hops else ""
        lines.append(f"Path {number} of {len(paths)}: {chain} ({_plural(len(path.hops), 'hop')}){same}")
        for step, hop in enumerate(path.hops, 1):
            head = f"  {step}. "
            for i, link in enumerate(hop.links):
                lines += _link_lines(G, link, head if i == 0 else " " * len(head), max_citations)
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def no_path_text(
    G: nx.MultiDiGraph, source: str, target: str, *, max_hops: int | None = None, include_negated: bool = False
) -> str:
    """The line to show when :func:`~graph.query.shortest_paths` found nothing."""
    a, b = _label(G, find_entity(G, source)), _label(G, find_entity(G, target))
    within = f" within {_plural(max_hops, 'hop')}" if max_hops is not None else ""
    negated = "" if include_negated else " (negated relations not counted)"
    return f"No path between {a} and {b}{within}{negated}."


def _citation_dict(citation: Citation, titles: dict[str, str]) -> dict[str, Any]:
    return {**citation.to_attrs(), "title": titles.get(citation.doc, citation.doc)}


def _link_dict(G: nx.MultiDiGraph, link: Edge) -> dict[str, Any]:
    titles = _titles(G)
    return {"source": link.source, "target": link.target, **link.to_attrs(),
            "citations": [_citation_dict(c, titles) for c in link.citations]}


def _node_dict(G: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    record = entity(G, node)
    return {"id": node, "label": record.label, "type": record.type}


def path_dicts(G: nx.MultiDiGraph, paths: Sequence[EntityPath]) -> list[dict[str, Any]]:
    """The paths as plain JSON-ready data (for ``tangle path --json``).

    >>> json.dumps(path_dicts(G, shortest_paths(G, "Kushner", "Putin")), ensure_ascii=False)  # doctest: +SKIP
    """
    return [
        {
            "nodes": [_node_dict(G, n) for n in path.nodes],
            "hops": [
                {"source": hop.source, "target": hop.target, "links": [_link_dict(G, link) for link in hop.links]}
                for hop in path.hops
            ],
        }
        for path in paths
    ]


def _all_links(G: nx.MultiDiGraph, node: str, include_negated: bool) -> list[Edge]:
    others = sorted(set(G.successors(node)) | set(G.predecessors(node)), key=lambda n: (_label(G, n).casefold(), n))
    return [link for other in others for link in links_of(G, node, other, include_negated=include_negated)]


def entity_relations(G: nx.MultiDiGraph, name: str, *, include_negated: bool = True) -> dict[str, Any]:
    """An entity and all its relations with their evidence, as JSON-ready data.

    >>> entity_relations(G, "Manafort")["relations"][0]["type"]  # doctest: +SKIP
    'works_for'
    """
    node = find_entity(G, name)
    record = entity(G, node)
    return {
        **_node_dict(G, node),
        "aliases": list(record.aliases),
        "mentions": record.mentions,
        "docs": list(record.docs),
        "relations": [_link_dict(G, link) for link in _all_links(G, node, include_negated)],
    }


def entity_text(G: nx.MultiDiGraph, name: str, *, include_negated: bool = True, max_citations: int = 3) -> str:
    """An entity, its aliases and documents, then every relation with its evidence (for ``tangle show``).

    >>> print(entity_text(G, "Paul Manafort"))  # doctest: +SKIP
    Paul Manafort (PERSON), 7 mentions in 2 documents
    Also called: Manafort; Paul J. Manafort
    ...
    """
    node = find_entity(G, name)
    record = entity(G, node)
    lines = [f"{_label(G, node)} ({record.type}), {_plural(record.mentions, 'mention')} "
             f"in {_plural(len(record.docs), 'document')}"]
    if record.aliases:
        lines.append("Also called: " + "; ".join(_display(a) for a in record.aliases))
    links = _all_links(G, node, include_negated)
    lines.append(f"{_plural(len(links), 'relation')}:" if links else "No relations.")
    for link in links:
        lines += _link_lines(G, link, "  ", max_citations)
    return "\n".join(lines)


def _claim_phrase(claim) -> str:
    """One claim of a chronology entry: "met with X", "works for X", "X works for it", "with X"."""
    other = _display(claim.other)
    if claim.type == load_vocabulary().co_mentioned.name:
        phrase = f"with {other}"
    elif claim.direction == "in":
        phrase = f"{other} {_display(claim.label)} it"
    else:
        phrase = f"{_display(claim.label)} {other}"
    return phrase if claim.status == "asserted" else f"{phrase} ({claim.status})"


def timeline_text(G: nx.MultiDiGraph, entity: str, entries: Sequence[Any]) -> str:
    """A chronology: each dated sentence under its date, with the claims it makes about the entity.

    >>> print(timeline_text(G, "Paul Manafort", timeline(G, "Paul Manafort")))  # doctest: +SKIP
    Paul Manafort: 2 dated claims
    2016-08-02  met with Konstantin Kilimnik
        "Manafort met Kilimnik on Aug. 2, 2016." — Story (doc-1)
    """
    name = _label(G, find_entity(G, entity))
    lines = [f"{name}: {_plural(len(entries), 'dated sentence')}"]
    width = max([len(e.when) for e in entries] + [10])
    for entry in entries:
        claims = "; ".join(_claim_phrase(c) for c in entry.claims)
        lines.append(f"{entry.when:<{width}}  {claims}")
        lines.append(f"{'':<4}\"{_display(entry.sentence)}\" — {_display(entry.title)} ({_display(entry.doc)})")
    return "\n".join(lines)

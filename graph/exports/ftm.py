"""FollowTheMoney entities for Aleph and the ``ftm`` tools: documents, entities, then one relation per edge."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from extract.vocabulary import FtmEdge, load_vocabulary
from graph.errors import InputError
from graph.exports.common import decision_texts, document_titles, edge_docs, iso_date, sorted_edges
from graph.io import atomic_write
from graph.schema import Citation, DocumentInfo, Edge, Entity, documents, entities

__all__ = ["CURATION_NOTE", "FTM3_NODE_SCHEMA", "FTM_NODE_SCHEMA", "FTM_RELATIONS", "FTM_VERSIONS", "ftm_entities",
           "write_ftm"]

#: Entity type -> FtM schema, from the entity vocabulary (``types`` in ``extract/patterns/entities.yml``).
FTM_NODE_SCHEMA: dict[str, str] = {t.name: t.ftm for t in load_vocabulary().entity_types}
#: FollowTheMoney 3 (what Aleph 4 pins) has no ``Territory``: places are ``Address`` entities there.
FTM3_NODE_SCHEMA: dict[str, str] = {t.name: t.ftm3 for t in load_vocabulary().entity_types}
#: FollowTheMoney major versions :func:`ftm_entities` writes for.
FTM_VERSIONS = (3, 4)
#: Relation type -> candidate FtM edge schemata (:class:`~extract.vocabulary.FtmEdge`), tried in order;
#: a candidate fits when both ends' schemata are in its properties' ranges.  ``UnknownLink`` (subject,
#: object: any Thing) is the fallback for everything.  From the relation vocabulary's ``ftm`` entries.
FTM_RELATIONS: dict[str, tuple[FtmEdge, ...]] = {r.name: r.ftm for r in load_vocabulary().relations if r.ftm}
_FTM_FALLBACK = FtmEdge(schema="UnknownLink", source="subject", target="object", role="role")
_FTM_TEXT_LIMIT = 60_000
_DOC_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
#: How a curation decision reads in ``summary``.
CURATION_NOTE = "Curated by an analyst: "


def _ftm_model() -> Any:
    try:
        from followthemoney import model
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InputError(
            "the FollowTheMoney export needs the followthemoney package; install it with "
            "'pip install followthemoney'"
        ) from exc
    return model


def _ftm_id(*parts: str) -> str:
    from followthemoney.util import make_entity_id

    return str(make_entity_id("tangle", *parts))


def _node_schema(record: Entity, version: int = 4) -> str:
    schema = (FTM3_NODE_SCHEMA if version == 3 else FTM_NODE_SCHEMA).get(record.type, "LegalEntity")
    kind = load_vocabulary().entity_type(record.type)
    words = set(re.findall(r"\w+", record.label.casefold()))
    return "Company" if kind is not None and words & kind.ftm_company_words else schema


def _evidence(citations: Iterable[Citation], titles: dict[str, str]) -> str:
    lines = []
    for c in citations:
        markers = f" [{', '.join(str(m) for m in c.markers)}]" if c.markers else ""
        lines.append(f"“{c.sentence}” — {titles.get(c.doc, c.doc)}{markers} ({c.status})")
    return "\n\n".join(lines)[:_FTM_TEXT_LIMIT]


def _edge_schema(model: Any, edge: Edge, source: Any, target: Any) -> FtmEdge:
    text = " ".join(c.sentence for c in edge.citations).casefold()
    words = set(re.findall(r"\w+", text))
    for candidate in FTM_RELATIONS.get(edge.type, ()):
        schema = model.get(candidate.schema)
        if candidate.directed and not edge.directed:
            continue
        if candidate.words and not words & candidate.words:
            continue
        if source.is_a(schema.get(candidate.source).range) and target.is_a(schema.get(candidate.target).range):
            return candidate
    return _FTM_FALLBACK


def _list_in_target(edge: Edge, source: Any, target: Any) -> None:
    """List the source in the target's ``ftm_target_list`` property (an Event's ``involved``), where it has one."""
    kind = load_vocabulary().relation(edge.type)
    prop = target.schema.get(kind.ftm_target_list) if kind is not None and kind.ftm_target_list else None
    if prop is not None and source.schema.is_a(prop.range):
        target.add(prop.name, source.id)


def ftm_entities(G: nx.MultiDiGraph, *, version: int = 4) -> list[dict[str, Any]]:
    """FollowTheMoney entities for ``G``: documents, then entities, then one relation entity per edge.

    Every source document becomes a ``Document``; entities and relations
    point at them with ``proof``.  Each edge becomes the best-fitting edge
    schema (:data:`FTM_RELATIONS`, else ``UnknownLink``) carrying the
    evidence: ``summary`` holds each sentence with its document title,
    markers and claim status, ``description`` the relation, status and
    citation count, ``publisher`` the document titles, ``status`` the claim
    status where the schema has one.  Entities involved in an event are also
    listed in the ``Event``'s ``involved``.  A relation with dated citations
    has ``startDate`` and ``endDate`` (and ``date`` when they are one day);
    a ``Document`` has its ``date``.  What an analyst's decision changed or
    confirmed says so in ``summary``: one ``Curated by an analyst: RULE``
    per decision (the rule as the curation file writes it).  Ids are
    ``make_entity_id("tangle", ...)`` of the node id, edge or document, so
    the same graph gives the same ids.  Needs the ``followthemoney`` package.

    ``version=3`` writes what FollowTheMoney 3 (Aleph 4.1) keeps whole:
    places (GPE, LOC) become ``Address`` instead of ``Territory``, and
    relations carry no ``proof`` (FtM 3 has none on relation schemata; the
    documents are still named in ``publisher`` and quoted in ``summary``).

    >>> [e["schema"] for e in ftm_entities(G)][:3]  # doctest: +SKIP
    ['Document', 'Document', 'Document']
    """
    if version not in FTM_VERSIONS:
        raise InputError(f"unknown FollowTheMoney version {version!r}; use 3 (Aleph 4) or 4")
    model = _ftm_model()
    if version == 4 and model.get("Territory") is None:
        raise InputError("FollowTheMoney 4 entities need followthemoney>=4 installed; "
                         "upgrade it or ask for version 3")
    infos = {d.id: d for d in documents(G)}
    doc_ids = {doc: _ftm_id("doc", doc, infos[doc].sha256) for doc in infos}
    docs = [_ftm_document(model, info, doc_ids[doc]) for doc, info in sorted(infos.items())]
    nodes = {record.id: _ftm_node(model, record, doc_ids, version)
             for record in sorted(entities(G), key=lambda e: e.id)}
    titles = document_titles(G)
    relations = [_ftm_relation(model, edge, nodes, titles, doc_ids, version) for edge in sorted_edges(G)]
    return [p.to_dict() for p in [*docs, *nodes.values(), *relations]]


def _ftm_document(model: Any, info: DocumentInfo, ftm_id: str) -> Any:
    """A source document as an FtM ``Document``."""
    proxy = model.make_entity("Document")
    proxy.id = ftm_id
    proxy.add("title", info.title)
    proxy.add("fileName", os.path.basename(info.path) or info.id)
    if isinstance(info.date, str) and _DOC_DATE.fullmatch(info.date):
        proxy.add("date", info.date)
    return proxy


def _curation_notes(decisions: Iterable[Any]) -> list[str]:
    return [CURATION_NOTE + text for text in decision_texts(decisions)]


def _ftm_node(model: Any, record: Entity, doc_ids: dict[str, str], version: int) -> Any:
    """An entity as the FtM schema its type declares, named, with its aliases and its documents as proof."""
    proxy = model.make_entity(_node_schema(record, version))
    proxy.id = _ftm_id("node", record.id)
    label = record.label
    proxy.add("title" if proxy.schema.is_a("Document") else "name", label)
    if proxy.schema.is_a("Document"):
        proxy.add("fileName", label)
    if proxy.schema.name == "Address":
        proxy.add("full", label)
    proxy.add("alias", [a for a in record.aliases if a != label], quiet=True)
    if proxy.schema.name in {"Territory", "Address"}:
        proxy.add("country", label, quiet=True)
    proxy.add("description", f"{record.type}, {record.mentions} mentions (Tangle)")
    proxy.add("proof", [doc_ids[d] for d in record.docs if d in doc_ids])
    proxy.add("summary", _curation_notes(record.curation), quiet=True)
    return proxy


def _ftm_relation(model: Any, edge: Edge, nodes: dict[Any, Any], titles: dict[str, str], doc_ids: dict[str, str],
                  version: int) -> Any:
    """An edge as the best-fitting FtM edge schema, carrying its evidence (and listed in its target's
    ``ftm_target_list`` property where the relation type declares one)."""
    source, target = nodes[edge.source], nodes[edge.target]
    _list_in_target(edge, source, target)
    rule = _edge_schema(model, edge, source.schema, target.schema)
    proxy = model.make_entity(rule.schema)
    proxy.id = _ftm_id("edge", edge.source, edge.target, str(edge.key))
    proxy.add(rule.source, source.id)
    proxy.add(rule.target, target.id)
    if rule.role:
        proxy.add(rule.role, edge.label)
    if "status" in proxy.schema.properties:
        proxy.add("status", edge.status)
    proxy.add("description", f"{edge.label} ({edge.status}; {len(edge.citations)} citations; "
                             f"Tangle relation {edge.type})")
    proxy.add("summary", _evidence(edge.citations, titles))
    proxy.add("summary", _curation_notes(edge.curation), quiet=True)
    first, last = iso_date(edge.first), iso_date(edge.last)
    if first and last and "startDate" in proxy.schema.properties:
        proxy.add("startDate", first)
        proxy.add("endDate", last)
        if first == last:
            proxy.add("date", first)
    docs = edge_docs(edge)
    proxy.add("publisher", [titles.get(d, d) for d in docs])
    if version == 4:  # FtM 3 would drop it: its relation schemata have no proof
        proxy.add("proof", [doc_ids[d] for d in docs if d in doc_ids])
    return proxy


def write_ftm(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, version: int = 4) -> Path:
    """Write FollowTheMoney entities, one JSON object per line (what ``ftm`` tools and Aleph read).

    ``version=3`` for Aleph 4.x, which runs FollowTheMoney 3 (see :func:`ftm_entities`).

    >>> write_ftm(G, "out/graph.ftm.json")  # then: ftm validate -i out/graph.ftm.json  # doctest: +SKIP
    """
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in ftm_entities(G, version=version)]
    return atomic_write(path, "".join(line + "\n" for line in lines))

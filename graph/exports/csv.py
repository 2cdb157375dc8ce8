"""CSV for spreadsheets and Kumu: ``NAME.nodes.csv`` and ``NAME.edges.csv`` next to each other."""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.exports.common import decision_texts, document_titles, edge_docs, iso_date, sorted_edges
from graph.io import atomic_write
from graph.schema import entities

__all__ = ["CSV_LIST_SEPARATOR", "CSV_PIPE_STANDIN", "csv_tables", "write_csv"]

#: Separator for multi-value CSV cells (Kumu's convention).
CSV_LIST_SEPARATOR = "|"

_FORMULA_START = frozenset("=+-@")


def _cell(value: Any) -> Any:
    """A spreadsheet-safe cell: text that a spreadsheet would run as a formula gets a leading quote.

    A formula may hide behind leading spaces, tabs or line breaks (spreadsheets trim them) and
    behind a full-width or small form of its first character (``＝``, ``﹢``: NFKC folds them).

    >>> _cell("  ＝HYPERLINK(1)")
    "'  ＝HYPERLINK(1)"
    """
    if isinstance(value, str):
        first = value.lstrip()[:1]
        if value[:1] in ("\t", "\r") or (first and unicodedata.normalize("NFKC", first)[:1] in _FORMULA_START):
            return "'" + value
    return value


#: What a ``|`` inside one value becomes: Kumu splits every cell on ``|`` and documents no escape for it.
CSV_PIPE_STANDIN = "\u00a6"


class _Joined(str):
    """A cell holding several values joined with ``|`` (its separators are meant)."""


def _one_value(value: Any) -> Any:
    """A single value for Kumu: a ``|`` in it would split it in two, so it becomes ``¦``."""
    if isinstance(value, str) and not isinstance(value, _Joined):
        return value.replace(CSV_LIST_SEPARATOR, CSV_PIPE_STANDIN)
    return value


def _many_values(values: Iterable[Any]) -> _Joined:
    return _Joined(CSV_LIST_SEPARATOR.join(_one_value(str(v)) for v in values))


def csv_tables(G: nx.MultiDiGraph) -> tuple[str, str]:
    """The nodes and edges CSV texts, in Kumu's documented import layout.

    Nodes (Kumu "elements"): ``ID, Label, Type, Description, Aliases,
    Mentions, Docs, Curated, Curation``.  Edges (Kumu "connections"): ``ID,
    From, To, Type, Direction, Label, Weight, Status, Citations, Evidence,
    Docs, First, Last, Curated, Curation``.  ``First`` and ``Last`` are the
    ISO dates of the earliest and latest dated citation (empty when none is
    dated); ``Curated`` is ``yes`` on what an analyst's decision changed or
    confirmed, and ``Curation`` lists those decisions (one JSON rule each).  The ID
    column comes first in both, so Kumu matches elements and connections by
    id on re-import instead of duplicating them; ``From``/``To`` hold
    element IDs, as Kumu requires once elements have IDs; a connection's ID
    is ``source:type:target``.  Multi-value cells are joined with ``|``;
    a ``|`` inside one value is written ``¦`` (Kumu has no escape for it).
    Cells starting with ``= + - @`` get a leading ``'`` so spreadsheets
    never run document text as a formula.
    """
    titles = document_titles(G)

    def table(header: list[str], rows: Iterable[list[Any]]) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([_cell(_one_value(v)) for v in row] for row in rows)
        return out.getvalue()

    nodes = table(
        ["ID", "Label", "Type", "Description", "Aliases", "Mentions", "Docs", "Curated", "Curation"],
        (
            [e.id, e.label, e.type, f"{e.type}, {e.mentions} mentions",
             _many_values(e.aliases), e.mentions, _many_values(e.docs),
             "yes" if e.curated else "", _many_values(decision_texts(e.curation))]
            for e in sorted(entities(G), key=lambda e: e.id)
        ),
    )
    edges = table(
        ["ID", "From", "To", "Type", "Direction", "Label", "Weight", "Status", "Citations", "Evidence", "Docs",
         "First", "Last", "Curated", "Curation"],
        (
            [f"{e.source}:{e.key}:{e.target}", e.source, e.target, e.type,
             "directed" if e.directed else "undirected", e.label, e.weight, e.status, len(e.citations),
             e.citations[0].sentence if e.citations else "",
             _many_values(titles.get(d, d) for d in edge_docs(e)),
             iso_date(e.first) or "", iso_date(e.last) or "",
             "yes" if e.curated else "", _many_values(decision_texts(e.curation))]
            for e in sorted_edges(G)
        ),
    )
    return nodes, edges


def _csv_paths(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    target = Path(path)
    stem = target.name[: -len(".csv")] if target.name.lower().endswith(".csv") else target.name
    return target.with_name(f"{stem}.nodes.csv"), target.with_name(f"{stem}.edges.csv")


def write_csv(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Write ``NAME.nodes.csv`` and ``NAME.edges.csv`` for ``path`` = ``NAME.csv`` (UTF-8, no BOM).

    >>> write_csv(G, "out/graph.csv")  # doctest: +SKIP
    (PosixPath('out/graph.nodes.csv'), PosixPath('out/graph.edges.csv'))
    """
    nodes_path, edges_path = _csv_paths(path)
    nodes, edges = csv_tables(G)
    return atomic_write(nodes_path, nodes), atomic_write(edges_path, edges)

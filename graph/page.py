"""The explorer page: one self-contained, offline ``.html`` file for a Tangle graph.

Everything the page needs is inlined: the vis-network build that pyvis ships,
our stylesheet and script, any extension scripts and stylesheets (every other
``.js``/``.css`` file in ``graph/templates/``, see :func:`render_page`), and the
graph itself as JSON inside ``<script type="application/json">``.  Opening the file makes no network
request, and a Content-Security-Policy forbids any: only the two inline
scripts (by hash) may run, so markup smuggled in through document text
cannot execute even if it reached the DOM.  The page script renders
document strings with ``textContent`` only.

The page data stores each evidence sentence once (``data.sentences``); an
edge's citations are ``[sentence index, claim status]`` pairs.  Scripts read
them through ``window.tangle.citations(edge)``; the rest of that API is
described at the top of ``templates/page.js``.

This is the only module of :mod:`graph` that touches pyvis, and only to
borrow its copy of vis-network.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.resources
import json
import math
import os
import re
from collections.abc import Hashable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from extract.vocabulary import load_vocabulary
from graph.errors import InputError
from graph.io import atomic_write, string_ids
from graph.layout import communities, layout, separate
from graph.query import overview_order, overview_size
from graph.schema import (
    DEFAULT_STATUS,
    Entity,
    documents,
    edge_of,
    edge_span,
    edge_status,
    edge_type,
    edge_weight,
    entities,
    entity,
    relation_label,
)

__all__ = ["render_page", "script_json", "show_in_notebook", "write_page"]

#: The page's own template files; every other .js/.css file in TEMPLATES is an extension.
CORE_TEMPLATES = ("page.html", "page.css", "page.js")

#: Typical distance between neighbours in the first view, in pixels at scale 1: close enough that the first
#: view of a few hundred entities fits a laptop screen with its labels drawn.
VIEW_SPACING = 36.0

#: Graphs with more nodes than this are drawn with physics off, from positions computed here.
LAYOUT_THRESHOLD = 300

#: The relation type of two entities named in one sentence, and nothing more.
CO_MENTIONED = load_vocabulary().co_mentioned.name

#: One colour per entity type, from the vocabulary (``types`` in ``entities.yml``); unknown types take the
#: spare colours in sorted order.
TYPE_COLOURS = {t.name: t.colour for t in load_vocabulary().entity_types}
SPARE_COLOURS = ("#499894", "#d37295", "#a0cbe8", "#ffbe7d", "#86bcb6", "#f1ce63", "#d4a6c8", "#bab0ac")

#: Edge colours by relation type, from the relation vocabulary's ``colour`` entries (co-mentions stay
#: quiet there); unknown types take the spare colours.
RELATION_COLOURS = {r.name: r.colour for r in (load_vocabulary().co_mentioned, *load_vocabulary().relations)
                    if r.colour}

#: Colours of the "colour by community" mode: community 0 (the biggest) takes the first, and so on, cycling.
COMMUNITY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                     "#9c755f", "#bab0ac", "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf")

SIZE_BY = ("mentions", "degree")
#: How many review queue items the page carries (highest impact first).
REVIEW_ITEMS = 100

TEMPLATES = Path(__file__).with_name("templates")

# Inside <script type="application/json"> these must not appear raw: `<` could open `</script` or `<!--`,
# `>` and `&` are escaped for good measure, U+2028/2029 break older JS parsers, lone surrogates break UTF-8.
_SCRIPT_DATA_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def render_page(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    size_by: str = "mentions",
    layout_threshold: int = LAYOUT_THRESHOLD,
    extensions: Sequence[str | os.PathLike[str]] | None = None,
) -> str:
    """The explorer page for ``G`` as one HTML string; ``G`` is not modified.

    Args:
        G: A Tangle graph (see :mod:`graph.io` for the node and edge attributes).
        title: Page title; defaults to "Tangle: N entities".
        size_by: ``"mentions"`` or ``"degree"`` (non-negated relations) sets node size.
        layout_threshold: Above this many nodes, physics is off and the Python layout is final.
        extensions: Extra scripts (``.js``) and stylesheets (``.css``) to inline after the page's own,
            in the order given: file names inside ``graph/templates/`` or paths.  ``None`` (the default)
            takes every ``.js`` and ``.css`` file of ``graph/templates/`` other than the page's own, in
            name order; ``()`` takes none.  Each script runs after ``page.js`` and uses its
            ``window.tangle`` API; the Content-Security-Policy admits each one by its hash.

    Returns:
        A complete HTML document that makes no network request when opened.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("ada", label="Ada", type="PERSON", aliases=[], mentions=2, docs=["d1"])
        >>> render_page(G, title="Demo").startswith("<!DOCTYPE html>")
        True
    """
    if size_by not in SIZE_BY:
        raise InputError(f"size_by={size_by!r} is not supported; use one of {', '.join(SIZE_BY)}")
    if layout_threshold < 0:
        raise InputError(f"layout_threshold={layout_threshold!r} must be zero or more")
    page_title = title if title is not None else f"Tangle: {G.number_of_nodes()} entities"
    data = graph_payload(G, size_by=size_by, layout_threshold=layout_threshold)
    data["title"] = page_title
    vis_js, vis_css = _vis_assets()
    page_js = _template("page.js")
    extra_js, extra_css = _extensions(extensions)
    values = {
        "title": html.escape(page_title),
        "csp": _content_security_policy(vis_js, page_js, *extra_js),
        "vis_css": vis_css,
        "page_css": _template("page.css"),
        "extension_css": "".join(f"<style>{css}</style>\n" for css in extra_css),
        "data": script_json(data),
        "vis_js": vis_js,
        "page_js": page_js,
        "extension_js": "".join(f"<script>{js}</script>\n" for js in extra_js),
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _template("page.html"))


def _extensions(extensions: Sequence[str | os.PathLike[str]] | None) -> tuple[list[str], list[str]]:
    """The texts of the extension scripts and stylesheets, in order (see :func:`render_page`)."""
    if extensions is None:
        files = sorted(p for p in TEMPLATES.iterdir() if p.suffix in (".js", ".css") and p.name not in CORE_TEMPLATES)
    else:
        files = [TEMPLATES / item if isinstance(item, str) and "/" not in item else Path(item) for item in extensions]
    scripts: list[str] = []
    styles: list[str] = []
    for path in files:
        if path.suffix not in (".js", ".css"):
            raise InputError(f"page extension {str(path)!r} is neither a .js nor a .css file")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"cannot read page extension {str(path)!r} ({err.__class__.__name__}); "
                             "give a UTF-8 .js or .css file") from err
        closing = "</script" if path.suffix == ".js" else "</style"
        if closing in text.lower():
            raise InputError(f"page extension {str(path)!r} contains {closing!r}, which would end it early; remove it")
        (scripts if path.suffix == ".js" else styles).append(text)
    return scripts, styles


def write_page(G: nx.MultiDiGraph, path: str | os.PathLike[str], **kwargs: Any) -> Path:
    """Write :func:`render_page` output to ``path`` atomically and return the path.

    Example:
        >>> write_page(G, "out/graph.html", size_by="degree")  # doctest: +SKIP
        PosixPath('out/graph.html')
    """
    return atomic_write(path, render_page(G, **kwargs))


def show_in_notebook(G: nx.MultiDiGraph, *, height: int = 700, **kwargs: Any) -> Any:
    """The explorer page as an ``IPython.display.HTML`` iframe; works offline.

    The page goes in the iframe's ``srcdoc`` (HTML-escaped) and the iframe is
    sandboxed: scripts run, but cannot reach the notebook.

    Example:
        >>> show_in_notebook(G, height=500)  # doctest: +SKIP
    """
    from IPython.display import HTML

    if not isinstance(height, int) or height <= 0:
        raise InputError(f"height={height!r} must be a positive number of pixels")
    srcdoc = html.escape(render_page(G, **kwargs), quote=True)
    return HTML(
        f'<div><iframe srcdoc="{srcdoc}" sandbox="allow-scripts allow-downloads" '
        f'style="width: 100%; height: {height}px; border: 1px solid #ddd"></iframe></div>'
    )


def script_json(data: Any) -> str:
    """JSON text that is safe inside ``<script type="application/json">`` and parses back to ``data``.

    Example:
        >>> script_json({"s": "</script>"})
        '{"s":"\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    text = text.translate(_SCRIPT_DATA_ESCAPES)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def graph_payload(G: nx.MultiDiGraph, *, size_by: str = "mentions", layout_threshold: int = LAYOUT_THRESHOLD) -> dict:
    """The plain data the page script draws: nodes with positions and sizes, edges, and each sentence once.

    An edge's ``citations`` are ``[index into sentences, claim status]`` pairs; a sentence is
    ``{"doc", "text", "markers"}`` (and ``"page"`` for paged formats).  A sentence naming six
    entities is cited by up to fifteen co-mention edges and stored once.
    """
    order = _opening_order(G)
    groups = communities(G, order)
    view, co_min, first = _first_view(G, order)
    degree = _plain_degree(G)
    records = [entity(G, n) for n in order]
    size = _dot_sizes(records, degree, size_by)
    positions = _first_positions(G, first, co_min, groups, size, layout_threshold)
    ids = string_ids(G.nodes)  # vis-network refuses two nodes whose ids print alike (1 and "1")
    nodes = [_node_payload(e, ids, degree, groups[e.id], positions.get(e.id), size[e.id]) for e in records]
    sentences = SentenceTable()
    edges = [
        _edge_payload(ids[u], ids[v], k, d, sentences)
        for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: tuple(map(str, e[:3])))
    ]
    types = sorted({n["type"] for n in nodes})
    relations = sorted({e["type"] for e in edges})
    info = G.graph
    return {
        "nodes": nodes,
        "edges": edges,
        "sentences": sentences.rows,
        "documents": {
            doc.id: {"title": doc.title or doc.id, "path": doc.path} for doc in documents(G)
        },
        "model": info.get("model") or {},
        "tangle": info.get("tangle") or {},
        "styles": {
            "types": _colours(types, TYPE_COLOURS),
            "relations": _colours(relations, RELATION_COLOURS),
            "communities": list(COMMUNITY_COLOURS),
        },
        "config": {
            "physics": len(nodes) <= layout_threshold,
            "sizeBy": size_by,
            "view": view,
            "coMentionMinimum": co_min,
            "coMentioned": CO_MENTIONED,
        },
        "review": review_payload(G),
    }


def _opening_order(G: nx.MultiDiGraph) -> list:
    """Entities most important first; a --focus page opens on its entity."""
    order = overview_order(G)
    center = (G.graph.get("ego") or {}).get("center")
    if center in G:
        order.remove(center)
        order.insert(0, center)
    return order


def _dot_sizes(records: list[Entity], degree: dict, size_by: str) -> dict:
    """Each entity's dot size, by its mentions or (``size_by="degree"``) its relations."""
    measure = {e.id: (degree[e.id] if size_by == "degree" else e.mentions) for e in records}
    biggest = max(measure.values(), default=0)
    return {n: _dot_size(value, biggest) for n, value in measure.items()}


def _first_positions(G: nx.MultiDiGraph, first: list, co_min: int, groups: dict, size: dict,
                     layout_threshold: int) -> dict:
    """Positions of the first view's entities, laid out over the relations drawn first; a graph too big
    for physics is drawn as laid out here, so room is made for every label."""
    drawn = nx.MultiDiGraph()
    drawn.add_nodes_from(first)
    drawn.add_edges_from(
        (u, v, k, d) for u, v, k, d in G.edges(first, keys=True, data=True) if v in drawn and _drawn_first(k, d, co_min)
    )
    positions = layout(drawn, threshold=max(layout_threshold, len(first)), groups=groups, spacing=VIEW_SPACING)
    if len(G) > layout_threshold:
        positions = separate(positions, {n: _label_box(G.nodes[n], size[n]) for n in first}, order=first)
    return positions


def _node_payload(e: Entity, ids: dict, degree: dict, community: int, position, size: float) -> dict:
    """One entity as the page script reads it."""
    return {
        "id": ids[e.id],
        "label": e.label or str(e.id),
        "type": e.type,
        "aliases": list(e.aliases),
        "mentions": e.mentions,
        "degree": degree[e.id],
        "docs": list(e.docs),
        "community": community,
        **({"x": position[0], "y": position[1]} if position is not None else {}),
        "size": size,
        **_provenance(e),
    }


def review_payload(G: nx.MultiDiGraph, *, limit: int = REVIEW_ITEMS) -> dict:
    """What the review panel needs: the curation file's rules, the queue, the vocabulary and the types."""
    from extract.curation import TYPES
    from extract.relations import relation_types
    from graph.review import review_queue

    rules = (G.graph.get("curation") or {}).get("rules") or {}
    co = load_vocabulary().co_mentioned
    vocabulary = [{"name": rt.name, "label": rt.label, "directed": rt.directed,
                   "colour": RELATION_COLOURS.get(rt.name, "")} for rt in relation_types(load_vocabulary())]
    return {
        "rules": rules if isinstance(rules, dict) else {},
        "items": [item.to_dict() for item in review_queue(G, limit=limit)],
        "vocabulary": [*vocabulary, {"name": co.name, "label": co.label, "directed": False,
                                     "colour": RELATION_COLOURS.get(co.name, "")}],
        "types": sorted({*TYPES, *(e.type for e in entities(G))}),
        "untyped": co.name,  # the type of a pair only seen together
    }


def _provenance(record: Any) -> dict:
    """``curated`` and the rules behind it, for what a person changed; nothing for the rest."""
    return {"curated": True, "curation": [d.to_attrs() for d in record.curation]} if record.curated else {}


def _dot_size(value: float, biggest: float) -> float:
    """A dot's radius in pixels: 8 to 30, the area growing with ``value`` (mentions or degree)."""
    return round(8 + 22 * math.sqrt(value / biggest), 1) if biggest else 8


def _label_box(attrs: dict[str, Any], size: float) -> tuple[float, float, float, float]:
    """The box a dot of radius ``size`` and its label under it take, relative to the dot's centre, at the
    size the page draws labels at scale 1 (``12 + size / 5`` pixels; letters about 0.6 of that wide)."""
    font = 12 + size / 5
    half = max(size, 0.3 * font * len(str(attrs.get("label") or "")))
    return (-half, -size, half, size + 2 + 1.25 * font)


def _drawn_first(key: Hashable, d: dict, co_min: int) -> bool:
    """Whether the first view draws this relation: every typed one, a co-mention with ``co_min`` citations."""
    return edge_type(key, d) != CO_MENTIONED or edge_weight(d) >= co_min


def _first_view(G: nx.MultiDiGraph, order: list[Hashable]) -> tuple[int, int, list[Hashable]]:
    """What the page opens on: how many of ``order`` it takes, the fewest citations a co-mention needs to
    be drawn, and the entities drawn (those linked to another by a relation drawn).

    A graph of up to :func:`overview_size` entities is drawn whole.  A bigger one: co-mentions among the
    first ``overview_size`` entities of ``order`` need the fewest citations that leaves at most two per
    entity (typed relations are always drawn); entities of ``order`` are then taken on until that many are
    linked, so the view is not thinned by the entities it leaves alone.  When that takes more than three
    times as many entities, co-mentions need one citation fewer, and so on.
    """
    size = overview_size(len(order))
    if size >= len(order):
        return len(order), 1, list(order)
    head = set(order[:size])
    weights = sorted(
        (edge_weight(d) for u, v, k, d in G.edges(order[:size], keys=True, data=True)
         if v in head and u != v and edge_type(k, d) == CO_MENTIONED),
        reverse=True,
    )
    co_min = weights[2 * size] + 1 if len(weights) > 2 * size else 1
    while True:
        count, linked = _take_linked(G, order, size, co_min, cap=len(order) if co_min == 1 else 3 * size)
        if len(linked) >= size or co_min == 1:
            return count, co_min, [n for n in order[:count] if n in linked]
        co_min -= 1


def _take_linked(
    G: nx.MultiDiGraph, order: list[Hashable], size: int, co_min: int, *, cap: int
) -> tuple[int, dict[Hashable, None]]:
    """Take entities of ``order`` until ``size`` of them are linked by a relation the first view draws (or
    ``cap`` are taken); how many were taken, and the linked ones."""
    taken: set[Hashable] = set()
    linked: dict[Hashable, None] = {}
    count = 0
    for node in order[:cap]:
        taken.add(node)
        count += 1
        ends = [(v, k, d) for _, v, k, d in G.out_edges(node, keys=True, data=True)]
        ends += [(u, k, d) for u, _, k, d in G.in_edges(node, keys=True, data=True)]
        for other, k, d in ends:
            if other in taken and other != node and _drawn_first(k, d, co_min):
                linked.update(dict.fromkeys((node, other)))
        if len(linked) >= size:
            break
    return count, linked


class SentenceTable:
    """Each distinct evidence sentence once, in order of first citation; ``index`` gives its row.

    A claim's date belongs to the sentence's row: two claims of one sentence dated apart (a relative clause
    with a date of its own) make two rows, the same date one."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._index: dict[tuple[Any, ...], int] = {}

    def index(self, citation: dict[str, Any]) -> int:
        """The row of a citation's sentence (a citation as stored on an edge: a :class:`Citation`'s attributes)."""
        markers = tuple(citation.get("markers") or ())
        page = citation.get("page")
        date = citation.get("date")
        date_key = tuple(sorted(date.items())) if isinstance(date, dict) else None
        key = (citation.get("doc"), citation.get("start"), citation.get("sentence"), markers, page, date_key)
        found = self._index.get(key)
        if found is None:
            row: dict[str, Any] = {"doc": str(key[0]), "text": str(key[2]), "markers": list(markers)}
            if page is not None:
                row["page"] = page
            if date_key is not None:
                row["date"] = dict(date)
            found = self._index[key] = len(self.rows)
            self.rows.append(row)
        return found


def _edge_payload(u: str, v: str, key: Hashable, attrs: dict[str, Any], sentences: SentenceTable) -> dict:
    # Read through the schema's accessors, not Edge records: building 200,000 records with their citations
    # takes most of a big page's write time, and the page needs only these fields.
    kind = edge_type(key, attrs)
    return {
        "from": u,
        "to": v,
        "type": kind,
        "label": str(attrs.get("label") or relation_label(kind)),
        "weight": edge_weight(attrs),
        "status": edge_status(attrs),
        "directed": bool(attrs.get("directed", False)),
        "citations": [[sentences.index(c), c.get("status") or DEFAULT_STATUS] for c in attrs.get("citations") or ()],
        **(_provenance(edge_of(u, v, key, attrs)) if attrs.get("curated") else {}),
        **edge_span(attrs),
    }


def _plain_degree(G: nx.MultiDiGraph) -> dict[Hashable, int]:
    """Number of non-negated relations at each node (a negated claim is not a link)."""
    degree = dict.fromkeys(G.nodes, 0)
    for u, v, d in G.edges(data=True):
        if edge_status(d) != "negated":
            degree[u] += 1
            degree[v] += 1
    return degree


def _colours(names: list[str], known: dict[str, str]) -> dict[str, str]:
    spare = iter(SPARE_COLOURS * (1 + len(names) // len(SPARE_COLOURS)))
    return {name: known.get(name) or next(spare) for name in names}


@cache
def _template(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet as shipped inside the pyvis package."""
    folder = importlib.resources.files("pyvis") / "lib" / "vis-9.1.2"
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise InputError("the vis-network files in pyvis cannot be inlined safely; reinstall pyvis>=0.3.2")
    return js, css


def _content_security_policy(*scripts: str) -> str:
    """Allow exactly our inline scripts, inline styles and data: images; forbid every request."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode('ascii')}'" for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
        "base-uri 'none'; form-action 'none'"
    )

"""Questions asked of a graph: find an entity, its neighbourhood, the paths between two.

Every function here returns new objects and leaves its input graph untouched.
A negated edge ("X denied meeting Y") is evidence, not a link: :func:`ego` and
:func:`shortest_paths` do not walk over it unless ``include_negated=True``.

>>> from graph.io import load_graph
>>> G = load_graph("out/graph.json")  # doctest: +SKIP
>>> H = ego(G, "manafort", hops=2)  # doctest: +SKIP
>>> [p.nodes for p in shortest_paths(G, "Jared Kushner", "Vladimir Putin")]  # doctest: +SKIP
[('jared-kushner', 'sergey-kislyak', 'vladimir-putin')]
"""

from __future__ import annotations

import copy
import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from extract.records import STATUSES, Citation
from graph.errors import EntityNotFound, InputError

__all__ = [
    "Hop",
    "Link",
    "Path",
    "ego",
    "entity_names",
    "filter_graph",
    "find_entity",
    "links_of",
    "shortest_paths",
]


def _fold(name: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name for lookups ("Zhōu" finds "zhou")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def entity_names(G: nx.MultiDiGraph) -> dict[str, str]:
    """Every lookup name (folded id, label and aliases) mapped to its node id.

    Labels win over aliases when two entities share a name; ties go to the
    entity with more mentions, then the smaller id, so the answer is stable.

    >>> entity_names(G)["paul manafort"]  # doctest: +SKIP
    'paul-manafort'
    """
    names: dict[str, tuple[tuple[int, int, str], str]] = {}

    def offer(name: str, rank: int, node: str, mentions: int) -> None:
        key = _fold(name)
        candidate = ((rank, -mentions, node), node)
        if key and (key not in names or candidate[0] < names[key][0]):
            names[key] = candidate

    for node, attrs in G.nodes(data=True):
        mentions = int(attrs.get("mentions", 0))
        offer(str(node), 0, node, mentions)
        offer(str(attrs.get("label", node)), 0, node, mentions)
        for alias in attrs.get("aliases", ()):
            offer(alias, 1, node, mentions)
    return {key: node for key, (_, node) in names.items()}


def find_entity(G: nx.MultiDiGraph, name: str, *, suggestions: int = 3) -> str:
    """The node id of the entity called ``name`` (its id, label or any alias, any case).

    Raises :class:`~graph.errors.EntityNotFound` listing up to ``suggestions``
    closest labels when nothing matches.

    >>> find_entity(G, "PAUL MANAFORT")  # doctest: +SKIP
    'paul-manafort'
    >>> find_entity(G, "Paul Manaford")  # doctest: +SKIP
    Traceback (most recent call last):
    graph.errors.EntityNotFound: no entity named 'Paul Manaford'; did you mean 'Paul Manafort'?
    """
    names = entity_names(G)
    node = names.get(_fold(name))
    if node is not None:
        return node
    close = difflib.get_close_matches(_fold(name), list(names), n=suggestions * 3, cutoff=0.6)
    labels: list[str] = []
    for key in close:
        label = str(G.nodes[names[key]].get("label", names[key]))
        if label not in labels:
            labels.append(label)
    raise EntityNotFound(name, labels[:suggestions])


def _counts(attrs: dict[str, Any], include_negated: bool) -> bool:
    return include_negated or attrs.get("status") != "negated"


def _strongest(citations: list[dict[str, Any]]) -> str:
    statuses = {c.get("status", "asserted") for c in citations}
    return next((s for s in STATUSES if s in statuses), "asserted")


def filter_graph(
    G: nx.MultiDiGraph,
    *,
    entity_types: Iterable[str] | None = None,
    relation_types: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    min_weight: int = 1,
    docs: Iterable[str] | None = None,
    include_negated: bool = True,
) -> nx.MultiDiGraph:
    """A copy of ``G`` keeping only the entities and relations that pass every filter.

    ``docs`` keeps the entities mentioned in those documents and, of each
    relation, only the citations from them (weight and status are recomputed
    from what is left).  ``min_weight`` applies after that.  Options left at
    their default filter nothing, except ``include_negated=False`` which drops
    negated relations.

    >>> H = filter_graph(G, entity_types={"PERSON"}, relation_types={"met_with"}, min_weight=2)  # doctest: +SKIP
    """
    types = {t.upper() for t in entity_types} if entity_types is not None else None
    relations = set(relation_types) if relation_types is not None else None
    wanted_status = set(statuses) if statuses is not None else None
    wanted_docs = set(docs) if docs is not None else None
    for status in wanted_status or ():
        if status not in STATUSES:
            raise InputError(f"unknown claim status {status!r}; use one of {', '.join(STATUSES)}")

    H = nx.MultiDiGraph()
    H.graph.update(copy.deepcopy(G.graph))
    for node, attrs in G.nodes(data=True):
        if types is not None and attrs.get("type") not in types:
            continue
        if wanted_docs is not None and not wanted_docs & set(attrs.get("docs", ())):
            continue
        H.add_node(node, **copy.deepcopy(attrs))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if u not in H or v not in H or (relations is not None and attrs.get("type", key) not in relations):
            continue
        data = copy.deepcopy(attrs)
        if wanted_docs is not None:
            data["citations"] = [c for c in data.get("citations", []) if c.get("doc") in wanted_docs]
            if not data["citations"]:
                continue
            data["weight"] = len(data["citations"])
            data["status"] = _strongest(data["citations"])
        if int(data.get("weight", 0)) < min_weight or not _counts(data, include_negated):
            continue
        if wanted_status is not None and data.get("status") not in wanted_status:
            continue
        H.add_edge(u, v, key=key, **data)
    return H


def ego(G: nx.MultiDiGraph, entity: str, *, hops: int = 2, include_negated: bool = False) -> nx.MultiDiGraph:
    """The entities within ``hops`` links of ``entity`` (either direction) and the relations among them.

    ``entity`` is looked up with :func:`find_entity`.  Negated relations are
    neither walked nor kept unless ``include_negated=True``.  The result is a
    new graph with copied attributes; ``G`` is unchanged.

    >>> H = ego(G, "Paul Manafort", hops=2)  # doctest: +SKIP
    >>> "paul-manafort" in H  # doctest: +SKIP
    True
    """
    if hops < 0:
        raise InputError(f"hops must be 0 or more, not {hops}")
    center = find_entity(G, entity)
    links = filter_graph(G, include_negated=include_negated)
    reached = nx.single_source_shortest_path_length(links.to_undirected(as_view=True), center, cutoff=hops)
    H = links.subgraph(reached).copy()
    H.graph["ego"] = {"center": center, "hops": hops}
    return H


@dataclass(frozen=True)
class Link:
    """One stored relation, as met along a path.

    ``source`` and ``target`` are as stored in the graph (for undirected
    relations the smaller id comes first); :attr:`Hop.source` gives the
    direction of travel.
    """

    source: str
    target: str
    type: str
    label: str
    status: str
    weight: int
    directed: bool
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Hop:
    """One step of a path, from ``source`` to ``target``, with every relation that links them."""

    source: str
    target: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Path:
    """A chain of hops from one entity to another."""

    hops: tuple[Hop, ...]

    @property
    def nodes(self) -> tuple[str, ...]:
        """The node ids along the path, ends included."""
        return (self.hops[0].source, *(h.target for h in self.hops)) if self.hops else ()

    @property
    def weight(self) -> int:
        """Sum over hops of the best-supported relation's weight (more evidence ranks first)."""
        return sum(max(link.weight for link in hop.links) for hop in self.hops)


def links_of(G: nx.MultiDiGraph, a: str, b: str, *, include_negated: bool = False) -> tuple[Link, ...]:
    """Every relation between node ids ``a`` and ``b`` in either direction, strongest first.

    >>> [link.type for link in links_of(G, "paul-manafort", "viktor-yanukovych")]  # doctest: +SKIP
    ['works_for', 'co_mentioned']
    """
    found = []
    for u, v in {(a, b), (b, a)}:
        for key, attrs in (G.get_edge_data(u, v) or {}).items():
            if not _counts(attrs, include_negated):
                continue
            found.append(
                Link(
                    source=u,
                    target=v,
                    type=str(attrs.get("type", key)),
                    label=str(attrs.get("label", attrs.get("type", key))),
                    status=str(attrs.get("status", "asserted")),
                    weight=int(attrs.get("weight", len(attrs.get("citations", ())))),
                    directed=bool(attrs.get("directed", True)),
                    citations=tuple(Citation.from_dict(c) for c in attrs.get("citations", ())),
                )
            )
    rank = {status: i for i, status in enumerate(STATUSES)}
    return tuple(sorted(found, key=lambda x: (x.type == "co_mentioned", rank.get(x.status, 9), -x.weight, x.type)))


#: Shortest paths enumerated before ranking; hub-heavy graphs can have very many.
_MAX_PATHS = 1000


def shortest_paths(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    max_hops: int | None = None,
    include_negated: bool = False,
    limit: int = 5,
) -> list[Path]:
    """The shortest paths between two entities, each hop with all its evidence.

    Relations are walked in either direction.  Returns at most ``limit``
    paths, best supported first; an empty list when the entities are not
    connected (within ``max_hops``, if given).  Names are looked up with
    :func:`find_entity`.

    >>> for hop in shortest_paths(G, "Jared Kushner", "Vladimir Putin")[0].hops:  # doctest: +SKIP
    ...     print(hop.source, hop.links[0].type, hop.target)
    jared-kushner met_with sergey-kislyak
    sergey-kislyak associate_of vladimir-putin
    """
    if max_hops is not None and max_hops < 1:
        raise InputError(f"max hops must be 1 or more, not {max_hops}")
    a, b = find_entity(G, source), find_entity(G, target)
    if a == b:
        return []
    links = filter_graph(G, include_negated=include_negated)
    undirected = nx.Graph(links.to_undirected(as_view=True))
    try:
        found = list(islice(nx.all_shortest_paths(undirected, a, b), _MAX_PATHS))
    except nx.NetworkXNoPath:
        return []
    if max_hops is not None and len(found[0]) - 1 > max_hops:
        return []
    paths = [
        Path(tuple(Hop(u, v, links_of(links, u, v, include_negated=include_negated)) for u, v in pairwise(p)))
        for p in found
    ]
    paths.sort(key=lambda p: (-p.weight, p.nodes))
    return paths[:limit]

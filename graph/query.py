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
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from extract.vocabulary import load_vocabulary
from graph.errors import EntityNotFound, InputError
from graph.schema import (
    STATUSES,
    Edge,
    Entity,
    edge_of,
    edge_status,
    edge_type,
    edge_weight,
    entities,
    entity,
    strongest,
)

__all__ = [
    "Edge",
    "Hop",
    "EntityPath",
    "Picked",
    "ego",
    "entity_names",
    "filter_graph",
    "find_entity",
    "Neighbourhood",
    "links_of",
    "most_connected",
    "neighbourhood",
    "overview_order",
    "overview_size",
    "pick_entities",
    "shortest_paths",
]


def _fold(name: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name for lookups ("Zhōu" finds "zhou")."""
    if name.isascii():  # the same answer, without the per-character walk (ASCII has no accents to strip)
        return " ".join(name.casefold().split())
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

    for record in entities(G):
        node = record.id
        offer(str(node), 0, node, record.mentions)
        offer(record.label, 0, node, record.mentions)
        for alias in record.aliases:
            offer(alias, 1, node, record.mentions)
    return {key: node for key, (_, node) in names.items()}


def find_entity(G: nx.MultiDiGraph, name: str, *, suggestions: int = 3) -> str:
    """The node id of the entity called ``name`` (its id, label or any alias, any case).

    An exact node id is that entity, even when another entity's label or
    alias folds to the same name (the graph's other names are then not read,
    which keeps lookups by id fast on large graphs); otherwise the rules of
    :func:`entity_names` apply.  A name no entity has whole is looked for as
    whole words of the names: a surname or a word that only one entity's
    label or aliases hold ("Manafort" in "Paul Manafort") is that entity.

    Raises :class:`~graph.errors.EntityNotFound` when ``name`` is ambiguous
    (its words are in several entities' names: up to ``suggestions`` of them,
    the most mentioned first) or when nothing matches (up to ``suggestions``
    closest labels).

    >>> find_entity(G, "PAUL MANAFORT")  # doctest: +SKIP
    'paul-manafort'
    >>> find_entity(G, "manafort")  # doctest: +SKIP
    'paul-manafort'
    >>> find_entity(G, "Paul Manaford")  # doctest: +SKIP
    Traceback (most recent call last):
    graph.errors.EntityNotFound: no entity named 'Paul Manaford'; did you mean 'Paul Manafort'?
    """
    if name in G:  # an exact node id is that entity, without reading every name in the graph
        return name
    names = entity_names(G)
    node = names.get(_fold(name))
    if node is not None:
        return node
    holders = _holding_words(G, _fold(name).split())
    if len(holders) == 1:
        return holders[0].id
    if holders:
        raise EntityNotFound(name, [e.label for e in holders[:suggestions]], ambiguous=len(holders))
    close = difflib.get_close_matches(_fold(name), list(names), n=suggestions * 3, cutoff=0.6)
    labels: list[str] = []
    for key in close:
        label = entity(G, names[key]).label
        if label not in labels:
            labels.append(label)
    raise EntityNotFound(name, labels[:suggestions])


def _holding_words(G: nx.MultiDiGraph, words: list[str]) -> list[Entity]:
    """The entities one of whose names (label or alias) holds ``words`` as consecutive whole words,
    the most mentioned first."""
    if not words:
        return []
    width = len(words)

    def holds(text: str) -> bool:
        folded = _fold(text).split()
        return any(folded[i:i + width] == words for i in range(len(folded) - width + 1))

    found = [e for e in entities(G) if any(holds(n) for n in (e.label, *e.aliases))]
    return sorted(found, key=lambda e: (-e.mentions, str(e.id)))


def _counts(attrs: dict[str, Any], include_negated: bool) -> bool:
    return include_negated or edge_status(attrs) != "negated"


def filter_graph(
    G: nx.MultiDiGraph,
    *,
    entity_types: Iterable[str] | None = None,
    relation_types: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    min_weight: int = 1,
    docs: Iterable[str] | None = None,
    include_negated: bool = True,
    keep_isolated: bool = True,
) -> nx.MultiDiGraph:
    """A copy of ``G`` keeping only the entities and relations that pass every filter.

    ``docs`` keeps the entities mentioned in those documents and, of each
    relation, only the citations from them (weight and status are recomputed
    from what is left).  ``min_weight`` applies after that.  Options left at
    their default filter nothing, except ``include_negated=False`` which drops
    negated relations.  ``keep_isolated=False`` also drops every entity left
    without a relation to another entity, so a filter leaves no scatter of
    unconnected dots.

    Raises :class:`InputError` for an entity or relation type the graph does
    not have, naming those it has.

    >>> H = filter_graph(G, entity_types={"PERSON"}, relation_types={"met_with"}, min_weight=2)  # doctest: +SKIP
    """
    keep = _Filter.checked(G, entity_types=entity_types, relation_types=relation_types, statuses=statuses,
                           min_weight=min_weight, docs=docs, include_negated=include_negated)
    H = nx.MultiDiGraph()
    H.graph.update(copy.deepcopy(G.graph))
    H.add_nodes_from((node, copy.deepcopy(attrs)) for node, attrs in G.nodes(data=True)
                     if keep.keeps_entity(node, attrs))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        data = keep.kept_relation(u, v, key, attrs) if u in H and v in H else None
        if data is not None:
            H.add_edge(u, v, key=key, **data)
    if not keep_isolated:
        H.remove_nodes_from([n for n in H if all(m == n for m in nx.all_neighbors(H, n))])
    return H


def _wanted(values: Iterable[str] | None) -> set[str] | None:
    """The set of ``values``, or ``None`` (no filter) when they are not given."""
    return set(values) if values is not None else None


@dataclass(frozen=True)
class _Filter:
    """The tests of :func:`filter_graph`; ``None`` where an option filters nothing."""

    types: set[str] | None
    relations: set[str] | None
    statuses: set[str] | None
    docs: set[str] | None
    min_weight: int
    include_negated: bool

    @classmethod
    def checked(cls, G: nx.MultiDiGraph, *, entity_types: Iterable[str] | None, relation_types: Iterable[str] | None,
                statuses: Iterable[str] | None, min_weight: int, docs: Iterable[str] | None,
                include_negated: bool) -> _Filter:
        """The filter, once every type and status asked for is known (else :class:`InputError`)."""
        keep = cls(_wanted(t.upper() for t in entity_types) if entity_types is not None else None,
                   _wanted(relation_types), _wanted(statuses), _wanted(docs), min_weight, include_negated)
        _check_known("entity type", keep.types, {e.type for e in entities(G)})
        _check_known("relation type", keep.relations, {edge_type(k, d) for *_, k, d in G.edges(keys=True, data=True)})
        for status in keep.statuses or ():
            if status not in STATUSES:
                raise InputError(f"unknown claim status {status!r}; use one of {', '.join(STATUSES)}")
        return keep

    def keeps_entity(self, node: Hashable, attrs: dict[str, Any]) -> bool:
        """Whether the entity is of a type asked for and mentioned in a document asked for."""
        record = Entity.from_attrs(attrs, id=node)
        return ((self.types is None or record.type in self.types)
                and (self.docs is None or not self.docs.isdisjoint(record.docs)))

    def kept_relation(self, u: Hashable, v: Hashable, key: str, attrs: dict[str, Any]) -> dict[str, Any] | None:
        """A copy of the relation's attributes cut down to the documents asked for, or ``None`` to drop it."""
        if self.relations is not None and edge_type(key, attrs) not in self.relations:
            return None
        data = copy.deepcopy(attrs)
        if self.docs is not None and not _cited_only_in(data, edge_of(u, v, key, data), self.docs):
            return None
        if edge_weight(data) < self.min_weight or not _counts(data, self.include_negated):
            return None
        if self.statuses is not None and edge_status(data) not in self.statuses:
            return None
        return data


def _cited_only_in(data: dict[str, Any], edge: Edge, docs: set[str]) -> bool:
    """Keep in ``data`` only the citations from ``docs``, with the weight, status and date span of what is
    left; ``False`` when none is left."""
    kept = [c for c in edge.citations if c.doc in docs]
    if not kept:
        return False
    data.update(citations=[c.to_attrs() for c in kept], weight=len(kept), status=strongest(c.status for c in kept))
    for end, pick, side in (("first", min, "start"), ("last", max, "end")):
        dates = [getattr(c.date, side) for c in kept if c.date is not None]
        data.pop(end, None)
        if dates:
            data[end] = pick(dates)
    return True


def _check_known(what: str, asked: set[str] | None, known: set[str]) -> None:
    """Raise :class:`InputError` naming the values of ``asked`` the graph lacks, and those it has."""
    unknown = sorted((asked or set()) - known)
    if unknown:
        names = ", ".join(repr(u) for u in unknown)
        have = ", ".join(sorted(known)) or "none"
        raise InputError(f"no {what} {names} in this graph; it has {have}")


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
    walkable = _walkable(include_negated)
    reached = {center: None}
    frontier = [center]
    for _ in range(hops):
        frontier = list(dict.fromkeys(v for u in frontier for v in _neighbours(G, u, walkable) if v not in reached))
        reached.update(dict.fromkeys(frontier))
    H = _induced(G, reached, walkable)
    H.graph["ego"] = {"center": center, "hops": hops}
    return H


def _walkable(include_negated: bool) -> Callable[[dict[str, Any]], bool]:
    """Whether a relation counts as a link for :func:`ego` and :func:`shortest_paths`.

    The same test :func:`filter_graph` applies with its defaults: a weight of
    at least 1, and not negated unless ``include_negated``.
    """
    return lambda attrs: edge_weight(attrs) >= 1 and _counts(attrs, include_negated)


def _neighbours(G: nx.MultiDiGraph, node: str, walkable: Callable[[dict[str, Any]], bool]) -> Iterator[str]:
    """The nodes linked to ``node`` by a walkable relation, either direction (a node may come twice)."""
    for adjacency in (G.succ[node], G.pred[node]):
        for other, keyed in adjacency.items():
            if other != node and any(walkable(attrs) for attrs in keyed.values()):
                yield other


def most_connected(G: nx.MultiDiGraph, *, include_negated: bool = False) -> list[str]:
    """Node ids, the most connected first: by number of linked entities, then mentions, then id.

    >>> most_connected(G)[:2]  # doctest: +SKIP
    ['donald-trump', 'vladimir-putin']
    """
    walkable = _walkable(include_negated)
    degree = {node: len(set(_neighbours(G, node, walkable))) for node in G}
    mentions = {record.id: record.mentions for record in entities(G)}
    return sorted(G, key=lambda n: (-degree[n], -mentions[n], str(n)))


@dataclass(frozen=True)
class Picked:
    """The entities :func:`pick_entities` chose, and a note for each name it had to replace."""

    nodes: tuple[str, ...]
    notes: tuple[str, ...]


def pick_entities(G: nx.MultiDiGraph, names: Sequence[str]) -> Picked:
    """The node ids of ``names``, in order; a name the graph lacks is replaced by the most connected entity
    not otherwise chosen, and :attr:`Picked.notes` says which.

    This lets one notebook or script, written with a sample's names, run on any graph.
    Raises :class:`InputError` when the graph has fewer entities than ``names``.

    >>> pick_entities(G, ["Paul Manafort", "Nobody Here"]).notes  # doctest: +SKIP
    ("'Nobody Here' is not in this graph; using 'Donald Trump', the most connected entity left (5 linked)",)
    """
    if G.number_of_nodes() < len(names):
        raise InputError(f"the graph has {G.number_of_nodes()} entities, fewer than the {len(names)} asked for")
    found: dict[int, str] = {}
    for i, name in enumerate(names):
        try:
            node = find_entity(G, name, suggestions=1)
        except EntityNotFound:
            continue
        if node not in found.values():
            found[i] = node
    ranked = iter([n for n in most_connected(G) if n not in found.values()])
    walkable = _walkable(False)
    nodes, notes = [], []
    for i, name in enumerate(names):
        node = found.get(i)
        if node is None:
            node = next(ranked)
            linked = len(set(_neighbours(G, node, walkable)))
            notes.append(f"{name!r} is not in this graph; using {entity(G, node).label!r}, "
                         f"the most connected entity left ({linked} linked)")
        nodes.append(node)
    return Picked(tuple(nodes), tuple(notes))


@dataclass(frozen=True)
class Hop:
    """One step of a path, from ``source`` to ``target``, with every relation that links them."""

    source: str
    target: str
    links: tuple[Edge, ...]


@dataclass(frozen=True)
class EntityPath:
    """A chain of hops from one entity to another; from an entity to itself, no hop and ``origin`` set."""

    hops: tuple[Hop, ...]
    origin: str | None = None

    @property
    def nodes(self) -> tuple[str, ...]:
        """The node ids along the path, ends included."""
        if not self.hops:
            return () if self.origin is None else (self.origin,)
        return (self.hops[0].source, *(h.target for h in self.hops))

    @property
    def weight(self) -> int:
        """Sum over hops of the best-supported relation's weight (more evidence ranks first)."""
        return sum(max(link.weight for link in hop.links) for hop in self.hops)


def links_of(G: nx.MultiDiGraph, a: str, b: str, *, include_negated: bool = False) -> tuple[Edge, ...]:
    """Every relation between node ids ``a`` and ``b`` in either direction, strongest first.

    >>> [link.type for link in links_of(G, "paul-manafort", "viktor-yanukovych")]  # doctest: +SKIP
    ['works_for', 'co_mentioned']
    """
    return _links(G, a, b, lambda attrs: _counts(attrs, include_negated))


def _links(G: nx.MultiDiGraph, a: str, b: str, keep: Callable[[dict[str, Any]], bool]) -> tuple[Edge, ...]:
    found = []
    for u, v in dict.fromkeys(((a, b), (b, a))):  # both directions, once each for a self-loop, in a fixed order
        for key, attrs in (G.get_edge_data(u, v) or {}).items():
            if not keep(attrs):
                continue
            found.append(edge_of(u, v, key, attrs))
    rank = {status: i for i, status in enumerate(STATUSES)}
    fallback = load_vocabulary().co_mentioned.name
    return tuple(sorted(found, key=lambda x: (x.type == fallback, rank.get(x.status, 9), -x.weight, x.type,
                                              x.source, x.target)))


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
) -> list[EntityPath]:
    """The shortest paths between two entities, each hop with all its evidence.

    Relations are walked in either direction.  Returns at most ``limit``
    paths, best supported first; an empty list when the entities are not
    connected (within ``max_hops``, if given).  From an entity to itself the
    one path has no hop.  Names are looked up with :func:`find_entity`.

    >>> for hop in shortest_paths(G, "Jared Kushner", "Vladimir Putin")[0].hops:  # doctest: +SKIP
    ...     print(hop.source, hop.links[0].type, hop.target)
    jared-kushner met_with sergey-kislyak
    sergey-kislyak associate_of vladimir-putin
    """
    if max_hops is not None and max_hops < 1:
        raise InputError(f"max hops must be 1 or more, not {max_hops}")
    a, b = find_entity(G, source), find_entity(G, target)
    if a == b:
        return [EntityPath((), origin=a)]
    walkable = _walkable(include_negated)
    found = list(islice(_shortest_walks(G, a, b, walkable, max_hops=max_hops), _MAX_PATHS))
    paths = [EntityPath(tuple(Hop(u, v, _links(G, u, v, walkable)) for u, v in pairwise(p))) for p in found]
    paths.sort(key=lambda p: (-p.weight, p.nodes))
    return paths[:limit]


def _shortest_walks(
    G: nx.MultiDiGraph, a: str, b: str, walkable: Callable[[dict[str, Any]], bool], *, max_hops: int | None
) -> Iterator[tuple[str, ...]]:
    """Every shortest path from ``a`` to ``b`` over walkable relations in either direction.

    A bidirectional breadth-first search: each round grows the smaller of the
    two frontiers by one layer, remembering every parent of each new node.
    The first layer that touches the other side holds the middle node of
    every shortest path, so the paths are the walks back to ``a`` and on to
    ``b`` through those nodes.  Only the two searched balls are visited,
    never the whole graph, and nothing is copied.
    """
    parents: tuple[dict[str, list[str]], dict[str, list[str]]] = ({a: []}, {b: []})
    frontiers = [[a], [b]]
    length = 0
    while frontiers[0] and frontiers[1] and (max_hops is None or length < max_hops):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        seen, other = parents[side], parents[1 - side]
        layer: dict[str, dict[str, None]] = {}
        for u in frontiers[side]:
            for v in _neighbours(G, u, walkable):
                if v not in seen:
                    layer.setdefault(v, {})[u] = None
        seen.update((v, list(us)) for v, us in layer.items())
        frontiers[side] = list(layer)
        length += 1
        middle = [v for v in layer if v in other]
        if middle:
            for node in middle:
                for back in _walks_to_root(parents[0], node):
                    for ahead in _walks_to_root(parents[1], node):
                        yield (*reversed(back), *ahead[1:])
            return


def _walks_to_root(parents: dict[str, list[str]], node: str) -> Iterator[tuple[str, ...]]:
    """Every walk from ``node`` back to the search root along ``parents`` (lazily: there may be very many)."""
    if not parents[node]:
        yield (node,)
    for parent in parents[node]:
        for rest in _walks_to_root(parents, parent):
            yield (node, *rest)


@dataclass(frozen=True)
class Neighbourhood:
    """What :func:`neighbourhood` kept, how many it reached, and through which entities it left the rest.

    ``skipped`` pairs a kept entity with the number of entities within reach that were left out behind it
    (its own neighbours not taken, and everything reached only through them), the largest first.
    """

    graph: nx.MultiDiGraph
    center: str
    hops: int
    reached: int
    skipped: tuple[tuple[str, int], ...]

    def summary(self, *, hubs: int = 3) -> str:
        """One line: what was kept of what was reached, and the biggest skipped hubs by name.

        >>> neighbourhood(G, "Jared Kushner", hops=2, limit=150).summary()  # doctest: +SKIP
        "150 of 1,601 entities within 2 hops of 'Jared Kushner'; + 1,210 more through 'Donald Trump', ..."
        """
        G = self.graph
        name = entity(G, self.center).label
        kept = G.number_of_nodes()
        hops = f"{self.hops} hop{'s' if self.hops != 1 else ''}"
        line = f"{kept:,} of {self.reached:,} entities within {hops} of {name!r}"
        if self.skipped:
            parts = [f"{count:,} more through {entity(G, hub).label!r}" for hub, count in self.skipped[:hubs]]
            rest = sum(count for _, count in self.skipped[hubs:])
            if rest:
                parts.append(f"{rest:,} through {len(self.skipped) - hubs:,} others")
            line += "; + " + ", ".join(parts)
        return line


def neighbourhood(
    G: nx.MultiDiGraph,
    entity: str,
    *,
    hops: int = 2,
    limit: int | None = 150,
    include_negated: bool = False,
) -> Neighbourhood:
    """The strongest part of :func:`ego`: at most ``limit`` entities within ``hops`` links of ``entity``.

    Hop by hop, the entities linked to those already kept are taken strongest link first (a typed
    relation before a co-mention, then more citations, then more mentions, then id) until ``limit``
    entities are kept; a hub does not flood the result with everything it touches.  What is left out
    is counted behind the kept entity it would have been reached through (:attr:`Neighbourhood.skipped`),
    never silently cut.  ``limit=None`` keeps everything: the same entities as :func:`ego`.

    >>> n = neighbourhood(G, "Jared Kushner", hops=2, limit=150)  # doctest: +SKIP
    >>> n.graph.number_of_nodes(), n.reached  # doctest: +SKIP
    (150, 1601)
    """
    if hops < 0:
        raise InputError(f"hops must be 0 or more, not {hops}")
    if limit is not None and limit < 1:
        raise InputError(f"limit must be 1 or more, not {limit}")
    center = find_entity(G, entity)
    walkable = _walkable(include_negated)
    kept = {center: None}
    behind: dict[str, str] = {}  # an entity left out -> the kept entity it is reached through
    reached = {center}
    frontier = [center]
    for _ in range(hops):
        best: dict[str, tuple[tuple[int, int], str]] = {}
        for u in frontier:
            for v, strength in _link_strengths(G, u, walkable):
                if v in reached:
                    continue
                candidate = ((u in kept, *strength), u)
                if v not in best or candidate[0] > best[v][0]:
                    best[v] = candidate
        ranked = sorted(best, key=lambda v: (not best[v][0][0], tuple(-x for x in best[v][0][1:]),
                                             -Entity.from_attrs(G.nodes[v], id=v).mentions, str(v)))
        for v in ranked:
            parent = best[v][1]
            reached.add(v)
            if parent in kept and (limit is None or len(kept) < limit):
                kept[v] = None
            else:
                behind[v] = parent if parent in kept else behind[parent]
        frontier = ranked
    counts: dict[str, int] = {}
    for hub in behind.values():
        counts[hub] = counts.get(hub, 0) + 1
    H = ego(G, center, hops=hops, include_negated=include_negated) if limit is None else _induced(G, kept, walkable)
    H.graph["ego"] = {"center": center, "hops": hops}
    skipped = tuple(sorted(counts.items(), key=lambda item: (-item[1], str(item[0]))))
    return Neighbourhood(graph=H, center=center, hops=hops, reached=len(reached), skipped=skipped)


def _link_strengths(
    G: nx.MultiDiGraph, node: str, walkable: Callable[[dict[str, Any]], bool]
) -> Iterator[tuple[str, tuple[int, int]]]:
    """Each entity linked to ``node`` with the strength of its best link: (typed relation?, citations)."""
    co_mentioned = load_vocabulary().co_mentioned.name
    best: dict[str, tuple[int, int]] = {}
    for adjacency in (G.succ[node], G.pred[node]):
        for other, keyed in adjacency.items():
            if other == node:
                continue
            for key, attrs in keyed.items():
                if walkable(attrs):
                    strength = (int(edge_type(key, attrs) != co_mentioned), edge_weight(attrs))
                    best[other] = max(best.get(other, strength), strength)
    return iter(best.items())


def _induced(G: nx.MultiDiGraph, nodes: Iterable[str], walkable: Callable[[dict[str, Any]], bool]) -> nx.MultiDiGraph:
    """A copy of the entities ``nodes`` and the walkable relations among them."""
    order = list(dict.fromkeys(nodes))  # the caller's order, so the copy is the same on every run
    keep = set(order)
    H = nx.MultiDiGraph()
    H.graph.update(copy.deepcopy(G.graph))
    H.add_nodes_from((n, copy.deepcopy(G.nodes[n])) for n in order)
    H.add_edges_from(
        (u, v, key, copy.deepcopy(attrs))
        for u in order
        for v, keyed in G.succ[u].items()
        if v in keep
        for key, attrs in keyed.items()
        if walkable(attrs)
    )
    return H


#: The first view of a big graph shows about this many entities at most, and at least OVERVIEW_MIN.
OVERVIEW_MAX = 300
OVERVIEW_MIN = 150


def overview_size(entities: int) -> int:
    """How many entities the first view of a graph of ``entities`` shows: all of a small graph; of a
    bigger one four times the square root, between 150 and 300 (2,955 entities: 217).

    >>> overview_size(29), overview_size(2955), overview_size(50_000)
    (29, 217, 300)
    """
    if entities <= OVERVIEW_MAX:
        return entities
    return max(OVERVIEW_MIN, min(OVERVIEW_MAX, round(4 * entities**0.5)))


def overview_order(G: nx.MultiDiGraph) -> list[str]:
    """Every entity, those that matter most first, each (where it can be) linked to one listed before it.

    An entity's weight is the number of entities it is linked to by a non-negated relation, with those
    linked by a typed relation (not a co-mention) counted three times; ties go to more citations, then
    more mentions, then the smaller id.  The list grows like a tree from the heaviest entity: next comes
    the heaviest entity linked to one already listed, so the first N form one connected picture and no
    entity in it is alone; when a part of the graph is used up, the heaviest entity left starts the next.

    >>> overview_order(G)[:3]  # doctest: +SKIP
    ['donald-trump', 'russia', 'hillary-clinton']
    """
    import heapq

    co_mentioned = load_vocabulary().co_mentioned.name
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    linked: list[set[int]] = [set() for _ in nodes]
    typed: list[set[int]] = [set() for _ in nodes]
    cited = [0] * len(nodes)
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if u == v or edge_status(attrs) == "negated":
            continue
        i, j = index[u], index[v]
        linked[i].add(j)
        linked[j].add(i)
        weight = edge_weight(attrs)
        cited[i] += weight
        cited[j] += weight
        if edge_type(key, attrs) != co_mentioned:
            typed[i].add(j)
            typed[j].add(i)
    mentions = [record.mentions for record in entities(G)]
    by_rank = sorted(range(len(nodes)), key=lambda i: (-(len(linked[i]) + 2 * len(typed[i])), -cited[i],
                                                       -mentions[i], str(nodes[i])))
    rank = [0] * len(nodes)
    for position, i in enumerate(by_rank):
        rank[i] = position
    order: list[str] = []
    listed = [False] * len(nodes)
    heap: list[int] = []  # ranks of entities linked to one listed
    start = 0
    while len(order) < len(nodes):
        if not heap:
            while listed[by_rank[start]]:
                start += 1
            heap.append(start)
        i = by_rank[heapq.heappop(heap)]
        if listed[i]:
            continue
        listed[i] = True
        order.append(nodes[i])
        for j in linked[i]:
            if not listed[j]:
                heapq.heappush(heap, rank[j])
    return order

"""From documents to a cited entity graph.

:func:`build_graph` runs the whole pass in memory and returns the graph;
:func:`build` also writes ``graph.json`` and ``graph.html`` to a folder and
returns a :class:`BuildReport` for the summary.  Both stream: each
document's parse is reduced into the resolver as soon as it is done.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import networkx as nx

from extract import ExtractOptions, Reducer, Resolution, extract_records, iter_documents, load_pipeline, model_info
from extract.cache import CACHE_NAME, RecordCache, cache_fingerprint, cached_records
from extract.curation import Curation
from extract.dates import date_record
from extract.documents import Discovered
from extract.errors import DocumentError, InputError, NothingRead, OutputError
from extract.formats import Limits, RowFields
from extract.pipeline import ChunkDone
from extract.records import Document, DocumentRecord
from extract.vocabulary import load_vocabulary
from graph import schema
from graph.io import dumps_graph
from graph.output import check_writable, output_lock, write_outputs
from graph.schema import FORMAT_VERSION, DocumentInfo, add_edge, add_entity

__all__ = ["BuildOptions", "BuildReport", "ENGINES", "Engine", "build", "build_graph", "graph_from_resolution",
           "TOOL_VERSION"]

TOOL_VERSION = "0.1.0"


class Engine(StrEnum):
    """Where extraction runs: this machine (``workers`` processes) or a Dask cluster."""

    LOCAL = "local"
    DASK = "dask"


#: The engines' names, for messages and help text.
ENGINES = tuple(e.value for e in Engine)


@dataclass(frozen=True)
class BuildOptions:
    """Every option of a build, declared once: :func:`build`, :func:`build_graph` and ``tangle build`` take these.

    ``model`` names an installed spaCy pipeline; ``norp`` keeps nationalities
    and groups as entities; ``curation`` is the analyst's rules; ``fields``
    names the text, id and title fields of ``.jsonl``/``.csv`` rows;
    ``workers`` runs extraction in that many processes, ``engine`` picks
    where it runs (:class:`Engine`; a name such as ``"dask"`` is accepted),
    ``scheduler`` the Dask cluster (a local one without it); ``limits``
    bounds what one file may ask of a reader.  ``cache`` and ``page`` are
    about what :func:`build` writes (the record cache in the output folder,
    and ``graph.html``); :func:`build_graph` writes nothing.  The output
    bytes depend on ``model``, ``norp`` and ``curation`` only.

    Raises :class:`InputError` for an unknown engine or fewer than one worker.

    >>> BuildOptions(workers=2, engine="dask").engine
    <Engine.DASK: 'dask'>
    """

    model: str | None = None
    norp: bool = False
    curation: Curation | None = None
    fields: RowFields | None = None
    workers: int = 1
    engine: Engine = Engine.LOCAL
    scheduler: str | None = None
    cache: bool = True
    limits: Limits | None = None
    page: bool = True

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "engine", Engine(self.engine))
        except ValueError:
            raise InputError(f"unknown `engine` {self.engine!r}; choose one of {', '.join(ENGINES)}",
                             parameters=("engine",)) from None
        if self.workers < 1:
            raise InputError(f"`workers` must be 1 or more, not {self.workers}", parameters=("workers",))


def _options(options: BuildOptions | None, changes: dict[str, Any]) -> BuildOptions:
    """``options`` (default: :class:`BuildOptions`'s defaults) with ``changes`` applied."""
    return replace(options or BuildOptions(), **changes)


def graph_from_resolution(resolution: Resolution, *, model: dict[str, str],
                          curation: Curation | None = None) -> nx.MultiDiGraph:
    """The ``MultiDiGraph`` of a resolved corpus: one node per entity, one keyed edge per relation type.

    With ``curation``, the graph keeps its rules and the stale ones (``G.graph["curation"]``).
    """
    G = nx.MultiDiGraph()
    G.graph["tangle"] = {"version": TOOL_VERSION, "format": FORMAT_VERSION}
    G.graph["model"] = dict(model)
    G.graph["documents"] = [DocumentInfo.from_attrs(d).to_attrs() for d in resolution.documents]
    if curation:
        G.graph["curation"] = {"rules": curation.to_dict(), "stale": list(resolution.stale)}
    for entity in resolution.entities:
        add_entity(G, entity)
    for edge in resolution.edges:
        add_edge(G, edge)
    return G


@dataclass
class BuildReport:
    """What a build read, skipped and produced."""

    graph: nx.MultiDiGraph
    documents: int
    skipped: list[DocumentError] = field(default_factory=list)
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    #: Documents whose record came from the cache, and documents run through the pipeline.
    cached: int = 0
    extracted: int = 0
    #: Things the user should know that did not stop the build (a cache that could not be used).
    notes: list[str] = field(default_factory=list)
    #: ``(name, label)``: entities the curation renamed onto another entity's label, merged into it.
    merged: list[tuple[str, str]] = field(default_factory=list)
    #: Curation rules that matched nothing in this corpus, one line each (the rule and why).
    stale: list[str] = field(default_factory=list)

    @property
    def entities_by_type(self) -> Counter[str]:
        return Counter(e.type for e in schema.entities(self.graph))

    @property
    def relations_by_type(self) -> Counter[str]:
        return Counter(k for _, _, k in self.graph.edges(keys=True))

    @property
    def skipped_by_kind(self) -> Counter[str]:
        return Counter(err.kind for err in self.skipped)

    @property
    def encodings(self) -> Counter[str]:
        """How many documents were decoded from each encoding other than UTF-8."""
        return Counter(d.meta["encoding"] for d in schema.documents(self.graph) if "encoding" in d.meta)

    @property
    def duplicates(self) -> int:
        """Files not read again because their bytes equal a file read before."""
        return sum(len(d.also_at) for d in schema.documents(self.graph))


def build_graph(
    paths: Sequence[str | os.PathLike[str]],
    options: BuildOptions | None = None,
    *,
    nlp=None,
    on_error: Callable[[DocumentError], None] | None = None,
    on_record: Callable[[DocumentRecord], None] | None = None,
    on_chunk: Callable[[ChunkDone], None] | None = None,
    **changes: Any,
) -> nx.MultiDiGraph:
    """Build the entity graph of the documents under ``paths`` (paths, or :class:`Document` objects).

    ``options`` are the :class:`BuildOptions`; any of them may also be given
    as a keyword (``build_graph(paths, workers=2)``).  ``nlp`` is a loaded
    spaCy pipeline to use instead of loading ``options.model``.

    Example:
        >>> G = build_graph(["data"])  # doctest: +SKIP
        >>> G.nodes["paul-manafort"]["type"]  # doctest: +SKIP
        'PERSON'
    """
    return _run(paths, _options(options, changes), nlp=nlp, on_error=on_error, on_record=on_record,
                on_chunk=on_chunk).graph


def _run(paths, settings: BuildOptions, *, nlp, on_error, on_record, on_chunk=None,
         cache_path: Path | None = None) -> BuildReport:
    started = time.perf_counter()
    model, workers, engine, scheduler = settings.model, settings.workers, settings.engine, settings.scheduler
    vocab = load_vocabulary()
    nlp = nlp if nlp is not None else load_pipeline(model, vocab=vocab)
    options = ExtractOptions(norp=settings.norp)
    skipped: list[DocumentError] = []

    def skip(err: DocumentError) -> None:
        skipped.append(err)
        if on_error is not None:
            on_error(err)

    def extract(documents):
        if engine is Engine.DASK:
            from extract.distributed import dask_records

            return dask_records(documents, model=model, options=options, scheduler=scheduler)
        if workers > 1:
            from extract.parallel import parallel_records

            return parallel_records(documents, model=model, nlp=nlp, options=options, workers=workers)
        return extract_records(documents, nlp, options=options, vocab=vocab, on_chunk=on_chunk)

    documents = _documents(paths, on_error=skip, fields=settings.fields, limits=settings.limits)
    reducer = Reducer(vocab=vocab, curation=settings.curation or Curation())
    cache = None
    notes: list[str] = []
    if cache_path is not None:
        fingerprint = cache_fingerprint(model=model_info(nlp), vocab_fingerprint=vocab.fingerprint,
                                        options=options, tool_version=TOOL_VERSION)
        try:
            cache = RecordCache(cache_path, fingerprint=fingerprint)
        except OutputError as err:
            notes.append(f"building without the cache: {err}")
    try:
        records = cached_records(documents, cache, extract) if cache is not None else extract(documents)
        for record in records:
            record = date_record(record)
            reducer.add(record)
            if on_record is not None:
                on_record(record)
    finally:
        if cache is not None:
            cache.close()
    resolution = reducer.result()
    graph = graph_from_resolution(resolution, model=model_info(nlp), curation=settings.curation)
    count = len(reducer.documents)
    cached = cache.hits if cache is not None else 0
    return BuildReport(graph=graph, documents=count, skipped=skipped, seconds=time.perf_counter() - started,
                       cached=cached, extracted=count - cached, notes=notes,
                       merged=list(resolution.merged), stale=list(resolution.stale))


def _documents(paths, *, on_error, fields=None, limits=None) -> Iterable[Document]:
    """``paths`` read lazily, or used as they are when they are already :class:`Document` objects.

    Files that :func:`~extract.documents.discover` found are read without walking the folders again.
    """
    items = paths if isinstance(paths, Discovered) else list(paths)
    if items and all(isinstance(item, Document) for item in items):
        return items
    return iter_documents(items, on_error=on_error, fields=fields, limits=limits)


def build(
    paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    options: BuildOptions | None = None,
    *,
    nlp=None,
    on_error: Callable[[DocumentError], None] | None = None,
    on_record: Callable[[DocumentRecord], None] | None = None,
    on_chunk: Callable[[ChunkDone], None] | None = None,
    **changes: Any,
) -> BuildReport:
    """Build the graph of ``paths`` and write ``graph.json`` (and ``graph.html``) into ``out_dir``.

    ``options`` are the :class:`BuildOptions` (each may also be given as a
    keyword: ``build(paths, "out", workers=2)``); ``paths`` may be what
    :func:`~extract.documents.discover` returned.  With ``options.cache``,
    records are kept in ``out_dir/cache.sqlite`` and only new or changed
    documents go through the pipeline on the next build; with
    ``options.page``, ``graph.html`` is written too.  ``on_chunk`` is called
    with a :class:`~extract.pipeline.ChunkDone` after each parsed chunk of a
    document (with one local worker; other engines report whole documents
    through ``on_record``).

    The folder is checked for writing before anything is parsed, and locked
    for the whole build (:mod:`graph.output`): a second build into it raises
    :class:`OutputError` at once.  ``graph.json`` and ``graph.html`` are
    written as a pair, then ``tangle-manifest.json`` naming the build.

    Raises :class:`NothingRead` when no document could be read, and
    :class:`OutputError` when the folder cannot be written (read-only, disk
    full); earlier outputs in ``out_dir`` are then left untouched.
    """
    settings = _options(options, changes)
    out = check_writable(out_dir)
    inputs = paths if isinstance(paths, Discovered) else list(paths)
    with output_lock(out):
        report = _run(inputs, settings, nlp=nlp, on_error=on_error, on_record=on_record, on_chunk=on_chunk,
                      cache_path=out / CACHE_NAME if settings.cache else None)
        if report.documents == 0:
            raise NothingRead("no document could be read; each skipped file is named above with the reason")
        files = {"graph.json": dumps_graph(report.graph)}
        if settings.page:
            from graph.page import render_page

            files["graph.html"] = render_page(report.graph)
        report.outputs.extend(write_outputs(out, files, version=dict(report.graph.graph["tangle"])))
    return report

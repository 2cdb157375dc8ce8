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
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from extract import ExtractOptions, Reducer, Resolution, extract_records, iter_documents, load_pipeline, model_info
from extract.cache import CACHE_NAME, RecordCache, cache_fingerprint, cached_records
from extract.curation import Curation
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

__all__ = ["BuildReport", "ENGINES", "build", "build_graph", "graph_from_resolution", "TOOL_VERSION"]

TOOL_VERSION = "0.1.0"
#: Where extraction runs: this machine (``workers`` processes) or a Dask cluster.
ENGINES = ("local", "dask")


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
    *,
    model: str | None = None,
    nlp=None,
    norp: bool = False,
    curation: Curation | None = None,
    on_error: Callable[[DocumentError], None] | None = None,
    on_record: Callable[[DocumentRecord], None] | None = None,
    on_chunk: Callable[[ChunkDone], None] | None = None,
    fields: RowFields | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    limits: Limits | None = None,
) -> nx.MultiDiGraph:
    """Build the entity graph of the documents under ``paths`` (paths, or :class:`Document` objects).

    Example:
        >>> G = build_graph(["data"])  # doctest: +SKIP
        >>> G.nodes["paul-manafort"]["type"]  # doctest: +SKIP
        'PERSON'
    """
    return _run(paths, model=model, nlp=nlp, norp=norp, curation=curation, on_error=on_error,
                on_record=on_record, on_chunk=on_chunk, workers=workers, engine=engine, scheduler=scheduler,
                fields=fields, limits=limits).graph


def _run(paths, *, model, nlp, norp, curation, on_error, on_record, on_chunk=None, workers=1, engine="local",
         scheduler=None, cache_path: Path | None = None, fields: RowFields | None = None,
         limits: Limits | None = None) -> BuildReport:
    started = time.perf_counter()
    _check_options(engine=engine, workers=workers)
    vocab = load_vocabulary()
    nlp = nlp if nlp is not None else load_pipeline(model, vocab=vocab)
    options = ExtractOptions(norp=norp)
    skipped: list[DocumentError] = []

    def skip(err: DocumentError) -> None:
        skipped.append(err)
        if on_error is not None:
            on_error(err)

    def extract(documents):
        if engine == "dask":
            from extract.distributed import dask_records

            return dask_records(documents, model=model, options=options, scheduler=scheduler)
        if workers > 1:
            from extract.parallel import parallel_records

            return parallel_records(documents, model=model, nlp=nlp, options=options, workers=workers)
        return extract_records(documents, nlp, options=options, vocab=vocab, on_chunk=on_chunk)

    documents = _documents(paths, on_error=skip, fields=fields, limits=limits)
    reducer = Reducer(vocab=vocab, curation=curation or Curation())
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
            reducer.add(record)
            if on_record is not None:
                on_record(record)
    finally:
        if cache is not None:
            cache.close()
    resolution = reducer.result()
    graph = graph_from_resolution(resolution, model=model_info(nlp), curation=curation)
    count = len(reducer.documents)
    cached = cache.hits if cache is not None else 0
    return BuildReport(graph=graph, documents=count, skipped=skipped, seconds=time.perf_counter() - started,
                       cached=cached, extracted=count - cached, notes=notes,
                       merged=list(resolution.merged), stale=list(resolution.stale))


def _check_options(*, engine: str, workers: int) -> None:
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if workers < 1:
        raise InputError(f"--workers must be 1 or more, not {workers}")


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
    *,
    model: str | None = None,
    nlp=None,
    norp: bool = False,
    curation: Curation | None = None,
    page: bool = True,
    on_error: Callable[[DocumentError], None] | None = None,
    on_record: Callable[[DocumentRecord], None] | None = None,
    on_chunk: Callable[[ChunkDone], None] | None = None,
    fields: RowFields | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    cache: bool = True,
    limits: Limits | None = None,
) -> BuildReport:
    """Build the graph of ``paths`` and write ``graph.json`` (and ``graph.html``) into ``out_dir``.

    ``fields`` names the text, id and title fields of ``.jsonl``/``.csv`` rows;
    ``workers`` runs extraction in that many processes; ``engine="dask"``
    runs it on the Dask cluster at ``scheduler`` (a local one without it).
    ``limits`` bounds what one file may ask of a reader; ``paths`` may be
    what :func:`~extract.documents.discover` returned.
    With ``cache``, records are kept in ``out_dir/cache.sqlite`` and only
    new or changed documents go through the pipeline on the next build.
    The output bytes do not depend on any of these.  ``on_chunk`` is called
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
    _check_options(engine=engine, workers=workers)
    out = check_writable(out_dir)
    inputs = paths if isinstance(paths, Discovered) else list(paths)
    with output_lock(out):
        report = _run(inputs, model=model, nlp=nlp, norp=norp, curation=curation, on_error=on_error,
                      on_record=on_record, on_chunk=on_chunk, workers=workers, engine=engine,
                      scheduler=scheduler, cache_path=out / CACHE_NAME if cache else None, fields=fields,
                      limits=limits)
        if report.documents == 0:
            raise NothingRead("no document could be read; each skipped file is named above with the reason")
        files = {"graph.json": dumps_graph(report.graph)}
        if page:
            from graph.page import render_page

            files["graph.html"] = render_page(report.graph)
        report.outputs.extend(write_outputs(out, files, version=dict(report.graph.graph["tangle"])))
    return report

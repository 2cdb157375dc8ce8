"""Extraction on a Dask cluster (``tangle build --engine dask``).

The client sends batches of documents to the workers; each worker loads the
spaCy pipeline once (a module-level cache keyed by model name) and returns
the plain :meth:`DocumentRecord.to_dict` form of each record.  The client
keeps a bounded window of batches in flight and yields the records in
document order, so the result is the same as a local build.  Workers need
Tangle importable (installed, or on ``PYTHONPATH``) and the same model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from extract.errors import InputError
from extract.parallel import batch_dicts, ordered_records
from extract.pipeline import ExtractOptions, load_pipeline
from extract.records import Document, DocumentRecord

__all__ = ["dask_records"]

_PIPELINES: dict[str | None, Any] = {}


def _extract_batch(documents: list[Document], model: str | None, options: ExtractOptions) -> list[dict[str, Any]]:
    """Run on a worker: the records of ``documents`` as plain dicts (the pipeline is loaded once per worker)."""
    nlp = _PIPELINES.get(model)
    if nlp is None:
        nlp = _PIPELINES[model] = load_pipeline(model)
    return batch_dicts(documents, nlp, options)


def dask_records(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    options: ExtractOptions | None = None,
    scheduler: str | None = None,
    batch_size: int = 16,
) -> Iterator[DocumentRecord]:
    """Records of ``documents``, in order, extracted on the Dask cluster at ``scheduler``.

    Without ``scheduler`` a ``LocalCluster`` with one single-threaded worker
    process per core is started and closed at the end.

    >>> records = dask_records(iter_documents(["data"]), scheduler="tcp://10.0.0.5:8786")  # doctest: +SKIP
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise InputError("`engine` dask needs dask.distributed; install it with 'pip install distributed'",
                         parameters=("engine",)) from exc
    options = options or ExtractOptions()
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
    except OSError as exc:
        raise InputError(f"cannot reach the Dask scheduler {scheduler!r} ({exc}); check the `scheduler` address",
                         parameters=("scheduler",)) from exc
    try:
        window = 2 * max(1, len(client.scheduler_info().get("workers", {})))

        def submit(batch: list[Document]) -> Any:
            return client.submit(_extract_batch, batch, model, options, pure=False)

        yield from ordered_records(documents, submit, window=window, batch_size=batch_size)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

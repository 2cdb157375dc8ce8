"""Extraction in a pool of local processes (``tangle build --workers N``).

Each task is a batch of documents; the worker parses them *and* builds their
records, and sends back only the small :meth:`DocumentRecord.to_dict` form, so
the parent never receives a spaCy ``Doc``.  The parent keeps a bounded window
of batches in flight and yields records in document order, so the output is
the same as with one worker.  :func:`ordered_records` is that loop, and
:func:`batch_dicts` what a worker sends back, both shared with the Dask engine
(:mod:`extract.distributed`).

Workers are forked where the platform allows it and then use the parent's
already loaded pipeline (no second load, pages shared copy-on-write); where
they must be spawned, each loads ``load_pipeline(model)`` once, and a worker
whose pipeline is not the parent's (name and version) stops the build.

Workers never outlive the build: on Linux the kernel kills them when the
build process dies (``PR_SET_PDEATHSIG``), and everywhere a thread in each
worker ends it within a second of its parent being gone, so a killed build
leaves no orphans.  Workers ignore Ctrl-C (a terminal sends it to them too);
the build process stops them at once when it is interrupted, so Ctrl-C ends
a build within a couple of seconds instead of after the batches in flight.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Any, Protocol

from spacy.language import Language

from extract.cache import reattach
from extract.errors import ModelError
from extract.pipeline import ExtractOptions, extract_records, load_pipeline, model_info
from extract.records import Document, DocumentRecord

__all__ = ["batch_dicts", "ordered_records", "parallel_records"]


class _Future(Protocol):
    def result(self) -> list[dict[str, Any]]: ...


def batch_dicts(documents: list[Document], nlp: Language, options: ExtractOptions) -> list[dict[str, Any]]:
    """What a worker of either engine sends back for one batch: the records of ``documents`` as
    :meth:`DocumentRecord.to_dict` dicts, in order, which :func:`ordered_records` reads back."""
    return [record.to_dict() for record in extract_records(documents, nlp, options=options)]


def ordered_records(
    documents: Iterable[Document],
    submit: Callable[[list[Document]], _Future],
    *,
    window: int,
    batch_size: int,
) -> Iterator[DocumentRecord]:
    """Records of ``documents`` in order, with at most ``window`` batches submitted and not yet yielded.

    ``submit`` starts the extraction of one batch and returns a future whose
    ``result()`` is the list of ``DocumentRecord.to_dict()`` of the batch, in order.
    """
    stream = iter(documents)
    in_flight: deque[tuple[list[Document], _Future]] = deque()
    while True:
        while len(in_flight) < window:
            batch = list(islice(stream, batch_size))
            if not batch:
                break
            in_flight.append((batch, submit(batch)))
        if not in_flight:
            return
        batch, future = in_flight.popleft()
        for document, data in zip(batch, future.result(), strict=True):
            yield reattach(DocumentRecord.from_dict(data), document)


_WORKER: dict[str, Any] = {}
#: ``prctl`` option: the signal the kernel sends this process when its parent dies (Linux).
PR_SET_PDEATHSIG = 1
#: Seconds between two checks that the parent is still there (where there is no parent-death signal).
PARENT_CHECK_SECONDS = 1.0


def _start_worker(nlp: Language | None, model: str | None, options: ExtractOptions, parent: int) -> None:
    """Pool initializer: die with the parent, leave Ctrl-C to it, keep the pipeline and the options."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["nlp"] = nlp if nlp is not None else load_pipeline(model)
    _WORKER["options"] = options


def _die_with_parent(parent: int) -> None:
    """End this worker when process ``parent`` is gone, even if it was killed and ran no cleanup."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="tangle-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers instead of waiting for the batches they are parsing."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            process.join(timeout=1)


def _extract_batch(documents: list[Document]) -> list[dict[str, Any]]:
    """Run in a worker: the records of ``documents`` as plain dicts."""
    return batch_dicts(documents, _WORKER["nlp"], _WORKER["options"])


def _worker_model() -> dict[str, str]:
    return model_info(_WORKER["nlp"])


def parallel_records(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    nlp: Language | None = None,
    options: ExtractOptions | None = None,
    workers: int = 2,
    batch_size: int = 8,
) -> Iterator[DocumentRecord]:
    """Records of ``documents``, in order, extracted by ``workers`` processes.

    ``nlp`` is the parent's pipeline: forked workers use it as it is; spawned
    ones load ``model`` (the default pipeline without it) and must end up with
    the same name and version, else :class:`ModelError` is raised.

    >>> records = list(parallel_records(iter_documents(["data"]), workers=2))  # doctest: +SKIP
    """
    options = options or ExtractOptions()
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    inherited = nlp if fork else None
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                               initargs=(inherited, model, options, os.getpid()))
    finished = False
    try:
        if nlp is not None and not fork:
            expected = model_info(nlp)
            found = pool.submit(_worker_model).result()
            if found != expected:
                raise ModelError(f"worker processes loaded the pipeline {found}, not the build's {expected}; "
                                 "name an installed model with `model` or use `workers=1`",
                                 parameters=("model", "workers=1"))
        yield from ordered_records(documents, lambda batch: pool.submit(_extract_batch, batch),
                                   window=2 * workers, batch_size=batch_size)
        finished = True
    finally:
        if finished:
            pool.shutdown(cancel_futures=True)
        else:  # interrupted, failed, or abandoned by the caller: nothing in flight is wanted
            _stop_now(pool)

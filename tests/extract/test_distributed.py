"""extract.distributed: extraction on a Dask cluster gives the records of a local build, in order."""

from __future__ import annotations

import sys

import pytest

import extract.distributed as distributed
from extract.distributed import dask_records
from extract.documents import make_document
from extract.errors import InputError
from extract.pipeline import ExtractOptions, extract_records

TEXTS = ["Ann Lee met Bob Roe in Paris.", "Russian officials met Carl Poe.", "Dan Moe works for Acme Corp.",
         "Eve Tan praised Ann Lee.", "Nothing to see here."]


def _documents():
    return [make_document(text, path=f"d{i}.txt", doc_id=f"d{i}") for i, text in enumerate(TEXTS)]


@pytest.fixture
def loads(monkeypatch, nlp):
    """The models the worker loads (each load gives the session's pipeline), with an empty worker cache."""
    loaded: list[str | None] = []

    def load(model=None):
        loaded.append(model)
        return nlp

    monkeypatch.setattr(distributed, "_PIPELINES", {})
    monkeypatch.setattr(distributed, "load_pipeline", load)
    return loaded


@pytest.mark.slow
def test_a_worker_loads_each_model_once(loads):
    documents = _documents()
    distributed._extract_batch(documents[:2], None, ExtractOptions())
    distributed._extract_batch(documents[2:], None, ExtractOptions())
    distributed._extract_batch(documents[:1], "other_model", ExtractOptions())
    assert loads == [None, "other_model"]


@pytest.mark.slow
@pytest.mark.parametrize("norp", [False, True])
def test_a_worker_extracts_with_the_builds_options(loads, nlp, norp):
    """The worker is given the build's ExtractOptions, not a copy of some of its fields."""
    documents = _documents()
    options = ExtractOptions(norp=norp)
    sent = distributed._extract_batch(documents, None, options)
    assert sent == [r.to_dict() for r in extract_records(documents, nlp, options=options)]
    assert any(m["label"] == "NORP" for m in sent[1]["mentions"]) is norp


@pytest.mark.slow
def test_records_come_back_in_document_order_from_a_cluster(loads, nlp):
    """An in-process cluster (worker threads, so the worker uses the session's pipeline) and small batches."""
    from dask.distributed import LocalCluster

    documents = _documents()
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        records = list(dask_records(documents, scheduler=cluster.scheduler_address, batch_size=2))
    assert [r.document for r in records] == documents  # the documents, text and all, are attached again
    assert [r.to_dict() for r in records] == [r.to_dict() for r in extract_records(documents, nlp)]


def test_without_dask_distributed_the_error_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails
    with pytest.raises(InputError) as info:
        next(dask_records(_documents()))
    assert str(info.value) == ("`engine` dask needs dask.distributed; install it with 'pip install distributed'")
    assert info.value.parameters == ("engine",)


def test_an_unreachable_scheduler_is_one_clear_error():
    dask = pytest.importorskip("dask")
    pytest.importorskip("dask.distributed")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), pytest.raises(InputError) as info:
        next(dask_records(_documents(), scheduler="tcp://127.0.0.1:9"))
    assert str(info.value).startswith("cannot reach the Dask scheduler 'tcp://127.0.0.1:9' (")
    assert str(info.value).endswith("); check the `scheduler` address")
    assert info.value.parameters == ("scheduler",)

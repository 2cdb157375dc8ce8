"""Same graph.json bytes however extraction runs: workers, cache, Dask."""

from __future__ import annotations

import shutil

import pytest

from graph.build import build
from tests.conftest import DATA

pytestmark = pytest.mark.slow


def graph_bytes(out) -> bytes:
    return (out / "graph.json").read_bytes()


def test_two_workers_give_the_same_bytes_as_one(tmp_path, nlp, sample_out):
    report = build([DATA], tmp_path, nlp=nlp, page=False, workers=2, cache=False)
    assert report.extracted == 3
    assert graph_bytes(tmp_path) == graph_bytes(sample_out)


def test_spawned_workers_load_the_same_pipeline_and_give_the_same_bytes(tmp_path, nlp, sample_out, monkeypatch):
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    report = build([DATA], tmp_path, nlp=nlp, page=False, workers=2, cache=False)
    assert report.extracted == 3
    assert graph_bytes(tmp_path) == graph_bytes(sample_out)


def test_rebuild_after_adding_a_document_parses_only_it(tmp_path, nlp):
    docs = tmp_path / "docs"
    shutil.copytree(DATA, docs)
    added = docs / "001_891d42e4bd53e140.txt"
    kept = added.read_text(encoding="utf-8")
    added.unlink()
    first = build([docs], tmp_path / "out", nlp=nlp, page=False)
    assert (first.cached, first.extracted) == (0, 2)
    added.write_text(kept, encoding="utf-8")
    warm = build([docs], tmp_path / "out", nlp=nlp, page=False)
    assert (warm.cached, warm.extracted) == (2, 1)
    build([docs], tmp_path / "cold", nlp=nlp, page=False, cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "cold")


def test_renamed_document_is_a_hit_cited_under_its_new_id(tmp_path, nlp):
    docs = tmp_path / "docs"
    shutil.copytree(DATA, docs)
    build([docs], tmp_path / "out", nlp=nlp, page=False)
    (docs / "000_aaa0750c60e1d559.txt").rename(docs / "renamed.txt")
    warm = build([docs], tmp_path / "out", nlp=nlp, page=False)
    assert (warm.cached, warm.extracted) == (3, 0)
    build([docs], tmp_path / "cold", nlp=nlp, page=False, cache=False)
    assert graph_bytes(tmp_path / "out") == graph_bytes(tmp_path / "cold")
    assert b'"doc": "renamed"' in graph_bytes(tmp_path / "out")


def test_corrupt_cache_is_rebuilt_with_the_same_graph(tmp_path, nlp, sample_out):
    (tmp_path / "cache.sqlite").write_bytes(b"\x00garbage" * 1000)
    report = build([DATA], tmp_path, nlp=nlp, page=False)
    assert (report.cached, report.extracted) == (0, 3)
    assert graph_bytes(tmp_path) == graph_bytes(sample_out)
    again = build([DATA], tmp_path, nlp=nlp, page=False)
    assert (again.cached, again.extracted) == (3, 0)
    assert graph_bytes(tmp_path) == graph_bytes(sample_out)


def test_dask_cluster_gives_the_same_bytes(tmp_path, nlp, sample_out):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        report = build([DATA], tmp_path, nlp=nlp, page=False, cache=False, engine="dask",
                       scheduler=cluster.scheduler_address)
    assert report.extracted == 3
    assert graph_bytes(tmp_path) == graph_bytes(sample_out)

"""A folder Tangle wrote its outputs to is never walked for documents."""

from __future__ import annotations

import networkx as nx

from extract.documents import OUTPUT_MANIFEST, discover, is_output_folder, iter_documents
from graph.io import write_graph


def _corpus(tmp_path):
    docs = tmp_path / "docs"
    (docs / "out").mkdir(parents=True)
    (docs / "a.txt").write_text("Ada Quill met Bo Ferrant in Lisbon.\n", encoding="utf-8")
    (docs / "out" / "graph.html").write_text("<html><title>Path Fit Physics PNG</title></html>", encoding="utf-8")
    return docs


def test_a_folder_with_the_manifest_is_skipped_and_reported_once(tmp_path):
    docs = _corpus(tmp_path)
    (docs / "out" / OUTPUT_MANIFEST).write_text("{}", encoding="utf-8")
    found = discover([docs])
    assert found == [docs / "a.txt"]
    assert [(e.path, e.kind) for e in found.skipped] == [((docs / "out").as_posix(), "tangle output")]


def test_a_graph_json_tangle_wrote_marks_the_folder_without_a_manifest(tmp_path):
    docs = _corpus(tmp_path)
    G = nx.MultiDiGraph(tangle={"version": "0.1.0", "format": 1}, documents=[])
    G.add_node("a", label="A")
    write_graph(G, docs / "out" / "graph.json")
    assert is_output_folder(docs / "out")
    assert discover([docs]) == [docs / "a.txt"]


def test_someone_elses_graph_json_does_not_hide_a_folder(tmp_path):
    docs = _corpus(tmp_path)
    (docs / "out" / "graph.json").write_text('{"nodes": [], "tangle": {"format": 1}}', encoding="utf-8")
    assert not is_output_folder(docs / "out")
    assert discover([docs]) == [docs / "a.txt", docs / "out" / "graph.html"]


def test_iter_documents_reports_the_folder_as_a_skip(tmp_path):
    docs = _corpus(tmp_path)
    (docs / "out" / OUTPUT_MANIFEST).write_text("{}", encoding="utf-8")
    skipped = []
    assert [d.id for d in iter_documents([docs], on_error=skipped.append)] == ["a"]
    assert [(e.path, e.kind) for e in skipped] == [((docs / "out").as_posix(), "tangle output")]

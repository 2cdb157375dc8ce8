"""graph/exports/csv.py: node and edge tables for spreadsheets and Kumu, with formulas kept inert."""

from __future__ import annotations

import csv
import json

import pytest

from graph.exports import write_csv
from graph.exports.csv import CSV_PIPE_STANDIN
from tests.graph.fixtures_export import (
    HOSTILE,
    HOSTILE_DATE,
    HOSTILE_DECISION,
    INVESTIGATED,
    TRICKY,
    WORKS,
    dated_curated_graph,
    hostile_graph,
    sample_graph,
)


def _csv_rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_for_spreadsheets_and_kumu(tmp_path):
    G = hostile_graph()
    G.nodes["zhou-wei"]["label"] = "=HYPERLINK(\"http://evil\")"
    nodes_path, edges_path = write_csv(G, tmp_path / "ego.csv")
    assert (nodes_path.name, edges_path.name) == ("ego.nodes.csv", "ego.edges.csv")
    nodes, edges = _csv_rows(nodes_path), _csv_rows(edges_path)
    # Kumu: an ID column goes first, then Label (elements) or From, To (connections).
    assert list(nodes[0])[:3] == ["ID", "Label", "Type"]
    assert list(edges[0])[:5] == ["ID", "From", "To", "Type", "Direction"]
    assert (len(nodes), len(edges)) == (G.number_of_nodes(), G.number_of_edges())
    assert [row["ID"] for row in nodes] == sorted(G.nodes)
    assert all(row["From"] in G and row["To"] in G for row in edges)  # From/To hold element IDs
    assert len({row["ID"] for row in edges}) == len(edges)  # re-importing updates instead of duplicating
    labels = {row["Label"] for row in nodes}
    assert TRICKY in labels and "'=HYPERLINK(\"http://evil\")" in labels
    hostile = next(row for row in edges if row["Type"] == "investigated")
    assert hostile["Evidence"] == HOSTILE and hostile["Direction"] == "directed"
    assert hostile["ID"] == "fbi:investigated:paul-manafort"
    met = [row for row in edges if row["From"] == "donald-trump" and row["To"] == "vladimir-putin"]
    assert sorted(row["Type"] for row in met) == ["met_with", "praised"]
    assert {row["Direction"] for row in edges} == {"directed", "undirected"}


def test_csv_pipes_split_only_where_kumu_should_split(tmp_path):
    G = sample_graph()
    G.nodes["kgb"]["label"] = "KGB | FSB"
    G.nodes["kgb"]["aliases"] = ["Committee|State Security", "Chekists"]
    nodes_path, _ = write_csv(G, tmp_path / "g.csv")
    kgb = next(row for row in _csv_rows(nodes_path) if row["ID"] == "kgb")
    assert kgb["Label"] == "KGB ¦ FSB"
    assert sorted(kgb["Aliases"].split("|")) == ["Chekists", "Committee¦State Security"]


def test_csv_entities_sharing_a_label_stay_apart_by_id(tmp_path):
    G = sample_graph()
    G.nodes["kgb"]["label"] = "FBI"
    nodes_path, edges_path = write_csv(G, tmp_path / "g.csv")
    ids = {row["ID"]: row["Label"] for row in _csv_rows(nodes_path)}
    assert ids["fbi"] == ids["kgb"] == "FBI"
    assert {row["From"] for row in _csv_rows(edges_path)} >= {"fbi"}


@pytest.mark.parametrize(("text", "quoted"), [
    ("=1+1", True), ("+1", True), ("-1", True), ("@SUM(A1)", True), ("\tx", True), ("\r=1", True),
    (" =1+1", True), ("\t\n@cmd", True), ("\u3000=1", True), ("＝1+1", True), ("＋1", True), ("－1", True),
    ("＠SUM(A1)", True), (" ＝HYPERLINK(1)", True), ("﹦1", True),
    ("Ann Lee", False), ("   ", False), ("a=1", False), ("Ｂ=1", False),
])
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(tmp_path, text, quoted):
    G = sample_graph()
    G.nodes["zhou-wei"]["label"] = text
    nodes_path, _ = write_csv(G, tmp_path / "g.csv")
    with nodes_path.open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["ID"] == "zhou-wei")
    assert row["Label"] == ("'" + text if quoted else text)


def test_csv_has_date_and_curation_columns_and_keeps_hostile_text_inert(tmp_path):
    nodes_path, edges_path = write_csv(dated_curated_graph(), tmp_path / "g.csv")
    edges = {r["ID"]: r for r in _csv_rows(edges_path)}
    assert list(edges[WORKS])[-4:] == ["First", "Last", "Curated", "Curation"]
    assert (edges[WORKS]["First"], edges[WORKS]["Last"], edges[WORKS]["Curated"]) == ("2004-01-01", "2016-06-30", "")
    hostile = edges["jared-kushner:met_with:sergey-kislyak"]
    assert (hostile["First"], hostile["Last"]) == ("", "2016-12-31")
    assert HOSTILE_DATE not in edges_path.read_text(encoding="utf-8")
    curated = edges[INVESTIGATED]
    assert curated["Curated"] == "yes"
    assert json.loads(curated["Curation"].replace(CSV_PIPE_STANDIN, "|")) == {
        "status": ["FBI", "investigated", HOSTILE_DECISION], "to": "reported"}
    nodes = {r["ID"]: r for r in _csv_rows(nodes_path)}
    assert nodes["paul-manafort"]["Curated"] == "yes" and nodes["fbi"]["Curated"] == ""
    assert json.loads(nodes["paul-manafort"]["Curation"].replace(CSV_PIPE_STANDIN, "|")) == {
        "rename": {HOSTILE_DECISION: "Paul Manafort"}}
    for row in [*edges.values(), *nodes.values()]:
        assert not any(cell[:1] and cell[:1] in "=+-@" for cell in row.values()), row

"""Time in the graph: periods, chronologies, date columns (on a small hand-made graph, no model)."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.errors import InputError
from graph.io import dumps_graph, write_graph
from graph.tables import citations_frame, entities_frame, graph_from_frames, relations_frame
from graph.timeline import date_label, parse_bound, timeline, within


def cite(doc, start, sentence, when=None, status="asserted"):
    out = {"doc": doc, "sentence": sentence, "start": start, "end": start + len(sentence), "markers": [],
           "status": status}
    if when:
        out["date"] = {"start": when[0], "end": when[1], "precision": when[2], "words": when[3]}
    return out


def dated_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph.update(tangle={"version": "0.1.0", "format": 1}, model={"name": "m", "version": "1"},
                   documents=[{"id": "a", "title": "Story A", "path": "a.txt", "sha256": "0", "date": "2017-03-15",
                               "date_source": "DATE line"},
                              {"id": "b", "title": "Story B", "path": "b.txt", "sha256": "1"}])
    for node, label in [("ann-lee", "Ann Lee"), ("bo-park", "Bo Park"), ("acme", "Acme"), ("cy-dean", "Cy Dean")]:
        G.add_node(node, label=label, type="ORG" if node == "acme" else "PERSON", aliases=[], mentions=1,
                   docs=["a", "b"])
    met = [cite("a", 0, "In June 2016 Ann Lee met Bo Park.", ("2016-06-01", "2016-06-30", "month", "June 2016")),
           cite("a", 40, "Ann Lee met Bo Park on Aug. 2, 2016.", ("2016-08-02", "2016-08-02", "day", "Aug. 2, 2016")),
           cite("b", 0, "Ann Lee met Bo Park, people say.", status="reported")]
    G.add_edge("ann-lee", "bo-park", key="met_with", type="met_with", label="met with", directed=False, weight=3,
               status="asserted", citations=met, first="2016-06-01", last="2016-08-02")
    G.add_edge("acme", "ann-lee", key="funded", type="funded", label="funded", directed=True, weight=1,
               status="negated", citations=[cite("a", 80, "Acme never paid Ann Lee in 2015.",
                                                 ("2015-01-01", "2015-12-31", "year", "2015"), "negated")],
               first="2015-01-01", last="2015-12-31")
    G.add_edge("bo-park", "cy-dean", key="co_mentioned", type="co_mentioned", label="co mentioned", directed=False,
               weight=1, status="asserted", citations=[cite("b", 40, "Bo Park and Cy Dean spoke.")])
    return G


def test_within_keeps_the_claims_of_the_period_and_their_entities():
    G = dated_graph()
    H = within(G, since="2016-07", until="2016")
    assert sorted(H.nodes) == ["ann-lee", "bo-park"]  # Acme and Cy Dean are left without a claim
    edge = H.edges["ann-lee", "bo-park", "met_with"]
    assert edge["weight"] == 1 and (edge["first"], edge["last"]) == ("2016-08-02", "2016-08-02")
    assert G.edges["ann-lee", "bo-park", "met_with"]["weight"] == 3  # the caller's graph is untouched
    assert dumps_graph(within(G)) == dumps_graph(G)


def test_within_overlap_and_status():
    H = within(dated_graph(), until="2015-06")
    assert list(H.edges(keys=True)) == [("acme", "ann-lee", "funded")]
    assert H.edges["acme", "ann-lee", "funded"]["status"] == "negated"


@pytest.mark.parametrize(("value", "end", "expected"), [
    ("2016", False, "2016-01-01"), ("2016", True, "2016-12-31"), ("2016-02", True, "2016-02-29"),
    ("2016-12", True, "2016-12-31"), ("2016-06-15", True, "2016-06-15"), (None, False, None)])
def test_bounds(value, end, expected):
    assert parse_bound(value, end=end) == expected


@pytest.mark.parametrize("value", ["nope", "2016-13", "2016-02-30", "16", "2016/06"])
def test_bad_bounds_name_the_option(value):
    with pytest.raises(InputError, match="`since` .* is not a date; give YYYY, YYYY-MM or YYYY-MM-DD"):
        parse_bound(value)


def test_since_after_until_is_an_error():
    with pytest.raises(InputError, match="swap them"):
        within(dated_graph(), since="2017", until="2016")


def test_timeline_orders_dated_sentences_with_their_claims():
    entries = timeline(dated_graph(), "ann lee")
    assert [e.when for e in entries] == ["2015", "2016-06", "2016-08-02"]
    assert [(c.other, c.type, c.status, c.direction) for c in entries[0].claims] == [
        ("Acme", "funded", "negated", "in")]
    assert entries[1].sentence == "In June 2016 Ann Lee met Bo Park." and entries[1].title == "Story A"
    assert [e.when for e in timeline(dated_graph(), "Ann Lee", since="2016-07")] == ["2016-08-02"]
    assert [e.when for e in timeline(dated_graph(), "Ann Lee", until="2015")] == ["2015"]


@pytest.mark.parametrize(("start", "end", "precision", "label"), [
    ("2016-06-09", "2016-06-09", "day", "2016-06-09"), ("2016-06-01", "2016-06-30", "month", "2016-06"),
    ("2016-06-01", "2016-07-31", "month", "2016-06 – 2016-07"), ("2016-01-01", "2016-12-31", "year", "2016"),
    ("1990-01-01", "1999-12-31", "decade", "1990s"), ("2017-03-06", "2017-03-12", "week", "week of 2017-03-06")])
def test_date_labels(start, end, precision, label):
    assert date_label(start, end, precision) == label


def test_frames_have_date_columns_and_round_trip():
    G = dated_graph()
    citations = citations_frame(G)
    row = citations[citations.sentence == "In June 2016 Ann Lee met Bo Park."].iloc[0]
    assert (row.date_start, row.date_end, row.date_precision, row.date_words) == (
        "2016-06-01", "2016-06-30", "month", "June 2016")
    assert citations[citations.doc == "b"].date_start.isna().all()
    relations = relations_frame(G).set_index("key")
    assert (relations.loc["met_with", "first"], relations.loc["met_with", "last"]) == ("2016-06-01", "2016-08-02")
    assert dumps_graph(graph_from_frames(entities_frame(G), relations_frame(G))) == dumps_graph(G)


def test_cli_timeline_and_time_filters(tmp_path):
    path = tmp_path / "graph.json"
    write_graph(dated_graph(), path)
    runner = CliRunner()
    result = runner.invoke(app, ["timeline", str(path), "Ann Lee"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Ann Lee: 3 dated sentences"
    assert lines[1].startswith("2015") and "Acme funded it (negated)" in lines[1]
    assert lines[3].startswith("2016-06 ") and "met with Bo Park" in lines[3]
    assert lines[4] == '    "In June 2016 Ann Lee met Bo Park." — Story A (a)'
    data = json.loads(runner.invoke(app, ["timeline", str(path), "Ann Lee", "--since", "2016-07", "--json"]).output)
    assert [d["when"] for d in data] == ["2016-08-02"] and data[0]["claims"][0]["other"] == "Bo Park"
    result = runner.invoke(app, ["timeline", str(path), "Ann Lee", "--since", "June"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == ("Error: --since 'June' is not a date; give YYYY, YYYY-MM "
                                                      "or YYYY-MM-DD")
    out = tmp_path / "ego.json"
    result = runner.invoke(app, ["ego", str(path), "Ann Lee", "-o", str(out), "--since", "2016"])
    assert result.exit_code == 0, result.output
    assert sorted(n["id"] for n in json.loads(out.read_text())["nodes"]) == ["ann-lee", "bo-park"]
    result = runner.invoke(app, ["ego", str(path), "Cy Dean", "-o", str(out), "--since", "2016"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == ("Error: Cy Dean has no dated claim since 2016; "
                                                      "widen --since/--until or leave them out")
    result = runner.invoke(app, ["path", str(path), "Ann Lee", "Bo Park", "--until", "2016-06"])
    assert result.exit_code == 0 and "[2016-06]" in result.output and "2016-08-02" not in result.output
    export = tmp_path / "all.json"
    result = runner.invoke(app, ["export", str(path), "-o", str(export), "--until", "2015"])
    assert result.exit_code == 0 and len(json.loads(export.read_text())["edges"]) == 1
    page = tmp_path / "page.html"
    result = runner.invoke(app, ["html", str(path), "-o", str(page), "--since", "2016"])
    assert result.exit_code == 0 and "(2 entities, 1 relations)" in result.output  # entities and relations drawn


def test_filtering_by_document_recomputes_the_span():
    from graph.query import filter_graph

    H = filter_graph(dated_graph(), docs=["b"])
    assert "first" not in H.edges["ann-lee", "bo-park", "met_with"]  # only the undated citation of b is left
    H = filter_graph(dated_graph(), docs=["a"])
    edge = H.edges["ann-lee", "bo-park", "met_with"]
    assert (edge["first"], edge["last"]) == ("2016-06-01", "2016-08-02")

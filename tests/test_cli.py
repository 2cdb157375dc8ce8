"""The ``tangle`` command: exit codes, error lines and help."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph.cli import app
from tests.conftest import DATA

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_every_command_has_help():
    result = run("--help")
    assert result.exit_code == 0
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"build", "entities"} <= set(commands)
    for name in commands:
        sub = run(name, "--help")
        assert sub.exit_code == 0, name
        assert "Usage" in sub.output


def test_missing_path_is_one_error_line_and_exit_2(tmp_path):
    result = run("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {tmp_path / 'nope'}: no such file or folder; give a document or a folder of documents")
    assert "Traceback" not in result.output


def test_empty_folder_is_exit_2(tmp_path):
    result = run("build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        f"Error: no documents (.csv, .docx, .eml, .htm, .html, .jsonl, .md, .pdf, .txt) in {tmp_path}")


@pytest.mark.slow
def test_nothing_readable_is_exit_1_and_keeps_earlier_outputs(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text("previous")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "empty.txt").write_text("")
    result = run("build", str(tmp_path / "docs"), "-o", str(out))
    assert result.exit_code == 1
    assert "empty.txt: is empty" in result.output
    assert result.output.strip().splitlines()[-1].startswith("Error: no document could be read")
    assert (out / "graph.json").read_text() == "previous"


@pytest.mark.slow
def test_build_then_entities(tmp_path):
    out = tmp_path / "out"
    result = run("build", str(DATA), "-o", str(out), "--no-page")
    assert result.exit_code == 0, result.output
    assert "documents: 3 read, 0 skipped" in result.output
    assert "PERSON" in result.output
    listed = run("entities", str(out / "graph.json"), "--type", "person", "--json")
    assert listed.exit_code == 0
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert rows and all(r["type"] == "PERSON" for r in rows)
    assert rows[0]["label"] == "Donald Trump"


def test_unreadable_graph_is_exit_2(tmp_path):
    bad = tmp_path / "graph.json"
    bad.write_text("{not json")
    result = run("entities", str(bad))
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {bad}: not a readable graph.json")


def test_bad_curation_file_is_exit_2(tmp_path):
    curation = tmp_path / "c.yml"
    curation.write_text("merge: [[only-one]]\n")
    result = run("build", str(DATA), "-o", str(tmp_path / "out"), "--curation", str(curation))
    assert result.exit_code == 2
    assert "merge: each group needs two or more names" in result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    result = run("build", str(DATA), "-o", str(out), "--no-page")
    assert result.exit_code == 0, result.output
    return out / "graph.json"


@pytest.mark.slow
def test_unknown_entity_suggests_close_names(built):
    result = run("show", str(built), "Paul Manaford")
    assert result.exit_code == 2
    assert result.output.strip() == "Error: no entity named 'Paul Manaford'; did you mean 'Paul Manafort'?"


@pytest.mark.slow
def test_show_lists_relations_with_evidence(built):
    result = run("show", str(built), "paul MANAFORT")
    assert result.exit_code == 0, result.output
    assert "Paul Manafort" in result.output
    assert "business ties to oligarchs" in result.output


@pytest.mark.slow
def test_path_prints_hops_and_json(built):
    result = run("path", str(built), "Paul Manafort", "Donald Trump")
    assert result.exit_code == 0, result.output
    assert "Paul Manafort" in result.output and "Donald Trump" in result.output
    as_json = run("path", str(built), "Paul Manafort", "Donald Trump", "--json")
    hops = json.loads(as_json.output)[0]["hops"]
    assert hops and all(link["citations"] for hop in hops for link in hop["links"])


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".json", ".gexf", ".graphml", ".cypher", ".ftm.json"])
def test_ego_writes_the_format_of_the_extension(built, tmp_path, suffix):
    out = tmp_path / f"ego{suffix}"
    result = run("ego", str(built), "Paul Manafort", "--hops", "1", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 0


@pytest.mark.slow
def test_export_csv_and_unknown_format(built, tmp_path):
    result = run("export", str(built), "--format", "csv", "-o", str(tmp_path / "g.csv"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.nodes.csv").exists() and (tmp_path / "g.edges.csv").exists()
    bad = run("export", str(built), "--format", "dot", "-o", str(tmp_path / "g.dot"))
    assert bad.exit_code == 2
    assert bad.output.strip() == (
        "Error: unknown export format 'dot'; use one of html, json, gexf, graphml, csv, ftm, cypher")


@pytest.mark.parametrize(
    ("option", "line"),
    [
        (("--engine", "spark"), "Error: unknown --engine 'spark'; choose one of local, dask"),
        (("--workers", "0"), "Error: --workers must be 1 or more, not 0"),
    ],
)
def test_build_rejects_bad_scale_options(tmp_path, option, line):
    result = run("build", str(DATA), "-o", str(tmp_path / "out"), *option)
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == line
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_html_renders_a_focused_filtered_page(built, tmp_path):
    from graph.io import load_graph

    out = tmp_path / "focus.html"
    result = run("html", str(built), "-o", str(out), "--focus", "Paul Manafort", "--hops", "1",
                 "--types", "PERSON,EVENT")
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    full = load_graph(built)
    assert "Paul Manafort" in html and "George Papadopoulos" in html
    wrote = next(line for line in result.output.splitlines() if line.startswith("Wrote "))
    shown = int(wrote.split("(")[1].split()[0])
    assert 1 < shown < full.number_of_nodes()
    assert "Ukraine" not in html  # a GPE, filtered out by --types


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--types", "PEOPLE"], "Error: no entity type 'PEOPLE' in this graph; it has EVENT, FAC, GPE, ORG, PERSON"),
        (["--types", "PERSON,people,Planets"],
         "Error: no entity type 'PEOPLE', 'PLANETS' in this graph; it has EVENT, FAC, GPE, ORG, PERSON"),
        (["--hops", "3"], "Error: --hops needs --focus ENTITY: the neighbourhood of which entity?"),
    ],
)
def test_html_bad_options_are_one_line_and_exit_2(built, tmp_path, args, line):
    result = run("html", str(built), "-o", str(tmp_path / "x.html"), *args)
    assert result.exit_code == 2
    assert result.output == line + "\n"
    assert not (tmp_path / "x.html").exists()


@pytest.mark.slow
def test_html_filters_drop_the_entities_they_disconnect_and_say_how_many_remain(built, tmp_path):
    from graph.io import load_graph
    from tests.graph.test_page import embedded

    full = load_graph(built)
    out = tmp_path / "people.html"
    result = run("html", str(built), "-o", str(out), "--types", "PERSON", "--min-weight", "2")
    assert result.exit_code == 0, result.output
    data = json.loads(embedded(out.read_text(encoding="utf-8")))
    linked = {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]}
    assert data["nodes"] and {n["id"] for n in data["nodes"]} == linked
    assert {n["type"] for n in data["nodes"]} == {"PERSON"}
    assert result.output.splitlines() == [
        f"filters: {len(data['nodes'])} of {full.number_of_nodes()} entities and {len(data['edges'])} of "
        f"{full.number_of_edges()} relations kept (entities left without a relation dropped; --keep-isolated "
        "keeps them)",
        f"Wrote {out} ({len(data['nodes'])} entities, {len(data['edges'])} relations)",
    ]
    kept = run("html", str(built), "-o", str(out), "--types", "PERSON", "--min-weight", "2", "--keep-isolated")
    assert kept.exit_code == 0, kept.output
    people = sum(1 for _, d in full.nodes(data=True) if d["type"] == "PERSON")
    assert f"filters: {people} of {full.number_of_nodes()} entities" in kept.output


@pytest.mark.slow
def test_ego_limit_keeps_the_strongest_and_names_the_hubs_left_out(built, tmp_path):
    from graph.io import load_graph
    from graph.query import ego

    out = tmp_path / "ego.json"
    exact = ego(load_graph(built), "Paul Manafort", hops=2)
    result = run("ego", str(built), "Paul Manafort", "--hops", "2", "--limit", "5", "-o", str(out))
    assert result.exit_code == 0, result.output
    summary = result.output.splitlines()[0]
    assert summary.startswith(f"5 of {exact.number_of_nodes()} entities within 2 hops of 'Paul Manafort'; + ")
    assert load_graph(out).number_of_nodes() == 5
    unlimited = run("ego", str(built), "Paul Manafort", "--hops", "2", "-o", str(out))
    assert unlimited.output == f"Wrote {out}\n"
    assert set(load_graph(out)) == set(exact)


@pytest.mark.slow
def test_html_with_unknown_focus_suggests(built, tmp_path):
    result = run("html", str(built), "-o", str(tmp_path / "x.html"), "--focus", "Manaford")
    assert result.exit_code == 2
    assert result.output.startswith("Error: no entity named 'Manaford'")
    assert not (tmp_path / "x.html").exists()


@pytest.mark.slow
def test_curation_example_applies_on_rebuild(tmp_path):
    from graph.io import load_graph

    out = tmp_path / "out"
    result = run("build", str(DATA), "-o", str(out), "--no-page", "--curation", str(DATA / "curation.example.yml"))
    assert result.exit_code == 0, result.output
    labels = {d["label"]: d for _, d in load_graph(out / "graph.json").nodes(data=True)}
    assert "U.S. Department of Justice" in labels and "Justice Department" not in labels
    assert labels["Trump Tower Moscow"]["type"] == "FAC"
    assert "Trump Media & Technology Group" in labels and "Trump Media" not in labels


@pytest.mark.slow
def test_toml_curation_is_read(tmp_path):
    from graph.io import load_graph

    curation = tmp_path / "c.toml"
    curation.write_text('ignore = ["Kremlin"]\n[rename]\n"Vladimir Putin" = "Putin, Vladimir"\n')
    out = tmp_path / "out"
    assert run("build", str(DATA), "-o", str(out), "--no-page", "--curation", str(curation)).exit_code == 0
    labels = {d["label"] for _, d in load_graph(out / "graph.json").nodes(data=True)}
    assert "Putin, Vladimir" in labels and "Kremlin" not in labels

"""A curation rename onto another entity's label means "this is that entity": the two merge."""

import pytest
from typer.testing import CliRunner

from extract.curation import Curation
from extract.resolve import resolve
from graph.cli import app
from graph.io import load_graph
from tests.extract.test_resolve import labels, record


def _corpus():
    return [record("a", [("Ada Quill", "PERSON"), ("Bo Ferrant", "PERSON"), ("Adaline Quill-Ross", "PERSON"),
                         ("Lisbon", "GPE")], [(0, 1, "met_with", "asserted"), (2, 1, "met_with", "asserted"),
                                              (2, 3, "co_mentioned", "asserted")]),
            record("b", [("Adaline Quill-Ross", "ORG"), ("Adaline Quill-Ross", "ORG")])]


def test_a_rename_onto_an_existing_label_merges_the_two_entities():
    res = resolve(_corpus(), curation=Curation(renames=(("Adaline Quill-Ross", "Ada Quill"),)))
    found = labels(res)
    assert sorted(found) == ["Ada Quill", "Bo Ferrant", "Lisbon"]
    ada = found["Ada Quill"]
    assert (ada.id, ada.type, ada.mentions, ada.docs) == ("ada-quill", "PERSON", 4, ("a", "b"))
    assert ada.aliases == ("Adaline Quill-Ross",)
    met = [e for e in res.edges if e.type == "met_with"]
    assert [(e.source, e.target, e.weight) for e in met] == [("ada-quill", "bo-ferrant", 2)]
    assert [(e.source, e.target) for e in res.edges if e.type == "co_mentioned"] == [("ada-quill", "lisbon")]
    assert res.merged == (("Adaline Quill-Ross", "Ada Quill"),)


def test_two_renames_onto_one_new_label_make_one_entity():
    curation = Curation(renames=(("Adaline Quill-Ross", "A. Quill"), ("Ada Quill", "A. Quill")))
    res = resolve(_corpus(), curation=curation)
    assert sorted(labels(res)) == ["A. Quill", "Bo Ferrant", "Lisbon"]
    assert len(res.merged) == 1 and res.merged[0][1] == "A. Quill"


def test_a_plain_rename_merges_nothing():
    res = resolve(_corpus(), curation=Curation(renames=(("Adaline Quill-Ross", "Adaline Ross"),)))
    assert sorted(labels(res)) == ["Ada Quill", "Adaline Ross", "Bo Ferrant", "Lisbon"]
    assert res.merged == ()


@pytest.mark.slow
def test_the_build_summary_says_which_rename_merged(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Barack Obama met Angela Merkel in Berlin. Obama praised Merkel.\n"
                                "President Obama spoke in Chicago.\n", encoding="utf-8")
    rules = tmp_path / "curation.yml"
    rules.write_text("rename: {Angela Merkel: Barack Obama}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(docs), "-o", str(tmp_path / "out"), "--curation", str(rules)])
    assert result.exit_code == 0, result.output
    assert "curation: 'Angela Merkel' renamed to 'Barack Obama', the label of another entity: merged into it" \
        in result.output.splitlines()
    G = load_graph(tmp_path / "out" / "graph.json")
    assert [n for n, label in G.nodes(data="label") if label == "Barack Obama"] == ["barack-obama"]

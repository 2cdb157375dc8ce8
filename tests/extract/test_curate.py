"""Adding a rule to a curation file: comments and order kept, no duplicates, atomic, hostile names safe."""

from __future__ import annotations

import pytest

from extract.curate import add_rule
from extract.curation import RelationDecision, load_curation
from extract.errors import InputError

YAML_FILE = """\
# Our corrections, reviewed on Monday.
merge:
  - [Ada Quill, A. Quill]   # same person, see memo

# people we keep apart
split: []

rename:
  Acme: Acme Media Group  # the full name

relations:
  - reject: [Ada Quill, met_with, Lisbon]   # a city is no one to meet

# end of file
"""

TOML_FILE = """\
# Our corrections
ignore = ["Factually"]  # a word, not a name

[rename]
Acme = "Acme Media Group" # the full name

[[relations]]
reject = ["Ada Quill", "met_with", "Lisbon"]
"""

HOSTILE = ['Ann "Q" O\'Neil', "line\nbreak", "</script><script>alert(1)</script>", "- [not a list]", "#hash",
           "null", "tab\there", "Zoë 🙂", "a: b", "\u2028sep", "back\\slash"]






@pytest.mark.parametrize(("name", "body"), [("c.yml", YAML_FILE), ("c.toml", TOML_FILE)])
def test_every_kind_of_rule_is_added_and_comments_are_kept(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    rules = [{"merge": ["Bo Ferrant", "B. Ferrant"]}, {"split": "Quill"}, {"rename": {"Cy": "Cy Marlow"}},
             {"retype": {"Lisbon": "GPE"}}, {"ignore": "Reuters"}, {"confirm": ["Ada Quill", "praised", "Bo Ferrant"]},
             {"retype": ["Ada Quill", "co_mentioned", "Cy"], "to": "funded", "doc": "d1", "sentence": "S."}]
    for rule in rules:
        assert add_rule(path, rule) is True
    text = path.read_text(encoding="utf-8")
    for line in body.splitlines():
        if "#" in line:
            assert line.strip()[line.strip().index("#"):] in text, line
    curation = load_curation(path)
    assert curation.relations[0] == RelationDecision("reject", "Ada Quill", "met_with", "Lisbon")
    assert curation.relations[-1] == RelationDecision("retype", "Ada Quill", "co_mentioned", "Cy", to="funded",
                                                      doc="d1", sentence="S.")
    assert ("Cy", "Cy Marlow") in curation.renames and ("Lisbon", "GPE") in curation.retypes
    assert "Reuters" in curation.ignores and "Quill" in curation.splits
    assert curation.merges[-1] == ("Bo Ferrant", "B. Ferrant")


def test_yaml_comments_stay_where_they_were(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text(YAML_FILE, encoding="utf-8")
    add_rule(path, {"merge": ["Bo Ferrant", "B. Ferrant"]})
    add_rule(path, {"reject": ["Bo Ferrant", "met_with", "Lisbon"]})
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:4] == ["# Our corrections, reviewed on Monday.", "merge:",
                         "  - [Ada Quill, A. Quill]   # same person, see memo", "  - [Bo Ferrant, B. Ferrant]"]
    assert lines.index("# people we keep apart") > 3
    assert lines[-3:] == ["  - reject: [Bo Ferrant, met_with, Lisbon]", "", "# end of file"]


@pytest.mark.parametrize("name", ["c.yml", "c.toml"])
def test_a_rule_already_there_is_not_added_twice(tmp_path, name):
    path = tmp_path / name
    path.write_text(YAML_FILE if name.endswith(".yml") else TOML_FILE, encoding="utf-8")
    before = path.read_bytes()
    assert add_rule(path, {"reject": ["Ada Quill", "met_with", "Lisbon"]}) is False
    assert add_rule(path, {"rename": {"Acme": "Acme Media Group"}}) is False
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["new.yml", "new.toml"])
def test_hostile_names_are_written_so_that_they_read_back_unchanged(tmp_path, name):
    path = tmp_path / name
    for a, b in zip(HOSTILE, HOSTILE[1:], strict=False):
        add_rule(path, {"merge": [a, b]})
        add_rule(path, {"reject": [a, "met_with", b], "doc": b, "sentence": a})
    curation = load_curation(path)
    assert curation.merges == tuple(zip(HOSTILE, HOSTILE[1:], strict=False))
    assert [(d.source, d.target, d.doc, d.sentence) for d in curation.relations] == [
        (a, b, b, a) for a, b in zip(HOSTILE, HOSTILE[1:], strict=False)]


def test_a_missing_file_is_created_with_a_header(tmp_path):
    path = tmp_path / "new.yml"
    add_rule(path, {"split": "Quill"})
    assert path.read_text(encoding="utf-8").startswith("# Tangle curation file")
    assert load_curation(path).splits == ("Quill",)


def test_an_invalid_file_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text("merge: [[only one]]\n# keep me\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.yml: merge: each group needs two or more names"):
        add_rule(path, {"split": "Quill"})
    assert path.read_text(encoding="utf-8") == "merge: [[only one]]\n# keep me\n"
    assert [p.name for p in tmp_path.iterdir()] == ["c.yml"]  # no temporary file left behind

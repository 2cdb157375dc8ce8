"""extract.vocabulary: entity types, relation types and claim cues are declared once, in the data files."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from extract.documents import make_document
from extract.errors import InputError
from extract.pipeline import extract_records
from extract.relations import relation_types
from extract.vocabulary import PATTERNS_DIR, load_vocabulary

ROOT = Path(__file__).resolve().parents[2]
#: The modules that extract entities and relations: their rules read the model's labels and the relation
#: types they find by design.  Every other module is a consumer and takes type names from the vocabulary.
RULES = {"extract/pipeline.py", "extract/evidence.py", "extract/resolve.py", "extract/relations.py", "extract/names.py",
         "extract/normalize.py", "extract/vocabulary.py"}


def _type_names() -> set[str]:
    vocab = load_vocabulary()
    return ({t.name for t in vocab.entity_types} | {r.name for r in vocab.relations} | {vocab.co_mentioned.name})


def _string_constants(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module except docstrings, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def _consumers() -> list[Path]:
    files = sorted([*(ROOT / "graph").rglob("*.py"), *(ROOT / "extract").glob("*.py")])
    return [p for p in files if p.relative_to(ROOT).as_posix() not in RULES]


def test_no_consumer_hard_codes_a_type_name():
    names = _type_names()
    found = [f"{path.relative_to(ROOT)}:{line}: {value!r}"
             for path in _consumers() for line, value in _string_constants(path) if value in names]
    assert found == [], "read type names from extract.vocabulary instead:\n" + "\n".join(found)


def test_the_check_finds_a_hard_coded_name(tmp_path):
    module = tmp_path / "consumer.py"
    module.write_text('"""PERSON in a docstring is fine."""\nCOLOURS = {"PERSON": "#000"}\n', encoding="utf-8")
    assert [value for _, value in _string_constants(module) if value in _type_names()] == ["PERSON"]


def test_every_type_declares_what_its_consumers_need():
    vocab = load_vocabulary()
    assert [t.name for t in vocab.entity_types][:3] == ["PERSON", "ORG", "GPE"]  # the tie-break order
    assert vocab.optional_labels == {"NORP"} and "NORP" not in vocab.labels
    for kind in vocab.entity_types:
        assert kind.colour.startswith("#") and kind.ftm and kind.ftm3 and kind.cypher and kind.conll
    for relation in vocab.relations:
        assert relation.label and relation.colour and relation.cypher and relation.source and relation.target
    assert vocab.relation("participated_in").ftm_target_list == "involved"
    assert not vocab.co_mentioned.directed and vocab.relation(vocab.co_mentioned.name) is vocab.co_mentioned


def _patterns(tmp_path: Path) -> Path:
    folder = tmp_path / "patterns"
    shutil.copytree(PATTERNS_DIR, folder)
    return folder


def test_an_entity_type_without_its_exports_is_named(tmp_path):
    folder = _patterns(tmp_path)
    path = folder / "entities.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'PERSON: {colour: "#4e79a7", ftm: Person, conll: PER, surnames: true}', 'PERSON: {colour: "#4e79a7"}'),
        encoding="utf-8")
    with pytest.raises(InputError, match=r"entities\.yml: entity type PERSON lacks ftm, conll; add them under 'types'"):
        load_vocabulary(folder)


def test_kind_nouns_of_an_undeclared_type_are_named(tmp_path):
    folder = _patterns(tmp_path)
    path = folder / "entities.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind_nouns:\n", "kind_nouns:\n  SHIP: [vessel]\n"),
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"entities\.yml: kind_nouns names SHIP, which is no entity type under "
                                         r"'types'; declare it there or remove it"):
        load_vocabulary(folder)


@pytest.mark.slow
def test_claim_cues_come_from_the_vocabulary_the_pipeline_is_given(tmp_path, nlp):
    """A cue added to a vocabulary's claims.yml changes the claims read with that vocabulary."""
    folder = _patterns(tmp_path)
    claims = folder / "claims.yml"
    claims.write_text(claims.read_text(encoding="utf-8").replace(
        "words: [not, ", "words: [hardly, not, "), encoding="utf-8")
    doc = make_document("Ann Lee hardly met Bob Roe in Paris.", path="d.txt", doc_id="d")

    def statuses(vocab):
        record = next(extract_records([doc], nlp, vocab=vocab))
        return {r.citation.status for r in record.relations if r.type == "met_with"}

    assert statuses(load_vocabulary()) == {"asserted"}
    assert statuses(load_vocabulary(folder)) == {"negated"}


def test_a_relation_type_is_one_record_with_its_trigger_words():
    """relations.yml is parsed once, into RelationSpec: the extractor reads the same records as the graph."""
    vocab = load_vocabulary()
    assert relation_types(vocab) is vocab.relations
    member = vocab.relation("member_of")
    assert member.role and {"candidate", "member"} <= member.nouns
    assert dict(member.only_with)["serves"] == {"on"}
    assert dict(member.noun_targets)["candidate"] == {"NORP"}
    assert member.role_prepositions == {"of", "for", "at", "to", "on"}
    assert vocab.relation("associate_of").role_prepositions == {"of", "for", "at", "to"}  # the default
    assert vocab.relation("business_tie").needs_modifier  # read from noun_needs_modifier


def test_trigger_words_are_lower_cased_and_entity_types_are_not(tmp_path):
    folder = _patterns(tmp_path)
    path = folder / "relations.yml"
    added = "    modifier_targets: [PERSON, ORG]\n    only_with: {Chairs: [At]}\n"
    path.write_text(path.read_text(encoding="utf-8").replace("    modifier_targets: [PERSON, ORG]\n", added),
                    encoding="utf-8")
    tie = load_vocabulary(folder).relation("business_tie")
    assert tie.modifier_targets == {"PERSON", "ORG"}
    assert tie.only_with == (("chairs", frozenset({"at"})),)


@pytest.mark.slow
def test_trigger_words_come_from_the_vocabulary_the_pipeline_is_given(tmp_path, nlp):
    """A verb added to a vocabulary's relations.yml signals its type in the relations read with it."""
    folder = _patterns(tmp_path)
    path = folder / "relations.yml"
    text = path.read_text(encoding="utf-8")
    verbs = text[text.index("verbs: [", text.index("name: met_with")):].split("\n", 1)[0]
    path.write_text(text.replace(verbs, verbs.replace("verbs: [", "verbs: [visited, ", 1), 1), encoding="utf-8")
    doc = make_document("Ann Lee visited Bob Roe on Monday.", path="d.txt", doc_id="d")

    def types(vocab):
        record = next(extract_records([doc], nlp, vocab=vocab))
        return {r.type for r in record.relations}

    assert "met_with" not in types(load_vocabulary())
    assert "met_with" in types(load_vocabulary(folder))

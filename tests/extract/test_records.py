"""extract.records: the typed records that flow from extract to graph, and their plain JSON forms."""

from __future__ import annotations

import json

import pytest

from extract.records import (
    Citation,
    DateInterval,
    Document,
    DocumentInfo,
    DocumentRecord,
    Edge,
    Entity,
    Mention,
    Relation,
    relation_label,
    strongest,
)


def _document(**changes) -> Document:
    fields = {"id": "memo", "title": "Memo", "path": "in/memo.pdf", "sha256": "0" * 64, "text": "Ann Lee met Bob Roe.",
              "pages": (0, 12), "meta": (("from", "a@example.org"), ("also_at", "copy/memo.pdf")),
              "date": "2016-06-15", "date_source": "date field", "published": "2017-09-20", "published_source": "url"}
    return Document(**{**fields, **changes})


def _record() -> DocumentRecord:
    dated = Citation("memo", "Ann Lee met Bob Roe in June.", 0, 28, (4,), "reported", page=1,
                     date=DateInterval("2016-06-01", "2016-06-30", "month", "in June"))
    return DocumentRecord(
        document=_document(),
        mentions=(Mention("Ann Lee", "Ann Lee", "PERSON", 0, 7, 0), Mention("Bob Roe", "Bob Roe", "PERSON", 12, 19, 0)),
        relations=(Relation("met_with", 0, 1, dated, trigger="met", when="in June"),
                   Relation("co_mentioned", 0, 1, Citation("memo", "Ann Lee and Bob Roe.", 30, 50))),
        aliases=(("Justice Department", "DOJ"),),
    )


@pytest.mark.parametrize(("statuses", "expected"), [
    ([], "asserted"),
    (["negated"], "negated"),
    (["negated", "reported"], "reported"),
    (["reported", "negated", "asserted"], "asserted"),
    (["unknown"], "asserted"),
])
def test_the_strongest_status_wins(statuses, expected):
    assert strongest(statuses) == expected


def test_an_undeclared_relation_type_is_labelled_by_its_words():
    assert relation_label("co_mentioned") == "co mentioned"
    assert relation_label("met") == "met"


def test_a_relation_cannot_be_built_without_its_citation():
    with pytest.raises(TypeError, match="citation"):
        Relation("met_with", 0, 1)  # type: ignore[call-arg]


def test_a_document_record_round_trips_through_plain_json_without_its_text():
    record = _record()
    data = json.loads(json.dumps(record.to_dict()))
    assert "text" not in data["document"]
    back = DocumentRecord.from_dict(data)
    assert back.document.text == ""
    assert back == DocumentRecord(document=_document(text=""), mentions=record.mentions, relations=record.relations,
                                  aliases=record.aliases)


def test_a_relation_without_dating_words_writes_no_when():
    relations = _record().to_dict()["relations"]
    assert relations[0]["when"] == "in June"
    assert "when" not in relations[1]
    assert DocumentRecord.from_dict(_record().to_dict()).relations[1].when == ""


def test_document_info_counts_pages_and_keeps_copies_apart_from_the_metadata():
    info = DocumentInfo.of(_document())
    assert (info.pages, info.meta, info.also_at) == (2, {"from": "a@example.org"}, ("copy/memo.pdf",))
    assert (info.date, info.date_source) == ("2016-06-15", "date field")
    assert (info.published, info.published_source) == ("2017-09-20", "url")
    assert _document(path="x.txt").info() == info.to_attrs() | {"path": "x.txt"}


def test_a_document_without_pages_or_date_writes_neither():
    info = DocumentInfo.of(_document(pages=(), date=None, date_source=None, meta=(), published=None,
                                     published_source=None))
    assert info.to_attrs() == {"id": "memo", "title": "Memo", "path": "in/memo.pdf", "sha256": "0" * 64}
    assert DocumentInfo.of(_document(date_source=None)).date_source == "metadata"


def test_optional_fields_are_written_only_when_they_differ_from_their_default():
    plain = Citation("d", "s", 0, 1)
    assert plain.to_attrs() == {"doc": "d", "sentence": "s", "start": 0, "end": 1, "markers": [], "status": "asserted"}
    dated = Citation("d", "s", 0, 1, date=DateInterval("2016-01-01", "2016-12-31", "year", "in 2016"))
    assert dated.to_attrs()["date"] == {"start": "2016-01-01", "end": "2016-12-31", "precision": "year",
                                        "words": "in 2016"}


def test_derived_fields_follow_from_the_record_unless_given():
    assert DocumentInfo("d").title == "d"
    assert Entity("ann-lee").label == "ann-lee"
    citations = (Citation("d", "s", 0, 1, date=DateInterval("2016-03-01", "2016-03-31", "month")),
                 Citation("d", "t", 2, 3, status="negated"),
                 Citation("d", "u", 4, 5, date=DateInterval("2015-01-01", "2015-12-31", "year")))
    edge = Edge("a", "b", "met_with", citations=citations)
    assert (edge.label, edge.weight, edge.status, edge.first, edge.last) == (
        "met with", 3, "asserted", "2015-01-01", "2016-03-31")
    assert Edge("a", "b", "met_with", weight=7, label="met").weight == 7
    assert Edge("a", "b", "met_with").to_attrs() == {"type": "met_with", "label": "met with", "weight": 0,
                                                     "status": "asserted", "directed": False, "citations": []}


def test_from_attrs_converts_what_it_can_and_defaults_the_rest():
    cited = Citation.from_attrs({"doc": "d", "sentence": "s", "start": "3", "end": 9.0, "markers": [1, "x", "2"],
                                 "status": None})
    assert (cited.start, cited.end, cited.markers, cited.status) == (3, 9, (1, 2), "asserted")
    entity = Entity.from_attrs({"label": "Ann Lee", "mentions": "many", "aliases": "Lee", "type": None}, id="ann-lee")
    assert (entity.id, entity.label, entity.mentions, entity.aliases, entity.type) == (
        "ann-lee", "Ann Lee", 0, (), "UNKNOWN")


def test_from_attrs_reads_back_what_to_attrs_wrote():
    edge = Edge("a", "b", "met_with", directed=True, citations=(_record().relations[0].citation,))
    assert Edge.from_attrs(edge.to_attrs(), source="a", target="b") == edge


@pytest.mark.parametrize(("attrs", "problems"), [
    ([], ["is not an object"]),
    ({"doc": "d", "sentence": "s", "start": 0, "end": 1, "markers": []}, ["lacks 'status'"]),
    ({"doc": "d", "sentence": "s", "start": True, "end": 1.5, "markers": [], "status": "asserted"},
     ["'start' must be a whole number, not True", "'end' must be a whole number, not 1.5"]),
    ({"doc": "d", "sentence": "s", "start": 0, "end": 1, "markers": "4", "status": "maybe"},
     ["'markers' must be a list", "'status' must be one of asserted, reported, negated, not 'maybe'"]),
    ({"doc": "d", "sentence": None, "start": 0, "end": 1, "markers": [1, "2"], "status": "asserted", "page": None},
     ["'sentence' must not be null", "'markers' item 1 must be a whole number, not '2'"]),
    ({"doc": "d", "sentence": "s", "start": 0, "end": 1, "markers": [], "status": "asserted",
      "date": {"start": "2016", "end": "2016", "precision": "century", "words": ""}},
     ["'date': 'precision' must be one of day, week, month, year, decade, not 'century'"]),
])
def test_problems_name_each_bad_key(attrs, problems):
    assert list(Citation.problems(attrs)) == problems


def test_problems_of_a_list_of_records_name_the_item():
    attrs = Edge("a", "b", "met_with", citations=(Citation("d", "s", 0, 1),)).to_attrs()
    del attrs["citations"][0]["end"]
    assert list(Edge.problems(attrs)) == ["'citations' item 0: lacks 'end'"]

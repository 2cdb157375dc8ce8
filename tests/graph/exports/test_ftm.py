"""graph/exports/ftm.py: FollowTheMoney entities valid in the model, with evidence, dates and curation."""

from __future__ import annotations

import json

import pytest

from graph.exports import export, ftm_entities
from tests.graph.fixtures_export import HOSTILE_DECISION, dated_curated_graph, hostile_graph


@pytest.mark.parametrize("make", [hostile_graph, dated_curated_graph])
def test_ftm_entities_are_valid_in_the_followthemoney_model(tmp_path, make):
    model = pytest.importorskip("followthemoney").model
    G = make()
    path = export(G, tmp_path / "g.ftm.json")[0]
    entities = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities) == len(G.graph["documents"]) + G.number_of_nodes() + G.number_of_edges()
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.validate(data) is None, data
        for name, values in data["properties"].items():
            prop = proxy.schema.get(name)
            assert prop is not None, f"{proxy.schema.name} has no property {name}"
            for value in values:
                assert prop.type.clean(value, proxy=proxy) is not None, (name, value)
                if prop.type.name == "entity":
                    assert value in ids, f"{proxy.schema.name}.{name} points at a missing entity"
                    target = next(e for e in entities if e["id"] == value)
                    assert model.get(target["schema"]).is_a(prop.range), (name, target["schema"])
        assert proxy.to_dict()["properties"] == data["properties"]


def test_ftm_schemata_and_evidence():
    entities = ftm_entities(hostile_graph())
    by_name = {e["properties"].get("name", e["properties"].get("title", [""]))[0]: e for e in entities}
    assert by_name["Paul Manafort"]["schema"] == "Person"
    assert by_name["O'Brien's \"Bar\" \\ Grill Ltd"]["schema"] == "Company"
    assert by_name["Russia"]["schema"] == "Territory" and by_name["Russia"]["properties"]["country"] == ["ru"]
    assert by_name["Helsinki summit"]["schema"] == "Event"
    assert len(by_name["Helsinki summit"]["properties"]["involved"]) == 2
    edges = [e for e in entities if model_edge(e)]
    schemata = sorted({e["schema"] for e in edges})
    assert schemata == ["Associate", "Employment", "Membership", "Representation", "UnknownLink"]
    denied = next(e for e in edges if "denied" in e["properties"]["summary"][0])
    assert denied["properties"]["status"] == ["negated"]
    summary = "“Trump denied any business ties with Russia.” — Trump and Putin (negated)"
    assert denied["properties"]["summary"] == [summary]
    assert denied["properties"]["publisher"] == ["Trump and Putin"]


def model_edge(entity: dict) -> bool:
    from followthemoney import model

    return bool(model.get(entity["schema"]).edge)


CURATION_NOTE = "Curated by an analyst: "  # graph.exports.ftm.CURATION_NOTE, spelled out: the README documents it


def test_ftm_relations_and_documents_carry_dates_and_curation():
    entities = ftm_entities(dated_curated_graph())
    docs = {e["properties"]["title"][0]: e["properties"] for e in entities if e["schema"] == "Document"}
    assert docs["Trump and Putin"]["date"] == ["2018-07-20"]
    assert "date" not in docs["Кремль и \"друзья\""]  # a hostile date is not a date
    edges = [e["properties"] for e in entities if model_edge(e)]
    works = next(p for p in edges if "Manafort worked for Yanukovych" in p["summary"][0])
    assert (works["startDate"], works["endDate"]) == (["2004-01-01"], ["2016-06-30"]) and "date" not in works
    met = next(p for p in edges if "Trump met Putin" in p["summary"][0])
    assert met["date"] == met["startDate"] == met["endDate"] == ["2018-07-16"]
    undated = next(p for p in edges if "Kushner met Kislyak" in p["summary"][0])
    assert not {"date", "startDate", "endDate"} & set(undated)
    curated = next(p for p in edges if any(s.startswith(CURATION_NOTE) for s in p["summary"]))
    assert curated["summary"][1] == CURATION_NOTE + json.dumps(
        {"status": ["FBI", "investigated", HOSTILE_DECISION], "to": "reported"}, ensure_ascii=False, sort_keys=True)
    person = next(e["properties"] for e in entities if e["properties"].get("name") == ["Paul Manafort"])
    assert person["summary"] == [CURATION_NOTE + json.dumps({"rename": {HOSTILE_DECISION: "Paul Manafort"}},
                                                            ensure_ascii=False)]

"""The layout around a span says it names nothing (real model)."""

from __future__ import annotations

import pytest

from extract.documents import make_document
from extract.pipeline import extract_records

pytestmark = pytest.mark.slow


def names(nlp, text):
    (record,) = extract_records([make_document(text, path="t.txt", doc_id="t")], nlp)
    return {m.name: m.label for m in record.mentions}


EARNINGS = ("Acme Corp said its quarterly profit rose.\n\nShr 39 cts vs 50 cts\n\nNet 1,545,160 vs 2,188,933\n\n"
            "Revs 25.2 mln vs 19.5 mln\n\nYear\n\nShr 1.53 dlrs vs 1.21 dlrs\n\nNet 6,635,318 vs 5,050,044\n\n"
            "Revs 92.2 mln vs 77.4 mln\n\nAvg shrs 2,332,397 vs 1,428,000\n\nAvg shrs 2,332,397 vs 1,428,000\n")


def test_the_row_labels_of_a_table_are_no_names(nlp):
    found = names(nlp, EARNINGS)
    assert "Acme Corp" in found
    assert not {"Revs", "Avg", "Shr", "Net"} & set(found)


def test_a_name_in_one_row_of_a_table_is_still_a_name(nlp):
    found = names(nlp, "Results on Sunday:\n\nMichael Johnson 19.32 seconds 1\n\nFrank Fredericks 19.68 seconds 2\n")
    assert found.get("Michael Johnson") == "PERSON"


def test_one_of_a_series_of_anonymous_sources_is_no_name(nlp):
    text = ("Source A said the deal was done. Source B, a banker, confirmed it. This was repeated by Source F, "
            "a female staffer at the hotel, who met Olaf Scholz.")
    found = names(nlp, text)
    assert "Olaf Scholz" in found
    assert not any(name.startswith("Source") for name in found)


def test_a_department_named_by_a_letter_is_a_name(nlp):
    found = names(nlp, "The file was collated by Department K of the FSB for many years, a source said.")
    assert any(name.startswith("Department K") for name in found)


def test_a_thing_described_by_whose_it_is_is_no_name(nlp):
    text = ("A dossier on Hillary CLINTON was collated. Source G, a senior Kremlin official, confided that the "
            "CLINTON dossier was controlled exclusively by chief spokesman, Dmitry PESKOV.")
    found = names(nlp, text)
    assert "Dmitry PESKOV" in found
    assert not any("dossier" in name for name in found)

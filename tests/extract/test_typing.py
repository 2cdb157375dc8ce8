"""A mention's type from the evidence of its document, where the model's guess is wrong (real model)."""

from __future__ import annotations

import pytest

from extract.documents import make_document
from extract.pipeline import extract_records

pytestmark = pytest.mark.slow


def names(nlp, text):
    (record,) = extract_records([make_document(text, path="t.txt", doc_id="t")], nlp)
    return {(m.name, m.label) for m in record.mentions}


def test_a_given_name_of_a_person_named_in_full_is_that_person(nlp):
    found = names(nlp, "Jared Kushner grew up in New Jersey. Morris Stadtmauer was Jared's maternal grandfather. "
                       "Jared studied at Harvard.")
    assert ("Jared", "PERSON") in found
    assert not any(name == "Jared" and label != "PERSON" for name, label in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He is the eldest child of Donald Trump and his first wife Ivana. He was born to Ivana and Donald Trump.",
         ("Ivana", "PERSON")),
        ("Eric Trump worked with his sister, Ivanka, to renovate the resort.", ("Ivanka", "PERSON")),
    ],
)
def test_a_name_after_a_relatives_word_is_a_person(nlp, text, expected):
    found = names(nlp, text)
    assert expected in found
    assert not any(name == expected[0] and label != "PERSON" for name, label in found)


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Excelan Inc said it is making an initial public offering of 2.1 mln shares. Excelan said the shares "
         "are being sold by the company. Excelan designs computer products.", "Excelan"),
        ("The company sold 82 pct of the capital stock of Sealy Inc. Analysts said Sealy would gain.", "Sealy"),
    ],
)
def test_a_companys_short_name_beside_its_name_with_a_legal_form_is_that_company(nlp, text, short):
    found = names(nlp, text)
    assert (short, "ORG") in found
    assert not any(name == short and label != "ORG" for name, label in found)


def test_a_short_name_that_is_a_persons_surname_stays_the_person(nlp):
    found = names(nlp, "Walter Kessler founded Kessler Inc in 1990. Kessler said the firm would grow.")
    assert ("Kessler", "PERSON") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was born in Leningrad, Soviet Union. Putin spoke of the collapse of the Soviet Union.",
         ("Soviet Union", "GPE")),
    ],
)
def test_a_shared_alias_name_has_its_declared_type(nlp, text, expected):
    found = names(nlp, text)
    assert expected in found
    assert not any(name == expected[0] and label != expected[1] for name, label in found)


def test_a_quantifier_before_a_name_is_no_part_of_it(nlp):
    found = names(nlp, "Some White House officials said the aim was politics.")
    assert ("White House", "ORG") in found
    assert not any(name.startswith("Some") for name, _ in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A gas dispute with Ukraine led state-controlled Russian company Gazprom to halt its deliveries. "
         "The pipeline would deliver gas from the state-majority-owned Gazprom to China.", ("Gazprom", "ORG")),
        ("An anonymous source familiar with the transition told the news website Politico, \"Jared doesn't like "
         "Christie.\" Politico noted that Ryan clamored for austerity.", ("Politico", "ORG")),
        ("Khodorkovsky was arrested, Yukos was bankrupted and the company's assets were auctioned. The fate of "
         "Yukos, an oil company, was seen as a sign of a shift.", ("Yukos", "ORG")),
        ("Excelan, a maker of computer products, said it would sell shares. Excelan said the offering was priced.",
         ("Excelan", "ORG")),
        ("Showers continued throughout the week in the state of Bahia, alleviating the drought. Bahia crop "
         "estimates rose.", ("Bahia", "GPE")),
    ],
)
def test_a_noun_that_says_what_a_name_is_gives_its_type(nlp, text, expected):
    found = names(nlp, text)
    assert expected in found
    assert not any(name == expected[0] and label != expected[1] for name, label in found)


def test_a_short_name_beside_its_name_with_a_generic_company_word_is_that_company(nlp):
    found = names(nlp, "In 2010, he became general counsel at Bridgewater Associates, a Connecticut-based "
                       "investment management firm. He left Bridgewater in 2013.")
    assert ("Bridgewater", "ORG") in found


def test_a_place_beside_a_bank_named_after_it_stays_a_place(nlp):
    found = names(nlp, "Moscow Bank lent money. Officials in Moscow said the loan was legal.")
    assert ("Moscow", "GPE") in found


@pytest.mark.parametrize("name", ["Freedom Caucus", "John Vianney Catholic Church", "Anti-Defamation League",
                                  "Saint Jude Hospital", "Hill School"])
def test_a_name_ending_in_a_bodys_word_is_an_organisation(name):
    from extract.pipeline import _corrected_label
    from extract.vocabulary import load_vocabulary

    assert _corrected_label(name, "PERSON", load_vocabulary()) == "ORG"


def test_a_relatives_word_after_a_comma_without_an_article_says_nothing_of_the_name(nlp):
    found = names(nlp, "His great-grandfather, Gustave Mueller, was a prominent doctor in Pittsburgh, whose own "
                       "father, August Mueller, had immigrated to the United States in 1855.")
    assert ("Pittsburgh", "GPE") in found


def test_what_annexation_or_invasion_befalls_is_a_place(nlp):
    found = names(nlp, "Sanctions were imposed after the annexation of Crimea by Russia. Crimea has always been "
                       "part of Russia, Putin said. The ministry of Crimea objected.")
    assert ("Crimea", "GPE") in found
    assert not any(name == "Crimea" and label != "GPE" for name, label in found)

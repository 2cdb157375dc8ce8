"""Typed relations of profile-style sentences (roles, kin, founders) and the wrong ends they must not take
(real model, hand-written sentences)."""

from __future__ import annotations

import pytest

from tests.extract.test_relations import relations

pytestmark = pytest.mark.slow


def typed(nlp, text):
    """The typed relations of ``text`` as (type, source, target) triples, co-mentions left out."""
    return {(t, a, b) for t, a, b, _ in relations(nlp, text) if t != "co_mentioned"}


@pytest.mark.parametrize(
    ("text", "field"),
    [
        # a department inside a title; the employer is the possessor
        ('"We will see," said Arthur Miller, BankAmerica\'s Vice President for Financial Communications, '
         "when asked.", "Financial Communications"),
        # the field of a title compounded onto the name
        ("Defense Secretary Caspar Weinberger ordered an increase in allowances.", "Defense"),
        ("Sergey Kislyak denied that he had discussed sanctions with Trump's National Security Advisor Mike Flynn.",
         "National Security"),
    ],
)
def test_a_titles_field_is_not_whom_its_holder_works_for(nlp, text, field):
    assert not {r for r in typed(nlp, text) if field in r}


def test_the_possessor_of_a_title_with_a_field_is_the_employer(nlp):
    text = '"We will see," said Arthur Miller, BankAmerica\'s Vice President for Financial Communications, when asked.'
    assert ("works_for", "Arthur Miller", "BankAmerica") in typed(nlp, text)


def test_an_institution_before_a_title_is_still_the_employer(nlp):
    assert ("works_for", "Steven Mnuchin", "Treasury") in typed(nlp, "Treasury Secretary Steven Mnuchin spoke.")


def test_an_interview_is_not_an_investigation(nlp):
    assert not typed(nlp, "The Washington Post interviewed Michael Flynn twice last year.")


def test_a_title_read_as_a_name_is_no_party(nlp):
    text = "TANDEN: You know, I recognize that Kellyanne Conway and Andre Bauer want to criticize the V.P. pick."
    assert not {r for r in typed(nlp, text) if "V.P." in r}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one of a group of children, and a role hung by the parser on the birthplace
        ("Jane Roe was born in Springfield, Ohio, the youngest of four children of Mary Roe (née Smith) and Peter "
         "Roe, a lawyer.", {("family_of", "Jane Roe", "Mary Roe"), ("family_of", "Jane Roe", "Peter Roe")}),
        ("Jane Roe is the eldest of three daughters of Peter Roe.", {("family_of", "Jane Roe", "Peter Roe")}),
        ("Tom Roe, one of five sons of Peter Roe, grew up in Ohio.", {("family_of", "Tom Roe", "Peter Roe")}),
    ],
)
def test_one_of_a_group_of_kin(nlp, text, expected):
    assert expected <= typed(nlp, text)


def test_a_person_born_in_a_place_is_no_relative_of_it(nlp):
    text = "Jane Roe was born in Springfield, the daughter of Peter Roe."
    found = typed(nlp, text)
    assert ("family_of", "Jane Roe", "Peter Roe") in found
    assert not {r for r in found if "Springfield" in r}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Roe founded a small charity that became the Roe Foundation.",
         ("founded", "Jane Roe", "Roe Foundation")),
        # the parser hangs the relative clause on the year
        ("His grandfather, John Doe, founded a trucking company in 1901, which later became Doe and Sons.",
         ("founded", "John Doe", "Doe and Sons")),
    ],
)
def test_a_company_founded_under_another_name(nlp, text, expected):
    assert expected in typed(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme Airways Ltd has placed a firm order with Boeing Co for four aircraft, chairman John Smith said.",
         ("works_for", "John Smith", "Acme Airways Ltd")),
        ("Acme Airways Ltd will cut 300 jobs, said spokeswoman Jane Doe.",
         ("works_for", "Jane Doe", "Acme Airways Ltd")),
    ],
)
def test_a_speakers_bare_title_places_them_in_the_company_they_speak_of(nlp, text, expected):
    assert expected in typed(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # an outsider's view, and a head of state's title
        "The FBI erred badly, analyst John Smith said.",
        "NATO must pay more, President Donald Trump said.",
        # the company's own words are not the speaker's employer's when the title is another's
        "Acme Airways Ltd will cut jobs, Boeing chairman John Smith said.",
    ],
)
def test_a_speaker_is_not_placed_in_every_organisation_they_speak_of(nlp, text):
    assert not {r for r in typed(nlp, text) if r[0] == "works_for" and r[2] in {"FBI", "NATO", "Acme Airways Ltd"}}


def test_a_speakers_title_asserts_the_tie_whatever_they_say(nlp):
    text = "Acme Airways Ltd may cut 300 jobs, chairman John Smith said."
    assert ("works_for", "John Smith", "Acme Airways Ltd", "asserted") in relations(nlp, text)


def test_who_sold_what_was_acquired_is_not_owned(nlp):
    text = "Earlier, Donald Trump had also acquired a building from the Hilton Corporation for $320 million."
    assert not {r for r in typed(nlp, text) if r[0] == "owns" and r[2] == "Hilton Corporation"}


def test_a_stake_acquired_in_a_company_is_owned(nlp):
    assert ("owns", "Donald Trump", "Acme Corp.") in typed(nlp, "Donald Trump acquired a stake in Acme Corp.")


def test_advice_to_act_is_not_a_job(nlp):
    assert not typed(nlp, "Senator Jane Doe advised the Acme Corporation to settle the case.")


def test_advising_a_company_is_a_job(nlp):
    text = "Jane Doe advised the Acme Corporation for a decade."
    assert ("works_for", "Jane Doe", "Acme Corporation") in typed(nlp, text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("In 2014, Mike Pence supported the Indiana Gateway project, a rail initiative.", "business_tie"),
        ("Senator John Roe opposed the talks with Vladimir Putin.", "met_with"),
    ],
)
def test_a_stance_on_a_tie_is_no_part_in_it(nlp, text, kind):
    assert not {r for r in typed(nlp, text) if r[0] == kind}


def test_a_senator_questioning_a_nominee_does_not_investigate_him(nlp):
    assert not typed(nlp, "Senator Al Franken questioned Jeff Sessions about the reports.")


def test_questioned_by_an_agency_is_investigated(nlp):
    assert ("investigated", "FBI", "Jeff Sessions") in typed(nlp, "Jeff Sessions was questioned by the FBI.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Donald Trump flew to Moscow for the Miss Universe pageant in 2013.",
         ("participated_in", "Donald Trump", "Miss Universe pageant")),
    ],
)
def test_going_somewhere_for_an_event_is_attending_it(nlp, text, expected):
    assert expected in typed(nlp, text)


def test_a_possessor_before_a_bracketed_company_name(nlp):
    text = "He said they are General Electric Co <GE> and Britain's <Rolls-Royce Ltd>."
    assert ("located_in", "Rolls-Royce Ltd", "Britain") in typed(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Oleg Ivanov, a billionaire close to Vladimir Putin, hired Paul Manafort in 2005.",
        "Oleg Ivanov is close to Vladimir Putin.",
        "Oleg Ivanov, who is close to Vladimir Putin, hired him.",
    ],
)
def test_close_to_someone_is_an_associate(nlp, text):
    assert ("associate_of", "Oleg Ivanov", "Vladimir Putin") in typed(nlp, text)


def test_an_interview_as_part_of_an_investigation_is_one(nlp):
    text = "James Comey interviewed Hillary Clinton as part of his investigation on July 2."
    assert ("investigated", "James Comey", "Hillary Clinton") in typed(nlp, text)


def test_a_reporter_asking_about_an_investigation_does_not_investigate(nlp):
    assert not typed(nlp, "The Washington Post interviewed Michael Flynn about the investigation.")


@pytest.mark.parametrize(
    "text",
    ["Mark Stone is married to Susan Stone.", "Mark Stone was married to Susan Stone from 1990 to 2001."],
)
def test_married_to_someone_is_family(nlp, text):
    assert ("family_of", "Mark Stone", "Susan Stone") in typed(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser takes "to" after an amount for a dative
        ("Acme Bank, controlled by Oleg Ivanov, lent $10 million to Acme Corp.",
         ("business_tie", "Acme Bank", "Acme Corp.")),
    ],
)
def test_to_whom_an_amount_went(nlp, text, expected):
    assert expected in typed(nlp, text)

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

"""Claim status read from the parse: what a sentence asserts, reports, denies, or only asks (real model)."""

from __future__ import annotations

import pytest

from extract.claims import is_question
from tests.extract.test_relations import relations

pytestmark = pytest.mark.slow


def statuses(nlp, text, kind=None):
    return {status for t, _, _, status in relations(nlp, text) if kind is None or t == kind}


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # "made no secret" affirms
        ("Angela Merkel made no secret that she wanted Emmanuel Macron to praise Olaf Scholz.", None, {"reported"}),
        ("There is no doubt that Michael Cohen met Konstantin Kilimnik.", "met_with", {"asserted"}),
        # not mentioning a thing does not deny it
        ("Donald Trump did not mention Russia's interference in the 2016 election.", "participated_in",
         {"reported"}),
        # wanting is not doing, and not wanting denies nothing
        ("Voters may not want to praise Nancy Pelosi in Ohio.", None, {"reported"}),
        # a conditional asserts nothing and denies nothing
        ("If Donald Trump essentially paid Karen McDougal for her silence, it would not be a campaign expense.",
         "funded", {"reported"}),
        ("If Michael Cohen did not meet Konstantin Kilimnik, the report is wrong.", "met_with", {"reported"}),
        # attribution
        ("Jeff Sessions met Sergey Kislyak, Jared Kushner said.", "met_with", {"reported"}),
        ("According to Reuters, Vladimir Putin met Angela Merkel.", "met_with", {"reported"}),
        # declining is not doing; documents that detail a claim report it
        ("Paul Ryan declined to attend the Munich Security Conference.", "participated_in", {"negated"}),
        ("The documents detail that Michael Flynn received $11,250 from Kaspersky Lab.", "funded", {"reported"}),
        # denial by the subject
        ("Sergey Kislyak denied meeting Jeff Sessions.", "met_with", {"negated"}),
        ("Sergey Kislyak denied that he had discussed sanctions with Michael Flynn.", "met_with", {"negated"}),
        # "no evidence that …" denies its clause, not the tie its noun phrase presupposes
        ("There is no evidence that Michael Cohen met Konstantin Kilimnik.", "met_with", {"negated"}),
        ("There is no evidence that Trump's lawyer Michael Cohen traveled to Prague.", "represents", {"asserted"}),
        ("Emin Agalarov, a pop star and the son of Aras Agalarov, asked Rob Goldstone to set up the meeting.",
         "family_of", {"asserted"}),
        ("Tuesday evening, John Podesta accused Roger Stone of plotting with WikiLeaks.", "criticized",
         {"asserted"}),
        # contending and boasting are attributions
        ("In an interview, Serhiy Leshchenko contended that Viktor Yanukovych paid Paul Manafort money.", "funded",
         {"reported"}),
        ("Roger Stone boasts in his speech that he has communicated with Julian Assange.", "met_with", {"reported"}),
        # a relative clause in a name's phrase of the main clause is the writer's
        ("Michael McFaul, a Stanford University professor who until 2014 served as U.S. ambassador to Russia, "
         "said he was not surprised.", "works_for", {"asserted"}),
        ("The subpoena also asks for similar records about Ekim Alptekin, a Turkish businessman who is chairman "
         "of the Turkish-American Business Council.", "works_for", {"asserted"}),
        # ... but not in a clause that is reported
        ("Reuters said that Ekim Alptekin, a Turkish businessman who is chairman of the Turkish-American Business "
         "Council, had left.", "works_for", {"reported"}),
        # "it is not clear what role X has in Y" asks; it denies nothing
        ("It is not entirely clear what role Michael Cohen might have had in the 2016 presidential election.",
         "participated_in", {"reported"}),
        # a conversation verb that is the relation's own trigger is not an attribution
        ("Michael Flynn told Sergey Kislyak about the sanctions.", "met_with", {"asserted"}),
    ],
)
def test_claim_status(nlp, text, kind, expected):
    assert statuses(nlp, text, kind) == expected


@pytest.mark.parametrize(
    "text",
    [
        "What is the truth between Donald Trump and Vladimir Putin and the Russian mafia",
        "Is there a link between Donald Trump and Vladimir Putin",
        "Whether Michael Cohen met Konstantin Kilimnik in Prague",
        "Did Michael Flynn meet Sergey Kislyak in December?",
        "BURR: Do you have any doubt that Vladimir Putin ordered the hack of the DNC",
    ],
)
def test_a_sentence_or_heading_that_asks_asserts_nothing(nlp, text):
    assert relations(nlp, text) == set()
    assert any(is_question(sent) for sent in nlp(text).sents)


@pytest.mark.parametrize(
    "text",
    [
        "When asked about it, Donald Trump praised Vladimir Putin.",
        "What Donald Trump wants is a meeting with Vladimir Putin.",
        "Donald Trump met Vladimir Putin.",
    ],
)
def test_statements_that_start_like_questions_still_assert(nlp, text):
    assert not is_question(next(nlp(text).sents))
    assert relations(nlp, text)


def test_only_a_denial_draws_a_negated_edge(nlp, tmp_path):
    from graph.build import build_graph

    path = tmp_path / "doc.txt"
    path.write_text("What is the link between Donald Trump and the Russian mafia\n\n"
                    "Ties between Donald Trump and the Russian mafia are not established.\n", encoding="utf-8")
    G = build_graph([path], nlp=nlp)
    statuses = {d["status"] for u, v, d in G.edges(data=True)
                if {G.nodes[u]["label"], G.nodes[v]["label"]} == {"Donald Trump", "Russian mafia"}}
    assert statuses == {"negated"}


def test_a_negation_written_with_a_typographic_apostrophe_denies(nlp):
    found = relations(nlp, "Tom Baker said he doesn\u2019t know Ann Lee.")
    assert ("associate_of", "Tom Baker", "Ann Lee", "negated") in found


def test_a_parenthetical_attribution_is_not_under_the_clause_it_reports(nlp):
    # the parser hangs "X told Y" under the reported clause; that clause's negation is not the telling's
    found = relations(nlp, "But, Clapper told Senator Jack Reed in February, those measures "
                           "still haven\u2019t changed President Vladimir Putin\u2019s strategy in Ukraine.")
    assert ("met_with", "Clapper", "Jack Reed", "asserted") in found


def test_not_the_only_one_affirms(nlp):
    # "X was not the only one who met Y" says that X met Y
    assert ("met_with", "Tom Baker", "Ann Lee", "asserted") in relations(
        nlp, "Tom Baker was not the only candidate who had met Ann Lee.")

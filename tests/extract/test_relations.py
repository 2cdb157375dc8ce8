"""Typed relations and claim status from the parse of small hand-written sentences (real model)."""

from __future__ import annotations

import re
import shutil

import pytest

from extract.documents import make_document
from extract.pipeline import extract_records
from extract.relations import relation_types
from extract.resolve import resolve
from extract.vocabulary import PATTERNS_DIR, load_vocabulary

pytestmark = pytest.mark.slow


def relations(nlp, text):
    """The relations of ``text`` as the graph reads them: a typed relation whose ends' types the vocabulary
    does not admit is a co-mention (the record keeps it for :mod:`extract.resolve`, which checks the types
    the names settle on across documents)."""
    (record,) = extract_records([make_document(text, path="t.txt", doc_id="t")], nlp)
    types = {rt.name: rt for rt in relation_types(load_vocabulary())}
    found = set()
    for r in record.relations:
        a, b = record.mentions[r.source], record.mentions[r.target]
        rt = types.get(r.type)
        kind = r.type if rt is None or rt.admits(a.label, b.label) else "co_mentioned"
        found.add((kind, a.name, b.name, r.citation.status))
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vladimir Putin met Angela Merkel in Berlin on Tuesday.",
         ("met_with", "Vladimir Putin", "Angela Merkel", "asserted")),
        ("Donald Trump praised Vladimir Putin at the press conference.",
         ("praised", "Donald Trump", "Vladimir Putin", "asserted")),
        ("Paul Manafort was investigated by the Federal Bureau of Investigation.",
         ("investigated", "Federal Bureau of Investigation", "Paul Manafort", "asserted")),
        ("Emmanuel Macron reportedly met Justin Trudeau in Paris.",
         ("met_with", "Emmanuel Macron", "Justin Trudeau", "reported")),
        ("Boris Johnson did not meet Emmanuel Macron during the visit.",
         ("met_with", "Boris Johnson", "Emmanuel Macron", "negated")),
        ("Angela Merkel and Emmanuel Macron attended the Munich Security Conference.",
         ("participated_in", "Angela Merkel", "Munich Security Conference", "asserted")),
    ],
)
def test_typed_relation_with_status(nlp, text, expected):
    assert expected in relations(nlp, text)


def test_meetings_between_two_named_sides(nlp):
    found = relations(nlp, "The report described secret meetings between Michael Cohen and Felix Sater.")
    assert {(t, frozenset((a, b))) for t, a, b, _ in found if t == "met_with"} == {
        ("met_with", frozenset(("Michael Cohen", "Felix Sater")))}


def test_denied_link_is_negated_not_asserted(nlp):
    found = relations(nlp, "No evidence established ties between Rudy Giuliani and Viktor Orban.")
    assert found and all(status == "negated" for *_, status in found)


def test_question_asserts_nothing(nlp):
    assert relations(nlp, "Did Michael Flynn meet Sergey Kislyak in December?") == set()


def test_unrelated_pair_falls_back_to_co_mentioned(nlp):
    found = relations(nlp, "Angela Merkel spoke in Berlin while Emmanuel Macron stayed home.")
    assert ("co_mentioned", "Angela Merkel", "Emmanuel Macron", "asserted") in found


@pytest.mark.parametrize(
    "text",
    [
        "Angela Merkel has repeatedly called Emmanuel Macron a strong leader.",
        "Angela Merkel called for better relations with Emmanuel Macron.",
        "Angela Merkel has spoken favorably about Emmanuel Macron.",
        "The firm found hackers working for Gazprom, said Angela Merkel.",
    ],
)
def test_words_that_only_look_like_a_relation(nlp, text):
    assert {t for t, *_ in relations(nlp, text)} <= {"co_mentioned", "praised"}
    assert not any(t == "works_for" and a == "Angela Merkel" for t, a, *_ in relations(nlp, text))


def test_open_question_is_reported_not_negated(nlp):
    found = relations(nlp, "The memo did not say whether Angela Merkel met Emmanuel Macron.")
    assert found and all(status == "reported" for *_, status in found)


def test_whether_or_not_denies_nothing(nlp):
    found = relations(nlp, "Angela Merkel exploits the crisis whether or not Emmanuel Macron proves useful to her.")
    assert found and all(status != "negated" for *_, status in found)


def test_citation_sentence_stops_before_boilerplate_and_keeps_trailing_markers(nlp):
    text = ("Angela Merkel and Emmanuel Macron\n\nDisclaimer: this summary can be wrong.\n\n"
            "Angela Merkel met Emmanuel Macron in Paris [2] [5]\n")
    doc = make_document(text, path="t.txt", doc_id="t")
    (record,) = extract_records([doc], nlp)
    sentences = {r.citation.sentence: r.citation for r in record.relations}
    assert "Angela Merkel and Emmanuel Macron" in sentences
    assert not any("Disclaimer" in s for s in sentences)
    last = sentences["Angela Merkel met Emmanuel Macron in Paris [2] [5]"]
    assert last.markers == (2, 5)
    assert text[last.start:last.end] == last.sentence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role before the name, with the organisation or the person it serves before the role
        ("FBI Director James Comey testified on Thursday.", ("works_for", "James Comey", "FBI")),
        ("Kremlin spokesman Dmitry Peskov declined to comment.", ("works_for", "Dmitry Peskov", "Kremlin")),
        ("Trump's lawyer Michael Cohen arranged the payment.", ("represents", "Michael Cohen", "Trump")),
        # relative and participial clauses
        ("Federal prosecutors charged Konstantin Kilimnik, whom Robert Mueller recently indicted.",
         ("charged", "Robert Mueller", "Konstantin Kilimnik")),
        ("The Crocus Group, a real estate conglomerate owned and controlled by Aras Agalarov, began talks.",
         ("owns", "Aras Agalarov", "Crocus Group")),
        ("Siemens, a company founded by Werner von Siemens, grew quickly.",
         ("founded", "Werner von Siemens", "Siemens")),
        ("David Pecker, publisher of the National Enquirer, spoke.", ("owns", "David Pecker", "National Enquirer")),
        # organisations in places
        ("Microsoft, a software company based in Seattle, opened an office.", ("located_in", "Microsoft", "Seattle")),
        ("Goldman Sachs has offices in Hong Kong, Miami and Zurich.", ("located_in", "Goldman Sachs", "Zurich")),
        # family
        ("Emin Agalarov (son of Aras Agalarov) represented the Crocus Group.",
         ("family_of", "Emin Agalarov", "Aras Agalarov")),
        ("Hatice Cengiz, fiancee of journalist Jamal Khashoggi, spoke.",
         ("family_of", "Hatice Cengiz", "Jamal Khashoggi")),
        ("Emin Agalarov, a pop star and the son of Aras Agalarov, asked Rob Goldstone to set up the meeting.",
         ("family_of", "Emin Agalarov", "Aras Agalarov")),
        ("Carter Page, a former foreign policy adviser to the Trump campaign, visited Moscow in July 2016.",
         ("works_for", "Carter Page", "Trump campaign")),
        # money as a flow, from the payer to the payee
        ("Michael Flynn received $45,000 from RT in 2015.", ("funded", "RT", "Michael Flynn")),
        ("Viktor Vekselberg donated $250,000 to the Republican National Committee.",
         ("funded", "Viktor Vekselberg", "Republican National Committee")),
        # legal action is not an investigation
        ("Robert Mueller indicted Paul Manafort.", ("charged", "Robert Mueller", "Paul Manafort")),
        # a role taken "as", and in a relative clause
        ("Michael Flynn, who served as the director of Defense Intelligence Agency from 2012, spoke.",
         ("works_for", "Michael Flynn", "Defense Intelligence Agency")),
        # "X of Y" right after a name
        ("Speaking to Martin Smith of PBS, he said it happened.", ("works_for", "Martin Smith", "PBS")),
        ("The previous day, television broadcaster PBS revealed that in December, Crown Prince Mohammad bin Salman "
         "of Saudi Arabia accepted responsibility.", ("works_for", "Mohammad bin Salman", "Saudi Arabia")),
        ("Ekim Alptekin is close to President Recep Tayyip Erdogan of Turkey.",
         ("works_for", "Recep Tayyip Erdogan", "Turkey")),
        # acting in an event
        ("Russia interfered in the 2016 presidential election.",
         ("participated_in", "Russia", "2016 presidential election")),
        # conversations
        ("Michael Flynn told Sergey Kislyak about the sanctions.", ("met_with", "Michael Flynn", "Sergey Kislyak")),
        ("Michael Flynn and Sergey Kislyak discussed sanctions.", ("met_with", "Michael Flynn", "Sergey Kislyak")),
        ("Steve Bannon was heard deliberating with Erik Prince.", ("met_with", "Steve Bannon", "Erik Prince")),
    ],
)
def test_typed_relation_from_the_shape_of_the_sentence(nlp, text, expected):
    kind, a, b = expected
    found = {(t, x, y) for t, x, y, _ in relations(nlp, text)}
    assert (kind, a, b) in found or (kind, b, a) in found and kind in {"met_with", "family_of"}


def test_a_place_is_not_a_party_to_a_meeting(nlp):
    found = relations(nlp, "Jeff Sessions met Sergey Kislyak in Cleveland.")
    assert ("met_with", "Jeff Sessions", "Sergey Kislyak", "asserted") in found
    assert not any(t == "met_with" and "Cleveland" in (a, b) for t, a, b, _ in found)


def test_the_topic_of_a_discussion_is_not_a_party(nlp):
    found = relations(nlp, "Donald Trump discussed topics including Ukraine.")
    assert not any(t == "met_with" for t, *_ in found)


def test_co_investigators_do_not_investigate_each_other(nlp):
    found = relations(nlp, "The documents came from an investigation by the Guardian, the BBC and "
                           "more than 100 other news organisations.")
    assert not any(t == "investigated" for t, *_ in found)


def test_considering_sanctions_is_not_an_investigation(nlp):
    found = relations(nlp, "The Treasury is considering lifting sanctions on Deutsche Bank.")
    assert not any(t == "investigated" for t, *_ in found)


def test_every_relation_type_declares_its_colour_and_exports():
    from graph.exports import CYPHER_RELATIONS, FTM_RELATIONS
    from graph.page import RELATION_COLOURS

    names = {r.name for r in load_vocabulary().relations}
    assert {"family_of", "represents", "owns", "founded", "funded", "charged", "located_in"} <= names
    assert names <= set(RELATION_COLOURS) and names <= set(CYPHER_RELATIONS)
    assert FTM_RELATIONS["family_of"][0].schema == "Family"
    assert FTM_RELATIONS["funded"][0].schema == "Payment"
    assert FTM_RELATIONS["owns"][0].schema == "Ownership"


def test_an_ambassador_does_not_work_for_the_host(nlp):
    found = relations(nlp, "Sergey Kislyak, Russia's former ambassador to Washington, spoke.")
    assert ("works_for", "Sergey Kislyak", "Russia", "asserted") in found
    assert not any(t == "works_for" and b == "Washington" for t, _, b, _ in found)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the agent of an event noun is who it comes from, not the clause's subject
        ("Vera Kurochkina derided inquiries from The Washington Post.", "investigated"),
        # an event noun deep inside another noun phrase has no agent in the clause
        ("The DNC collected all info about the attacks on Hillary Clinton.", "criticized"),
        # "that" after a name is a complementizer, not the object of a relative clause
        ("He later acknowledged to The Washington Post that RT had paid for the trip.", "funded"),
        # lobbying a government is not representing it
        ("Paul Manafort proposed that Oleg Deripaska would benefit from lobbying the United States.", "represents"),
    ],
)
def test_no_typed_relation_from_a_misread_agent(nlp, text, kind):
    assert not any(t == kind for t, *_ in relations(nlp, text))


def test_a_place_inside_the_object_is_not_a_party(nlp):
    found = relations(nlp, "Donald Trump told a reporter in Doral, Florida, that he never met Vladimir Putin.")
    assert not any(t == "met_with" and "Doral" in (a, b) for t, a, b, _ in found)
    found = relations(nlp, "The APEC Summit hosted 1500 economic leaders in Beijing to deliberate key issues.")
    assert not any(t == "participated_in" for t, *_ in found)


def test_a_table_run_together_as_one_sentence_gives_no_typed_relation(nlp):
    rows = " ".join(f"Person{i} Smith Adviser{i}" for i in range(30))
    text = f"Jared Kushner Son-in-law, senior adviser Paul Manafort Former campaign manager {rows} Rob Goldstone"
    assert not any(t != "co_mentioned" for t, *_ in relations(nlp, text))


def test_visiting_a_city_is_not_meeting_it(nlp):
    found = relations(nlp, "Carter Page, a former adviser to the Trump campaign, visited Moscow in July 2016.")
    assert not any(t == "met_with" for t, *_ in found)


def test_a_place_before_a_lawyer_is_where_the_lawyer_works_not_the_client(nlp):
    found = relations(nlp, "Randy Mastro, a New York lawyer, said Rudy Giuliani has close ties to Trump.")
    assert not any(t == "represents" and b == "New York" for t, _, b, _ in found)


def test_the_country_of_an_unnamed_official_is_not_a_party(nlp):
    found = relations(nlp, "A senior U.S. intelligence official told The Daily Beast that hackers were involved.")
    assert not any(t == "met_with" for t, *_ in found)


def test_roles_in_a_colon_list(nlp):
    found = relations(nlp, "Indicted: Rick Gates, Paul Manafort's business partner; George Papadopoulos, "
                           "a former Trump campaign adviser.")
    assert ("associate_of", "Rick Gates", "Paul Manafort", "asserted") in found
    assert ("works_for", "George Papadopoulos", "Trump campaign", "asserted") in found


def test_a_relative_clause_on_a_predicate_noun_speaks_of_the_subject(nlp):
    found = relations(nlp, "Jane Miller is an American lawyer who served as the chair of the Ohio Bar Association.")
    assert ("works_for", "Jane Miller", "Ohio Bar Association", "asserted") in found


def test_a_role_holder_named_as_an_example(nlp):
    found = relations(nlp, "Several employees of Acme Holdings, including its president John Carver, "
                           "pursued a deal with local partners.")
    assert ("works_for", "John Carver", "Acme Holdings", "asserted") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tom Baker was elected to the Ohio Senate in 2004.", ("member_of", "Tom Baker", "Ohio Senate", "asserted")),
        ("Ann Lee was appointed to the Federal Reserve Board last year.",
         ("member_of", "Ann Lee", "Federal Reserve Board", "asserted")),
    ],
)
def test_elected_or_appointed_to_a_body(nlp, text, expected):
    assert expected in relations(nlp, text)


def test_who_elected_someone_is_no_member(nlp):
    found = relations(nlp, "Tom Baker was elected to the Ohio Senate by the Green Party.")
    assert not any(t == "member_of" and a == "Green Party" for t, a, *_ in found)


@pytest.mark.parametrize(
    "text",
    [
        "Acme Corp signed a Berlin deal with local partners.",
        "Jane Roe led the Acme Corp's pursuit of a Grand Plaza Berlin project.",
    ],
)
def test_a_place_naming_a_deal_is_no_party_to_it(nlp, text):
    assert not any(t == "business_tie" for t, *_ in relations(nlp, text))


def test_a_company_naming_a_deal_is_a_party_to_it(nlp):
    found = relations(nlp, "Acme Corp signed a Globex Inc deal last year.")
    assert ("business_tie", "Acme Corp", "Globex Inc", "asserted") in found


def test_on_behalf_of_names_whom_a_role_serves(nlp):
    found = relations(nlp, "Jane Roe served as the primary negotiator on behalf of Acme Corp.")
    assert ("represents", "Jane Roe", "Acme Corp.", "asserted") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tom Baker was fired from his White House post last month.",
         ("works_for", "Tom Baker", "White House", "asserted")),
        ("Ann Lee left her job at the World Bank in May.", ("works_for", "Ann Lee", "World Bank", "asserted")),
        ("Ann Lee kept her Senate seat in 2010.", ("member_of", "Ann Lee", "Senate", "asserted")),
        # the possessive presupposes the seat: the clause's negation does not deny it
        ("Tom Baker did not lose his Senate seat.", ("member_of", "Tom Baker", "Senate", "asserted")),
    ],
)
def test_a_position_held_by_its_possessor(nlp, text, expected):
    assert expected in relations(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rep. Tom Baker (D-Ohio), the top Democrat on the House Oversight Committee, wrote the letter.",
         ("member_of", "Tom Baker", "House Oversight Committee", "asserted")),
        ("Ann Lee, the ranking member on the Senate Finance Committee, voted no.",
         ("member_of", "Ann Lee", "Senate Finance Committee", "asserted")),
        ("Tom Baker gave up his seat on the Security Council.",
         ("member_of", "Tom Baker", "Security Council", "asserted")),
    ],
)
def test_a_member_on_a_body(nlp, text, expected):
    assert expected in relations(nlp, text)


def test_a_party_member_from_a_place_is_no_member_of_the_place(nlp):
    found = relations(nlp, "Ann Lee, a Republican from Ohio, spoke.")
    assert not any(t == "member_of" for t, *_ in found)


def test_a_place_on_a_company_noun_inside_the_object_is_no_party(nlp):
    found = relations(nlp, "As a partner in a group called ETIRC, Tom Baker bought a stake in a New Mexico "
                           "jet maker called Eclipse Aviation.")
    assert not any(t == "business_tie" and "New Mexico" in (a, b) for t, a, b, _ in found)


def test_a_branch_of_a_company_names_the_company_not_the_place(nlp):
    found = relations(nlp, "Ann Lee had worked in the Moscow branch of Merrill Lynch for several years.")
    assert ("works_for", "Ann Lee", "Merrill Lynch", "asserted") in found
    assert not any(t == "works_for" and b == "Moscow" for t, a, b, _ in found)


def test_who_is_discussed_is_no_party_to_the_discussion(nlp):
    found = relations(nlp, "Tom Baker is being discussed by Ann Lee as somebody who might join the campaign.")
    assert not any(t == "met_with" for t, *_ in found)


def test_a_relative_clause_on_the_speaker_is_not_what_the_speaker_says(nlp):
    found = relations(nlp, "Tom Baker, who regularly talks to Ann Lee, told reporters the story was false.")
    assert ("met_with", "Tom Baker", "Ann Lee", "asserted") in found


def test_a_fronted_participle_with_a_by_agent_is_passive(nlp):
    # the agent acts on the main clause's subject, and the main clause's denial is not the claim's
    found = relations(nlp, "Accused by Ann Lee of being a puppet of the mayor, Tom Baker has dismissed suggestions "
                           "that he was involved.")
    assert ("criticized", "Ann Lee", "Tom Baker", "asserted") in found
    assert not any(t == "criticized" and a == "Tom Baker" for t, a, *_ in found)


@pytest.mark.parametrize("text", ["Utah Republican Chairman Tom Baker met Ann Lee.",
                                  "Tom Baker, the Utah Republican chairman, met Ann Lee."])
def test_a_place_before_a_party_adjective_names_the_party_branch_not_the_employer(nlp, text):
    found = relations(nlp, text)
    assert ("met_with", "Tom Baker", "Ann Lee", "asserted") in found
    assert not any(t == "works_for" and b == "Utah" for t, a, b, _ in found)


def test_paying_attention_is_no_payment(nlp):
    found = relations(nlp, "Acme Corp has paid no attention to Ann Lee, and Tom Baker paid tribute to Ann Lee.")
    assert not any(t == "funded" for t, *_ in found)


def test_who_reports_a_meeting_is_no_party_to_it(nlp):
    found = relations(nlp, "The Post reveals two interactions with Ann Lee, and Tom Baker reported contacts with "
                           "Acme Corp.")
    assert not any(t == "met_with" for t, *_ in found)


@pytest.mark.parametrize(("text", "kind", "place"), [
    ("At the time, Tom Baker was working in Ukraine, advising a political party.", "works_for", "Ukraine"),
    ("Ann Lee contributed to this report in Washington; Tom Baker contributed from New York.", "funded",
     "New York"),
])
def test_a_place_after_in_or_from_is_where_not_a_party(nlp, text, kind, place):
    assert not any(t == kind and place in (a, b) for t, a, b, _ in relations(nlp, text))


def test_working_for_a_country_is_still_working_for_it(nlp):
    assert ("works_for", "Tom Baker", "Ukraine", "asserted") in relations(nlp, "Tom Baker worked for Ukraine.")


def test_who_reveals_something_in_a_meeting_is_a_party_to_it(nlp):
    found = relations(nlp, "Tom Baker on Monday revealed the names of his advisers in a meeting with Ann Lee.")
    assert any(t == "met_with" and {a, b} == {"Tom Baker", "Ann Lee"} for t, a, b, _ in found)


@pytest.mark.parametrize("text", [
    "Roger Stone told CNN that he was never fired.",
    "Ann Lee, a port official, told The Jakarta Post that the ship had left.",
    "Tom Baker spoke to Reuters on Monday about the deal.",
])
def test_telling_an_outlet_or_a_body_is_a_statement_not_a_meeting(nlp, text):
    assert not any(t == "met_with" for t, *_ in relations(nlp, text))


def test_telling_a_person_is_still_a_conversation(nlp):
    found = relations(nlp, "Roger Stone told Ann Lee that he was never fired.")
    assert ("met_with", "Roger Stone", "Ann Lee", "asserted") in found or (
        "met_with", "Ann Lee", "Roger Stone", "asserted") in found


def test_relation_kept_for_the_type_a_name_settles_on(nlp):
    """The model reads the surname alone as a place in the second sentence; the name settles on the
    person it stands for, and the graph checks the relation against that type, not the guess."""
    text = ("The journalist Jamal Khashoggi was killed in October. "
            "Khashoggi, a Saudi national, was a columnist for The Washington Post.")
    resolution = resolve(extract_records([make_document(text, path="t.txt", doc_id="t")], nlp))
    label = {e.id: e.label for e in resolution.entities}
    assert ("Jamal Khashoggi", "works_for", "Washington Post") in {
        (label[e.source], e.type, label[e.target]) for e in resolution.edges}


@pytest.mark.parametrize(
    ("text", "kind", "pair"),
    [
        # receiving is a payment only when what is received is money
        ("Trump had received private assurances from then-FBI Director James B. Comey starting in January "
         "that he was not personally under investigation.", "funded", ("James B. Comey", "Trump")),
        ("President Donald J. Trump received a congratulatory call today from Russian President Vladimir Putin.",
         "funded", ("Vladimir Putin", "Donald J. Trump")),
        # where an interview happens is not whom it questions
        ("Lt. Gen. Mike Flynn was interviewed at the White House by the FBI.", "investigated", ("FBI", "White House")),
        # a name addressed at the start of a sentence is no party to what it says
        ("SCHIFF: Director Rogers, President Trump recently met with German Chancellor Angela Merkel during a "
         "joint press conference.", "met_with", ("Rogers", "Angela Merkel")),
        # the object of "accused X of trying to" is who tries, not the accuser
        ("Last fall, US intelligence agencies formally accused the Kremlin of trying to interfere in the 2016 "
         "election.", "participated_in", ("US", "2016 election")),
        # "X and Y aide Z": the parser hangs X on the role noun with Y, but Z is Y's aide only
        ("The Associated Press reported that Manafort and Trump aide Rick Gates had helped to channel $2.2 million "
         "to U.S. lobbying firms.", "associate_of", ("Manafort", "Rick Gates")),
        # a name with a role noun of its own is not the apposition of another role
        ("The New York Times reports that National Security Council senior director for intelligence Ezra "
         "Cohen-Watnick and White House national security lawyer Michael Ellis provided Nunes the documents.",
         "works_for", ("Michael Ellis", "National Security Council")),
        # a list of people with their roles: the second role is not the first person's
        ("I would like to welcome our witnesses, director of the FBI, Jim Comey and director of the National "
         "Security Agency, Admiral Rogers.", "works_for", ("Jim Comey", "National Security Agency")),
        # a name of a place after an untitled name is where the person is from
        ("Lindsey Graham of South Carolina spoke first.", "works_for", ("Lindsey Graham", "South Carolina")),
        # a quotation's words are not linked to a name outside it by the parse's slip
        ("\"Mr. Cohen told The Times in no uncertain terms that he delivered the Ukraine proposal to Michael Flynn's "
         "office at the White House,\" The Times' deputy managing editor Matthew Purdy said.", "met_with",
         ("Cohen", "Matthew Purdy")),
        # two subjects of "speak with Z" do not speak with each other
        ("The Associated Press and The Washington Post speak with Rinat Akhmetshin, a Russian-American lobbyist.",
         "met_with", ("Associated Press", "Washington Post")),
        # a list after a singular role: only the first name holds it
        ("I'll ask President Trump's lawyer Jay Sekulow and the leading Democrat in the Senate Intelligence "
         "Committee, Mark Warner.", "represents", ("Mark Warner", "Trump")),
        ("Sally Q. Yates, the acting attorney general at the time, and a senior career national security official "
         "at the Justice Department had informed McGahn at his office.", "works_for",
         ("Sally Q. Yates", "Justice Department")),
        # "..., a friend of X's told Y": the parser takes the subject for an apposition of what comes before
        ("After Rosenstein was nominated by Trump to be deputy attorney general, a friend of Comey’s told the FBI "
         "director that he was encouraged by Rosenstein’s nomination.", "associate_of", ("Comey", "Rosenstein")),
        # a plural role noun does not make its modifier a party: "U.S. presidents"
        ("Shtorkh said that Vekselberg had met the past three U.S. presidents as part of his efforts.", "met_with",
         ("Vekselberg", "U.S.")),
        # a photo credit before a caption is no party to it
        ("REUTERS/Valentyn Ogirenko The Ukrainian lawmaker who met with President Donald Trump's personal lawyer, "
         "Michael Cohen, and the businessman Felix Sater in New York last month to discuss a peace plan.",
         "met_with", ("Valentyn Ogirenko", "Michael Cohen")),
        # "picked X as director of Y": the object takes the role, not the subject
        ("President-elect Donald Trump has picked Sen. Jeff Sessions for attorney general and Rep. Mike Pompeo as "
         "director of the CIA, presidential transition officials told USA TODAY.", "works_for",
         ("Donald Trump", "CIA")),
        # "blamed X for cyber attacks on Y": the blamer did not attack Y, and a cyber attack is no criticism
        ("The U.S. government has blamed Russia for cyber attacks on Democratic Party organizations.", "criticized",
         ("U.S.", "Democratic Party")),
        # a candidate for a body is not yet its member
        ("“I think what we are offering is a very clear view of the world,” said Sam Clovis, an Iowa talk-show host "
         "and former Senate candidate who backs Trump.", "member_of", ("Sam Clovis", "Senate")),
        # serving on a committee is membership, not employment
        ("Joining us now from Charleston, West Virginia, is Democratic Senator Joe Manchin, who serves on the "
         "Senate Intelligence Committee.", "works_for", ("Joe Manchin", "Senate Intelligence Committee")),
    ],
)
def test_no_typed_relation_for_a_look_alike(nlp, text, kind, pair):
    found = relations(nlp, text)
    assert not any(t == kind and {a, b} == set(pair) for t, a, b, _ in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Flynn received $45,000 in payments from RT in 2015.", ("funded", "RT", "Flynn")),
        ("Lt. Gen. Mike Flynn was interviewed at the White House by the FBI.", ("investigated", "FBI", "Mike Flynn")),
        ("Last fall, US intelligence agencies formally accused the Kremlin of trying to interfere in the 2016 "
         "election.", ("participated_in", "Kremlin", "2016 election")),
        ("Joining us now is Senator Joe Manchin, who serves on the Senate Intelligence Committee.",
         ("member_of", "Joe Manchin", "Senate Intelligence Committee")),
        ("President-elect Donald Trump has picked Sen. Jeff Sessions for attorney general and Rep. Mike Pompeo as "
         "director of the CIA, presidential transition officials told USA TODAY.", ("works_for", "Mike Pompeo", "CIA")),
        ("With the Democratic Party taking control of the House of Representatives, Nancy Pelosi succeeded Paul Ryan "
         "as Speaker of the House of Representatives.", ("works_for", "Nancy Pelosi", "House of Representatives")),
        ("The Associated Press reported that Manafort and Trump aide Rick Gates had helped to channel $2.2 million "
         "to U.S. lobbying firms.", ("associate_of", "Trump", "Rick Gates")),
        ("I would like to welcome our witnesses, director of the FBI, Jim Comey and director of the National "
         "Security Agency, Admiral Rogers.", ("works_for", "Jim Comey", "FBI")),
    ],
)
def test_the_right_relation_beside_a_look_alike(nlp, text, expected):
    assert expected in {(t, a, b) for t, a, b, _ in relations(nlp, text)}


def test_the_verbs_that_choose_or_tell_come_from_the_vocabulary_given(nlp, tmp_path):
    """claims.yml's ``as_object_verbs`` and ``telling`` are read from the vocabulary the relations are found
    with, not from the built-in one: without them, the subject takes the role and tells of its own meeting."""
    folder = tmp_path / "patterns"
    shutil.copytree(PATTERNS_DIR, folder)
    claims = folder / "claims.yml"
    text = claims.read_text(encoding="utf-8")
    for key in ("as_object_verbs", "telling"):
        text = re.sub(rf"^{key}: \[[^\]]*\]", f"{key}: []", text, flags=re.MULTILINE)
    claims.write_text(text, encoding="utf-8")
    docs = [make_document(text, path=f"{i}.txt", doc_id=str(i)) for i, text in enumerate(
        ["Ann Lee named Bob Roe as director of Acme Corp.", "The Times revealed meetings with Carl Poe."])]

    def found(vocab):
        return {(r.type, record.mentions[r.source].name, record.mentions[r.target].name)
                for record in extract_records(docs, nlp, vocab=vocab) for r in record.relations}

    built_in, emptied = found(load_vocabulary()), found(load_vocabulary(folder))
    assert ("works_for", "Bob Roe", "Acme Corp.") in built_in and ("works_for", "Ann Lee", "Acme Corp.") in emptied
    assert ("met_with", "Times", "Carl Poe") in emptied and ("met_with", "Times", "Carl Poe") not in built_in

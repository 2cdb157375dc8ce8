"""Entity spans from the model are cleaned before they become mentions (real model)."""

from __future__ import annotations

import pytest

from extract.documents import make_document
from extract.pipeline import extract_records

pytestmark = pytest.mark.slow


def names(nlp, text):
    (record,) = extract_records([make_document(text, path="t.txt", doc_id="t")], nlp)
    return [(m.name, m.label) for m in record.mentions]


def test_a_name_never_runs_over_a_line_break(nlp):
    found = names(nlp, "The meeting was arranged by Angela Merkel\nEmmanuel Macron joined later.")
    assert all("\n" not in name and "Merkel Emmanuel" not in name for name, _ in found)


def test_field_labels_are_not_part_of_a_name(nlp):
    found = names(nlp, "From: Rob Goldstone Sent: Monday, June 06, 2016 To: Donald Trump Jr. Subject: Re: Russia")
    assert ("Rob Goldstone", "PERSON") in found
    assert not any(name.endswith(("Sent", "Subject")) for name, _ in found)


def test_citation_markers_and_numbers_never_become_entities(nlp):
    found = names(nlp, "Vladimir Putin met Angela Merkel in 2018 [4] [3] and again on 12 May [10].")
    assert all(not any(ch.isdigit() for ch in name) for name, _ in found)
    assert ("Vladimir Putin", "PERSON") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leaders gathered at the Geneva summit in July.", ("Geneva summit", "EVENT")),
        ("Turnout in the 2020 election was high.", ("2020 election", "EVENT")),
        ("The G7 met in Biarritz.", ("G7", "EVENT")),
        ("Plans for Hilton Tower Dubai stalled.", ("Hilton Tower Dubai", "FAC")),
        ("Officials of the Securities Office (SO) declined to comment.", ("Securities Office", "ORG")),
    ],
)
def test_event_and_project_patterns(nlp, text, expected):
    assert expected in names(nlp, text)


def test_abbreviation_defined_in_the_text_is_recorded(nlp):
    doc = make_document("Officials of the Securities Office (SO) declined. The SO later agreed.", path="t", doc_id="t")
    (record,) = extract_records([doc], nlp)
    assert ("Securities Office", "SO") in record.aliases


@pytest.mark.parametrize(
    "text",
    ["WASHINGTON (AP) — Senators met on Monday.", "MOSCOW (CNN) — The Kremlin said nothing.",
     "Officers of the General Staff of the Russian Army (GRU) were named."],
)
def test_a_parenthesised_word_whose_initials_do_not_fit_is_no_abbreviation(nlp, text):
    (record,) = extract_records([make_document(text, path="t", doc_id="t")], nlp)
    assert not any(short in {"AP", "CNN"} or long.endswith("Army") for long, short in record.aliases)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alex Oxlade-Chamberlain scored for the visitors.", "Alex Oxlade-Chamberlain"),
        ("He flew on Volga-Dnepr Airlines last year.", "Volga-Dnepr Airlines"),
        ("He met Rolls-Royce Ltd engineers.", "Rolls-Royce Ltd"),
    ],
)
def test_a_hyphenated_name_is_one_name(nlp, text, expected):
    assert expected in {name for name, _ in names(nlp, text)}


@pytest.mark.parametrize(
    ("text", "expected", "never"),
    [
        ("It was collated by Department K of the FSB.", "Department K", "Department K of"),
        ("The Treasury's Office of Foreign Assets Control (OFAC said so.", "Office of Foreign Assets Control",
         "(OFAC"),
        ("Crown Prince Mohammad bin Salman spoke on Monday.", "Mohammad bin Salman", "Crown Prince"),
    ],
)
def test_span_edges_are_trimmed(nlp, text, expected, never):
    found = {name for name, _ in names(nlp, text)}
    assert expected in found
    assert not any(never in name for name in found)


def test_a_generational_suffix_alone_is_no_name(nlp):
    found = names(nlp, "See the interview of Donald J. Trump, Jr, before the Senate Judiciary Committee.")
    assert not any(name.lower().rstrip(".") in {"jr", "sr"} for name, _ in found)


def test_a_title_before_a_name_outvotes_the_models_modifier_guesses(nlp):
    text = ("Moscow did not discuss sanctions with the incoming Trump team, the envoy said. He also denied that "
            "the Kremlin supported Trump. More: President Trump signs new sanctions.")
    found = names(nlp, text)
    assert ("Trump", "PERSON") in found
    assert ("Trump", "ORG") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [("As Speaker, he had a role in passage of the Tax Cuts and Jobs Act of 2017.", "Tax Cuts and Jobs Act"),
     ("The bill, the American Health Care Act of 2017, passed the House.", "American Health Care Act")],
)
def test_a_name_ending_in_act_is_a_law(nlp, text, expected):
    assert (expected, "LAW") in names(nlp, text)


@pytest.mark.parametrize(
    ("text", "name", "count"),
    [
        ("Welbeck scored twice. Arsenal beat the holders. Wenger praised Welbeck, and Arsenal moved on.",
         "Arsenal", 2),
        ("Welbeck scored twice. Arsenal beat the holders. Wenger praised Welbeck, and Arsenal moved on.",
         "Welbeck", 2),
    ],
)
def test_a_name_found_once_is_found_at_its_other_occurrences(nlp, text, name, count):
    assert [n for n, _ in names(nlp, text)].count(name) == count



TRANSCRIPT = ("KLEIN: Good morning, Director. Thank you for coming.\n\nCOMEY: Thank you.\n\n"
              "KLEIN: Did you meet him?\n\nCOMEY: No.\n\nKLEIN: Did you call him?\n\nCOMEY: Yes, I did.\n")


def test_the_speakers_of_a_transcript_are_persons(nlp):
    found = names(nlp, TRANSCRIPT)
    assert found.count(("KLEIN", "PERSON")) == 3
    assert found.count(("COMEY", "PERSON")) == 3


def test_field_labels_and_notes_are_no_speakers(nlp):
    found = names(nlp, "SUBJECT: Budget\nDATE: Monday\nNOTE: The board met.\nUPDATE: The board met again.\n")
    assert not any(label == "PERSON" for _, label in found)


def test_a_name_ending_in_a_legal_form_is_an_organisation(nlp):
    found = names(nlp, "Kaspersky Lab makes antivirus software. Officials said Kaspersky Lab had ties to spies.")
    assert ("Kaspersky Lab", "ORG") in found
    assert not any(name == "Kaspersky Lab" and label != "ORG" for name, label in found)


def aliases(nlp, text):
    (record,) = extract_records([make_document(text, path="t.txt", doc_id="t")], nlp)
    return record.aliases


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Ann Lee, also known as Annie Lee, was arrested in Ohio.", ("Ann Lee", "Annie Lee")),
        ("Rodrigo Duterte, also known as Digong, won the election.", ("Rodrigo Duterte", "Digong")),
    ],
)
def test_also_known_as_names_one_entity(nlp, text, pair):
    assert pair in aliases(nlp, text)


@pytest.mark.parametrize(
    "text",
    ["Barack Obama, known as Donald Trump's rival, spoke.",
     "The rapper Shawn Carter, better known as Jay-Z, was there."],
)
def test_known_as_a_modifier_or_a_piece_of_a_word_is_no_alias(nlp, text):
    assert aliases(nlp, text) == ()


def test_a_word_capitalised_only_at_a_sentence_start_is_no_name(nlp):
    found = names(nlp, "The regime has been cultivating allies for years. Aim, endorsed by the president, has "
                       "been to encourage splits. Its aim was to sow discord.")
    assert not any(name == "Aim" for name, _ in found)


def test_a_sentence_opening_name_the_text_capitalises_elsewhere_is_kept(nlp):
    found = names(nlp, "Bush spoke first. Later George Bush said the bush fire was out.")
    assert ("Bush", "PERSON") in found


@pytest.mark.parametrize(
    ("text", "never"),
    [
        ("The FBI investigation into the leak began in July.", "FBI investigation"),
        ("Lawmakers widened the Russia inquiry last week.", "Russia inquiry"),
        ("A UN report found that the state was responsible.", "UN report"),
    ],
)
def test_an_inquiry_named_by_who_runs_it_or_what_it_is_about_is_no_event(nlp, text, never):
    assert not any(name == never for name, _ in names(nlp, text))


def test_a_bracket_glued_to_the_next_word_does_not_hide_a_name(nlp):
    found = names(nlp, "(CNN)Former Manchester United star Danny Welbeck returned to Old Trafford on Monday.")
    assert ("CNN", "ORG") in found


@pytest.mark.parametrize(
    ("text", "expected", "never"),
    [
        ("The firm later became P. W. Ryan and Sons and is now known as Ryan Incorporated Central.",
         {("P. W. Ryan and Sons", "ORG"), ("Ryan Incorporated Central", "ORG")}, "Sons"),
        ("George Bush and son visited the ranch.", {("George Bush", "PERSON")}, "George Bush and son"),
    ],
)
def test_a_family_firm_and_a_legal_form_inside_a_name_make_an_organisation(nlp, text, expected, never):
    found = set(names(nlp, text))
    assert expected <= found
    assert not any(name == never for name, _ in found)


def test_a_span_ends_before_a_comma_that_opens_the_next_clause(nlp):
    found = names(nlp, "On an episode of the PBS series Finding Your Roots, Ryan learned that he is descended "
                       "from farmers.")
    assert ("Finding Your Roots", "WORK_OF_ART") in found
    assert not any(name.endswith(", Ryan") for name, _ in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Former Manchester United star Danny Welbeck scored. Liverpool or Blackburn Rovers will play next.",
         {("Manchester United", "ORG"), ("Blackburn Rovers", "ORG"), ("Danny Welbeck", "PERSON")}),
        ("Newcastle beat Bolton Wanderers 2-1 at St James Park.", {("Bolton Wanderers", "ORG")}),
    ],
)
def test_a_sports_club_is_an_organisation_and_its_score_no_part_of_its_name(nlp, text, expected):
    assert expected <= set(names(nlp, text))


def test_a_companys_later_name_is_an_alias(nlp):
    pairs = aliases(nlp, "The firm later became P. W. Ryan and Sons and is now known as Ryan Incorporated Central.")
    assert ("P. W. Ryan and Sons", "Ryan Incorporated Central") in pairs


def test_a_century_is_a_date_not_a_name(nlp):
    found = names(nlp, "He spoke of the desire to return to Nineteenth Century \"Great Power\" politics.")
    assert not any(name.endswith("Century") for name, _ in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Two budgets—"The Path to Prosperity" and "A Better Way"—advocated cuts.',
         {("The Path to Prosperity", "WORK_OF_ART"), ("A Better Way", "WORK_OF_ART")}),
        ("He was United States Attorney for the Western District of Wisconsin in 1990.",
         {("Western District of Wisconsin", "LOC")}),
        ("The interview ran on Vesti.ru on Monday.", {("Vesti.ru", "ORG")}),
    ],
)
def test_names_the_model_cuts_short_or_mistypes_are_made_whole(nlp, text, expected):
    assert expected <= set(names(nlp, text))


def spans(nlp, text):
    (record,) = extract_records([make_document(text, path="t.txt", doc_id="t")], nlp)
    return {(m.text, m.label) for m in record.mentions}


@pytest.mark.parametrize(
    ("text", "expected", "never"),
    [
        ("SEOUL 1996-12-06\nSouth Korea's central bank said on Friday it would cut rates.", ("SEOUL", "GPE"),
         "SEOUL 1996"),
        ("The Foreign Ministry said on Monday that talks would resume.", ("Foreign Ministry", "ORG"),
         "The Foreign Ministry"),
    ],
)
def test_a_mention_spans_the_name_only(nlp, text, expected, never):
    found = spans(nlp, text)
    assert expected in found
    assert not any(t == never for t, _ in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Supreme Court of Pakistan ruled on Monday.", ("Supreme Court of Pakistan", "ORG")),
    ],
)
def test_a_body_goes_on_with_of_and_a_place(nlp, text, expected):
    assert expected in spans(nlp, text)


@pytest.mark.parametrize(("text", "never"), [("Dunfermline 2 Aberdeen 1", "Dunfermline 2 Aberdeen"),
                                             ("Forfar v Alloa", "Forfar v Alloa")])
def test_a_result_or_fixture_is_no_one_name(nlp, text, never):
    assert not any(t == never for t, _ in spans(nlp, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Czech President Vaclav Havel spoke on Monday. Havel said the talks went well. Havel left at noon.",
         ("Havel", "PERSON")),
        ("Donald Trump arrived late. Trump White House aides said Trump would speak.", ("Trump", "PERSON")),
    ],
)
def test_a_surname_of_a_person_named_in_full_is_that_person(nlp, text, expected):
    found = set(names(nlp, text))
    assert expected in found


def test_a_company_named_before_its_founder_stays_a_company(nlp):
    found = set(names(nlp, "Siemens, a company founded by Werner von Siemens, grew quickly."))
    assert ("Siemens", "ORG") in found


@pytest.mark.parametrize(
    ("text", "expected", "never"),
    [
        ("Ann Lee, a rapporteur for the Office of the UN High Commissioner for Human Rights, spoke on Monday.",
         ("Office of the UN High Commissioner for Human Rights", "ORG"), "Office of the UN"),
        # a person's title after a company's name is not part of it, nor is the next entity
        ("Acme Holdings Chief Executive Ann Lee said so.", ("Ann Lee", "PERSON"), "Acme Holdings Chief Executive"),
        # a title before a name hangs from the name, not from the organisation that starts it
        ("Senate Majority Leader Ann Lee said so.", ("Ann Lee", "PERSON"), "Senate Majority Leader"),
        ("ANN LEE, CNN POLITICAL COMMENTATOR: I'm upset.", ("CNN", "ORG"), "CNN POLITICAL COMMENTATOR"),
    ],
)
def test_a_name_runs_on_to_the_end_of_its_proper_noun_phrase(nlp, text, expected, never):
    found = set(names(nlp, text))
    assert expected in found
    assert never not in {name for name, _ in found}


@pytest.mark.parametrize(
    ("text", "expected", "never"),
    [
        # a wire story marks a company's name with angle brackets; the model tags only "Pratt"
        ("Engines come from <Pratt and Whitney> and <Rolls-Royce Ltd>.", ("Pratt and Whitney", "ORG"), "Pratt"),
        ("Qantas ordered four Boeing 747-400 aircraft.", ("Boeing 747-400", "PRODUCT"), "Boeing"),
        ("Talks began after the 2013 Miss Universe pageant in Moscow.", ("Miss Universe pageant", "EVENT"), None),
        ("He spoke on the Russian 24 channel on Sunday.", ("Russian 24 channel", "ORG"), "Russian"),
    ],
)
def test_a_marked_company_a_makers_model_a_pageant_and_a_channel_are_whole_names(nlp, text, expected, never):
    found = set(names(nlp, text))
    assert expected in found
    assert never not in {name for name, _ in found}


def test_a_vote_after_a_body_is_no_model_number(nlp):
    assert "Senate 98-2" not in {name for name, _ in names(nlp, "The bill passed the Senate 98-2 on Thursday.")}


def test_angle_brackets_around_other_words_make_no_name(nlp):
    found = {name for name, _ in names(nlp, "Use the <Body ID> field, wrote Ann Lee <ann@example.com>.")}
    assert "Body ID" not in found


def test_a_span_over_a_dash_set_off_by_spaces_is_no_name(nlp):
    found = names(nlp, "A photographer caught the senator at the door. REUTERS/Ann Lee (UNITED STATES - Tags: "
                       "POLITICS SOCIETY) The senator left.")
    assert ("Ann Lee", "PERSON") in found
    assert not any("Tags" in name for name, _ in found)


def test_a_word_that_says_when_is_no_part_of_the_name_it_opens(nlp):
    found = names(nlp, 'The headline read, "Former Acme Campaign Chief Orvo Brennick Wanted for Questioning." '
                       "The Acme campaign declined to comment. Brennick said nothing.")
    assert ("Acme Campaign", "ORG") in found
    assert not any(name.startswith("Former") for name, _ in found)

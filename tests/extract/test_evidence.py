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


@pytest.mark.parametrize("text", [
    "You know, here's (INAUDIBLE) at home once said that this is what's happening.",
    "We are telling them they are employed because some bureaucrat (CROSSTALK) says so.",
    "TAPPER: He said it twice, we will be right back. (END VIDEO CLIP)\nBURR: Thank you.",
])
def test_a_stage_direction_in_brackets_is_no_name(nlp, text):
    assert not [name for name in names(nlp, text) if name.isupper()]


def test_an_abbreviation_in_brackets_after_its_name_is_kept(nlp):
    found = names(nlp, "The Office of Foreign Assets Control (OFAC) named the firm.")
    assert "OFAC" in found or any("Foreign Assets Control" in name for name in found)


def test_a_family_named_in_the_plural_is_no_person(nlp):
    found = names(nlp, "Hillary Clinton spoke in Ohio. The foundation was set up by the Clintons in 2001.")
    assert found.get("Hillary Clinton") == "PERSON"
    assert "Clintons" not in found


def test_a_name_joined_to_a_person_by_and_leans_to_a_person(nlp):
    text = ("Arsenal had taken a 25th minute lead through Nacho Monreal, the Spanish defender converting after "
            "fine move which involved Mesut Ozil and Alex Oxlade-Chamberlain.")
    assert names(nlp, text).get("Mesut Ozil") == "PERSON"


def test_a_role_run_into_a_name_is_cut_off(nlp):
    found = names(nlp, "Trump associates Jared Kushner Son-in-law, senior adviser Natalia Veselnitskaya Russian "
                       "lawyer Anatoli Samochornov Translator Rinat Akhmetshin Russian-American lobbyist")
    assert not [name for name in found if name.endswith(("Russian", "American", "-"))]


GAME = ("The FA Cup holders, Arsenal, won 2-1 on Monday. Victory for Arsenal booked a "
        "return to Wembley for a last four clash with either Reading or Bradford City, who are replaying their "
        "quarterfinal tie next Monday. Liverpool or Blackburn Rovers will play Aston Villa in the other "
        "semifinal. Danny Welbeck beat David De Gea to score the winner, and De Gea was left on the ground.")


def test_a_side_in_a_report_of_a_game_is_a_team(nlp):
    found = names(nlp, GAME)
    assert {name: found.get(name) for name in ("Reading", "Bradford City")} == dict.fromkeys(
        ("Reading", "Bradford City"), "ORG")
    assert found.get("David De Gea") == "PERSON" and found.get("De Gea", "PERSON") == "PERSON"


def test_without_a_score_a_contest_word_says_nothing(nlp):
    found = names(nlp, GAME.replace(" 2-1", ""))
    assert found.get("Aston Villa") != "ORG" or found.get("Reading") != "ORG"


def test_players_in_a_report_of_a_game_stay_persons(nlp):
    found = names(nlp, "Li Wei of China beat Martin Hansen of the Copenhagen Badminton Club 15-12 15-6 on Sunday.")
    assert found.get("Li Wei") == "PERSON" and found.get("Martin Hansen") == "PERSON"


def test_a_body_named_by_an_adjective_is_no_persons_thing(nlp):
    text = ("Guests: Natalia Veselnitskaya Russian lawyer, Aras Agalarov Russian billionaire. The Russian "
            "government denied any role, and the Russian government said so again on Monday.")
    found = names(nlp, text)
    assert found.get("Russian government") == "ORG"


def test_a_stage_direction_on_a_line_of_its_own_is_no_name(nlp):
    text = ("COMEY: I think of that as real carelessness. (END VIDEO CLIP)\n\n\n\nTAPPER: So he said carelessness.\n\n"
            "KAINE: We are all Americans here, and we will win. (CHEERING AND APPLAUSE)\n\n\n\n(END VIDEO CLIP)\n\n\n\n"
            "TAPPER: Joining me now is the campaign manager, Robby Mook.")
    found = names(nlp, text)
    assert "Robby Mook" in found
    assert not [name for name in found if "CLIP" in name or "APPLAUSE" in name]


def test_an_organisation_cut_short_of_its_capitalised_words_is_carried_on(nlp):
    found = names(nlp, "Michael Flynn was paid by RT, according to documents obtained by a House Oversight panel.")
    assert "House Oversight" in found and "House" not in found


def test_an_organisation_before_a_title_and_a_name_keeps_its_length(nlp):
    found = names(nlp, "FBI Director James Comey testified before the Senate on Thursday.")
    assert "FBI" in found


def test_a_word_only_ever_used_before_a_common_noun_is_no_person(nlp):
    text = ("Showers continued throughout the week in the Bahia cocoa zone, the Comissaria said. "
            "Total Bahia sales are currently estimated at 6.13 mln bags.")
    assert names(nlp, text).get("Bahia") != "PERSON"


def test_a_surname_before_a_common_noun_is_still_the_person(nlp):
    text = "Ronald Reagan spoke on Monday. The Reagan administration plans new tariffs, Reagan said."
    assert names(nlp, text).get("Reagan") == "PERSON"


def test_a_picture_agency_in_a_photo_credit_is_an_organisation(nlp):
    text = "Jeff Sessions speaks at a rally in Mobile on Aug. 21. (Mark Wallheiser/Getty Images)\n\nHe left."
    found = names(nlp, text)
    assert found.get("Getty Images") == "ORG"

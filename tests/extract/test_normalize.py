import pytest

from extract.normalize import clean_name, is_junk, name_key, person_name, slugify, split_suffix
from extract.vocabulary import load_vocabulary

VOCAB = load_vocabulary()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin’s", "Putin"),
        ("Putin's", "Putin"),
        ("the Kremlin", "Kremlin"),
        ("The White House", "White House"),
        ("“Trump Tower Moscow”", "Trump Tower Moscow"),
        ("Donald Trump Jr.", "Donald Trump Jr."),
        ("U.S.", "U.S."),
        ("  Paul\n Manafort ", "Paul Manafort"),
    ],
)
def test_clean_name(text, expected):
    assert clean_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Donald Trump", "Donald Trump"),
        ("Sen. Mark Warner", "Mark Warner"),
        ("Mr. Manafort", "Manafort"),
        ("former President Barack Obama’s", "Barack Obama"),
        ("President", "President"),
    ],
)
def test_person_name_drops_titles(text, expected):
    assert person_name(text, VOCAB) == expected


def test_name_key_folds_case_and_punctuation():
    assert name_key("U.S.") == name_key("US") == "us"
    assert name_key("PUTIN") == name_key("Putin")
    assert name_key("Trump–Putin") == "trump putin"


def test_suffix_is_split_off():
    assert split_suffix("Donald Trump Jr.", VOCAB) == (["Donald", "Trump"], "jr")
    assert split_suffix("Donald Trump", VOCAB) == (["Donald", "Trump"], "")


@pytest.mark.parametrize("name", ["n't", "'s", "1", "2018", "[4]", "Executive", "x", "summit meetings", "—",
                                  "https://usat.ly/2vC2NYl", "www.example.org", "bit.ly/3xYz", "ann.lee@example.com"])
def test_junk(name):
    assert is_junk(name, VOCAB)


@pytest.mark.parametrize("name", ["Putin", "ExxonMobil", "G20", "U.S.", "Bank of Cyprus", "eBay", "Booking.com",
                                  "St. Louis", "AT&T", "Yahoo!"])
def test_not_junk(name):
    assert not is_junk(name, VOCAB)


def test_slugs_are_deterministic_and_readable():
    assert slugify("Donald Trump Jr.") == "donald-trump-jr"
    assert slugify("Владимир Путин") == "владимир-путин"
    assert slugify("Trump Media & Technology Group") == "trump-media-technology-group"
    assert slugify("!!!") == "entity"


@pytest.mark.parametrize("char", ["\u00ad", "\u200b", "\u2060", "\ufeff"])
def test_invisible_characters_do_not_split_a_name(char):
    from extract.normalize import clean_name, name_key

    assert name_key(f"Vladi{char}mir Putin") == name_key("Vladimir Putin")
    assert clean_name(f"Vladi{char}mir Putin") == "Vladimir Putin"


@pytest.mark.parametrize("name", ["Aug", "Sept.", "Oct", "Mar"])
def test_a_month_short_form_alone_is_junk(name):
    # tables and datelines write months short ("Aug 4,000 tonnes", "Sept 1"); the model reads them as names
    assert is_junk(name, VOCAB)


@pytest.mark.parametrize("name", ["May", "June", "Jan Example", "Marco", "Augusta"])
def test_a_month_name_that_can_be_a_name_is_not_junk(name):
    assert not is_junk(name, VOCAB)

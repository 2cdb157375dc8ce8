"""extract.names: given names, their nicknames and the romanised spellings of one given name."""

from __future__ import annotations

import pytest

from extract.names import is_given_name, same_given_name, spelling_key


@pytest.mark.parametrize("word", ["Sally", "sally", "SALLY", "Robert", "Bob", "Elizabeth", "Liz"])
def test_given_names_and_nicknames_are_known_in_any_case(word):
    assert is_given_name(word)


@pytest.mark.parametrize("word", ["Kowalczyk", "Acme", "", "Mario"])
def test_other_words_are_not_given_names(word):
    assert not is_given_name(word)


@pytest.mark.parametrize(("a", "b"), [("Bob", "Robert"), ("Robert", "Bob"), ("bob", "ROBERT"), ("Liz", "Elizabeth"),
                                      ("Mike", "Michael"), ("Anna", "anna"), ("Kowalczyk", "Kowalczyk")])
def test_a_name_is_the_same_as_itself_and_its_nicknames_either_way_round(a, b):
    assert same_given_name(a, b)


@pytest.mark.parametrize(("a", "b"), [("Bob", "Bill"), ("Mike", "Robert"), ("Maria", "Mario"),
                                      # two nicknames are compared through neither: only a name with its own
                                      ("Jim", "Jimmy")])
def test_different_given_names_are_not_the_same(a, b):
    assert not same_given_name(a, b)


@pytest.mark.parametrize("names", [("Sergey", "Sergei"), ("Dmitry", "Dmitri"), ("Yuriy", "Yury", "Yuri"),
                                   ("Aleksei", "Alexey", "Alexei"), ("Andrii", "Andriy"),
                                   ("Galya", "Galia"), ("Ostrovych", "Ostrovich")])
def test_romanised_spellings_of_one_name_share_a_key(names):
    assert len({spelling_key(n) for n in names}) == 1


@pytest.mark.parametrize(("a", "b"), [("Maria", "Mario"), ("Yana", "Yuri"), ("Aleksandr", "Alexander"),
                                      ("Maria", "Marina"), ("Kovach", "Kovacs")])
def test_different_names_keep_different_keys(a, b):
    """Only the ending and "ks" are folded: a different vowel, or a different ending, is a different name."""
    assert spelling_key(a) != spelling_key(b)


def test_the_key_only_folds_a_final_y_or_ii_and_a_y_after_a_consonant():
    assert spelling_key("Lyudmila") == spelling_key("Liudmila") == "liudmila"
    assert spelling_key("YEVGENY") == "yevgeni"  # a leading "y" stays
    assert spelling_key("Maya") == "maya"  # and one after a vowel

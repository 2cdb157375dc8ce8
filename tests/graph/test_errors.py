"""graph/errors.py: one base class for every error a user can fix, and messages that name the way out."""

from __future__ import annotations

import pytest

import extract.errors
import graph.errors
from graph.errors import EntityNotFound, GraphFileError, GraphFormatError, InputError, TangleError


@pytest.mark.parametrize("name", graph.errors.__all__)
def test_every_graph_error_is_a_tangle_error_the_cli_catches(name):
    cls = getattr(graph.errors, name)
    assert issubclass(cls, extract.errors.TangleError)


def test_input_error_is_the_one_of_extract():
    """One InputError for both packages, so ``except InputError`` catches what either raises."""
    assert InputError is extract.errors.InputError and TangleError is extract.errors.TangleError


def test_a_format_error_is_a_file_error_and_says_where():
    err = GraphFormatError("node 3 ('a') lacks 'label'", where="node 3")
    assert isinstance(err, GraphFileError) and err.where == "node 3"
    assert str(err) == "node 3 ('a') lacks 'label'" and err.parameters == ()


@pytest.mark.parametrize(("args", "message"), [
    (("Ann Exmple", []), "no entity named 'Ann Exmple'"),
    (("Ann Exmple", ["Ann Example"]), "no entity named 'Ann Exmple'; did you mean 'Ann Example'?"),
    (("Lee", ["Ann Lee", "Bo Lee"], 4), "'Lee' is in the names of 4 entities; did you mean 'Ann Lee', 'Bo Lee'?"),
    (("O'Brien", ["O'Brien's Bar"]), "no entity named \"O'Brien\"; did you mean \"O'Brien's Bar\"?"),
])
def test_entity_not_found_names_the_name_and_the_closest_ones(args, message):
    name, suggestions, *ambiguous = args
    err = EntityNotFound(name, suggestions, ambiguous=ambiguous[0] if ambiguous else 0)
    assert str(err) == message
    assert (err.name, err.suggestions, err.ambiguous) == (name, suggestions, ambiguous[0] if ambiguous else 0)


def test_entity_not_found_never_prints_a_terminal_escape_raw():
    err = EntityNotFound("a\x1b]0;title\x07b", ["c\x1b[31md"])
    assert "\x1b" not in str(err) and "\\x1b" in str(err)

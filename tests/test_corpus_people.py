"""The central people of a real news pile each get one PERSON node holding their surname mentions.

Builds all of ``../shared/corpus/trump_russia_news/stories`` (a few minutes); skips without it.
"""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS

STORIES = CORPUS / "trump_russia_news" / "stories"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not STORIES.exists(), reason="../shared/corpus/trump_russia_news is not here")]


@pytest.fixture(scope="module")
def news_graph(nlp):
    from graph.build import build_graph

    return build_graph([STORIES], nlp=nlp)


@pytest.mark.parametrize(
    ("label", "surname"),
    [("Donald Trump", "Trump"), ("Paul Manafort", "Manafort"), ("Hillary Clinton", "Clinton"),
     ("Michael Flynn", "Flynn"), ("Michael Cohen", "Cohen"), ("Jared Kushner", "Kushner"),
     ("Vladimir Putin", "Putin")],
)
def test_a_central_person_is_one_node_with_the_surname(news_graph, label, surname):
    from graph.query import find_entity

    node = find_entity(news_graph, label)
    data = news_graph.nodes[node]
    assert (data["label"], data["type"]) == (label, "PERSON")
    assert surname in data["aliases"]
    assert find_entity(news_graph, surname) == node


def test_the_son_does_not_take_the_fathers_surname_mentions(news_graph):
    from graph.query import find_entity

    son = news_graph.nodes[find_entity(news_graph, "Donald Trump Jr.")]
    assert "Trump" not in son["aliases"]
    assert son["mentions"] < news_graph.nodes[find_entity(news_graph, "Donald Trump")]["mentions"] / 5

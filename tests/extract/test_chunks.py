"""Documents longer than the model accepts are parsed in chunks with document offsets."""

from __future__ import annotations

import pytest

from extract.documents import make_document
from extract.pipeline import _chunks, extract_records
from extract.text import prepare
from extract.vocab import load_vocab

PARAGRAPH = ("Paul Manafort met Konstantin Kilimnik in Madrid in 2016. "
             "The meeting was reported by the Washington Post.\n\n")
LATE = "Angela Merkel telephoned Emmanuel Macron from Berlin about the Kremlin.\n"


@pytest.fixture
def small_nlp(nlp):
    """The session pipeline with a 2,000-character limit, restored afterwards."""
    before = nlp.max_length
    nlp.max_length = 2001
    yield nlp
    nlp.max_length = before


def test_chunks_cover_the_text_and_cut_at_paragraphs():
    text = PARAGRAPH * 40 + LATE
    pieces = list(_chunks(prepare(text, load_vocab().boilerplate), 2000))
    assert len(pieces) > 2
    assert "".join(chunk for _, chunk in pieces) == text
    for (offset, chunk), (following, _) in zip(pieces, pieces[1:], strict=False):
        assert len(chunk) <= 2000 and offset + len(chunk) == following
        assert chunk.endswith("\n\n")


@pytest.mark.slow
def test_long_document_citations_point_into_the_document(small_nlp):
    text = PARAGRAPH * 40 + LATE
    document = make_document(text, path="long.txt", doc_id="long")
    (record,) = extract_records([document], small_nlp)
    assert record.relations
    for relation in record.relations:
        c = relation.citation
        assert text[c.start:c.end] == c.sentence
    for mention in record.mentions:
        assert text[mention.start:mention.end] == mention.text
    late = {m.name for m in record.mentions if m.start >= len(PARAGRAPH) * 40}
    assert {"Angela Merkel", "Emmanuel Macron", "Berlin"} <= late
    assert any(r.citation.start >= len(PARAGRAPH) * 40 for r in record.relations)
    assert len({m.sentence for m in record.mentions}) > 40


@pytest.mark.slow
def test_chunked_and_whole_parse_agree_on_entities(small_nlp, nlp):
    text = PARAGRAPH * 5 + LATE
    document = make_document(text, path="mid.txt", doc_id="mid")
    (chunked,) = extract_records([document], small_nlp)
    small_nlp.max_length = 1_000_000
    (whole,) = extract_records([document], nlp)
    assert [(m.name, m.start) for m in chunked.mentions] == [(m.name, m.start) for m in whole.mentions]

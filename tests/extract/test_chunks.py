"""Documents longer than the model accepts are parsed in chunks with document offsets."""

from __future__ import annotations

from itertools import accumulate

import pytest

import extract.pipeline
from extract.documents import make_document
from extract.pipeline import _batches, _chunks, _ents_within, extract_records
from extract.text import prepare
from extract.vocabulary import load_vocabulary

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
    pieces = list(_chunks(prepare(text, load_vocabulary().boilerplate), 2000))
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


class _CountingPipeline:
    """The real pipeline, recording the text of every batch handed to ``pipe``."""

    def __init__(self, nlp) -> None:
        self.nlp, self.max_length, self.batches = nlp, nlp.max_length, []

    def pipe(self, items, **kwargs):
        items = list(items)
        self.batches.append([text for text, _ in items])
        return self.nlp.pipe(items, **kwargs)


@pytest.mark.slow
def test_a_long_document_reaches_the_model_in_bounded_batches_with_progress_per_chunk(nlp, monkeypatch):
    monkeypatch.setattr(extract.pipeline, "CHUNK_CHARS", 600)
    monkeypatch.setattr(extract.pipeline, "BATCH_CHARS", 1500)
    text = PARAGRAPH * 30 + LATE
    document = make_document(text, path="long.txt", doc_id="long")
    counting = _CountingPipeline(nlp)
    progress = []
    (record,) = extract_records([document], counting, on_chunk=progress.append)
    chunks = [chunk for batch in counting.batches for chunk in batch]
    assert len(chunks) > 4 and "".join(chunks) == text
    assert all(sum(map(len, batch)) <= 1500 for batch in counting.batches)
    assert [p.chunk for p in progress] == list(range(1, len(chunks) + 1))
    assert {p.chunks for p in progress} == {len(chunks)} and {p.total for p in progress} == {len(text)}
    assert [p.done for p in progress] == list(accumulate(map(len, chunks)))
    assert any(m.start >= len(PARAGRAPH) * 30 for m in record.mentions)


def test_batches_are_cut_by_count_and_by_characters():
    pieces = [("a" * n, i) for i, n in enumerate([5, 5, 5, 20, 1, 1, 1, 1])]
    batches = [[i for _, i in batch] for batch in _batches(pieces, size=3, chars=12)]
    assert batches == [[0, 1], [2], [3], [4, 5, 6], [7]]


@pytest.mark.slow
def test_entities_by_sentence_are_the_sentence_entities(nlp):
    doc = nlp(PARAGRAPH * 3 + LATE)
    ents = doc.ents
    starts = [e.start for e in ents]
    for sent in doc.sents:
        assert [(e.start, e.end) for e in _ents_within(sent, ents, starts)] == [(e.start, e.end) for e in sent.ents]

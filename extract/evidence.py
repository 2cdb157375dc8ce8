"""Evidence from a document's layout that a model's span is no name.

The model tags capitalised words; the shape of the text around them often
says they are something else.  :class:`Layout` reads one parsed chunk once
and answers, for each span, whether the text shows it is no name:

* a row label of a table ("Revs 12.4 mln vs 10.9 mln", repeated for each
  period and never written in prose) is a field, not a person;
* a designator of a series ("Source A", "Source B", … "Source F") labels one
  of several anonymous items, not a named one;
* a person's name with a common noun after it ("the Lee dossier") is a thing
  described by whose it is, not a named event or work;
* a transcript's stage direction in brackets ("(CROSSTALK)", "(END VIDEO
  CLIP)") is no organisation;
* a surname in the plural after "the" ("the Lees") names a family, not the person.

It also casts the type votes the text around a span gives it: names joined by
"and" or "or" are mostly of one kind, so a name beside one whose kind its own
words show ("Alex Lee", "Acme Group") leans that way (:meth:`Layout.conjunct_vote`);
and in a report with a score ("2-1"), a name that plays, beats or faces another
is a side, a team (:meth:`Layout.contest_vote`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from extract.names import is_given_name
from extract.normalize import clean_name, name_key
from extract.vocabulary import Vocabulary

__all__ = ["Layout"]

#: A designator after a word: one capital letter or a number of up to three digits ("Source F", "Person 2").
_DESIGNATOR = re.compile(r"[A-Z]|\d{1,3}")
#: Labels whose names may end in a common noun of their own ("the Lee campaign"/ORG is an organisation).
_OWN_NOUN_LABELS = frozenset({"PERSON"})
#: A game's score ("2-1", "won 3-0"), the sign of a report of a game.
_SCORE = re.compile(r"(?<![\d-])\d{1,2}-\d{1,2}(?![\d-])")
#: Dependencies that make a name a party to the word it depends on.
_PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
#: Prepositions that join a contest to a side ("a clash with", "a win over", "lost to").
_SIDE_PREPOSITIONS = frozenset({"with", "against", "over", "to", "v", "vs", "vs."})
#: Brackets around a stage direction.
_BRACKETS = frozenset({("(", ")"), ("[", "]")})


class Layout:
    """What one parsed chunk's layout says about its spans (see the module's docstring).

    ``sentences`` are the chunk's sentences; ``people`` the keys of the names the document has
    tagged as persons so far (this chunk's included).
    """

    def __init__(self, doc: Doc, sentences: Iterable[Span], people: set[str], vocab: Vocabulary,
                 spans: Iterable[Span] = ()) -> None:
        self.doc, self.people, self.vocab = doc, people, vocab
        self.modifiers = _only_modifiers(spans, vocab)
        self.row_starts: set[int] = set()
        self.row_labels: Counter[str] = Counter()
        self.prose_words: set[str] = set()
        for sent in sentences:
            first = next((t for t in sent if not t.is_space), None)
            if first is None:
                continue
            if _is_table_row(sent) and (first.i == 0 or "\n" in doc[first.i - 1].text):
                self.row_starts.add(first.i)
                self.row_labels[first.text] += 1
            else:
                self.prose_words.update(t.text for t in sent if t.is_alpha)
        self._series: dict[str, int] = {}
        self.game = bool(_SCORE.search(doc.text))

    @staticmethod
    def cut(span: Span) -> Span:
        """A person's span without the adjectives the model ran into after the name ("Ann Lee Russian"
        of "Ann Lee Russian lawyer", a caption's name and role run together)."""
        end = span.end
        while end - span.start > 1 and span.label_ == "PERSON" and (
                span.doc[end - 1].pos_ == "ADJ" or span.doc[end - 1].text == "-"):
            end -= 1
        if end == span.end or span.doc[end - 1].pos_ != "PROPN":
            return span
        return Span(span.doc, span.start, end, label=span.label_, span_id=span.id)

    @staticmethod
    def extend(span: Span) -> Span:
        """An organisation's span the model stopped short of the capitalised words that go on its name,
        carried on to them when a common noun follows ("a House Oversight panel": "House" → "House
        Oversight"); never into another entity, and never into a title before a name ("FBI Director
        Ann Lee")."""
        doc = span.doc
        if span.label_ != "ORG" or span.root.dep_ != "compound":
            return span
        end = span.end
        while (end < len(doc) and doc[end].is_title and doc[end].is_alpha and doc[end].pos_ == "PROPN"
               and not doc[end].ent_type_ and not doc[end].is_sent_start):
            end += 1
        if end == span.end or end >= len(doc) or not (doc[end].is_lower and doc[end].pos_ == "NOUN"):
            return span
        return Span(doc, span.start, end, label=span.label_, span_id=span.id)

    def not_a_name(self, span: Span) -> bool:
        """True when the layout shows that ``span`` names nothing."""
        return (self.is_row_label(span) or self.is_designator(span) or self.is_persons_thing(span)
                or self.is_stage_direction(span) or self.is_family(span) or self.is_only_a_modifier(span))

    def is_only_a_modifier(self, span: Span) -> bool:
        """A one-word "person" the chunk only ever uses before a common noun ("the Tarvia cocoa zone",
        "total Tarvia sales"), never after a title, not a given name and not the surname of a person
        the document names: the model had nothing to go on, and what such a word names (a region,
        a brand, a family's firm) is no person."""
        return (span.label_ == "PERSON" and len(span) == 1 and span.text in self.modifiers
                and not is_given_name(span.text) and not self._persons_surname(span))

    def is_stage_direction(self, span: Span) -> bool:
        """All that stands in a pair of brackets, in capitals, two words or one long word, and not an
        abbreviation just after a name nor one word opening a line ("(CROSSTALK)", "[INAUDIBLE]",
        "(END VIDEO CLIP)" on a line of its own; never "Justice Department (DOJ)" nor a dateline's
        "(CNN)")."""
        doc = self.doc
        if span.start < 2 or span.end >= len(doc) or (doc[span.start - 1].text, doc[span.end].text) not in _BRACKETS:
            return False
        words = [t for t in span if t.is_alpha]
        if not words or not all(t.is_upper for t in words) or (len(words) == 1 and len(words[0]) < 7):
            return False
        before = doc[span.start - 2]
        return not (before.ent_type_ or ((before.is_space or "\n" in before.text) and len(words) == 1))

    def is_family(self, span: Span) -> bool:
        """A surname in the plural after "the", where the document names a person by that surname ("the
        Lees" beside "Ann Lee"): a family, which is no person."""
        if len(span) != 1 or span.start == 0 or span.doc[span.start - 1].lower_ != "the":
            return False
        word = span[0].text
        if not (word.endswith("s") and word[:1].isupper()):
            return False
        surname = name_key(word[:-1])
        return any(person.endswith(" " + surname) for person in self.people)

    def conjunct_vote(self, span: Span, label: str, spans: list[Span]) -> tuple[str, float] | None:
        """A vote for the kind of the name ``span`` is joined to by "and" or "or", when that name's own
        words show its kind (a given name first: a person; an organisation word last: an organisation)
        and ``span``'s do not: "Ayla Kaya"/GPE "and Alex Lee" leans to a person."""
        if len(span) < 2 or self._own_kind(span):
            return None
        for other in spans:
            if other is span or not _joined(span, other):
                continue
            kind = self._own_kind(other)
            if kind and kind != label:
                return kind, 2.0
        return None

    def contest_vote(self, span: Span, label: str, spans: list[Span]) -> tuple[str, float] | None:
        """A vote for an organisation, a team, for a name that takes part in a contest in a report with a
        score, in a sentence that names another team ("Bexley or Acme Rovers will play Corton", "victory
        for Acme booked a clash with either Corton or Bexley"), unless it may be a person's name: the
        model calls it a person and it has two words (players: "Ann Lee beat Kim Park 11-5") or a
        given name, or it is the surname of a person the document names (a given name alone does
        not make a place a person: "Acme City"/GPE).  Countries ("England beat Pakistan") meet
        no other team in their sentence."""
        kind = self._own_kind(span)
        if label == "ORG" or not self.game or kind == "ORG" or (label == "PERSON" and (kind or len(span) > 1)) \
                or self._persons_surname(span):
            return None
        if not any(other is not span and (other.label_ == "ORG" or self._own_kind(other) == "ORG")
                   for other in spans):
            return None
        token = span.root
        while token.dep_ == "conj" and token.head.i < span.start:
            token = token.head  # "Liverpool or Blackburn Rovers will play": the first of the two
        head = token.head
        contest = self.vocab.contest_words
        if token.dep_ in _PARTY_DEPS and head.lower_ in contest:
            return "ORG", 2.0
        if token.dep_ == "pobj" and head.lower_ in _SIDE_PREPOSITIONS and head.head.lower_ in contest:
            return "ORG", 2.0
        return None

    def _persons_surname(self, span: Span) -> bool:
        """True when a longer person's name of the document ends in ``span`` ("Van Lee" of "Ann Van Lee")."""
        key = name_key(clean_name(span.text))
        return any(person.endswith(" " + key) for person in self.people)

    def _own_kind(self, span: Span) -> str | None:
        words = [t.text for t in span if not t.is_punct]
        if len(words) >= 2 and words[-1].lower() in self.vocab.org_words:
            return "ORG"
        if len(words) >= 2 and span[0].is_title and is_given_name(words[0]):
            return "PERSON"
        return None

    def is_row_label(self, span: Span) -> bool:
        """A one-word "person" that labels two rows or more of a table and is never written in prose:
        a field of the table ("Revs", "Avg"), not someone named twice."""
        return (span.label_ == "PERSON" and len(span) == 1 and span.start in self.row_starts
                and self.row_labels[span.text] >= 2 and span.text not in self.prose_words)

    def is_designator(self, span: Span) -> bool:
        """A word and a letter or number ("Source F") where the text uses the same word with other
        letters or numbers too ("Source A", "Source B"): one of a series of anonymous items."""
        if len(span) != 2 or not span[0].is_title or not _DESIGNATOR.fullmatch(span[1].text):
            return False
        word = span[0].text
        if word not in self._series:
            found = re.findall(rf"\b{re.escape(word)}[ -]({_DESIGNATOR.pattern})\b", self.doc.text)
            self._series[word] = len(set(found))
        return self._series[word] >= 2

    def is_persons_thing(self, span: Span) -> bool:
        """A person's name followed by a common noun, typed as something else than a person or an
        organisation word's body ("the Lee dossier"/EVENT): a thing described by whose it is."""
        if span.label_ in _OWN_NOUN_LABELS or len(span) < 2:
            return False
        last = span[-1]
        if not (last.is_alpha and last.is_lower) or last.is_stop or last.lower_ in self.vocab.org_words:
            return False
        owner = name_key(clean_name(span[:-1].text))
        if not owner or not all(t.pos_ == "PROPN" and (t.is_title or t.is_upper) for t in span[:-1] if t.is_alpha):
            return False  # "Russian government": an adjective, whatever a name run into it ("Ann Lee Russian")
        return owner in self.people or any(person.endswith(" " + owner) for person in self.people)


def _only_modifiers(spans: Iterable[Span], vocab: Vocabulary) -> set[str]:
    """The one-word PERSON spans' words that every time modify a common noun after them and never
    follow a title."""
    modifier: dict[str, bool] = {}
    for span in spans:
        if span.label_ != "PERSON" or len(span) != 1:
            continue
        token = span[0]
        if not (token.is_title and token.is_alpha):
            continue  # an acronym the model calls a person ("MI6") is its known mistake, not this one
        before = token.doc[token.i - 1].lower_.rstrip(".") if token.i > 0 else ""
        only = (token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ == "NOUN"
                and token.head.is_lower and before not in vocab.titles)
        modifier[token.text] = modifier.get(token.text, True) and only
    return {word for word, only in modifier.items() if only}


def _joined(a: Span, b: Span) -> bool:
    """True when one span's head is a conjunct of the other's ("A and B", "either A or B")."""
    return ((a.root.dep_ == "conj" and b.start <= a.root.head.i < b.end)
            or (b.root.dep_ == "conj" and a.start <= b.root.head.i < a.end))


def _is_table_row(sent: Span) -> bool:
    """True for a sentence that is a row of figures: two numbers or more and no verb but maybe its first
    word, which the tagger may read as one ("Avg shrs 8.2 mln vs 7.9 mln")."""
    numbers = sum(1 for t in sent if t.like_num or any(c.isdigit() for c in t.text))
    return numbers >= 2 and not any(t.pos_ in {"VERB", "AUX"} for t in sent[1:])

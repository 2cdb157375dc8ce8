"""Evidence from a document's layout that a model's span is no name.

The model tags capitalised words; the shape of the text around them often
says they are something else.  :class:`Layout` reads one parsed chunk once
and answers, for each span, whether the text shows it is no name:

* a row label of a table ("Revs 291.8 mln vs 151.1 mln", repeated for each
  period and never written in prose) is a field, not a person;
* a designator of a series ("Source A", "Source B", … "Source F") labels one
  of several anonymous items, not a named one;
* a person's name with a common noun after it ("the Lee dossier") is a thing
  described by whose it is, not a named event or work.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from extract.normalize import clean_name, name_key
from extract.vocabulary import Vocabulary

__all__ = ["Layout"]

#: A designator after a word: one capital letter or a number of up to three digits ("Source F", "Person 2").
_DESIGNATOR = re.compile(r"[A-Z]|\d{1,3}")
#: Labels whose names may end in a common noun of their own ("the Lee campaign"/ORG is an organisation).
_OWN_NOUN_LABELS = frozenset({"PERSON"})


class Layout:
    """What one parsed chunk's layout says about its spans (see the module's docstring).

    ``sentences`` are the chunk's sentences; ``people`` the keys of the names the document has
    tagged as persons so far (this chunk's included).
    """

    def __init__(self, doc: Doc, sentences: Iterable[Span], people: set[str], vocab: Vocabulary) -> None:
        self.doc, self.people, self.vocab = doc, people, vocab
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

    def not_a_name(self, span: Span) -> bool:
        """True when the layout shows that ``span`` names nothing."""
        return self.is_row_label(span) or self.is_designator(span) or self.is_persons_thing(span)

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
        if not owner or not all(t.is_title or t.is_upper for t in span[:-1] if t.is_alpha):
            return False
        return owner in self.people or any(person.endswith(" " + owner) for person in self.people)


def _is_table_row(sent: Span) -> bool:
    """True for a sentence that is a row of figures: two numbers or more and no verb but maybe its first
    word, which the tagger may read as one ("Avg shrs 51.7 mln vs 43.4 mln")."""
    numbers = sum(1 for t in sent if t.like_num or any(c.isdigit() for c in t.text))
    return numbers >= 2 and not any(t.pos_ in {"VERB", "AUX"} for t in sent[1:])

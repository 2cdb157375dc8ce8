"""Scoring the extraction stage against CoNLL-2003-style gold NER.

The gold has four types (PER, LOC, ORG, MISC); spaCy's OntoNotes labels are
mapped onto them: PERSON→PER, GPE/LOC/FAC→LOC, ORG→ORG, the other kept
labels→MISC, and numeric labels (DATE, CARDINAL, …) are not entities.
Spans are compared exactly (start, end, type).  :func:`score_bare` scores the
model's own ``doc.ents``; :func:`score_tangle` scores Tangle's mentions
(entity rulers, trimming, junk filter, label fixes) on the same texts.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from extract.documents import make_document
from extract.pipeline import ExtractOptions, extract_records
from extract.vocabulary import load_vocabulary

__all__ = ["ConllDoc", "NerScore", "read_conll", "score_bare", "score_tangle", "to_conll_label"]

#: spaCy label -> CoNLL-2003 type, from the vocabulary (each entity type's ``conll``, and the other labels').
_LABELS = {**{t.name: t.conll for t in load_vocabulary().entity_types}, **dict(load_vocabulary().conll_other_labels)}


def to_conll_label(label: str) -> str | None:
    """The CoNLL type of a spaCy label, or ``None`` for labels that are not entities there."""
    return _LABELS.get(label)


@dataclass(frozen=True)
class ConllDoc:
    """One ``-DOCSTART-`` document: its text (a sentence a line) and gold spans ``(start, end, type)``."""

    text: str
    spans: frozenset[tuple[int, int, str]]


def read_conll(path: str | os.PathLike[str], *, limit: int | None = None) -> Iterator[ConllDoc]:
    """Documents of an IOB2 file (token first column, tag last column)."""
    lines: list[str] = []
    spans: set[tuple[int, int, str]] = set()
    offset = 0
    current: list | None = None  # [start, end, type]
    count = 0

    def close() -> None:
        nonlocal current
        if current:
            spans.add(tuple(current))
        current = None

    def finish() -> ConllDoc | None:
        close()
        if not lines:
            return None
        return ConllDoc("\n".join(lines), frozenset(spans))

    sentence: list[str] = []
    for raw in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        parts = raw.split()
        if not parts or parts[0] == "-DOCSTART-":
            close()
            if sentence:
                lines.append(" ".join(sentence))
                offset += 1  # the newline
                sentence = []
            if parts and parts[0] == "-DOCSTART-":
                doc = finish()
                if doc is not None:
                    yield doc
                    count += 1
                    if limit is not None and count >= limit:
                        return
                lines, spans, offset = [], set(), 0
            continue
        token, tag = parts[0], parts[-1]
        start = offset + (1 if sentence else 0)
        end = start + len(token)
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != tag[2:])):
            close()
            current = [start, end, tag[2:]]
        elif tag.startswith("I-"):
            current[1] = end
        else:
            close()
        sentence.append(token)
        offset = end
    doc = finish()
    if doc is not None:
        yield doc


@dataclass
class NerScore:
    """Exact-span precision, recall and F1, overall and by type."""

    tp: Counter[str]
    fp: Counter[str]
    fn: Counter[str]

    @staticmethod
    def _f(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def overall(self) -> tuple[float, float, float]:
        return self._f(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def by_type(self, kind: str) -> tuple[float, float, float]:
        return self._f(self.tp[kind], self.fp[kind], self.fn[kind])


def _score(pairs: Iterable[tuple[frozenset, set]]) -> NerScore:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, found in pairs:
        for span in found:
            (tp if span in gold else fp)[span[2]] += 1
        for span in gold - found:
            fn[span[2]] += 1
    return NerScore(tp, fp, fn)


def score_bare(docs: list[ConllDoc], nlp: Language) -> NerScore:
    """The model's own entities, mapped to CoNLL types."""
    def found(doc) -> set:
        return {(e.start_char, e.end_char, to_conll_label(e.label_)) for e in doc.ents if to_conll_label(e.label_)}

    return _score((d.spans, found(parsed)) for d, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True))


def score_tangle(docs: list[ConllDoc], nlp: Language) -> NerScore:
    """Tangle's mentions (with NORP kept, as CoNLL's MISC includes nationalities), mapped to CoNLL types."""
    documents = [make_document(d.text, path=f"conll#{i}", doc_id=f"conll-{i}") for i, d in enumerate(docs)]
    records = extract_records(documents, nlp, options=ExtractOptions(norp=True))

    def found(record) -> set:
        return {(m.start, m.end, to_conll_label(m.label)) for m in record.mentions if to_conll_label(m.label)}

    return _score((d.spans, found(r)) for d, r in zip(docs, records, strict=True))

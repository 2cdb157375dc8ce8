"""Entity resolution and relation reduction across a whole corpus.

Records are added one document at a time (:meth:`Reducer.add`), keeping only
names, counts and citations, never text or parses.  :meth:`Reducer.result`
then decides, with the whole corpus in view:

* one key per name form (case, punctuation, possessive, title folded away);
* one type per key, by vote over its mentions;
* which keys are one entity: shared aliases (``aliases`` in
  ``patterns/entities.yml``), abbreviations the text defines ("Justice
  Department (DOJ)"), and surname- or first-name-only mentions linked to the
  one full name they fit in the same document, else in the corpus;
  a generational suffix ("Jr.") keeps two people apart;
* the analyst's curation (merge, split, rename, retype, ignore);
* one edge per (source, target, relation type), its citations ordered by
  document and offset, one citation per sentence and claim status.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from extract.corrections import apply_decisions
from extract.curation import Curation
from extract.names import is_given_name, same_given_name, spelling_key
from extract.normalize import name_key, slugify, split_suffix
from extract.records import STATUSES, Citation, DocumentRecord, Edge, Entity
from extract.relations import relation_types
from extract.vocabulary import Vocabulary, load_vocabulary

__all__ = ["Reducer", "Resolution", "resolve"]

#: How many times more mentions the most-mentioned candidate needs before a short name is given to it.
DOMINANT = 3
#: Words left out when initials are read off a long name ("Office of Foreign Assets Control" → OFAC).
_INITIALS_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "to", "&"})
#: A contest named by its year: "2016 election", "2016 elections", "2016 presidential race".
_YEAR_CONTEST = re.compile(r"^(\d{4}) (?:(\w+) )?(?:election|elections|race|vote)$")
#: A word that may be two capitalised words run together ("LeeRoss", but also "MacArthur": the corpus's names decide).
_GLUED_NAMES = re.compile(r"([A-Z][a-z]{2,})([A-Z][a-z]{2,})")
#: Tie-break order when a name's mentions are split evenly between types.
TYPE_ORDER = tuple(t.name for t in load_vocabulary().entity_types)
CO_MENTIONED = load_vocabulary().co_mentioned.name


@dataclass(frozen=True)
class Resolution:
    """The resolved corpus: documents, entities and edges, each in a canonical order."""

    documents: tuple[dict[str, Any], ...]
    entities: tuple[Entity, ...]
    edges: tuple[Edge, ...]
    #: ``(name, label)`` for each entity the curation renamed onto another entity's label, and so merged into it.
    merged: tuple[tuple[str, str], ...] = ()
    #: One line per curation rule that matched nothing in this corpus (the rule and why).
    stale: tuple[str, ...] = ()


class _Named(NamedTuple):
    """A group of keys with the label the corpus gave it (``found``) and the one it is shown under."""

    root: str
    found: str
    label: str
    kind: str
    renamed: bool
    votes: Counter[str]


class _People(NamedTuple):
    """Full person names indexed by surname (its spelling key) and by first name, and the ones with a
    generational suffix."""

    by_last: dict[str, list[str]]
    by_first: dict[str, list[str]]
    suffixed: set[str]


@dataclass(slots=True)
class _Relation:
    doc: int
    type: str
    source: str
    target: str
    citation: Citation


@dataclass
class Reducer:
    """Streams document records in and resolves them into entities and edges.

    >>> reducer = Reducer()
    >>> for record in records:  # doctest: +SKIP
    ...     reducer.add(record)
    >>> resolution = reducer.result()  # doctest: +SKIP
    """

    vocab: Vocabulary = field(default_factory=load_vocabulary)
    curation: Curation = field(default_factory=Curation)
    documents: list[dict[str, Any]] = field(default_factory=list)
    _forms: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    _labels: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    _doc_keys: list[Counter[str]] = field(default_factory=list)
    _defined: dict[str, str] = field(default_factory=dict)
    _relations: list[_Relation] = field(default_factory=list)
    _shared: dict[tuple[str, str], bool] = field(default_factory=dict)

    def add(self, record: DocumentRecord) -> None:
        """Fold one document's record into the corpus."""
        self._shared.clear()
        number = len(self.documents)
        self.documents.append(record.document.info())
        keys = []
        counts: Counter[str] = Counter()
        for mention in record.mentions:
            key = name_key(mention.name)
            keys.append(key)
            counts[key] += 1
            self._forms[key][mention.name] += 1
            self._labels[key][mention.label] += 1
        self._doc_keys.append(counts)
        for long, short in record.aliases:
            self._defined.setdefault(name_key(short), name_key(long))
        for rel in record.relations:
            self._relations.append(_Relation(number, rel.type, keys[rel.source], keys[rel.target], rel.citation))

    def add_all(self, records: Iterable[DocumentRecord]) -> Reducer:
        for record in records:
            self.add(record)
        return self

    # -- resolution -------------------------------------------------------

    def _type_of(self, key: str) -> str:
        votes = self._labels[key]
        weight = dict(votes)
        if votes["PERSON"] and len(votes) > 1 and self._is_acronym(key):
            weight["PERSON"] = votes["PERSON"] / 2  # "AFP", "MI6": the model's PERSON is weak evidence
        return max(weight, key=lambda label: (weight[label], -TYPE_ORDER.index(label) if label in TYPE_ORDER else -99))

    def _is_acronym(self, key: str) -> bool:
        return " " not in key and len(key) <= 5 and all(form.isupper() for form in self._forms[key])

    def _base_links(self) -> dict[str, str]:
        """Key → key links that hold in every document: curation merges, shared and defined aliases."""
        links: dict[str, str] = {}
        for canonical, alias in self.vocab.aliases:
            links.setdefault(name_key(alias), name_key(canonical))
        for short, long in sorted(self._defined.items()):
            if long in self._forms and short != long:
                links.setdefault(short, links.get(long, long))
        glued = self._run_in_heads()
        for rule in (lambda: glued, self._org_prefixes, self._middle_initials, self._first_and_middle,
                     self._nicknames, lambda: self._tails(glued)):  # an earlier rule's link stands
            for short, long in rule().items():
                links.setdefault(short, long)
        for short, long in self._suffixed_surnames(links).items():
            links.setdefault(short, long)
        links = {k: v for k, v in links.items() if k not in self.curation.split_keys}
        links.update(self.curation.merge_links())
        return {k: v for k, v in links.items() if k != v}

    def _org_prefixes(self) -> dict[str, str]:
        """Short organisation names that are the start of one longer one ("Acme Media" → "Acme Media Group").

        Each longer key offers its prefixes that end before a space and are followed only by
        organisation words, punctuation or "and", walking back from its end: linear in the keys.
        """
        orgs = [k for k in sorted(self._forms) if self._type_of(k) == "ORG"]
        known = set(orgs)
        longer: dict[str, list[str]] = defaultdict(list)
        for key in orgs:
            cuts = [i for i, c in enumerate(key) if c == " "]
            if not cuts:
                continue
            for cut, end in zip(reversed(cuts), reversed([*cuts[1:], len(key)]), strict=True):
                if not all(self._org_tail_word(w) for w in key[cut:end].split()):
                    break
                short = key[:cut]
                if short in known and len(short.split()) >= 2:
                    longer[short].append(key)
        return {short: keys[0] for short, keys in sorted(longer.items()) if len(keys) == 1}

    def _org_tail_word(self, word: str) -> bool:
        return word in self.vocab.org_words or not word.isalnum() or word == "and"

    def _middle_initials(self) -> dict[str, str]:
        """Person names with middle names or initials linked to the same name without them
        ("John F. Kennedy", "John Fitzgerald Kennedy" → "John Kennedy"); a suffix must agree, but a
        formal one ("III") may be dropped when only the plain name is in the corpus."""
        links = {}
        for key in sorted(self._forms):
            words, suffix = split_suffix(key, self.vocab)
            if len(words) < 3 or not self._is_person_name(key):
                continue
            plain = " ".join([words[0], words[-1], *([suffix] if suffix else [])])
            if plain not in self._forms and suffix in self.vocab.formal_suffixes:
                plain = " ".join([words[0], words[-1]])  # "Robert S. Vance III" is "Robert Vance"
            if plain in self._forms and self._is_person_name(plain):
                links[key] = plain
        return links

    def _first_and_middle(self) -> dict[str, str]:
        """A person's given name and middle name used alone ("Ann Baker") linked to the same name
        without the middle one ("Ann Lee"), when the corpus writes both that and the full name ("Ann
        Baker Lee": a maiden name kept as a middle name).  The middle name must not be a given name
        ("Donald John" is no one's name), and the pair must start only one full name."""
        full: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self._forms):
            words = key.split()
            if len(words) == 3 and len(words[1]) > 2 and not is_given_name(words[1]) \
                    and not split_suffix(key, self.vocab)[1] and self._is_person_name(key):
                full[" ".join(words[:2])].append(key)
        links = {}
        for pair, keys in sorted(full.items()):
            if len(keys) == 1 and pair in self._forms and self._is_person_name(pair):
                words = keys[0].split()
                plain = f"{words[0]} {words[2]}"
                if plain in self._forms and self._is_person_name(plain):
                    links[pair] = plain
        return links

    def _nicknames(self) -> dict[str, str]:
        """Person names whose given name is a nickname of another's with the same surname and suffix
        ("Mike Ross" → "Michael Ross"), when exactly one such longer form exists; and person names that
        are another romanisation of one another (:meth:`_spelling_variants`)."""
        people: dict[tuple[str, str], list[str]] = defaultdict(list)
        named = []
        for key in sorted(self._forms):
            words, suffix = split_suffix(key, self.vocab)
            if len(words) >= 2 and self._is_person_name(key):
                named.append(key)
                if len(words) == 2:
                    people[(words[-1], suffix)].append(key)
        links = {}
        for keys in people.values():
            for key in keys:
                others = [k for k in keys if k != key and same_given_name(key.split()[0], k.split()[0])]
                full = [k for k in others if len(k.split()[0]) > len(key.split()[0])]
                if len(full) == 1:
                    links[key] = full[0]
        variants = self._spelling_variants(named)
        links.update((k, v) for k, v in variants.items() if k not in links and v not in links)
        return links

    def _spelling_variants(self, keys: list[str]) -> dict[str, str]:
        """Of one person's full names written with two romanisations of a word ("Sergey Ross",
        "Sergei Ross"; "Ivan Ostrovych", "Ivan Ostrovich"), word for word, the less mentioned joins the
        more mentioned (ties: the first in sorted order)."""
        groups: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            groups[" ".join(spelling_key(word) for word in key.split())].append(key)
        links = {}
        for group in groups.values():
            if len(group) > 1:
                main = min(group, key=lambda k: (-sum(self._forms[k].values()), k))
                links.update((k, main) for k in group if k != main)
        return links

    def _suffixed_surnames(self, links: dict[str, str]) -> dict[str, str]:
        """A surname or a given name with a suffix ("Baker Jr.", "Tom Jr.") joins the one full name with
        that surname or given name and that suffix ("Tom Baker Jr."); full names the other rules' ``links``
        make one ("Tom K. Baker Jr." → "Tom Baker Jr.") count once.  A nickname with a suffix ("Tom Jr.")
        that is no name's own word joins the one full name of that given name and suffix ("Thomas Baker Jr.")."""
        full: dict[tuple[str, str], set[str]] = defaultdict(set)
        given: dict[str, list[tuple[str, str]]] = defaultdict(list)  # suffix -> (given name, full name)
        short = []
        for key in sorted(self._forms):
            words, suffix = split_suffix(key, self.vocab)
            if suffix and len(words) == 1:
                short.append((key, words[0], suffix))
            elif suffix and self._is_person_name(key):
                full[(words[-1], suffix)].add(_root(links, key))
                full[(words[0], suffix)].add(_root(links, key))
                given[suffix].append((words[0], _root(links, key)))
        found = {}
        for key, word, suffix in short:
            fits = full[(word, suffix)] or {name for first, name in given[suffix] if same_given_name(word, first)}
            if len(fits) == 1:
                found[key] = next(iter(fits))
        return found

    def _run_in_heads(self) -> dict[str, str]:
        """Names of three words or more that are a person's full name of the corpus with words run in
        before it that are no part of it (:meth:`_runs_in`) → that full name ("U.S. Ann Lee" of
        "ambassador to the U.S. Ann Lee", a page's "CLOSE Ann Lee", "Ambassador Ann Lee" typed an
        organisation → "Ann Lee"), the longest such name when several end it."""
        links = {}
        for key in sorted(self._forms):
            words = key.split()
            for cut in range(1, len(words) - 1):
                tail = " ".join(words[cut:])
                if tail in self._forms and self._is_person_name(tail) and self._runs_in(key, words[:cut]):
                    links[key] = tail
                    break
        return links

    def _runs_in(self, key: str, head: list[str]) -> bool:
        """True when the first words ``head`` of ``key`` are no part of a person's name: written in
        capitals in every form of ``key`` (an abbreviation or a page's word: "U.S.", "CLOSE"), a title
        ("Ambassador"), or a place of two words or more ("United States"; a place of one word may be
        a given name: "Jordan Lee")."""
        if " ".join(head) in _title_keys(self.vocab.titles):
            return True
        forms = [form.split() for form in self._forms[key]]
        if all(len(words) == len(key.split()) and all(_capitals(w) for w in words[:len(head)]) for words in forms):
            return True
        return len(head) > 1 and not is_given_name(head[0]) and self._is_place(" ".join(head))

    def _tails(self, run_in: dict[str, str]) -> dict[str, str]:
        """Two-word person names that end exactly one longer person name ("Lopez Obrador" → "Andres
        Manuel Lopez Obrador"), a double surname used alone; never a name with words ``run_in``
        before it (:meth:`_run_in_heads`)."""
        ends: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self._forms):
            words = key.split()
            if (len(words) >= 3 and key not in run_in and self._is_person_name(key)
                    and not split_suffix(key, self.vocab)[1]):
                ends[" ".join(words[-2:])].append(key)
        return {key: ends[key][0] for key in sorted(ends)
                if len(ends[key]) == 1 and key in self._forms and self._type_of(key) == "PERSON"
                and not (len(key.split()[0]) > 2 and is_given_name(key.split()[0]))}

    def _initials(self) -> dict[str, list[str]]:
        """Organisation names of two words or more by their initials, with and without the small
        words ("Office of Foreign Assets Control" under "oofac" and "ofac")."""
        longer: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self._forms):
            words = key.split()
            if len(words) >= 2 and self._type_of(key) == "ORG":
                for kept in {tuple(words), tuple(w for w in words if w not in _INITIALS_SKIP)}:
                    longer["".join(w[0] for w in kept)].append(key)
        return longer

    def _abbreviations(self, present: Iterable[str], initials: dict[str, list[str]]) -> dict[str, str]:
        """All-capitals names in a document that are exactly the initials of one longer organisation
        name in the same document ("ACLU" → "American Civil Liberties Union"), defined or not; never
        a place's short form written with full stops ("N.C."/GPE beside "National Committee")."""
        present = set(present)
        links = {}
        for key in sorted(present):
            if " " in key or not 2 <= len(key) <= 6 or not all(f.isupper() for f in self._forms[key]):
                continue
            if self._type_of(key) in {"GPE", "LOC"} and all("." in form for form in self._forms[key]):
                continue  # "N.C.", "D.C.": a place's short form; "RT"/GPE is the model's guess for a channel
            found = sorted({k for k in initials.get(key, ()) if k in present})
            if len(found) == 1:
                links[key] = found[0]
        return links

    def _short_forms(self, present: Iterable[str]) -> dict[str, str]:
        """Short organisation names in a document joined to the one longer name there they stand for:
        the long name only adds legal forms ("Acme" → "Acme Airways Ltd"), or only puts one or two
        words before a name ending in an organisation word ("Judiciary Committee" → "Senate
        Judiciary Committee"), only puts a place before it ("Senate" → "U.S. Senate"), or, for one
        word, only adds "of …" after it ("House" → "House of Representatives").  A name anyone
        calls a person joins only a longer name that adds legal forms, and only when it has two words
        or more and no given name ("Ritz Carlton"/PERSON → "Ritz Carlton Hotel"; never "Baker" →
        "Baker Organization").  A committee's short name may also drop an "and …" run ("Oversight
        Committee" → "Oversight and Government Reform Committee")."""
        orgs = [k for k in sorted(present) if self._type_of(k) in {"ORG", "FAC"}]
        by_first: dict[str, list[str]] = defaultdict(list)
        by_last: dict[str, list[str]] = defaultdict(list)
        for key in orgs:
            words = key.split()
            if len(words) > 1:
                by_first[words[0]].append(key)
                by_last[words[-1]].append(key)
        links = {}
        for short in orgs + self._unpersonal_names(present):
            if short in self.curation.split_keys:
                continue
            longer = self._longer_forms(short, by_first, by_last)
            if len(set(longer)) == 1:
                links[short] = longer[0]
        return links

    def _longer_forms(self, short: str, by_first: dict[str, list[str]], by_last: dict[str, list[str]]) -> list[str]:
        """The document's longer organisation names ``short`` may stand for (see :meth:`_short_forms`),
        indexed by their first and last words; a name anyone calls a person takes only legal forms."""
        words = short.split()
        longer = [k for k in by_first.get(words[0], ()) if k.startswith(short + " ")
                  and all(w in self.vocab.legal_forms for w in k[len(short):].split())]
        if self._labels[short]["PERSON"]:
            return longer if len(words) > 1 else []
        if len(words) > 1 and words[-1] in self.vocab.org_words:
            longer += [k for k in by_last.get(words[-1], ())
                       if (k.endswith(" " + short) and len(k.split()) - len(words) <= 2)
                       or _without_an_and_run(k.split(), words)]
        else:  # "Senate" → "U.S. Senate", "House of Representatives" → "United States House of Representatives"
            longer += [k for k in by_last.get(words[-1], ()) if k.endswith(" " + short)
                       and self._is_place(k[:-len(short) - 1])]
        if len(words) == 1:  # "House" → "House of Representatives"
            longer += [k for k in by_first.get(short, ()) if k.startswith(short + " of ")]
        return longer

    def _unpersonal_names(self, present: Iterable[str]) -> list[str]:
        """The document's names the corpus types as a person that have two words or more and no given
        name: the model's guess for a hotel or a firm ("Ritz Carlton")."""
        return [k for k in sorted(present) if " " in k and self._type_of(k) == "PERSON"
                and not is_given_name(k.split()[0]) and not split_suffix(k, self.vocab)[1]]

    def _is_place(self, key: str) -> bool:
        """A name the corpus types as a place, or a shared alias of one ("U.S.")."""
        if key in self._forms:
            return self._type_of(key) == "GPE"
        return any(entry["label"] == "GPE" and name_key(entry["pattern"]) == key for entry in self.vocab.gazetteer)

    def _year_contests(self, present: Iterable[str], counts: Counter[str]) -> dict[str, str]:
        """A document's names of one year's contest joined to its most mentioned one ("2016 elections",
        "2016 presidential race" → "2016 presidential election"), unless the document names two
        kinds of contest that year ("2018 primary election" beside "2018 general election")."""
        years: dict[str, list[str]] = defaultdict(list)
        kinds: dict[str, set[str]] = defaultdict(set)
        for key in sorted(present):
            match = _YEAR_CONTEST.match(key)
            if match and self._type_of(key) == "EVENT":
                years[match[1]].append(key)
                if match[2]:
                    kinds[match[1]].add(match[2])
        links = {}
        for year, keys in years.items():
            if len(keys) > 1 and len(kinds[year]) <= 1:
                main = min(keys, key=lambda k: (-counts[k], -len(k), k))
                links.update((k, main) for k in keys if k != main)
        return links

    def _is_person_name(self, key: str) -> bool:
        """A PERSON key, or a multi-word key the model typed otherwise whose surname alone is mostly a
        PERSON and which has no organisation word ("Chelsea Manning"/ORG beside "Manning"/PERSON).
        A name typed otherwise at three mentions or more needs its surname used alone in one of its
        own documents: a firm's name ("Acme Lee"/ORG) does not become a person because another
        document names someone "Lee"."""
        if self._type_of(key) == "PERSON":
            return True
        words = key.split()
        votes = self._labels[key]
        if (2 <= len(words) <= 4 and is_given_name(words[0]) and sum(votes.values()) <= 2
                and self._type_of(key) not in {"GPE", "LOC"} and not any(w in self.vocab.org_words for w in words)):
            return True  # "Louis van Gaal"/FAC once: a given name outweighs a single guess
        return (len(words) >= 2 and self._type_of(key) in {"ORG", "NORP", "GPE"}
                and words[-1] in self._forms and self._type_of(words[-1]) == "PERSON"
                and not any(w in self.vocab.org_words for w in words)
                and (sum(votes.values()) <= 2 or self._share_a_document(key, words[-1])))

    def _share_a_document(self, a: str, b: str) -> bool:
        if (a, b) not in self._shared:  # asked for the same few keys again and again while resolving
            self._shared[(a, b)] = any(a in counts and b in counts for counts in self._doc_keys)
        return self._shared[(a, b)]

    def _people(self, pairs: frozenset[str]) -> _People:
        """Full person names (but the ``pairs`` of surnames) indexed by surname, under its spelling key so a
        surname's other romanisation finds them ("Ostrovich" → "Ivan Ostrovych"), and by first name;
        and the suffixed ones."""
        by_last: dict[str, list[str]] = defaultdict(list)
        by_first: dict[str, list[str]] = defaultdict(list)
        suffixed: set[str] = set()
        for key in sorted(self._forms):
            if key in pairs or not self._is_person_name(key):
                continue
            words, suffix = split_suffix(key, self.vocab)
            if len(words) < 2 and not suffix:
                continue
            if suffix and self._is_plain_person(" ".join(words)):
                continue  # "Baker" is never the son's while the father's full name is in the corpus
            if suffix:
                suffixed.add(key)
            by_last[spelling_key(words[-1])].append(key)
            by_first[words[0]].append(key)
        return _People(by_last, by_first, suffixed)

    def _may_be_person(self, key: str) -> bool:
        """Not a name the model only ever saw as a place, event, work or the like ("Cambridge"/GPE)."""
        return bool(self._labels[key]["PERSON"]) or self._type_of(key) in {"PERSON", "ORG"}

    def _words_of_other_names(self) -> set[str]:
        """Words of the corpus's longer names that are not people's ("washington" of "Washington Post").

        A single word the model typed as a place or an event but never used in such a name, beside a
        full person name ending in it in the same document, is that person's surname ("Ross"/GPE
        beside "Sergey Ross"); one that is ("Washington"/GPE beside "George Washington") stays apart.
        """
        return {word for key in self._forms if " " in key and self._type_of(key) != "PERSON"
                for word in key.split()}

    def _first_name_first(self, key: str, first: list[str], last: list[str], counts: Counter[str] | None) -> bool:
        """Read a given name alone as a first name before a surname ("Hattie" → "Hattie Ross", not
        "Crooked Hattie") when the names it starts are mentioned more than those it ends ("Ross" in a
        biography of Tom Ross stays a surname)."""
        def mentioned(keys: list[str]) -> int:
            return sum(counts[k] if counts is not None else sum(self._forms[k].values()) for k in keys)

        return bool(first) and is_given_name(key) and mentioned(first) > mentioned(last)

    def _is_plain_person(self, key: str) -> bool:
        return key in self._forms and self._is_person_name(key)

    def _short_link(self, key: str, candidates: Iterable[str], suffixed: set[str],
                    base: dict[str, str] | None = None, title: str = "",
                    counts: Counter[str] | None = None) -> str | None:
        """The one full name a surname- or first-name-only key stands for.

        Names with a generational suffix only count when there is no plain one.  When several
        remain, the document's subject wins: the names whose every word is in the title, and of
        those the one mentioned most, if it is mentioned more than the others.  Failing that, the
        name mentioned :data:`DOMINANT` times more than any other (in the document when ``counts``
        are given, else in the corpus) wins; then, of the names the document mentions most, one the
        corpus mentions :data:`DOMINANT` times more than each other candidate; otherwise the short
        name stays unresolved.
        """
        base = base or {}
        candidates = list(candidates)
        found = sorted({_root(base, c) for c in candidates})
        if not found:
            return None
        plain = [c for c in found if c not in suffixed]
        found = plain or found
        if len(found) == 1:
            return found[0]
        return self._title_subject(found, title) or self._dominant(found, candidates, base, counts)

    def _title_subject(self, found: list[str], title: str) -> str | None:
        """The one name of ``found`` whose every word is in ``title``, or of several such names the one
        the corpus mentions most, if it is mentioned more than the others."""
        title_words = set(re.findall(r"\w+", name_key(title)))
        in_title = [c for c in found if title_words and set(c.split()) <= title_words]
        if len(in_title) == 1:
            return in_title[0]
        ranked = sorted(((sum(self._forms[c].values()), c) for c in in_title), reverse=True)
        if len(ranked) > 1 and ranked[0][0] > ranked[1][0]:
            return ranked[0][1]
        return None

    def _dominant(self, found: list[str], candidates: list[str], base: dict[str, str],
                  counts: Counter[str] | None) -> str | None:
        """The name of ``found`` (two or more) mentioned :data:`DOMINANT` times more than any other, in the
        document when ``counts`` are given, else in the corpus; then, of the names the document
        mentions most, one the corpus mentions :data:`DOMINANT` times more than each other one."""
        corpus: Counter[str] = Counter()
        local: Counter[str] = Counter()
        for c in candidates:
            corpus[_root(base, c)] += sum(self._forms[c].values())
            local[_root(base, c)] += counts[c] if counts is not None else 0
        weight = local if counts is not None else corpus
        ranked = sorted(((weight[c], c) for c in found), reverse=True)
        if ranked[0][0] >= DOMINANT * max(ranked[1][0], 1):
            return ranked[0][1]
        if counts is not None:  # the document names the top ones equally: the corpus's far likelier one
            top = [c for c in found if local[c] == ranked[0][0]]
            ranked = sorted(((corpus[c], c) for c in found), reverse=True)
            if ranked[0][1] in top and ranked[0][0] >= DOMINANT * ranked[1][0]:
                return ranked[0][1]
        return None

    def _linker(self, pairs: frozenset[str]) -> tuple[dict[str, str], list[dict[str, str]]]:
        """The corpus's links (base links, and single names the whole corpus gives one full name) and,
        per document, the links that document alone supports."""
        base = self._base_links()
        people = self._people(pairs)
        singles = [k for k in sorted(self._forms)
                   if " " not in k and k not in base and k not in self.curation.split_keys]
        initials = self._initials()
        corpus = self._corpus_single_links(singles, base, people)
        single = set(singles)
        surnames = single - self._words_of_other_names()
        per_doc = [self._document_links(number, counts, base, people, single, surnames, initials)
                   for number, counts in enumerate(self._doc_keys)]
        links = {**base, **corpus}
        links.update((k, v) for k, v in self._bodies_of_one_person(links).items() if k not in links)
        return links, per_doc

    def _bodies_of_one_person(self, links: dict[str, str]) -> dict[str, str]:
        """A body named after a person by surname joined to the one body of the same kind named after
        that person in full, when the corpus gives the surname to that person ("Lee campaign" →
        "Ann Lee campaign", as "Lee" → "Ann Lee"); never when two full names of that person name
        such bodies, nor for a surname the corpus leaves unresolved."""
        def person(key: str) -> str:
            while key in links:
                key = links[key]
            return key

        full: dict[tuple[str, str], set[str]] = defaultdict(set)
        short = []
        for key in sorted(self._forms):
            words = key.split()
            if len(words) < 2 or words[-1] not in self.vocab.org_words or self._type_of(key) != "ORG":
                continue
            named, kind = " ".join(words[:-1]), words[-1]
            if len(words) == 2 and named in links:
                short.append((key, person(named), kind))
            elif len(words) > 2 and self._is_plain_person(named):
                full[(person(named), kind)].add(key)
        return {key: next(iter(full[(who, kind)])) for key, who, kind in short if len(full[(who, kind)]) == 1}

    def _corpus_single_links(self, singles: list[str], base: dict[str, str], people: _People) -> dict[str, str]:
        """Single-word names the whole corpus gives one full name: a person-like name the full name it
        stands for; a surname the model called an ORG each time ("Baker"/ORG) only the one person
        whose surname it is in the whole corpus."""
        by_last, by_first, suffixed = people
        corpus: dict[str, str] = {}
        for key in singles:
            if not (self._type_of(key) == "PERSON" or self._labels[key]["PERSON"]):
                target = self._org_surname_link(key, {_root(base, c) for c in by_last.get(spelling_key(key), [])})
                if target:
                    corpus[key] = target
                continue
            first, last = by_first.get(key, []), by_last.get(spelling_key(key), [])
            if self._first_name_first(key, first, last, None):
                first, last = last, first
            target = self._short_link(key, last, suffixed, base) or self._short_link(key, first, suffixed, base)
            if target and self._may_be_person(key):
                corpus[key] = target
        return corpus

    def _org_surname_link(self, key: str, people: set[str]) -> str | None:
        """The one person whose surname ``key`` is, when the model only ever typed ``key`` as an ORG."""
        if len(people) == 1 and self._type_of(key) == "ORG" and not is_given_name(key):
            return next(iter(people))
        return None

    def _document_links(self, number: int, counts: Counter[str], base: dict[str, str], people: _People,
                        single: set[str], surnames: set[str], initials: dict[str, list[str]]) -> dict[str, str]:
        """The links document ``number`` supports: its abbreviations, short organisation names and
        contest names, then its single names (a name that may be a person or a bare surname) to
        the full name they stand for there."""
        present = set(counts)
        title = self.documents[number].get("title", "")
        local: dict[str, str] = {}
        short = self._short_forms(present)
        # initials read off a short form ("National Committee" of "Democratic National Committee") are not the name's
        local.update((k, v) for k, v in self._abbreviations(present, initials).items()
                     if k not in base and v not in short and v not in base)
        local.update((k, v) for k, v in short.items() if k not in base and k not in local)
        local.update((k, v) for k, v in self._year_contests(present, counts).items() if k not in local)
        for key in sorted(present & single):  # the document's own keys, not every key of the corpus
            person = self._may_be_person(key)
            if key in local or not (person or key in surnames):
                continue
            target = self._document_single_link(key, person, present, counts, title, base, people)
            if target:
                local[key] = target
        return local

    def _document_single_link(self, key: str, person: bool, present: set[str], counts: Counter[str], title: str,
                              base: dict[str, str], people: _People) -> str | None:
        """The full name a single name stands for in one document; the name itself (unresolved) when
        several people there share it and nothing tells them apart; else None."""
        by_last, by_first, suffixed = people
        last = [c for c in by_last.get(spelling_key(key), []) if c in present]
        first = [c for c in by_first.get(key, []) if c in present] if person else []
        if self._first_name_first(key, first, last, counts):
            last, first = first, []
        target = self._short_link(key, last, suffixed, base, title, counts) or (
            self._short_link(key, first, suffixed, base, title, counts) if not last else None)
        if target:
            return target
        if len({_root(base, c) for c in last}) > 1:
            return key  # several people of that name here and no evidence: unresolved
        return None

    def _name_pairs(self) -> frozenset[str]:
        """PERSON "names" made of two other people's surnames, as in a headline "Smith Jones talks"."""
        full = [k.split() for k in sorted(self._forms) if " " in k and self._is_person_name(k)]
        surnames = Counter(words[-1] for words in full)

        def surname_elsewhere(word: str, own: list[str]) -> bool:
            return surnames[word] - (own[-1] == word) > 0

        return frozenset(" ".join(w) for w in full if len(w) == 2 and not is_given_name(w[0])
                         and all(surname_elsewhere(x, w) for x in w))

    def _run_together(self) -> frozenset[str]:
        """Person "names" holding a word that is two people's names run together, as a page's link texts
        are ("Ann LeeBob Ross" of "Ann Lee" and "Bob Ross"): the word's first part is a person's name or
        surname of the corpus, and its second part, with the words after it, a person's full name of the
        corpus or, at the end, a person's name ("Ann LeeRoss").  A given name in two capitalised parts
        ("MaryAnne Lee") is none: "Anne Lee" is no one the corpus names."""
        surnames = {key.split()[-1] for key in self._forms if " " in key and self._is_person_name(key)}

        def person(part: str) -> bool:
            return part in self._forms and self._is_person_name(part)

        found = set()
        for key in sorted(self._forms):
            if " " not in key or self._type_of(key) != "PERSON":
                continue
            for words in (form.split() for form in self._forms[key]):
                for i, word in enumerate(words):
                    glued = _GLUED_NAMES.fullmatch(word)
                    if glued and (person(name_key(glued[1])) or name_key(glued[1]) in surnames) \
                            and person(name_key(" ".join([glued[2], *words[i + 1:]]))):
                        found.add(key)
        return frozenset(found)

    def _titled_words(self) -> frozenset[str]:
        """One-word "people" the corpus knows only as the word after a title inside the name of something
        else ("Galaxy" of "Miss Galaxy pageant"): a pageant's name the model reads as a person's after
        "Miss"; never a given name, nor a word of a person's full name ("Lee" of "Ann Lee")."""
        titles = _title_keys(self.vocab.titles)
        after: set[str] = set()
        named: set[str] = set()
        for key in sorted(self._forms):
            words = key.split()
            if len(words) < 2:
                continue
            if self._is_person_name(key):
                named.update(words)
            else:
                after.update(b for a, b in zip(words, words[1:], strict=False) if a in titles)
        return frozenset(word for word in after - named if word in self._forms and self._type_of(word) == "PERSON"
                         and not is_given_name(word))

    def result(self) -> Resolution:
        """Resolve everything added so far."""
        pairs = self._name_pairs()
        base, per_doc = self._linker(pairs)

        def canonical(doc: int | None, key: str) -> str:
            seen = set()
            while True:
                nxt = (per_doc[doc].get(key) if doc is not None else None) or base.get(key)
                if nxt is None or nxt in seen:
                    return key
                seen.add(key)
                key = nxt

        dropped = pairs | self.curation.ignore_keys | self._run_together() | self._titled_words()
        groups: dict[str, Counter[str]] = defaultdict(Counter)  # canonical key -> member key counts
        docs_of: dict[str, set[int]] = defaultdict(set)
        for number, counts in enumerate(self._doc_keys):
            for key, count in counts.items():
                if key in dropped:
                    continue
                root = canonical(number, key)
                if root in dropped:
                    continue
                groups[root][key] += count
                docs_of[root].add(number)

        entities, id_of, merged = self._entities(groups, docs_of)
        edges = self._edges(lambda doc, key: id_of.get(canonical(doc, key)), {e.id: e.type for e in entities})
        stale = self._stale_entity_rules(entities)
        if self.curation.relations:
            edges, stale_relations = apply_decisions(
                entities, edges, self.curation.relations, vocab=self.vocab,
                doc_order={d["id"]: n for n, d in enumerate(self.documents)})
            stale.extend(stale_relations)
        return Resolution(documents=tuple(self.documents), entities=tuple(entities), edges=tuple(edges),
                          merged=tuple(merged), stale=tuple(stale))

    def _stale_entity_rules(self, entities: list[Entity]) -> list[str]:
        """The entity rules that name no name of the corpus, one line each."""
        labels = {name_key(e.label) for e in entities}

        def missing(names: Iterable[str], *, or_label: bool = False) -> list[str]:
            return [n for n in names if name_key(n) not in self._forms and not (or_label and name_key(n) in labels)]

        rules = self.curation
        found = [(f"merge {list(g)}", missing(g)) for g in rules.merges]
        found += [(f"split {n!r}", missing([n])) for n in rules.splits]
        found += [(f"rename {old!r} to {new!r}", missing([old])) for old, new in rules.renames]
        found += [(f"retype {n!r} to {t}", missing([n], or_label=True)) for n, t in rules.retypes]
        found += [(f"ignore {n!r}", missing([n])) for n in rules.ignores]
        return [f"{rule}: no entity named {', '.join(repr(n) for n in names)}" for rule, names in found if names]

    def _entities(self, groups: dict[str, Counter[str]], docs_of: dict[str, set[int]]
                  ) -> tuple[list[Entity], dict[str, str], list[tuple[str, str]]]:
        """One entity per group; groups the curation gave one label (a rename onto an existing entity's
        label) become one entity, shown under that label with the type of the entity that had it."""
        canonical_names = {name_key(c): c for c, _ in self.vocab.aliases}
        by_label: dict[str, list[_Named]] = defaultdict(list)
        for root in sorted(groups, key=lambda k: (-sum(groups[k].values()), k)):
            named = self._named(root, groups[root], canonical_names)
            by_label[name_key(named.label)].append(named)
        entities: list[Entity] = []
        id_of: dict[str, str] = {}
        merged: list[tuple[str, str]] = []
        used: set[str] = set()
        for same in by_label.values():
            first = next((item for item in same if not item.renamed), same[0])  # the entity that had the label
            merged.extend((item.found, first.label) for item in same if item is not first)
            ident = slugify(first.label)
            if ident in used:
                ident = f"{ident}-{first.kind.lower()}"
            used.add(ident)
            id_of.update(dict.fromkeys((item.root for item in same), ident))
            entities.append(self._entity(ident, first, same, groups, docs_of))
        entities.sort(key=lambda e: e.id)
        return entities, id_of, sorted(merged)

    def _named(self, root: str, members: Counter[str], canonical_names: dict[str, str]) -> _Named:
        """The group of ``root``: its label (the vocabulary's canonical name, else its own most used
        form, else its members' one, a form in normal case before one in capitals), its type, and both
        after the curation."""
        forms: Counter[str] = Counter()
        votes: Counter[str] = Counter()
        for key in members:
            forms.update(self._forms[key])
            votes.update(self._labels[key])
        own = self._forms.get(root)
        if root in canonical_names:
            label = canonical_names[root]
        elif own:
            label = max(own, key=lambda f: (not _shouted(f), own[f], len(f), f))
        else:
            label = max(forms, key=lambda f: (not _shouted(f), forms[f], len(f), f))
        kind = "PERSON" if root in self._labels and self._is_person_name(root) else self._type_of(
            root) if root in self._labels else max(
            votes, key=lambda t: (votes[t], -TYPE_ORDER.index(t) if t in TYPE_ORDER else -99))
        found = label
        label, kind = self.curation.apply_label(label, kind, members)
        renamed = name_key(label) not in {name_key(found), *members}
        return _Named(root, found, label, kind, renamed, votes)

    def _entity(self, ident: str, first: _Named, same: list[_Named], groups: dict[str, Counter[str]],
                docs_of: dict[str, set[int]]) -> Entity:
        """The entity of the groups ``same`` shown under ``first``'s label and type."""
        label, kind = first.label, first.kind
        roots = [item.root for item in same]
        forms: Counter[str] = Counter()
        for root in roots:
            for key in groups[root]:
                forms.update(self._forms[key])
        aliases = tuple(sorted({f for f in forms if f != label}))
        docs = tuple(sorted({self.documents[d]["id"] for root in roots for d in docs_of[root]}))
        mentions = sum(sum(groups[root].values()) for root in roots)
        keys = {key for root in roots for key in groups[root]}
        rules = tuple(self.curation.rules_for(label, keys)) if self.curation else ()
        votes = sum((item.votes for item in same), Counter())
        disagree = dict(sorted(votes.items())) if len(+votes) > 1 else {}
        return Entity(ident, label, kind, aliases, mentions, docs, curated=bool(rules), curation=rules,
                      type_votes=disagree)

    def _edges(self, entity_of, types: dict[str, str]) -> list[Edge]:
        vocab_types = {rt.name: rt for rt in relation_types(self.vocab)}
        # (source, target, type) -> (doc, start) -> citation; typed pairs per sentence suppress co-mentions
        grouped: dict[tuple[str, str, str], dict[tuple[int, int, int], Citation]] = defaultdict(dict)
        typed_sentences: set[tuple[int, int, frozenset[str]]] = set()
        pending_co: list[tuple[str, str, int, Citation]] = []
        for rel in self._relations:
            source, target = entity_of(rel.doc, rel.source), entity_of(rel.doc, rel.target)
            if source is None or target is None or source == target:
                continue
            rtype = rel.type
            rt = vocab_types.get(rtype)
            if rt is not None and not rt.allows(types[source], types[target]):
                if not rt.directed and rt.allows(types[target], types[source]):
                    source, target = target, source
                else:
                    rtype, rt = CO_MENTIONED, None
            if rt is None or not rt.directed:
                source, target = sorted((source, target))
            if rtype == CO_MENTIONED:
                pending_co.append((source, target, rel.doc, rel.citation))
                continue
            typed_sentences.add((rel.doc, rel.citation.start, frozenset((source, target))))
            _cite(grouped[(source, target, rtype)], rel.doc, rel.citation)
        for source, target, doc, citation in pending_co:
            if (doc, citation.start, frozenset((source, target))) not in typed_sentences:
                _cite(grouped[(source, target, CO_MENTIONED)], doc, citation)
        edges = []
        for (source, target, rtype), cites in sorted(grouped.items()):
            rt = vocab_types.get(rtype)
            edges.append(Edge(
                source=source, target=target, type=rtype,
                label=rt.label if rt else rtype.replace("_", " "),
                directed=bool(rt and rt.directed),
                citations=tuple(cites[k] for k in sorted(cites)),
            ))
        return edges


def _root(links: dict[str, str], key: str) -> str:
    """Where ``key`` ends when its ``links`` are followed (a cycle stops at the first key seen again)."""
    seen = {key}
    while key in links and links[key] not in seen:
        key = links[key]
        seen.add(key)
    return key


@cache
def _title_keys(titles: tuple[str, ...]) -> frozenset[str]:
    """The keys of a vocabulary's titles ("vice president", "sen")."""
    return frozenset(name_key(title) for title in titles)


def _capitals(word: str) -> bool:
    """True for a word written in capitals with two letters or more ("U.S.", "CLOSE"; not an initial "J.")."""
    return sum(c.isalpha() for c in word) >= 2 and word.isupper()


def _shouted(form: str) -> bool:
    """True for a name written wholly in capitals that is no acronym: more than one word or more than
    five letters ("ANN LEE" of a transcript's speaker line; not "NATO")."""
    return form.isupper() and (" " in form or len(form) > 5)


def _cite(slot: dict[tuple[int, int, int], Citation], doc: int, citation: Citation) -> None:
    """Keep one citation per sentence and claim status: a sentence that both asserts a link and denies
    another claim about the same pair ("X met Y, but no evidence shows Y controls X") keeps both."""
    slot.setdefault((doc, citation.start, STATUSES.index(citation.status)), citation)


def _without_an_and_run(long: list[str], short: list[str]) -> bool:
    """True when ``short`` is ``long`` without one run of words that starts with "and" and ends
    before its last word ("house oversight committee" of "house oversight and government reform committee")."""
    for i, word in enumerate(long[1:-1], start=1):
        if word == "and":
            for j in range(i + 2, len(long)):
                if long[:i] + long[j:] == short:
                    return True
    return False


def resolve(records: Iterable[DocumentRecord], *, vocab: Vocabulary | None = None,
            curation: Curation | None = None) -> Resolution:
    """Resolve a whole stream of records at once."""
    reducer = Reducer(vocab=vocab or load_vocabulary(), curation=curation or Curation())
    return reducer.add_all(records).result()

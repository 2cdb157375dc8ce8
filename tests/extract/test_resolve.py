"""Resolution rules on hand-built records: no model needed."""

from collections import Counter

import pytest

from extract.curation import Curation
from extract.records import Citation, Document, DocumentRecord, Mention, Relation
from extract.resolve import Reducer, resolve


def record(doc_id: str, names: list[tuple[str, str]], pairs: list[tuple[int, int, str, str]] = (),
           aliases=()) -> DocumentRecord:
    mentions = tuple(Mention(text=n, name=n, label=label, start=i * 10, end=i * 10 + len(n), sentence=i)
                     for i, (n, label) in enumerate(names))
    relations = tuple(
        Relation(type=kind, source=a, target=b,
                 citation=Citation(doc=doc_id, sentence=f"s{a}{b}", start=b * 100 + a, end=b * 100 + 50, status=status))
        for a, b, kind, status in pairs
    )
    doc = Document(id=doc_id, title=doc_id, path=f"{doc_id}.txt", sha256="0" * 64, text="")
    return DocumentRecord(document=doc, mentions=mentions, relations=relations, aliases=tuple(aliases))


def labels(resolution):
    return {e.label: e for e in resolution.entities}


def test_surname_joins_the_full_name_of_the_same_document():
    res = resolve([record("d", [("Vladimir Putin", "PERSON"), ("Putin", "PERSON"), ("Putin", "PERSON")])])
    assert list(labels(res)) == ["Vladimir Putin"]
    assert labels(res)["Vladimir Putin"].mentions == 3
    assert labels(res)["Vladimir Putin"].aliases == ("Putin",)


def test_generational_suffix_and_relatives_stay_apart():
    res = resolve([record("d", [("Donald Trump", "PERSON"), ("Donald Trump Jr.", "PERSON"), ("Eric Trump", "PERSON"),
                                ("Trump", "PERSON")])])
    found = labels(res)
    assert {"Donald Trump", "Donald Trump Jr.", "Eric Trump"} <= set(found)
    # "Trump" alone fits two plain full names here (Donald, Eric): ambiguous, so it is not merged.
    assert "Trump" in found


def test_surname_links_across_the_corpus_when_unambiguous():
    res = resolve([record("a", [("Paul Manafort", "PERSON")]), record("b", [("Manafort", "PERSON")])])
    assert list(labels(res)) == ["Paul Manafort"]
    assert labels(res)["Paul Manafort"].docs == ("a", "b")


def test_one_type_per_entity_by_vote():
    res = resolve([record("a", [("Donald Trump", "PERSON"), ("Trump", "ORG"), ("Trump", "ORG"),
                                ("Trump", "PERSON"), ("Trump", "PERSON"), ("Trump", "PERSON")])])
    assert [(e.label, e.type) for e in res.entities] == [("Donald Trump", "PERSON")]


def test_organisations_named_after_people_stay_apart():
    res = resolve([record("a", [("Donald Trump", "PERSON"), ("Trump Organization", "ORG"), ("Trump", "PERSON")])])
    assert set(labels(res)) == {"Donald Trump", "Trump Organization"}


def test_defined_and_shared_aliases():
    res = resolve([record("a", [("Justice Department", "ORG"), ("DOJ", "ORG"), ("U.S.", "GPE"),
                                ("Securities Office", "ORG"), ("SO", "ORG")],
                          aliases=[("Securities Office", "SO")])])
    found = labels(res)
    assert found["Justice Department"].mentions == 2
    assert found["United States"].aliases == ("U.S.",)
    assert found["Securities Office"].mentions == 2


def test_name_made_of_two_surnames_is_not_a_person():
    res = resolve([record("a", [("Donald Trump", "PERSON"), ("Vladimir Putin", "PERSON"), ("Trump Putin", "PERSON"),
                                ("Putin", "PERSON")])])
    assert set(labels(res)) == {"Donald Trump", "Vladimir Putin"}


def test_edges_carry_citations_and_the_strongest_status():
    names = [("Donald Trump", "PERSON"), ("Vladimir Putin", "PERSON"), ("Putin", "PERSON")]
    res = resolve([record("a", names, [(0, 1, "met_with", "negated"), (0, 2, "met_with", "reported")])])
    (edge,) = res.edges
    assert (edge.source, edge.target, edge.type) == ("donald-trump", "vladimir-putin", "met_with")
    assert edge.weight == 2
    assert edge.status == "reported"
    assert [c.status for c in edge.citations] == ["negated", "reported"]


def test_negated_only_edge_is_negated():
    names = [("Donald Trump", "PERSON"), ("Russian Mafia", "ORG")]
    res = resolve([record("a", names, [(0, 1, "co_mentioned", "negated")])])
    assert res.edges[0].status == "negated"


def test_typed_relation_replaces_co_mention_in_the_same_sentence():
    names = [("Donald Trump", "PERSON"), ("Vladimir Putin", "PERSON")]
    rec = record("a", names, [(0, 1, "praised", "asserted"), (0, 1, "co_mentioned", "asserted")])
    assert [e.type for e in resolve([rec]).edges] == ["praised"]


def test_relation_types_that_do_not_fit_fall_back_to_co_mentioned():
    names = [("Helsinki", "GPE"), ("Donald Trump", "PERSON")]
    rec = record("a", names, [(0, 1, "works_for", "asserted")])
    assert [e.type for e in resolve([rec]).edges] == ["co_mentioned"]


def test_curation_merges_renames_retypes_ignores_and_splits():
    curation = Curation(merges=(("Donald Trump", "The Donald"),), renames=(("Justice Department", "DOJ (US)"),),
                        retypes=(("Trump Tower", "FAC"),), ignores=("Factually",), splits=("Putin",))
    res = resolve([record("a", [("Donald Trump", "PERSON"), ("The Donald", "ORG"), ("Justice Department", "ORG"),
                                ("Trump Tower", "ORG"), ("Factually", "ORG"), ("Vladimir Putin", "PERSON"),
                                ("Putin", "PERSON")])], curation=curation)
    found = labels(res)
    assert found["Donald Trump"].mentions == 2
    assert "DOJ (US)" in found and found["Trump Tower"].type == "FAC"
    assert "Factually" not in found
    assert "Putin" in found and "Vladimir Putin" in found


def test_ids_and_order_are_deterministic():
    recs = [record("a", [("Zed Org", "ORG"), ("Alpha Person", "PERSON")], [(0, 1, "co_mentioned", "asserted")])]
    first, second = resolve(recs), resolve(recs)
    assert first == second
    assert [e.id for e in first.entities] == ["alpha-person", "zed-org"]
    assert (first.edges[0].source, first.edges[0].target) == ("alpha-person", "zed-org")


def test_one_citation_per_sentence_and_status():
    names = [("Donald Trump", "PERSON"), ("Vladimir Putin", "PERSON"), ("Putin", "PERSON")]
    rec = record("a", names, [(0, 1, "met_with", "negated"), (0, 1, "met_with", "asserted"),
                              (0, 1, "met_with", "asserted")])
    (edge,) = resolve([rec]).edges
    assert [c.status for c in edge.citations] == ["asserted", "negated"]
    assert edge.status == "asserted" and edge.weight == 2


def test_middle_initials_do_not_split_a_person():
    res = resolve([record("a", [("Donald J. Trump Jr.", "PERSON"), ("Donald Trump Jr.", "PERSON"),
                                ("Donald J. Trump", "PERSON"), ("Donald Trump", "PERSON"), ("Trump", "ORG")])])
    found = labels(res)
    assert set(found) == {"Donald Trump", "Donald Trump Jr."}
    assert found["Donald Trump"].mentions == 3  # the model's "Trump"/ORG joins the one plain full name


def test_short_organisation_name_joins_its_one_longer_form():
    res = resolve([record("a", [("Acme Media", "ORG")]), record("b", [("Acme Media & Technology Group", "ORG")])])
    assert [e.label for e in res.entities] == ["Acme Media & Technology Group"]


def test_document_subject_wins_an_ambiguous_surname():
    rec = record("a", [("Chelsea Manning", "ORG"), ("Manning", "PERSON"), ("Manning", "PERSON"),
                       ("Brian Manning", "PERSON"), ("Chelsea Elizabeth Manning", "PERSON")])
    rec = DocumentRecord(document=Document(id="a", title="Chelsea Elizabeth Manning[3] (born 1987) is an activist",
                                           path="a.txt", sha256="0" * 64, text=""),
                         mentions=rec.mentions, relations=(), aliases=())
    found = labels(resolve([rec]))
    assert set(found) == {"Chelsea Manning", "Brian Manning"}
    assert found["Chelsea Manning"].type == "PERSON"
    assert found["Chelsea Manning"].mentions == 4


def test_ambiguous_surname_without_a_subject_stays_apart():
    found = labels(resolve([record("a", [("Brian Manning", "PERSON"), ("Casey Manning", "PERSON"),
                                         ("Manning", "PERSON")])]))
    assert "Manning" in found


def _org_prefixes_by_pairs(reducer) -> dict[str, str]:
    """The former all-pairs definition of organisation prefixes, the reference for the linear one."""
    orgs = [k for k in sorted(reducer._forms) if reducer._type_of(k) == "ORG"]
    links = {}
    for short in orgs:
        if len(short.split()) < 2:
            continue
        longer = [k for k in orgs if k != short and k.startswith(short + " ")
                  and all(w in reducer.vocab.org_words or not w.isalnum() or w == "and"
                          for w in k[len(short):].split())]
        if len(longer) == 1:
            links[short] = longer[0]
    return links


def test_organisation_prefixes_equal_the_all_pairs_definition():
    import random

    from extract.resolve import Reducer

    rng = random.Random(7)
    stems = ["Acme", "Blue Harbor", "Cedar", "North Star", "Orion Lake", "Pike"]
    tails = ["Media", "Group", "Holdings", "&", "and", "Technology", "Capital", "Partners", "International"]
    names = set()
    for _ in range(600):
        words = rng.choice(stems).split() + [rng.choice(tails) for _ in range(rng.randint(0, 4))]
        names.add(" ".join(words))
    mentions = [(n, "ORG") for n in sorted(names)] + [("Acme Media", "PERSON"), ("Pike Group", "GPE")]
    half = len(mentions) // 2
    reducer = Reducer().add_all([record("a", mentions[:half]), record("b", mentions[half:])])
    expected = _org_prefixes_by_pairs(reducer)
    assert len(expected) > 20  # the sample has prefixes with one and with several longer forms
    assert reducer._org_prefixes() == expected


def test_twenty_one_thousand_organisations_and_splits_resolve_without_hanging():
    """Generous bound: about 3 s on an idle machine and up to a minute under a shared machine's load; the
    all-pairs prefix search and per-key split lookups took many minutes."""
    import time

    from extract.curation import Curation

    names = [f"Stem{n // 3} Works" + ["", " Media", " Media Group"][n % 3] for n in range(21_000)]
    records = [record(f"d{d}", [(n, "ORG") for n in names[d::100]]) for d in range(100)]
    started = time.perf_counter()
    res = resolve(records, curation=Curation(splits=tuple(f"Person{n} Split" for n in range(20_000))))
    assert time.perf_counter() - started < 120
    assert len(res.entities) == 14_000  # each "… Media" joins its one "… Media Group"
def test_a_full_name_with_a_given_name_is_not_a_headline_pair():
    """'Hillary Clinton' is a person even when 'Hillary' and 'Clinton' are both someone's surname."""
    res = resolve([record("a", [("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON")]),
                   record("b", [("Crooked Hillary", "PERSON"), ("Clinton", "PERSON")])])
    assert "Hillary Clinton" in labels(res)


def test_two_surnames_without_a_given_name_are_still_a_headline_pair():
    res = resolve([record("a", [("Anna Kowalski", "PERSON"), ("Pavel Novak", "PERSON"),
                                ("Kowalski Novak", "PERSON")])])
    assert "Kowalski Novak" not in labels(res)


def test_a_suffixed_name_never_takes_the_surname_while_the_plain_name_exists():
    res = resolve([record("a", [("Donald Trump", "PERSON"), ("Trump", "PERSON")]),
                   record("b", [("Donald Trump Jr.", "PERSON"), ("Trump", "PERSON"), ("Trump", "PERSON")])])
    found = labels(res)
    assert found["Donald Trump"].mentions == 4
    assert found["Donald Trump Jr."].mentions == 1


def test_a_first_name_that_is_a_given_name_joins_the_person_it_starts():
    res = resolve([record("a", [("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON"), ("Hillary", "PERSON"),
                                ("Hillary", "PERSON")])])
    assert labels(res)["Hillary Clinton"].mentions == 3


def test_a_surname_goes_to_the_person_the_document_names_far_more_often():
    res = resolve([record("a", [("Barack Obama", "PERSON")] * 4 + [("Michelle Obama", "PERSON"), ("Obama", "PERSON")])])
    assert labels(res)["Barack Obama"].mentions == 5


def test_an_ambiguous_surname_stays_unresolved_rather_than_taken_from_the_corpus():
    """Two people named alike in the document, equally often, and no clear favourite in the corpus."""
    res = resolve([record("a", [("Barack Obama", "PERSON"), ("Barack Obama", "PERSON"), ("Michelle Obama", "PERSON")]),
                   record("b", [("Barack Obama", "PERSON"), ("Michelle Obama", "PERSON"), ("Obama", "PERSON")])])
    found = labels(res)
    assert found["Barack Obama"].mentions == 3 and found["Obama"].mentions == 1


def test_a_surname_with_no_full_name_in_its_document_goes_to_the_dominant_one():
    res = resolve([record("a", [("Barack Obama", "PERSON")] * 6 + [("Michelle Obama", "PERSON")]),
                   record("b", [("Obama", "PERSON")])])
    assert labels(res)["Barack Obama"].mentions == 7


def test_a_surname_the_model_often_types_org_still_joins_its_person():
    res = resolve([record("a", [("Ann Veselova", "PERSON")]),
                   record("b", [("Veselova", "ORG"), ("Veselova", "ORG"), ("Veselova", "PERSON")])])
    assert list(labels(res)) == ["Ann Veselova"]


def test_a_place_never_joins_a_name_that_starts_with_it():
    res = resolve([record("a", [("Cambridge Analytica", "PERSON"), ("Cambridge", "GPE")])])
    assert set(labels(res)) == {"Cambridge Analytica", "Cambridge"}


def test_a_nickname_joins_the_full_given_name():
    res = resolve([record("a", [("Michael Flynn", "PERSON"), ("Mike Flynn", "PERSON")]),
                   record("b", [("Bob Jones", "PERSON"), ("Robert Jones", "PERSON")])])
    assert set(labels(res)) == {"Michael Flynn", "Robert Jones"}
    assert labels(res)["Michael Flynn"].mentions == 2


def test_initials_join_the_long_name_of_the_same_document():
    res = resolve([record("a", [("International Consortium of Investigative Journalists", "ORG"), ("ICIJ", "ORG")]),
                   record("b", [("America First Policies", "ORG")]), record("c", [("AFP", "ORG")])])
    found = labels(res)
    assert found["International Consortium of Investigative Journalists"].mentions == 2
    assert "AFP" in found  # the long form is in another document only: no evidence


def test_a_double_surname_alone_joins_the_one_full_name_it_ends():
    res = resolve([record("a", [("Debra Lopez Obrador", "PERSON")]), record("b", [("Lopez Obrador", "PERSON")])])
    assert list(labels(res)) == ["Debra Lopez Obrador"]


def test_an_acronym_the_model_half_calls_a_person_is_an_organisation():
    res = resolve([record("a", [("AFP", "PERSON"), ("AFP", "PERSON"), ("AFP", "PERSON"), ("AFP", "ORG"),
                                ("AFP", "ORG")])])
    assert [(e.label, e.type) for e in res.entities] == [("AFP", "ORG")]


def test_a_surname_with_a_suffix_joins_the_full_suffixed_name():
    res = resolve([record("a", [("Donald Trump", "PERSON"), ("Donald Trump Jr.", "PERSON"), ("Trump Jr.", "ORG")])])
    assert labels(res)["Donald Trump Jr."].mentions == 2


def test_a_short_particle_does_not_stop_a_double_surname_joining():
    res = resolve([record("a", [("Angel Di Maria", "PERSON"), ("Di Maria", "PERSON")])])
    assert list(labels(res)) == ["Angel Di Maria"]


def test_a_given_name_outweighs_a_single_odd_type_guess():
    res = resolve([record("a", [("Louis van Gaal", "FAC"), ("Gaal", "PERSON")])])
    assert [(e.label, e.type) for e in res.entities] == [("Louis van Gaal", "PERSON")]


def test_an_organisation_mentioned_often_keeps_its_type_despite_a_given_name():
    res = resolve([record("a", [("Morgan Stanley", "ORG")] * 3)])
    assert [(e.label, e.type) for e in res.entities] == [("Morgan Stanley", "ORG")]


def test_a_short_company_name_joins_its_one_full_legal_name_in_the_document():
    res = resolve([record("a", [("Qantas Airways Ltd", "ORG"), ("Qantas", "ORG"), ("Ritz Carlton Hotel", "FAC"),
                                ("Ritz Carlton", "FAC")])])
    assert set(labels(res)) == {"Qantas Airways Ltd", "Ritz Carlton Hotel"}


def test_a_committee_named_short_joins_the_one_longer_committee_in_the_document():
    res = resolve([record("a", [("Senate Judiciary Committee", "ORG"), ("Judiciary Committee", "ORG")])])
    assert list(labels(res)) == ["Senate Judiciary Committee"]


def test_descriptive_bodies_never_join_the_person():
    res = resolve([record("a", [("Ann Acme", "PERSON"), ("Acme", "PERSON"), ("Acme", "ORG"), ("Acme Group", "ORG"),
                                ("Acme administration", "ORG"), ("Acme campaign", "ORG")])])
    assert {"Ann Acme", "Acme Group", "Acme administration", "Acme campaign"} <= set(labels(res))
    assert labels(res)["Ann Acme"].mentions == 3


def test_an_even_document_gives_the_surname_to_the_corpus_s_far_likelier_person():
    res = resolve([record("a", [("Barack Obama", "PERSON")] * 9),
                   record("b", [("Barack Obama", "PERSON"), ("Michelle Obama", "PERSON"), ("Obama", "PERSON")])])
    assert labels(res)["Barack Obama"].mentions == 11


def test_the_corpus_never_outvotes_what_the_document_says():
    res = resolve([record("a", [("Barack Obama", "PERSON")] * 9),
                   record("b", [("Barack Obama", "PERSON"), ("Michelle Obama", "PERSON"), ("Michelle Obama", "PERSON"),
                                ("Obama", "PERSON")])])
    assert labels(res)["Barack Obama"].mentions == 10 and "Obama" in labels(res)


def test_a_formal_suffix_with_middle_initial_joins_the_plain_name():
    res = resolve([record("a", [("Robert Mueller", "PERSON"), ("Robert S. Mueller III", "PERSON")])])
    assert list(labels(res)) == ["Robert Mueller"]


def test_two_surnames_joined_by_a_hyphen_are_not_a_person():
    res = resolve([record("a", [("Donald Trump", "PERSON"), ("Hillary Clinton", "PERSON"), ("Trump-Clinton", "ORG"),
                                ("Clinton", "PERSON"), ("Clinton", "PERSON")])])
    assert "Trump-Clinton" not in labels(res)
    assert labels(res)["Hillary Clinton"].mentions == 3


def test_a_surname_the_model_only_typed_org_joins_its_one_person_across_the_corpus():
    res = resolve([record("a", [("Ann Veselova", "PERSON")]), record("b", [("Veselova", "ORG"), ("Veselova", "ORG")])])
    assert list(labels(res)) == ["Ann Veselova"]


def test_a_given_name_that_is_the_documents_surname_stays_a_surname():
    res = resolve([record("a", [("Paul Davis Ryan", "PERSON"), ("Paul Davis Ryan", "PERSON"), ("Ryan", "PERSON"),
                                ("Ryan Incorporated Central", "PERSON")])], )
    assert labels(res)["Paul Davis Ryan"].mentions == 3




class _CountedKey(str):
    """A name key that counts how often resolution compares, hashes or prefix-tests it."""

    calls = 0

    def _count(self):
        type(self).calls += 1

    def __lt__(self, other):
        self._count()
        return str.__lt__(self, other)

    def __eq__(self, other):
        self._count()
        return str.__eq__(self, other)

    def __hash__(self):
        self._count()
        return str.__hash__(self)

    def startswith(self, *args):
        self._count()
        return str.startswith(self, *args)


def _counted(reducer: Reducer) -> Reducer:
    """``reducer`` with every name key replaced by a :class:`_CountedKey`."""
    counted = {key: _CountedKey(key) for key in reducer._forms}
    reducer._forms = {counted[k]: v for k, v in reducer._forms.items()}
    reducer._labels = {counted[k]: v for k, v in reducer._labels.items()}
    reducer._doc_keys = [Counter({counted[k]: n for k, n in counts.items()}) for counts in reducer._doc_keys]
    return reducer


@pytest.mark.parametrize("label", ["ORG", "PERSON"])
def test_resolution_work_grows_with_the_keys_not_their_square(label):
    """Organisation prefixes and short names are looked up, not compared with every other key of the corpus."""
    work = {}
    for n in (400, 1600):
        reducer = Reducer()
        for d in range(n // 4):
            names = [f"Ab{d}x{i} Cd{d}" for i in range(2)] + [f"Ef{d}x{i}" for i in range(2)]
            reducer.add(record(f"d{d}", [(name, label) for name in names]))
        _CountedKey.calls = 0
        res = _counted(reducer).result()
        assert len(res.entities) == n
        work[n] = _CountedKey.calls
    assert work[1600] < 6 * work[400]  # 4× the keys: about 4× the work (n log n), not 16×


def test_two_romanisations_of_a_given_name_are_one_person():
    res = resolve([record("a", [("Sergey Ross", "PERSON"), ("Sergei Ross", "PERSON"), ("Sergey Ross", "PERSON"),
                                ("Dmitri Vale", "PERSON"), ("Dmitry Vale", "PERSON")]),
                   record("b", [("Mario Lopez", "PERSON"), ("Maria Lopez", "PERSON")])])
    found = labels(res)
    assert found["Sergey Ross"].mentions == 3 and found["Sergey Ross"].aliases == ("Sergei Ross",)
    assert "Sergei Ross" not in found
    assert [k for k in found if k.endswith("Vale")] == ["Dmitri Vale"]  # a tie: the first in sorted order
    assert {"Mario Lopez", "Maria Lopez"} <= set(found)  # two given names, not two spellings of one


def test_two_romanisations_of_a_surname_are_one_person_and_its_bare_surname_joins_them():
    res = resolve([record("a", [("Pavel Gorbunych", "PERSON"), ("Pavel Gorbunych", "PERSON"),
                                ("Galya Orlenko", "PERSON")]),
                   record("b", [("Pavel Gorbunich", "PERSON"), ("Gorbunich", "PERSON")]),
                   record("c", [("Galia Orlenko", "PERSON"), ("Orlenko", "PERSON")])])
    found = labels(res)
    assert found["Pavel Gorbunych"].mentions == 4
    assert set(found["Pavel Gorbunych"].aliases) == {"Pavel Gorbunich", "Gorbunich"}
    assert found["Galia Orlenko"].mentions == 3  # a tie: the first in sorted order; the bare surname joins
    assert not {"Pavel Gorbunich", "Gorbunich", "Galya Orlenko", "Orlenko"} & set(found)


def test_a_bare_surname_in_another_romanisation_joins_the_full_name():
    res = resolve([record("a", [("Ivan Ostrovych", "PERSON")] * 3),
                   record("b", [("Ostrovich", "PERSON"), ("Ostrovich", "PERSON")]),
                   record("c", [("Lena Marsh", "PERSON")]), record("d", [("Marsch", "PERSON")])])
    found = labels(res)
    assert found["Ivan Ostrovych"].mentions == 5 and found["Ivan Ostrovych"].aliases == ("Ostrovich",)
    assert "Marsch" in found  # another surname, not another romanisation


def test_names_that_differ_by_more_than_a_romanisation_stay_apart():
    res = resolve([record("a", [("Maria Ivanova", "PERSON"), ("Marina Ivanova", "PERSON"), ("Ivanova", "PERSON")]),
                   record("b", [("Pavel Gorbunych", "PERSON"), ("Pavel Gorbunich", "ORG")]),  # across types
                   record("c", [("Anna Kovach", "PERSON"), ("Anna Kovacs", "PERSON")])])
    found = labels(res)
    assert {"Maria Ivanova", "Marina Ivanova", "Ivanova", "Anna Kovach", "Anna Kovacs", "Pavel Gorbunych",
            "Pavel Gorbunich"} <= set(found)


def test_a_surname_the_model_typed_as_a_place_joins_the_full_name_beside_it():
    res = resolve([record("a", [("Oleg Vasko", "PERSON"), ("Vasko", "GPE"), ("Vasko", "GPE"), ("Ann Reyes", "PERSON"),
                                ("Reyes", "EVENT")]),
                   record("b", [("Vasko", "GPE")]),  # no full name here: no evidence, it stays apart
                   record("c", [("George Marsh", "PERSON"), ("Marsh", "GPE"), ("Marsh Post", "ORG")])])
    found = labels(res)
    assert found["Oleg Vasko"].mentions == 3 and found["Ann Reyes"].mentions == 2
    assert found["Vasko"].type == "GPE" and found["Vasko"].mentions == 1
    assert found["Marsh"].type == "GPE"  # also a word of another kind of name: a place, not the person
    assert found["George Marsh"].mentions == 1


def test_one_years_contest_is_one_event_in_a_document():
    res = resolve([record("a", [("2016 presidential election", "EVENT"), ("2016 presidential election", "EVENT"),
                                ("2016 presidential race", "EVENT"), ("2016 elections", "EVENT"),
                                ("2020 election", "EVENT")])])
    assert set(labels(res)) == {"2016 presidential election", "2020 election"}


def test_two_kinds_of_contest_in_one_year_stay_apart():
    res = resolve([record("a", [("2018 primary election", "EVENT"), ("2018 general election", "EVENT"),
                                ("2018 election", "EVENT")])])
    assert set(labels(res)) == {"2018 primary election", "2018 general election", "2018 election"}


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        ([("U.S.", "GPE"), ("U.S. Senate", "ORG"), ("Senate", "ORG")], {"Senate": "U.S. Senate"}),
        ([("U.S. Senate", "ORG"), ("Senate", "ORG")], {"Senate": "U.S. Senate"}),
        ([("United States", "GPE"), ("United States House of Representatives", "ORG"),
          ("House of Representatives", "ORG"), ("House", "ORG")],
         {"House of Representatives": "United States House of Representatives",
          "House": "United States House of Representatives"}),
    ],
)
def test_a_short_body_name_joins_its_one_longer_name_with_a_place_or_an_of(names, joined):
    res = labels(resolve([record("a", names)]))
    for short, long in joined.items():
        assert short not in res
        assert short in res[long].aliases


def test_a_body_name_after_something_that_is_no_place_stays_apart():
    res = labels(resolve([record("a", [("Ann Lee", "PERSON"), ("Ann Lee Senate", "ORG"), ("Senate", "ORG")])]))
    assert "Senate" in res


@pytest.mark.parametrize(
    ("names", "short", "long"),
    [
        ([("Ritz Carlton Hotel", "FAC"), ("Ritz Carlton", "PERSON")], "Ritz Carlton", "Ritz Carlton Hotel"),
        ([("House Oversight and Government Reform Committee", "ORG"), ("House Oversight Committee", "ORG")],
         "House Oversight Committee", "House Oversight and Government Reform Committee"),
    ],
)
def test_a_short_name_joins_its_longer_form_in_the_document(names, short, long):
    res = labels(resolve([record("a", names)]))
    assert short not in res
    assert short in res[long].aliases


@pytest.mark.parametrize(
    "names",
    [
        [("Baker Organization", "ORG"), ("Baker", "PERSON")],
        [("Ann Lee Group", "ORG"), ("Ann Lee", "PERSON")],
    ],
)
def test_a_person_never_joins_an_organisation_named_after_them(names):
    res = labels(resolve([record("a", names)]))
    assert names[1][0] in res


def test_a_given_and_middle_name_join_the_full_name_the_corpus_writes():
    res = resolve([record("a", [("Hillary Rodham Clinton", "PERSON"), ("Hillary Clinton", "PERSON")]),
                   record("b", [("Hillary Rodham", "PERSON"), ("Bill Clinton", "PERSON")])])
    assert set(labels(res)) == {"Hillary Clinton", "Bill Clinton"}
    assert labels(res)["Hillary Clinton"].mentions == 3


@pytest.mark.parametrize(
    "names",
    [
        # a middle name that is a given name: "Donald John" is nobody's name
        [("Donald John Trump", "PERSON"), ("Donald Trump", "PERSON"), ("Donald John", "PERSON")],
        # two full names start with the pair: no evidence which one it is
        [("Ann Baker Lee", "PERSON"), ("Ann Baker Smith", "PERSON"), ("Ann Baker", "PERSON")],
    ],
)
def test_a_given_and_middle_name_stay_apart_without_one_clear_full_name(names):
    res = resolve([record("a", names)])
    assert names[-1][0] in labels(res)


@pytest.mark.parametrize("kind", ["GPE", "ORG"])
def test_initials_of_a_short_form_or_a_place_are_no_alias(kind):
    # "National Committee" is the short form of the longer name: its initials are not that name's
    res = resolve([record("a", [("Democratic National Committee", "ORG"), ("National Committee", "ORG"),
                                ("N.C.", kind)])])
    assert "N.C." not in labels(res)["Democratic National Committee"].aliases
    assert "N.C." in labels(res)


def test_a_full_name_run_into_a_headline_word_takes_nothing_from_the_full_name():
    res = resolve([record("a", [("Michael Flynn Resigns", "PERSON"), ("Michael Flynn", "PERSON"),
                                ("Michael Flynn", "PERSON")])])
    assert labels(res)["Michael Flynn"].mentions == 2


def test_a_body_named_by_surname_joins_the_one_named_in_full_after_that_person():
    res = resolve([record("a", [("Ann Lee", "PERSON"), ("Ann Lee", "PERSON"), ("Ann Lee", "PERSON"), ("Lee", "PERSON"),
                                ("Ann Lee campaign", "ORG")]),
                   record("b", [("Lee campaign", "ORG"), ("Lee", "PERSON")]),
                   record("c", [("Bob Lee", "PERSON")])])
    found = labels(res)
    assert found["Ann Lee campaign"].mentions == 2
    assert "Lee campaign" not in found
    assert found["Ann Lee"].mentions == 5


def test_a_body_named_by_a_surname_the_corpus_leaves_open_stays_apart():
    res = resolve([record("a", [("Ann Lee", "PERSON"), ("Ann Lee campaign", "ORG")]),
                   record("b", [("Bob Lee", "PERSON"), ("Lee campaign", "ORG"), ("Lee", "PERSON")]),
                   record("c", [("Lee", "PERSON")])])
    assert "Lee campaign" in labels(res)


def test_a_name_the_model_always_types_org_stays_an_organisation_beside_a_surname():
    firm = record("a", [("Comissaria Lee", "ORG")] * 5)
    other = record("b", [("Lee", "PERSON"), ("Lee", "PERSON")])
    found = labels(resolve([firm, other]))
    assert found["Comissaria Lee"].type == "ORG"
    assert "Lee" in found  # a surname of another document is not the firm's


def test_a_place_written_in_initials_is_no_organisations_abbreviation():
    found = labels(resolve([record("a", [("Democratic National Committee", "ORG"), ("National Committee", "ORG"),
                                         ("N.C.", "GPE"), ("N.C.", "GPE"), ("Charlotte", "GPE")])]))
    assert found["N.C."].type == "GPE"
    assert "N.C." not in found["Democratic National Committee"].aliases


def test_an_acronym_the_model_calls_a_place_still_abbreviates_its_organisation():
    found = labels(resolve([record("a", [("Joint Special Operations Command", "ORG"), ("JSOC", "GPE"),
                                         ("JSOC", "GPE")])]))
    assert "JSOC" in found["Joint Special Operations Command"].aliases


def test_a_name_in_capitals_is_shown_in_normal_case_when_the_corpus_writes_it_so():
    speaker = [("ORVO BRENNICK", "PERSON")] * 5
    res = resolve([record("a", speaker), record("b", [("Orvo Brennick", "PERSON")]),
                   record("c", [("OKRA", "ORG")] * 3 + [("Okra", "ORG")])])
    assert set(labels(res)) == {"Orvo Brennick", "OKRA"}
    assert labels(res)["Orvo Brennick"].mentions == 6


def test_a_given_name_with_a_suffix_joins_the_one_full_suffixed_name():
    res = resolve([record("a", [("Orvo Brennick", "PERSON"), ("Orvo Brennick Jr.", "PERSON")]),
                   record("b", [("Orvo Jr.", "PERSON"), ("Orvo Jr.", "PERSON")])])
    assert set(labels(res)) == {"Orvo Brennick", "Orvo Brennick Jr."}
    assert labels(res)["Orvo Brennick Jr."].mentions == 3


def test_a_given_name_with_a_suffix_stays_apart_when_two_full_names_fit():
    res = resolve([record("a", [("Orvo Brennick Jr.", "PERSON"), ("Orvo Talmadge Jr.", "PERSON")]),
                   record("b", [("Orvo Jr.", "PERSON")])])
    assert "Orvo Jr." in labels(res)


@pytest.mark.parametrize("glued", ["U.S. Orvo Brennick", "CLOSE Orvo Brennick", "United States Orvo Brennick",
                                   "Ambassador Orvo Brennick"])
def test_a_full_name_with_words_run_in_before_it_joins_the_person_and_keeps_their_name(glued):
    # "the ambassador to the U.S. Orvo Brennick": the model's one span runs the place into the name, once
    res = resolve([record("a", [("Orvo Brennick", "PERSON"), ("Brennick", "PERSON")] * 3),
                   record("b", [(glued, "ORG"), ("Brennick", "PERSON"), ("Brennick", "PERSON")]),
                   record("c", [("United States", "GPE"), ("U.S.", "GPE")])])
    found = labels(res)
    assert found["Orvo Brennick"].type == "PERSON"
    assert found["Orvo Brennick"].mentions == 9
    assert glued in found["Orvo Brennick"].aliases


def test_a_surname_alone_joins_the_person_through_the_chain_of_their_names():
    # "Orvo I. Brennick" → "Orvo Brennick" ← "U.S. Orvo Brennick": all one person, so "Brennick" alone has one
    res = resolve([record("a", [("Orvo Brennick", "PERSON")] * 4 + [("Orvo I. Brennick", "PERSON")] * 3),
                   record("b", [("U.S. Orvo Brennick", "ORG")]),
                   record("c", [("Brennick", "PERSON"), ("Brennick", "PERSON")])])
    assert set(labels(res)) == {"Orvo Brennick"}


def test_a_given_name_after_a_word_that_is_a_place_stays_its_own_name():
    res = resolve([record("a", [("Jordan Ann Lee", "PERSON"), ("Ann Lee", "PERSON")]),
                   record("b", [("Jordan", "GPE")])])
    assert {"Jordan Ann Lee", "Ann Lee"} <= set(labels(res))


def test_a_given_name_with_a_suffix_joins_the_full_name_written_with_and_without_a_middle_initial():
    res = resolve([record("a", [("Orvo Brennick", "PERSON"), ("Orvo Brennick Jr.", "PERSON"),
                                ("Orvo K. Brennick Jr.", "PERSON")]),
                   record("b", [("Orvo Jr.", "PERSON"), ("Orvo Jr.", "PERSON")])])
    assert set(labels(res)) == {"Orvo Brennick", "Orvo Brennick Jr."}
    assert labels(res)["Orvo Brennick Jr."].mentions == 4


def test_two_names_run_together_into_one_word_are_no_one():
    # a page's link texts run together: "... Orvo BrennickHattie Lee" (one's surname, the other's full name)
    res = resolve([record("a", [("Hattie Lee", "PERSON")] * 3 + [("Orvo Brennick", "PERSON"), ("Trump", "PERSON")]),
                   record("b", [("Orvo BrennickHattie Lee", "PERSON"), ("Hattie Lee BrennickTrump", "PERSON")])])
    assert set(labels(res)) == {"Hattie Lee", "Orvo Brennick", "Trump"}


def test_a_given_name_written_in_two_capitalised_parts_stays_a_name():
    res = resolve([record("a", [("KellyAnne Brennick", "PERSON"), ("Megyn Kelly", "PERSON"), ("Anne Lee", "PERSON"),
                                ("Kelly", "PERSON")])])
    assert "KellyAnne Brennick" in labels(res)


def test_a_word_known_only_after_a_title_in_another_things_name_is_no_person():
    # "Miss Galaxy" is a pageant: the model reads "Galaxy" after the title as a person's name
    res = resolve([record("a", [("Miss Galaxy pageant", "EVENT"), ("Galaxy", "PERSON")]),
                   record("b", [("Galaxy", "PERSON"), ("Galaxy", "PERSON"), ("Brennick", "PERSON")]),
                   record("c", [("Mr. Brennick Goes to Town", "WORK_OF_ART"), ("Orvo Brennick", "PERSON")])])
    assert set(labels(res)) == {"Miss Galaxy pageant", "Mr. Brennick Goes to Town", "Orvo Brennick"}


def test_a_nickname_with_a_suffix_joins_the_one_full_suffixed_name_of_that_given_name():
    res = resolve([record("a", [("Robert Brennick", "PERSON"), ("Robert Brennick Jr.", "PERSON")]),
                   record("b", [("Bob Jr.", "PERSON"), ("Bob Jr.", "PERSON")]),
                   record("c", [("Robert Talmadge Sr.", "PERSON"), ("Bob Sr.", "PERSON")]),
                   record("d", [("Robert Vance Sr.", "PERSON")])])
    found = labels(res)
    assert found["Robert Brennick Jr."].mentions == 3
    assert "Bob Sr." in found  # "Robert Vance Sr." and "Robert Talmadge Sr." both fit: no one's

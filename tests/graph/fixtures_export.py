"""A small hand-built graph for query, table, report and export tests.

It follows the graph.json contract and carries the awkward cases on purpose:
several relations between one pair, a negated shortcut, an unknown relation
type, names with quotes, backslashes and newlines, and non-Latin names.
"""

from __future__ import annotations

import networkx as nx

from graph.schema import Citation, Edge, Entity, add_edge, add_entity

DOCS = [
    {"id": "doc-a", "title": "Manafort and Ukraine", "path": "data/a.txt", "sha256": "a" * 64},
    {"id": "doc-b", "title": "Trump and Putin", "path": "data/b.txt", "sha256": "b" * 64},
    {"id": "doc-c", "title": "Кремль и \"друзья\"", "path": "data/c.txt", "sha256": "c" * 64},
]

#: A name that breaks naive CSV, XML, Cypher and JSON writers.
TRICKY = "O'Brien's \"Bar\" \\ Grill\nLtd"

UNDIRECTED = {"co_mentioned", "met_with", "business_tie", "associate_of"}


def _node(G: nx.MultiDiGraph, node: str, label: str, type_: str, aliases=(), docs=("doc-a",), mentions=1) -> None:
    add_entity(G, Entity(node, label, type_, tuple(sorted(aliases)), mentions, tuple(sorted(docs))))


def _cite(doc: str, sentence: str, status: str = "asserted", markers=(), start: int = 0) -> Citation:
    return Citation(doc, sentence, start, start + len(sentence), tuple(markers), status)


def _edge(G: nx.MultiDiGraph, u: str, v: str, type_: str, *citations: Citation) -> None:
    directed = type_ not in UNDIRECTED
    if not directed and v < u:
        u, v = v, u
    add_edge(G, Edge(u, v, type_, directed=directed, citations=citations))


def sample_graph() -> nx.MultiDiGraph:
    """A fresh copy of the fixture graph (tests may not share one object)."""
    G = nx.MultiDiGraph()
    G.graph.update({"tangle": {"version": "0.1.0", "format": 1},
                    "model": {"name": "en_core_web_sm", "version": "3.8.0"}, "documents": DOCS})
    _node(G, "paul-manafort", "Paul Manafort", "PERSON", ["Manafort", "Paul J. Manafort"], ["doc-a", "doc-b"], 7)
    _node(G, "viktor-yanukovych", "Viktor Yanukovych", "PERSON", ["Yanukovych"], ["doc-a", "doc-b"], 3)
    _node(G, "party-of-regions", "Party of Regions", "ORG", mentions=2)
    _node(G, "donald-trump", "Donald Trump", "PERSON", ["Donald J. Trump", "Trump"], ["doc-a", "doc-b"], 9)
    _node(G, "vladimir-putin", "Vladimir Putin", "PERSON", ["Putin", "Владимир Путин"], ["doc-b", "doc-c"], 8)
    _node(G, "jared-kushner", "Jared Kushner", "PERSON", ["Kushner"], ["doc-b"], 2)
    _node(G, "sergey-kislyak", "Sergey Kislyak", "PERSON", ["Kislyak"], ["doc-b"], 2)
    _node(G, "trump-organization", "Trump Organization", "ORG", docs=["doc-b"])
    _node(G, "russia", "Russia", "GPE", ["Russian Federation"], ["doc-b", "doc-c"], 5)
    _node(G, "finland", "Finland", "GPE", docs=["doc-b"])
    _node(G, "helsinki-summit", "Helsinki summit", "EVENT", docs=["doc-b"])
    _node(G, "kgb", "KGB", "ORG", docs=["doc-c"])
    _node(G, "fbi", "FBI", "ORG", ["Federal Bureau of Investigation"])
    _node(G, "o-brien-s-bar-grill-ltd", TRICKY, "ORG", ["O'Brien\\Bar"], ["doc-a"])
    _node(G, "zhou-wei", "周伟", "PERSON", ["Zhōu Wěi"], ["doc-c"])
    _node(G, "magnitsky-act", "Magnitsky Act", "LAW", docs=["doc-c"])

    _edge(G, "paul-manafort", "viktor-yanukovych", "works_for",
          _cite("doc-a", "Manafort worked for Yanukovych for a decade.", markers=[1], start=10),
          _cite("doc-b", "Manafort advised Yanukovych, officials said.", "reported", [4], 200))
    _edge(G, "paul-manafort", "party-of-regions", "works_for",
          _cite("doc-a", "Manafort was a consultant to the Party of Regions.", start=60))
    _edge(G, "paul-manafort", "donald-trump", "works_for",
          _cite("doc-a", "Manafort chaired Trump's campaign in 2016.", markers=[2], start=120))
    _edge(G, "donald-trump", "paul-manafort", "co_mentioned", _cite("doc-a", "Trump and Manafort.", start=300))
    _edge(G, "donald-trump", "vladimir-putin", "praised",
          _cite("doc-b", "Trump praised Putin as a strong leader.", markers=[1, 5], start=5))
    _edge(G, "donald-trump", "vladimir-putin", "met_with",
          _cite("doc-b", "Trump met Putin in Helsinki.", start=50),
          _cite("doc-c", "Трамп встретился с Путиным.", start=0))
    _edge(G, "donald-trump", "russia", "business_tie",
          _cite("doc-b", "Trump denied any business ties with Russia.", "negated", start=400))
    _edge(G, "jared-kushner", "sergey-kislyak", "met_with",
          _cite("doc-b", "Kushner met Kislyak in December.", start=90))
    _edge(G, "sergey-kislyak", "vladimir-putin", "associate_of",
          _cite("doc-b", "Kislyak, a close associate of Putin, reported back.", "reported", start=130))
    _edge(G, "jared-kushner", "vladimir-putin", "met_with",
          _cite("doc-b", "Kushner never met Putin, his lawyer said.", "negated", start=170))
    _edge(G, "jared-kushner", "trump-organization", "works_for",
          _cite("doc-b", "Kushner worked at the Trump Organization."))
    _edge(G, "donald-trump", "helsinki-summit", "participated_in",
          _cite("doc-b", "Trump attended the Helsinki summit."))
    _edge(G, "vladimir-putin", "helsinki-summit", "participated_in",
          _cite("doc-b", "Putin came to the Helsinki summit."))
    _edge(G, "helsinki-summit", "finland", "located_in", _cite("doc-b", "The summit was held in Helsinki, Finland."))
    _edge(G, "vladimir-putin", "kgb", "member_of", _cite("doc-c", "Путин служил в КГБ.\nHe was a KGB officer."))
    _edge(G, "fbi", "paul-manafort", "investigated", _cite("doc-a", "The FBI investigated Manafort.", markers=[3]))
    _edge(G, "o-brien-s-bar-grill-ltd", "paul-manafort", "business_tie",
          _cite("doc-a", f"{TRICKY} paid Manafort \\ \"fees\".", "reported", start=500))
    _edge(G, "zhou-wei", "paul-manafort", "associate_of", _cite("doc-c", "周伟 was an associate of Manafort."))
    _edge(G, "o-brien-s-bar-grill-ltd", "zhou-wei", "associate_of", _cite("doc-c", "周伟 drank at O'Brien's."))
    _edge(G, "fbi", "o-brien-s-bar-grill-ltd", "sued", _cite("doc-a", "The FBI sued O'Brien's."))
    _edge(G, "magnitsky-act", "russia", "co_mentioned", _cite("doc-c", "The Magnitsky Act angered Russia."))
    return G


#: One sentence that tries to break out of every export format.
HOSTILE = "x'); MATCH (n) DETACH DELETE n; // \\' \" \\n\r\n\t\x1b[31m\u2028 end"


def hostile_graph() -> nx.MultiDiGraph:
    """The fixture with one sentence that tries to break out of every format."""
    G = sample_graph()
    G.edges["fbi", "paul-manafort", "investigated"]["citations"][0]["sentence"] = HOSTILE
    return G


#: Hostile text where a hand-edited graph.json may put it: a date and a curation decision.
HOSTILE_DATE = "=HYPERLINK(\"http://evil\")'); MATCH (n) DETACH DELETE n; //"
HOSTILE_DECISION = "=cmd|' /C calc'!A0 \"'); DROP\n</script>"


def dated_curated_graph() -> nx.MultiDiGraph:
    """The fixture with dated citations, one hostile date, document dates and an analyst's decisions."""
    G = sample_graph()
    G.graph["documents"] = [dict(d) for d in DOCS]
    G.graph["documents"][1].update(date="2018-07-20", date_source="date field")
    G.graph["documents"][2].update(date=HOSTILE_DATE, date_source="date field")
    works = G.edges["paul-manafort", "viktor-yanukovych", "works_for"]["citations"]
    works[0]["date"] = {"start": "2004-01-01", "end": "2014-12-31", "precision": "decade", "words": "for a decade"}
    works[1]["date"] = {"start": "2016-06-01", "end": "2016-06-30", "precision": "month", "words": "in June 2016"}
    met = G.edges["donald-trump", "vladimir-putin", "met_with"]["citations"]
    met[0]["date"] = {"start": "2018-07-16", "end": "2018-07-16", "precision": "day", "words": "on July 16, 2018"}
    G.edges["jared-kushner", "sergey-kislyak", "met_with"]["citations"][0]["date"] = {
        "start": HOSTILE_DATE, "end": "2016-12-31", "precision": "month", "words": HOSTILE_DATE}
    edge = G.edges["fbi", "paul-manafort", "investigated"]
    edge["curated"] = True
    edge["curation"] = [{"action": "status", "names": ["FBI", "investigated", HOSTILE_DECISION], "to": "reported"}]
    node = G.nodes["paul-manafort"]
    node["curated"] = True
    node["curation"] = [{"action": "rename", "names": [HOSTILE_DECISION], "to": "Paul Manafort"}]
    return G


#: Edge ids of the fixture that the dated and curated variant changes.
WORKS = "paul-manafort:works_for:viktor-yanukovych"
INVESTIGATED = "fbi:investigated:paul-manafort"

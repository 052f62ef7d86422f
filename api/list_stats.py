"""Counts beside each entry of the /actors and /topics pages: positions, articles, date range.

A list of names says little; how often and over which time an actor spoke (or a topic was
argued) is what a reader picks from. One grouped query for the entries on the page.
"""
from __future__ import annotations

from api.queries import PREFIXES
from kg import iris
from kg.closure import reachable
from kg.effective import effective

UNDATED_LATE = "~"  # sorts after every date: an undated position never becomes the first date (MIN skips no unbound)
AGGREGATES = ("(COUNT(DISTINCT ?p) AS ?positions) (COUNT(DISTINCT ?g) AS ?articles) (COUNT(DISTINCT ?h) AS ?actors) "
              "(MIN(?early) AS ?first) (MAX(?late) AS ?last)")


def stats_pattern(kind: str) -> str:
    """The positions counted for an entry ?item of a list: binds ?p (an effective position, in
    any graph: an article's or a review's, docs/review.md), ?g (its article, prov:wasDerivedFrom), ?h (its holder; not for actors), ?early and ?late (its date, or a marker when undated).
    A topic counts the positions of its narrower topics too, as its /positions link lists them."""
    dated = "OPTIONAL { ?p dcterms:date ?d }"
    where = {"actor": f"GRAPH ?in {{ ?p sp:holder ?item ; prov:wasDerivedFrom ?g . {dated} }}",
             # ?x ?item pairs come from topic_pairs (VALUES), not skos:broader*: Virtuoso counted
             # the property path joined with the review's MINUS wrongly (the remote API suite)
             "topic": f"GRAPH ?in {{ ?p sp:topic ?x ; sp:holder ?h ; prov:wasDerivedFrom ?g . {dated} }}",
             # by prov:wasDerivedFrom, not GRAPH ?item: the store looks the article up instead of every graph
             "article": f"GRAPH ?g {{ ?p prov:wasDerivedFrom ?item ; sp:holder ?h . {dated} }}"}[kind]
    return (f'{where} {effective("p")} '
            f'BIND(COALESCE(STR(?d), "{UNDATED_LATE}") AS ?early) BIND(COALESCE(STR(?d), "") AS ?late)')


def entry_stats(store, kind: str, members: list[dict], cache: dict | None = None) -> dict[str, dict]:
    """{IRI: {"positions", "articles", "actors", "first", "last"}} for the members of a list page,
    one grouped query for those not in `cache` (the app's cache, cleared on every write: a
    topic's counts take every position under it, a few tenths of a second on 50,000 positions)."""
    cache = {} if cache is None else cache.setdefault(("list-stats", kind), {})
    items = [m["@id"] for m in members if isinstance(m, dict) and str(m.get("@id", "")).startswith("http")]
    items = [i for i in items if not any(c in i for c in '<>" {}|\\^`') and i not in cache]
    if items:
        cache.update(_stats(store, kind, items))
        cache.update({i: None for i in items if i not in cache})  # no positions
    return {m["@id"]: cache[m["@id"]] for m in members if cache.get(m.get("@id"))}


def all_stats(store, kind: str, cache: dict) -> dict[str, dict]:
    """The counts of every entry with positions (for sorting by them), kept in `cache` with
    those of entry_stats until the next write."""
    stats = cache.setdefault(("list-stats", kind), {})
    if not cache.get(("list-stats-all", kind)):
        stats.update(_stats(store, kind, None))
        cache[("list-stats-all", kind)] = True
    return stats


def _stats(store, kind: str, items: list[str] | None) -> dict[str, dict]:
    """One grouped query for `items` (None: every entry with positions)."""
    if kind == "topic":
        pairs = topic_pairs(store, items)
        if not pairs:
            return {}
        chosen = "VALUES (?x ?item) { " + " ".join(f"(<{x}> <{a}>)" for x, a in pairs) + " }"
    else:
        chosen = "" if items is None else f'VALUES ?item {{ {" ".join(f"<{i}>" for i in items)} }}'
    rows = store.query(PREFIXES + f"""
SELECT ?item {AGGREGATES} WHERE {{ {chosen} {stats_pattern(kind)} }}
GROUP BY ?item""")
    return {str(r["item"]): {"positions": int(r["positions"]), "articles": int(r["articles"]), "actors": int(r["actors"]),
                             "first": str(r["first"]).strip(UNDATED_LATE) if "first" in r else "",
                             "last": str(r["last"]) if "last" in r else ""} for r in rows}


def topic_pairs(store, items: list[str] | None) -> list[tuple[str, str]]:
    """(topic, topic or one of its broader topics) for every topic, kept where the second is
    one of `items` (None: all): a topic counts the positions of its narrower topics. The
    skos:broader edges are read once and walked here, as kg.review.queue does, so that no
    store has to join a property path with the review's MINUS."""
    rows = store.query(PREFIXES + f"""
SELECT ?n ?b WHERE {{ GRAPH <{iris.TOPICS_GRAPH}> {{ ?n skos:broader ?b }} }}""")
    broader: dict[str, set[str]] = {}
    for r in rows:
        broader.setdefault(str(r["n"]), set()).add(str(r["b"]))
    wanted = None if items is None else set(items)
    pairs = []
    for topic in sorted(set(broader) | {b for bs in broader.values() for b in bs} | (wanted or set())):
        pairs += [(topic, a) for a in sorted(reachable(broader, topic)) if wanted is None or a in wanted]
    return pairs


def subtopics(store, topic: str) -> list[dict]:
    """The topic's direct subtopics (skos:broader) with their label in the page language
    (German when it has none) and IRI, by label; the caller makes the links."""
    from api.i18n import language

    rows = store.query(PREFIXES + f"""
SELECT ?t (SAMPLE(?own) AS ?label) (SAMPLE(?de) AS ?german) WHERE {{ GRAPH <{iris.TOPICS_GRAPH}> {{
  ?t skos:broader <{topic}> .
  OPTIONAL {{ ?t skos:prefLabel ?own FILTER(lang(?own) = "{language()}") }}
  OPTIONAL {{ ?t skos:prefLabel ?de FILTER(lang(?de) = "de") }} }} }} GROUP BY ?t""")
    found = [{"label": str(r["label"] if "label" in r else r["german"] if "german" in r else str(r["t"]).rsplit("/", 1)[-1]),
              "iri": str(r["t"])} for r in rows]
    return sorted(found, key=lambda s: s["label"])


def major_topic(store, topic: str) -> dict | None:
    """For a subtopic: its CAP major topic (the broader topic with sp:capCode) with code, label
    in the page language (German when it has none) and IRI; None for a major topic itself."""
    from api.i18n import language

    rows = store.query(PREFIXES + f"""
SELECT ?m (SAMPLE(?c) AS ?cap) (SAMPLE(?own) AS ?label) (SAMPLE(?de) AS ?german) WHERE {{ GRAPH <{iris.TOPICS_GRAPH}> {{
  <{topic}> skos:broader+ ?m . ?m sp:capCode ?c .
  OPTIONAL {{ ?m skos:prefLabel ?own FILTER(lang(?own) = "{language()}") }}
  OPTIONAL {{ ?m skos:prefLabel ?de FILTER(lang(?de) = "de") }} }} }} GROUP BY ?m""")
    for r in rows:
        label = r["label"] if "label" in r else r["german"] if "german" in r else str(r["m"]).rsplit("/", 1)[-1]
        return {"iri": str(r["m"]), "cap": str(r["cap"]), "label": str(label)}
    return None

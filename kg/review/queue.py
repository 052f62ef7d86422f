"""The review queue: every article with how far its review has got.

Articles nobody decided on are `unreviewed` straight from one SPARQL query; the others take
their status, decided and conflict counts from their review status graphs (kg.review.status,
written with every decision and re-extraction) and their reviewers from the decisions: three
queries (four with a topic) however many articles are reviewed. Only an article whose status
graph is missing (a store written before they existed: `kg load` of it, or any new decision,
writes them) is resolved on its own.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from urllib.parse import unquote

from kg import iris
from kg.closure import reachable
from kg.review.model import ARTICLE_STATUSES, ReviewError
from kg.store import Store

_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")
DATE_KEY = 'IF(BOUND(?date), IF(STRLEN(STR(?date)) = 7, CONCAT(STR(?date), "-01"), STR(?date)), "")'


@dataclass
class QueueEntry:
    id: str
    iri: str
    date: str | None
    title: str | None
    positions: int
    decided: int = 0
    conflicts: int = 0
    reviewers: list[str] = field(default_factory=list)
    status: str = "unreviewed"

    def to_json(self) -> dict:
        return asdict(self)


def _bound(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ReviewError(400, f"{name!r} is a date YYYY-MM-DD or YYYY-MM, not {value!r}")
    return value if len(value) == 10 else value + ("-01" if name == "from" else "-31")


def _topics_under(store: Store, iri: str) -> set[str]:
    """`iri` and every topic below it, walked in Python over the topics graph's skos:broader
    pairs: Virtuoso answered `skos:broader*` inside FILTER EXISTS with nothing on a server
    that had held other stores before (tests/test_remote_api.py), so no property path here."""
    from kg.review import read

    below: dict[str, set[str]] = {}
    for row in store.query(read.PREFIXES + f"SELECT ?t ?b WHERE {{ GRAPH <{iris.TOPICS_GRAPH}> {{ ?t skos:broader ?b }} }}"):
        below.setdefault(str(row["b"]), set()).add(str(row["t"]))
    return reachable(below, iri)


def _resolved(store: Store, article_id: str) -> dict:
    from kg.review.service import article_review

    review = article_review(store, article_id)
    return {"status": review.status, "conflicts": len(review.conflicts),
            "decided": sum(1 for p in review.positions if p.status != "unreviewed")}


def queue(store: Store, status: str | None = None, date_from: str | None = None, date_to: str | None = None,
          topic: str | None = None) -> list[QueueEntry]:
    """Articles newest first (undated last), with machine positions counted and review status.

    `topic` (a key or IRI) keeps articles with a position on it or anything under it
    (skos:broader*). :raise ReviewError(400): a bad date, status or topic."""
    from kg.review import read, status as review_status

    if status is not None and status not in ARTICLE_STATUSES:
        raise ReviewError(400, f"'status' is one of {', '.join(ARTICLE_STATUSES)}, not {status!r}")
    low, high = _bound("from", date_from), _bound("to", date_to)
    filters = []
    if low:
        filters.append(f'FILTER({DATE_KEY} >= "{low}")')
    if high:
        filters.append(f'FILTER({DATE_KEY} != "" && {DATE_KEY} <= "{high}")')
    if topic:
        iri = topic if topic.startswith(("http://", "https://")) else iris.topic_iri(topic)
        if read.safe_iri(iri) is None:
            raise ReviewError(400, f"'topic' is a topic key or IRI, not {topic!r}")
        under = ", ".join(f"<{t}>" for t in _topics_under(store, iri))
        filters.append(f"FILTER EXISTS {{ GRAPH ?a {{ ?tp sp:topic ?t . FILTER(?t IN ({under})) }} }}")
    rows = store.query(read.PREFIXES + f"""
SELECT ?a ?date ?title (COUNT(DISTINCT ?p) AS ?n) WHERE {{
  GRAPH ?a {{ ?a a schema:NewsArticle . OPTIONAL {{ ?a dcterms:date ?date }} OPTIONAL {{ ?a schema:headline ?title }}
             OPTIONAL {{ ?p a sp:Position }} }}
  {' '.join(filters)}
}} GROUP BY ?a ?date ?title""")
    decided = read.decided_articles(store)
    summaries = review_status.summaries(store) if decided else {}
    prefix = iris.BASE + "article/"
    entries = []
    for row in rows:
        iri = str(row["a"])
        article_id = unquote(iri[len(prefix):]) if iri.startswith(prefix) else iri
        entry = QueueEntry(id=article_id, iri=iri, date=str(row["date"]) if row.get("date") else None,
                           title=str(row["title"]) if row.get("title") else None,
                           positions=int(row["n"].toPython()))
        if iri in decided:
            entry.reviewers = sorted(decided[iri])
            summary = summaries.get(iri) or _resolved(store, article_id)
            entry.status, entry.decided, entry.conflicts = summary["status"], summary["decided"], summary["conflicts"]
        if status is None or entry.status == status:
            entries.append(entry)
    entries.sort(key=lambda e: e.id)
    entries.sort(key=lambda e: e.date or "", reverse=True)
    return entries

"""The review data model in Python: names (IRIs), decisions and positions as plain data.

Reading (kg.review.read), resolving (kg.review.view) and writing (kg.review.decide) all
speak these dataclasses, so the web view, `kg evaluate --reviewed` and `kg agreement` get
one shape whatever store they read. See docs/review.md for the graph layout.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from urllib.parse import quote

from kg import iris
from kg.errors import KGError

KINDS = ("confirm", "reject", "correct", "add")
FIELDS = ("actor", "stance", "act", "claim", "topic", "proposition", "side", "direction", "date")
ORIGINS = ("machine", "review")
# statuses of a position, and of an article in the queue
STATUSES = ("unreviewed", "confirmed", "rejected", "corrected", "added")
ARTICLE_STATUSES = ("unreviewed", "partly", "reviewed")
CONFLICTS = {
    "gone": "the extractor no longer makes a position for this sentence and actor",
    "ambiguous": "several machine positions now have this sentence and actor",
    "changed": "the machine position for this sentence and actor changed since the decision",
}


class ReviewError(KGError):
    """A refused review write; `status` is the HTTP status the API answers with."""

    def __init__(self, status: int, message: str):
        self.status = status
        super().__init__(message)


def quoted_id(article_id: str) -> str:
    return quote(article_id, safe="")


def review_graph_prefix(article_id: str) -> str:
    return f"{iris.BASE}graph/review/{quoted_id(article_id)}/"


def review_graph_iri(article_id: str, user: str) -> str:
    """`{base}graph/review/{article-id}/{user}`: one reviewer's decisions on one article."""
    return review_graph_prefix(article_id) + user


def decision_iri(decision_id: str) -> str:
    return f"{iris.BASE}decision/{decision_id}"


def review_position_iri(article_id: str, decision_id: str) -> str:
    """`{base}position/{article-id}-r-{12 hex}`: never the IRI of a machine position (whose
    suffix is the 12 hex digits alone)."""
    digest = hashlib.sha1(decision_id.encode()).hexdigest()[:12]
    return f"{iris.BASE}position/{quoted_id(article_id)}-r-{digest}"


def new_decision_id(article_id: str, user: str, time: str, key: str) -> str:
    """16 hex digits from what makes a decision unique: article, reviewer, time, target."""
    return hashlib.sha256(f"{article_id}\x1f{user}\x1f{time}\x1f{key}".encode()).hexdigest()[:16]


def now_literal(now: dt.datetime | None = None) -> str:
    """UTC time in xsd:dateTime canonical form (microseconds without trailing zeros), as a
    store keeps it: what is written is what is read back."""
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    text = now.strftime("%Y-%m-%dT%H:%M:%S")
    if now.microsecond:
        text += f".{now.microsecond:06d}".rstrip("0")
    return text + "Z"


def parse_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass
class ReviewedPosition:
    """A machine or review position with what the review made of it (docs/review.md)."""

    iri: str
    article: str
    start: int
    end: int
    sentence: str
    actor_iri: str
    actor_label: str | None
    stance: str
    act: str
    claim: str
    topic: str | None = None
    topic_label: str | None = None
    proposition: str | None = None
    proposition_label: str | None = None
    issue: str | None = None
    side: str | None = None
    direction: str | None = None
    date: str | None = None
    confidence: float | None = None
    generated_by: str | None = None
    revision_of: str | None = None
    origin: str = "machine"
    status: str = "unreviewed"
    decisions: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[int, int, str]:
        """The re-attachment key: sentence offsets and holder."""
        return self.start, self.end, self.actor_iri

    def digest(self) -> str:
        """The fields a coder judges, hashed: a decision keeps the digest of what it saw."""
        values = (self.actor_iri, self.stance, self.act, self.claim, self.topic, self.proposition,
                  self.side, self.direction, self.date)
        return hashlib.sha1("\x1f".join(v or "" for v in values).encode()).hexdigest()[:16]

    def to_json(self) -> dict:
        d = asdict(self)
        d["id"] = self.iri.rsplit("/position/", 1)[-1]
        d["actor"] = {"iri": d.pop("actor_iri"), "label": d.pop("actor_label")}
        topic, label = d.pop("topic"), d.pop("topic_label")
        d["topic"] = {"iri": topic, "label": label} if topic else None
        proposition, plabel, issue = d.pop("proposition"), d.pop("proposition_label"), d.pop("issue")
        d["proposition"] = {"iri": proposition, "label": plabel, "issue": issue} if proposition else None
        return d

    def to_position(self):
        """A kg.model.Position (for kg.evaluate); the actor's name is its label."""
        from kg.model import Position

        return Position(
            article=self.article, sentence=self.sentence, start=self.start, end=self.end,
            actor=self.actor_label or self.actor_iri.rsplit("/", 1)[-1], actor_type="",
            actor_iri=self.actor_iri, stance=self.stance, act=self.act, claim=self.claim,
            topic=self.topic, topic_label=self.topic_label, cap_major=None, date=self.date,
            article_date=None, confidence=float(self.confidence or 1.0),
            proposition=self.proposition.rsplit("/", 1)[-1] if self.proposition else None,
            proposition_label=self.proposition_label, issue=self.issue, side=self.side,
            direction=self.direction)


@dataclass
class Decision:
    """One reviewer's decision, as stored, and (after kg.review.view.resolve) where it applies now."""

    iri: str
    kind: str
    article: str
    reviewer: str
    time: str
    start: int
    end: int
    actor: str
    position: str | None = None
    digest: str | None = None
    changed: list[str] = field(default_factory=list)
    result: ReviewedPosition | None = None
    targets: list[str] = field(default_factory=list)
    conflict: str | None = None

    @property
    def id(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    @property
    def order(self) -> tuple:
        """Latest wins: by time, then by IRI (docs/review.md, tie-break)."""
        return parse_time(self.time), self.iri

    def to_json(self) -> dict:
        return {"id": self.id, "iri": self.iri, "kind": self.kind, "article": self.article,
                "reviewer": self.reviewer, "time": self.time, "position": self.position,
                "targets": list(self.targets), "sentence": {"start": self.start, "end": self.end},
                "actor": self.actor, "changed": list(self.changed),
                "result": self.result.to_json() if self.result else None, "conflict": self.conflict}


@dataclass
class ArticleReview:
    """An article's review: machine positions with their status, decisions, the effective view."""

    article: dict
    positions: list[ReviewedPosition]
    decisions: list[Decision]
    effective: list[ReviewedPosition]
    status: str

    @property
    def conflicts(self) -> list[Decision]:
        return [d for d in self.decisions if d.conflict]

    @property
    def reviewers(self) -> list[str]:
        return sorted({d.reviewer for d in self.decisions})

    def to_json(self) -> dict:
        return {"article": self.article, "status": self.status, "reviewers": self.reviewers,
                "positions": [p.to_json() for p in self.positions],
                "decisions": [d.to_json() for d in self.decisions],
                "effective": [p.to_json() for p in self.effective],
                "conflicts": [{"decision": d.id, "reason": d.conflict, "message": CONFLICTS[d.conflict]}
                              for d in self.conflicts]}

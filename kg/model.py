"""Plain data passed between pipeline stages.

Reading produces `Article`s, extraction turns them into `Position`s, and the RDF
stage maps positions to triples. Keeping these as dataclasses (no spaCy, no
rdflib) lets each stage be tested, and replaced, without the others.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

STANCES = ("support", "oppose")
DIRECTIONS = ("for", "against")
ACTS = ("demand", "proposal", "rejection", "support", "commitment", "assertion")
ACTOR_TYPES = ("person", "organization")


@dataclass(frozen=True)
class Article:
    """One news article.

    `text` is the article body without the ` date ...` header; every character
    offset in the project (sentences, evidence) points into this string.
    `date` is ``YYYY-MM-DD`` or ``YYYY-MM`` (month precision) or None.
    """

    id: str
    date: str | None
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None  # where it was read from, for error messages


@dataclass
class Position:
    """One actor taking a side in one sentence (see eval/ANNOTATION.md)."""

    article: str
    sentence: str
    start: int  # offset of `sentence` in Article.text
    end: int
    actor: str  # canonical name, e.g. "Wladimir Putin", "Russland", "SPD"
    actor_type: str  # "person" | "organization"
    actor_iri: str
    stance: str  # "support" | "oppose"
    act: str  # one of ACTS
    claim: str
    topic: str | None  # IRI of a skos:Concept in ontology/topics.ttl
    topic_label: str | None
    cap_major: int | None
    date: str | None  # YYYY-MM-DD | YYYY-MM | None (unspecified past)
    article_date: str | None
    confidence: float
    aliases: list[str] = field(default_factory=list)  # surface forms seen
    actor_kind: str | None = None  # person|party|government|state|institution|organisation
    # the proposition (kg.nlp.propositions): shared across articles, the issue named positively
    proposition: str | None = None  # key: a codebook issue's key, or "free-" + the claim's head words
    proposition_label: str | None = None
    issue: str | None = None  # IRI of the codebook's skos:Concept; None for a free proposition
    side: str | None = None  # "support" | "oppose" toward the proposition
    direction: str | None = None  # "for" | "against": the claim's direction word toward the issue
    party: str | None = None  # a person's party on the statement date (canonical actor name)
    claim_points_back: bool = False  # the claim was taken over from the statement before (`lehnt dies ab`)

    def to_json(self) -> dict:
        """The system output line of ANNOTATION.md (`kg extract --format jsonl`)."""
        d = asdict(self)
        for private in ("start", "end", "aliases", "actor_kind", "party", "claim_points_back"):
            d.pop(private)
        d["confidence"] = round(float(self.confidence), 3)
        return d

"""Hand-made articles and positions for the RDF-stage tests (no extraction involved)."""
from __future__ import annotations

from kg import iris
from kg.model import Article, Position

TEXT = (
    "Kremlchef Wladimir Putin fordert den Rückzug der Ukraine aus dem Donbass. "
    "Die Bundesregierung lehnt das ab, sagte Regierungssprecher Steffen Hebestreit. "
    "Die SPD will die Schuldenbremse auch 2024 aussetzen."
)


def sentence_span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def position(article: Article, sentence: str, actor: str, actor_type: str, **fields) -> Position:
    """A Position whose offsets really point at `sentence` in `article.text`."""
    start, end = sentence_span(article.text, sentence)
    values = dict(
        article=article.id, sentence=sentence, start=start, end=end, actor=actor,
        actor_type=actor_type, actor_iri=iris.actor_iri(actor), stance="support", act="demand",
        claim="Rückzug der Ukraine aus dem Donbass", topic=iris.topic_iri("internationale-beziehungen"),
        topic_label="Internationale Beziehungen", cap_major=19, date=article.date,
        article_date=article.date, confidence=0.8, proposition="free-rueckzug-donbass",
        proposition_label="Rückzug der Ukraine aus dem Donbass", side="support", direction="for",
    )
    values.update(fields)
    return Position(**values)


def sample(date: str | None = "2025-11-28", article_id: str = "t01") -> tuple[Article, list[Position]]:
    """One article with three positions: a person, a government, a party."""
    article = Article(id=article_id, date=date, text=TEXT, title="Putin bleibt hart",
                      url="https://example.org/news/putin?id=1")
    first, second, third = [s if s.endswith(".") else s + "." for s in TEXT.split(". ")]
    positions = [
        position(article, first, "Wladimir Putin", "person", aliases=["Putin", "Kremlchef"],
                 actor_kind="person"),
        position(article, second, "Deutschland", "organization", stance="oppose", act="rejection",
                 aliases=["Bundesregierung"], actor_kind="government", confidence=0.65, side="oppose"),
        position(article, third, "SPD", "organization", act="proposal",
                 claim="Aussetzen der Schuldenbremse 2024", topic=iris.topic_iri("haushalt"),
                 topic_label="Haushalt", cap_major=1, date="2023-12", confidence=1.0,
                 actor_kind="party", proposition="schuldenbremse", proposition_label="Schuldenbremse",
                 issue=iris.issue_iri("schuldenbremse"), side="oppose", direction="against"),
    ]
    return article, positions

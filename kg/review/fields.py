"""A coder's field values (the `fields` of a decision) checked and turned into store terms.

Every value is checked before anything is written, and a bad one is a 400 naming the field:
an unknown side must not become an `unknown-side` IRI in a review graph (the extractor's
path lets kg.validate catch such values; a coder deserves the message before that).
Terms that must exist (actors, topics, issues) are looked up in the store.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg import iris
from kg.model import ACTOR_TYPES, ACTS, DIRECTIONS, STANCES
from kg.review.model import FIELDS, ReviewError, ReviewedPosition
from kg.review.read import PREFIXES, safe_iri
from kg.store import Store

ACTOR_KINDS = ("person", "party", "government", "state", "institution", "organisation")
MAX_CLAIM = 1000
INPUT_FIELDS = FIELDS + ("issue", "proposition_label")


@dataclass
class NewActor:
    """An actor the store does not hold yet, for the actors graph."""

    iri: str
    name: str
    type: str
    kind: str | None


def bad(message: str) -> ReviewError:
    return ReviewError(400, message)


def _choice(name: str, value, choices, nullable: bool = False):
    if value is None and nullable:
        return None
    if value not in choices:
        raise bad(f"field {name!r} is one of {', '.join(choices)}{' or null' if nullable else ''}, not {value!r}")
    return value


def _date(value):
    from kg.articles import parse_date
    from kg.errors import ArticleError

    if value is None:
        return None
    if not isinstance(value, str):
        raise bad(f"field 'date' is YYYY-MM-DD, YYYY-MM or null, not {value!r}")
    try:
        return parse_date(value, "date")
    except ArticleError as e:
        raise bad(f"field 'date': {e.fault}") from None


def _exists(store: Store, graph: str, iri: str, cls: str) -> bool:
    return bool(store.query(PREFIXES + f"ASK {{ GRAPH <{graph}> {{ <{iri}> a {cls} }} }}"))


def _iri(name: str, value, kind: str) -> str:
    """A key, an API id or a full IRI of `kind` -> the IRI (checked for characters only)."""
    if not isinstance(value, str) or not value.strip():
        raise bad(f"field {name!r} is a {kind} id or IRI, not {value!r}")
    value = value.strip()
    if value.startswith(("http://", "https://")):
        iri = value
    elif kind in ("topic", "issue", "proposition"):
        iri = getattr(iris, f"{kind}_iri")(value)
    else:
        from urllib.parse import quote

        iri = f"{iris.namespace(kind)}{kind}/{quote(value, safe='')}"
    if safe_iri(iri) is None:
        raise bad(f"field {name!r}: {value!r} is not an IRI")
    return iri


def actor(store: Store, value) -> tuple[str, str | None, NewActor | None]:
    """(actor IRI, label, new actor or None) from an actor id or IRI, or {"name", "type", "kind"?}."""
    if isinstance(value, dict):
        unknown = set(value) - {"name", "type", "kind"}
        name = value.get("name")
        if unknown:
            raise bad(f"field 'actor' takes name, type and kind, not {', '.join(sorted(unknown))}")
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise bad("field 'actor' needs a 'name' (1-200 characters)")
        iri = iris.actor_iri(name.strip())
        if _exists(store, iris.ACTORS_GRAPH, iri, "sp:Actor"):
            return iri, _label(store, iri), None
        kind = _choice("actor.kind", value.get("kind"), ACTOR_KINDS, nullable=True)
        kind_type = None if kind is None else ("person" if kind == "person" else "organization")
        actor_type = _choice("actor.type", value.get("type", kind_type), ACTOR_TYPES)
        if kind_type and kind_type != actor_type:
            raise bad(f"field 'actor': kind {kind!r} does not fit type {actor_type!r}")
        return iri, name.strip(), NewActor(iri, name.strip(), actor_type, kind)
    iri = _iri("actor", value, "actor")
    if not _exists(store, iris.ACTORS_GRAPH, iri, "sp:Actor"):
        raise bad(f"field 'actor': no actor {value!r} in the store; give {{\"name\", \"type\"}} for a new one")
    return iri, _label(store, iri), None


def _label(store: Store, iri: str) -> str | None:
    rows = store.query(PREFIXES + f"SELECT ?l WHERE {{ GRAPH <{iris.ACTORS_GRAPH}> {{ <{iri}> rdfs:label ?l }} }}")
    return str(rows[0]["l"]) if rows else None


def _concept_label(store: Store, graph: str, iri: str) -> str | None:
    rows = store.query(PREFIXES + f"""SELECT ?l WHERE {{ GRAPH <{graph}> {{ <{iri}> a skos:Concept ;
        skos:prefLabel ?l FILTER(lang(?l) = "de") }} }}""")
    return str(rows[0]["l"]) if rows else None


def _proposition_label(store: Store, iri: str) -> str | None:
    rows = store.query(PREFIXES + f"SELECT ?l WHERE {{ GRAPH ?g {{ <{iri}> a sp:Proposition ; rdfs:label ?l }} }} LIMIT 1")
    return str(rows[0]["l"]) if rows else None


def apply(store: Store, position: ReviewedPosition, fields) -> tuple[ReviewedPosition, list[str], NewActor | None]:
    """`position` with `fields` applied: (the new position, the fields that changed, a new actor).

    :raise ReviewError(400): an unknown field, a bad value, a side without a proposition."""
    if not isinstance(fields, dict):
        raise bad("'fields' is a JSON object")
    unknown = set(fields) - set(INPUT_FIELDS)
    if unknown:
        raise bad(f"unknown field {sorted(unknown)[0]!r}; fields are {', '.join(INPUT_FIELDS)}")
    new, created = ReviewedPosition(**{**position.__dict__, "decisions": []}), None
    if "actor" in fields:
        new.actor_iri, new.actor_label, created = actor(store, fields["actor"])
    for name, choices in (("stance", STANCES), ("act", ACTS)):
        if name in fields:
            setattr(new, name, _choice(name, fields[name], choices))
    for name, choices in (("side", STANCES), ("direction", DIRECTIONS)):
        if name in fields:
            setattr(new, name, _choice(name, fields[name], choices, nullable=True))
    if "claim" in fields:
        claim = fields["claim"]
        if not isinstance(claim, str) or not claim.strip() or len(claim) > MAX_CLAIM:
            raise bad(f"field 'claim' is a text of 1-{MAX_CLAIM} characters")
        new.claim = claim.strip()
    if "date" in fields:
        new.date = _date(fields["date"])
    if "topic" in fields:
        _topic(store, new, fields["topic"])
    _proposition(store, position, new, fields)
    if not new.stance and new.side:
        new.stance = new.side  # an added position given only its side
    if new.proposition and new.side is None and new.stance and "side" not in fields:
        new.side = new.stance  # a proposition without a side: the stance, unless one was given
    if new.proposition and new.side is None:
        raise bad("a position with a proposition needs its 'side' (support or oppose)")
    if new.proposition is None and (new.side or new.direction):
        raise bad("a 'side' or 'direction' needs a 'proposition' (or an 'issue')")
    return new, [f for f in FIELDS if getattr(new, _attr(f)) != getattr(position, _attr(f))], created


def _attr(field: str) -> str:
    return "actor_iri" if field == "actor" else field


def _topic(store: Store, new: ReviewedPosition, value) -> None:
    if value is None:
        new.topic = new.topic_label = None
        return
    iri = _iri("topic", value, "topic")
    label = _concept_label(store, iris.TOPICS_GRAPH, iri)
    if label is None:
        raise bad(f"field 'topic': no topic {value!r} in the store")
    new.topic, new.topic_label = iri, label


def _proposition(store: Store, old: ReviewedPosition, new: ReviewedPosition, fields: dict) -> None:
    """`issue` names a codebook issue (and so its proposition); `proposition` a key or IRI,
    new ones labelled by `proposition_label` or the claim. A changed proposition drops the
    machine's direction unless one is given."""
    if "issue" in fields and "proposition" in fields:
        raise bad("give 'issue' or 'proposition', not both")
    if "issue" in fields:
        iri = _iri("issue", fields["issue"], "issue")
        label = _concept_label(store, iris.ISSUES_GRAPH, iri)
        if label is None:
            raise bad(f"field 'issue': no issue {fields['issue']!r} in the codebook")
        new.proposition, new.proposition_label, new.issue = iris.proposition_iri(iri.rsplit("/", 1)[-1]), label, iri
    elif "proposition" in fields:
        if fields["proposition"] is None:
            new.proposition = new.proposition_label = new.issue = None
        else:
            iri = _iri("proposition", fields["proposition"], "proposition")
            if not iri.startswith(iris.VOCABULARY + "proposition/") or "/" in iri[len(iris.VOCABULARY + "proposition/"):]:
                raise bad(f"field 'proposition': {fields['proposition']!r} is not a proposition key or IRI")
            label = fields.get("proposition_label")
            if label is not None and (not isinstance(label, str) or not label.strip() or len(label) > MAX_CLAIM):
                raise bad(f"field 'proposition_label' is a text of 1-{MAX_CLAIM} characters")
            stored = _proposition_label(store, iri)
            new.proposition, new.proposition_label = iri, stored or (label or new.claim).strip()
            new.issue = _issue_of(store, iri) if stored else None
    elif "proposition_label" in fields:
        raise bad("'proposition_label' goes with 'proposition'")
    if new.proposition != old.proposition and "direction" not in fields:
        new.direction = None


def _issue_of(store: Store, proposition: str) -> str | None:
    rows = store.query(PREFIXES + f"SELECT ?i WHERE {{ GRAPH ?g {{ <{proposition}> sp:issue ?i }} }} LIMIT 1")
    return str(rows[0]["i"]) if rows else None

"""Persons counted as their party or their government on the statement date, as DNA users
aggregate by hand (`kg network --aggregate party|government`).

Party: the party the gazetteer (kg/nlp/data/actors) gives the person on the day — its dated
spells (`parties`: a person who changed party counts for the old party before the change and
for the new one after), else its `party` — and for a person the gazetteer does not know, the
party the store records (schema:memberOf, which has no dates; the first IRI if several).
Government: the state or Land whose government office (kg/nlp/data/government_roles.tsv) the
person held on the day by the gazetteer's roles. An undated statement counts for the gazetteer's
`party` and for no government. Organisations, and persons without a party or an office on the
day, stay themselves.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg import iris


@dataclass(frozen=True)
class _Person:
    party: str | None
    parties: tuple[tuple[str, str | None, str | None], ...]  # (party, from, to)
    offices: tuple[tuple[str, str | None, str | None], ...]  # (state or Land, from, to)


class Membership:
    """Maps (actor IRI, statement day) to the node the actor counts as."""

    def __init__(self, mode: str, stored_parties: dict[str, str]):
        self.mode, self.stored = mode, stored_parties
        self.persons, self.names = _gazetteer()

    def node(self, actor: str, day: str) -> str:
        person = self.persons.get(actor)
        if self.mode == "government":
            office = _on(person.offices, day) if person and day else None
            return iris.actor_iri(office) if office else actor
        party = None
        if person:
            party = (_on(person.parties, day) if day else None) or person.party
        return iris.actor_iri(party) if party else self.stored.get(actor, actor)

    def describe(self, iri: str) -> dict:
        """label and kind of a party or government node the store does not describe."""
        name, kind = self.names.get(iri, (iri.rsplit("/", 1)[-1], ""))
        return {"label": name, "kind": kind, "party": name if kind == "party" else "", "partyIri": ""}


def _on(spells, day: str) -> str | None:
    from kg.nlp.gazetteer import _in_office

    return next((name for name, start, end in spells if _in_office(day, start, end)), None)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, _Person], dict[str, tuple[str, str]]]:
    """Persons by actor IRI with their party spells and government offices; names and kinds
    of every gazetteer actor by IRI. Read once per process."""
    from kg.nlp.resources import actor_records

    records = actor_records()
    kinds = {r["name"]: r.get("kind", "organisation") for r in records}
    persons = {}
    for r in records:
        if r.get("type") != "person":
            continue
        spells = tuple((s["party"], s.get("from"), s.get("to")) for s in r.get("parties") or ())
        offices = tuple((role["of"], role.get("from"), role.get("to")) for role in r.get("roles") or ()
                        if role.get("of") and is_government_role(role["role"], kinds.get(role["of"], "")))
        persons[iris.actor_iri(r["name"])] = _Person(r.get("party"), spells, offices)
    return persons, {iris.actor_iri(name): (name, kind) for name, kind in kinds.items()}


def is_government_role(role: str, of_kind: str) -> bool:
    """Is `role` (of an actor of kind `of_kind`) an office of a government? By the longest
    ending of its last word in government_roles.tsv (`Bundespräsident` no, `US-Präsident` yes)."""
    from kg.nlp.resources import government_roles

    table = government_roles()
    word = role.lower().replace("-", " ").split()[-1] if role.strip() else ""
    for form in (word, word[:-2] if word.endswith("in") else None):
        if not form:
            continue
        endings = [e for e in table if form.endswith(e)]
        if endings:
            yes, kinds = table[max(endings, key=len)]
            return yes and of_kind in kinds
    return False

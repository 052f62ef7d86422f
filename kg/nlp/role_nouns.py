"""Role nouns: `Ministerin`, `CDU-Politiker`, `Regierungssprecher` -- known by their head
(data/role_heads.tsv, and the role nouns the gazetteer's offices use)."""
from __future__ import annotations

from functools import lru_cache

from kg.caches import memo
from kg.nlp import resources
from kg.nlp.gazetteer import Gazetteer


@memo("mentions.role_gender")
def role_gender(word: str) -> str | None:
    """The role noun's gender if it is a role noun (by its head), else None."""
    prefix, _, head = word.lower().rpartition("-")
    if prefix and head in resources.prefixed_role_heads():
        return resources.prefixed_role_heads()[head]
    generic = resources.generic_roles()
    for cand in (head, head[:-1] if head.endswith("n") else head):
        if cand in generic:
            return generic[cand]
        found = resources.first_ending(cand, _head_ranks(), 4)  # the whole word, or a head of four letters
        if found is not None:
            return resources.role_heads()[found]
    return None


@lru_cache(maxsize=1)
def _head_ranks() -> dict[str, int]:
    return resources.ranked(resources.role_heads())


def is_role(word: str, gaz: Gazetteer) -> bool:
    """A role noun by its head, or one of the gazetteer's offices (`Kremlchef`)."""
    return role_gender(word) is not None or gaz.is_role(word)

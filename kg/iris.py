"""Deterministic IRIs: the same input always mints the same names.

Re-ingesting an article must replace, never duplicate, so every IRI is a pure
function of the data it names.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

BASE = "https://w3id.org/standpunkt/"
ONTOLOGY = BASE + "ontology#"
ACTORS_GRAPH = BASE + "graph/actors"
TOPICS_GRAPH = BASE + "graph/topics"
ONTOLOGY_GRAPH = BASE + "graph/ontology"
ISSUES_GRAPH = BASE + "graph/issues"


# German spelling without umlauts: `Hendrik Wüst` is `hendrik-wuest`, never `hendrik-wust`
GERMAN_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"})


def slug(text: str) -> str:
    """ASCII slug: 'Wolodymyr Selenskyj' -> 'wolodymyr-selenskyj', 'CDU/CSU' -> 'cdu-csu',
    'Hendrik Wüst' -> 'hendrik-wuest' (umlauts as German writes them without; other
    accents dropped: 'Emmanuel Macron', 'Nicușor Dan' -> 'nicusor-dan')."""
    return _ascii_slug(unicodedata.normalize("NFC", text).translate(GERMAN_ASCII))


def legacy_slug(text: str) -> str:
    """The slug actor IRIs had before umlauts were spelled out ('hendrik-wust'), for redirects."""
    return _ascii_slug(text.replace("ß", "ss"))


def _ascii_slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "x"


def article_iri(article_id: str) -> str:
    return BASE + "article/" + quote(article_id, safe="")


def actor_iri(name: str) -> str:
    return BASE + "actor/" + slug(name)


def topic_iri(key: str) -> str:
    return BASE + "topic/" + slug(key)


def proposition_iri(key: str) -> str:
    """The one node of a proposition in every article: its key is the codebook issue's key,
    or "free-" and the claim's head words (kg.nlp.propositions)."""
    return BASE + "proposition/" + slug(key)


def issue_iri(key: str) -> str:
    return BASE + "issue/" + slug(key)


def position_iri(article_id: str, start: int, actor: str, claim: str) -> str:
    digest = hashlib.sha1(f"{start}\x1f{actor}\x1f{claim}".encode()).hexdigest()[:12]
    return f"{BASE}position/{quote(article_id, safe='')}-{digest}"


def evidence_iri(position: str) -> str:
    return position + "-evidence"


def local_id(iri: str, kind: str) -> str:
    """The `{id}` of an API path for an IRI minted above (kind: article|actor|topic|position|proposition)."""
    prefix = f"{BASE}{kind}/"
    if not iri.startswith(prefix):
        raise ValueError(f"{iri} is not a Standpunkt {kind} IRI")
    return iri[len(prefix):]

"""Deterministic IRIs: the same input always mints the same names.

Re-ingesting an article must replace, never duplicate, so every IRI is a pure
function of the data it names.

Two namespaces. The vocabulary (the ontology, its shapes, the API terms, the topics and
issues of ontology/*.ttl, and the propositions, which are shared across stores and
articles) is always named under https://w3id.org/standpunkt/. The data (actors,
articles, positions, evidence, graph names) is named under the *base*:
the same w3id namespace by default, or a deployment's own URL (`--base-iri`, or
$KG_BASE_IRI, so that worker processes inherit it), whose server then answers every IRI
it mints. `BASE` and the graph names are read through `__getattr__`, so they follow
`set_base()`.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from urllib.parse import quote

from kg.caches import memo

VOCABULARY = "https://w3id.org/standpunkt/"
ONTOLOGY = VOCABULARY + "ontology#"
VOCABULARY_KINDS = frozenset({"topic", "issue", "proposition", "ontology", "shapes", "api"})
BASE_ENV = "KG_BASE_IRI"
_GRAPHS = {"ACTORS_GRAPH": "graph/actors", "TOPICS_GRAPH": "graph/topics",
           "ONTOLOGY_GRAPH": "graph/ontology", "ISSUES_GRAPH": "graph/issues"}


def checked_base(url: str) -> str:
    """An absolute http(s) IRI ending in "/". :raise ValueError: anything else."""
    if not re.fullmatch(r"https?://[^\s<>\"{}|^`\\?#]+/", url or ""):
        raise ValueError(f"a base IRI is an http(s) URL ending in '/', such as https://kg.example.org/, not {url!r}")
    return url


_base = checked_base(os.environ.get(BASE_ENV) or VOCABULARY)


def set_base(url: str) -> None:
    """Mint data IRIs under `url` from now on, in this process and the ones it starts."""
    global _base
    _base = checked_base(url)
    os.environ[BASE_ENV] = _base


def __getattr__(name: str) -> str:
    if name == "BASE":
        return _base
    if name in _GRAPHS:
        return _base + _GRAPHS[name]
    raise AttributeError(f"module 'kg.iris' has no attribute {name!r}")


def namespace(kind: str) -> str:
    """The namespace of IRIs of a kind: `{namespace}{kind}/{id}` (or `{namespace}ontology`)."""
    return VOCABULARY if kind in VOCABULARY_KINDS else _base


# German spelling without umlauts: `Hendrik Wüst` is `hendrik-wuest`, never `hendrik-wust`
GERMAN_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"})


@memo("iris.slug")
def slug(text: str) -> str:
    """ASCII slug: 'Wolodymyr Selenskyj' -> 'wolodymyr-selenskyj', 'CDU/CSU' -> 'cdu-csu',
    'Hendrik Wüst' -> 'hendrik-wuest' (umlauts as German writes them without; other
    accents dropped: 'Emmanuel Macron', 'Nicușor Dan' -> 'nicusor-dan'). Memoised: every
    position asks for its actor's, and an article names the same actors again and again."""
    return _ascii_slug(unicodedata.normalize("NFC", text).translate(GERMAN_ASCII))


def legacy_slug(text: str) -> str:
    """The slug actor IRIs had before umlauts were spelled out ('hendrik-wust'), for redirects."""
    return _ascii_slug(text.replace("ß", "ss"))


_NON_SLUG = re.compile(r"[^a-z0-9]+")


def _ascii_slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _NON_SLUG.sub("-", t).strip("-") or "x"


def article_iri(article_id: str) -> str:
    return _base + "article/" + quote(article_id, safe="")


def actor_iri(name: str) -> str:
    return _base + "actor/" + slug(name)


def topic_iri(key: str) -> str:
    return VOCABULARY + "topic/" + slug(key)


def proposition_iri(key: str) -> str:
    """The one node of a proposition in every article: its key is the codebook issue's key,
    or "free-" and the claim's head words (kg.nlp.propositions)."""
    return VOCABULARY + "proposition/" + slug(key)


def issue_iri(key: str) -> str:
    return VOCABULARY + "issue/" + slug(key)


def position_iri(article_id: str, start: int, actor: str, claim: str) -> str:
    digest = hashlib.sha1(f"{start}\x1f{actor}\x1f{claim}".encode()).hexdigest()[:12]
    return f"{_base}position/{quote(article_id, safe='')}-{digest}"


def evidence_iri(position: str) -> str:
    return position + "-evidence"


def local_id(iri: str, kind: str) -> str:
    """The `{id}` of an API path for an IRI minted above (kind: article|actor|topic|position|proposition)."""
    prefix = f"{namespace(kind)}{kind}/"
    if not iri.startswith(prefix):
        raise ValueError(f"{iri} is not a Standpunkt {kind} IRI")
    return iri[len(prefix):]

"""The ontology's own names for its terms, in the page's language: one source for labels.

sp:Oppose is "dagegen" on a German page and "oppose" on an English one because
ontology/standpunkt.ttl says so (rdfs:label, skos:prefLabel with @de/@en). The pages'
tables and cards, the charts and the query page's result table all read the names of
stances, sides and acts here instead of keeping their own words for the same terms.
"""
from __future__ import annotations

from functools import lru_cache

from api.i18n import language

STANCE_KEYS = ("Support", "Oppose")


@lru_cache(maxsize=2)
def term_labels(lang: str) -> dict[str, str]:
    """{IRI: label} of every term of ontology/standpunkt.ttl, in `lang` (German where it lacks one)."""
    from rdflib.namespace import RDFS, SKOS

    from kg import ontology

    vocabulary = ontology.vocabulary_graph()
    labels: dict[str, str] = {}
    for prop in (RDFS.label, SKOS.prefLabel):
        pairs = [(str(term), label) for term, label in vocabulary.subject_objects(prop) if hasattr(label, "language")]
        labels.update({term: str(label) for term, label in pairs if label.language == "de"})
        labels.update({term: str(label) for term, label in pairs if label.language == lang})
    return labels


def _term_iri(value) -> str:
    """A term as the store, the JSON-LD answers or a template name it ("sp:Oppose",
    "Oppose", "oppose", {"@id": ...}, a full IRI) -> its IRI in sp:."""
    from kg import iris

    if isinstance(value, dict):
        value = value.get("@id", "")
    text = str(value or "")
    if text.startswith(iris.ONTOLOGY):
        return text
    local = text.rsplit(":", 1)[-1]
    return iris.ONTOLOGY + local[:1].upper() + local[1:]


def label_of(value, lang: str | None = None) -> str:
    """The ontology's label of a term (stance, side, act, direction) in the page's language."""
    iri = _term_iri(value)
    return term_labels(lang or language()).get(iri, iri.rsplit("#", 1)[-1])


def stance_key(value) -> str:
    """"support" or "oppose" (a CSS class and a sort key) for a stance or side in any spelling."""
    return "support" if _term_iri(value).endswith("#Support") else "oppose"


def stance_label(value) -> str:
    """sp:Support/sp:Oppose (any spelling, or "support"/"oppose") by its ontology label."""
    return label_of("Support" if stance_key(value) == "support" else "Oppose")


def act_names() -> dict[str, str]:
    """Compact act names ('DemandAct') -> their ontology label, in the page's language."""
    from kg import iris

    return {iri[len(iris.ONTOLOGY):]: label for iri, label in term_labels(language()).items()
            if iri.startswith(iris.ONTOLOGY) and iri.endswith("Act")}


def register(app) -> None:
    for function in (stance_label, stance_key, act_names, label_of):
        app.add_template_global(function, function.__name__)

"""kg.formats: the one registry of RDF and result formats, and the tables derived from it."""
import pytest

from kg import formats


def test_formats_names_aliases_and_media_types_resolve():
    assert formats.get("ttl").name == "turtle"
    assert formats.get("application/ld+json").name == "jsonld"
    assert formats.get("xml").name == "rdfxml"
    assert formats.get("xml", kind="results").media_type == "application/sparql-results+xml"
    with pytest.raises(KeyError):
        formats.get("docx")


def test_formats_register_refuses_a_taken_name():
    with pytest.raises(ValueError, match="already registered"):
        formats.register(formats.Format("turtle2", "text/turtle", "ttl", "rdf"))


def test_formats_every_derived_table_agrees_with_the_registry():
    from api import negotiate
    from kg.commands.extract import FORMATS as EXTRACT
    from kg.commands.query import MEDIA
    from kg.store import DATASET_FORMATS, RDF_FORMATS

    dumpable = [f.name for f in formats.all_formats("rdf") if f.dump]
    assert list(RDF_FORMATS) == dumpable
    assert set(DATASET_FORMATS) == {n for n in dumpable if formats.get(n).quads}
    assert set(negotiate.media_types("dataset")) == {formats.get(n).media_type for n in dumpable}
    assert negotiate.media_types("graph")[0] == "text/turtle"
    assert set(EXTRACT) == {"jsonl", *formats.names("rdf")}
    assert set(MEDIA) == set(formats.names("results"))
    for f in formats.all_formats():
        assert f.oxigraph is not None and f.extension

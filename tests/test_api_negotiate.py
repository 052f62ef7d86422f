"""Format choice: ?format= first, then Accept, a default without Accept, 406 otherwise."""
import pytest
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from api.errors import NotAcceptable
from api.negotiate import choose


def accept(header: str | None) -> MIMEAccept:
    return parse_accept_header(header, MIMEAccept) if header is not None else MIMEAccept()


@pytest.mark.parametrize("kind, header, fmt, expected", [
    ("solutions", None, None, "application/sparql-results+json"),
    ("solutions", "", None, "application/sparql-results+json"),
    ("solutions", "*/*", None, "application/sparql-results+json"),
    ("solutions", "text/csv", None, "text/csv"),
    ("solutions", "application/json", None, "application/sparql-results+json"),
    ("solutions", "text/csv;q=0.5, text/tab-separated-values", None, "text/tab-separated-values"),
    ("solutions", "application/sparql-results+xml, */*;q=0.1", None, "application/sparql-results+xml"),
    ("solutions", "text/csv", "json", "application/sparql-results+json"),
    ("solutions", None, ["tsv", "text/tab-separated-values"], "text/tab-separated-values"),
    ("graph", None, None, "text/turtle"),
    ("graph", "application/turtle,text/turtle", None, "text/turtle"),
    ("graph", "application/ld+json,application/x-json+ld", None, "application/ld+json"),
    ("graph", "text/plain", None, "application/n-triples"),
    ("graph", None, "json", "application/ld+json"),
    ("graph", None, "xml", "application/rdf+xml"),
    ("resource", None, None, "application/ld+json"),
    ("resource", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", None, "text/html"),
    ("resource", "application/json", None, "application/ld+json"),
    ("resource", "text/html", "turtle", "text/turtle"),
    ("boolean", "application/sparql-results+xml", None, "application/sparql-results+xml"),
])
def test_negotiate_choose(kind, header, fmt, expected):
    assert choose(kind, accept(header), fmt) == expected


@pytest.mark.parametrize("kind, header, fmt", [
    ("solutions", "image/png", None), ("graph", "text/csv", None), ("boolean", "text/csv", None),
    ("solutions", None, "turtle"), ("resource", "application/pdf", None),
])
def test_negotiate_not_acceptable_lists_choices(kind, header, fmt):
    with pytest.raises(NotAcceptable) as raised:
        choose(kind, accept(header), fmt)
    assert raised.value.status == 406 and raised.value.errors

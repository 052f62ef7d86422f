"""Domain errors. They carry what a user needs to fix the input; no HTTP here."""
from __future__ import annotations


class KGError(Exception):
    """Base class: every error the library raises on purpose."""


class ArticleError(KGError):
    """A malformed article: `source` names the file, `line` where known."""

    def __init__(self, source: str, fault: str, line: int | None = None):
        self.source, self.fault, self.line = source, fault, line
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {fault}")

    def __reduce__(self):  # crosses the extraction pool (pickle) whole
        return type(self), (self.source, self.fault, self.line)


class ValidationError(KGError):
    """A graph that does not conform to ontology/shapes.ttl.

    `report` is the list of violations in words (node, constraint, message).
    """

    def __init__(self, subject: str, report: list[str]):
        self.subject, self.report = subject, report
        super().__init__(f"{subject}: does not conform to the shapes:\n  " + "\n  ".join(report))

    def __reduce__(self):
        return type(self), (self.subject, self.report)


class QueryError(KGError):
    """A malformed SPARQL query or update; the parser's message is kept."""


class QueryTimeout(KGError):
    """A query ran past its time limit and was stopped."""


class ResultTooLarge(KGError):
    """A result exceeded the configured result-size limit."""


class StoreError(KGError):
    """The store could not be opened, read or written (including remote stores)."""


class NotFound(KGError):
    """A requested resource (actor, topic, article, position) does not exist."""

"""The Doc extensions of the German pipeline and the helpers every component reads.

Components never import one another: what one writes and another reads travels
on the Doc, declared here once. Article-level inputs (the publication date) are
set on `doc._.article_date` before the components run.

Extensions: ``article_date``, ``paragraphs`` ((start, end) characters),
``para_of_sent`` (paragraph index per sentence), ``clauses`` (kg.nlp.fields),
``article_actors`` (kg.nlp.article_actors: what the mention finder hands to coreference),
``mentions`` and ``actors`` (actor mentions after coreference), ``statements`` (attribution).
"""
from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS = ("article_date", "paragraphs", "para_of_sent", "clauses", "article_actors", "mentions", "actors",
              "statements")

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class Tok:
    """A token's tagged attributes read once into plain slots.

    spaCy builds a Token object and looks its strings up on every access (a few hundred
    nanoseconds each), and the components read `text`, `tag_`, `lemma_` of the same tokens
    dozens of times. Attributes not kept here come from the spaCy token itself. Made after
    tagging (kg.nlp.tagger), which sets the last of them."""

    __slots__ = ("doc", "i", "idx", "text", "lower_", "tag_", "pos_", "lemma_", "is_punct", "is_space", "is_alpha",
                 "is_sent_start", "whitespace_")

    def __init__(self, doc: Doc, i: int, text: str, lower: str, tag: str, pos: str, lemma: str, row: list[int]):
        """`row`: the token's IDX, IS_PUNCT, IS_SPACE, IS_ALPHA, SENT_START and SPACY after
        ORTH and LOWER, as Doc.to_array gives them (kg.nlp.tagger.TOKEN_ATTRS)."""
        self.doc, self.i, self.idx, self.text = doc, i, row[2], text
        self.lower_, self.tag_, self.pos_, self.lemma_ = lower, tag, pos, lemma
        self.is_punct, self.is_space, self.is_alpha = bool(row[3]), bool(row[4]), bool(row[5])
        self.is_sent_start = None if row[6] == 0 else row[6] == 1  # -1 reads as 2**64 - 1
        self.whitespace_ = " " if row[7] else ""

    def __getattr__(self, name: str):
        return getattr(self.doc[self.i], name)

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def toks_of(doc: Doc) -> list[Tok]:
    """The Doc's tokens as Tok, by index (set by kg.nlp.tagger)."""
    return doc.user_data["toks"]


def sentence_toks(doc: Doc, sent) -> list[Tok]:
    """The Tok of a sentence span, without whitespace tokens."""
    return [t for t in toks_of(doc)[sent.start:sent.end] if not t.is_space]


class TokSpan:
    """A sentence span whose tokens are its Tok (kg.nlp.dates and the attribution's
    sentence views read them); other attributes (`doc`, `text`) are the span's."""

    __slots__ = ("span", "start", "end", "toks")

    def __init__(self, doc: Doc, span):
        self.span, self.start, self.end = span, span.start, span.end
        self.toks = toks_of(doc)[span.start:span.end]

    def __getattr__(self, name: str):
        return getattr(self.span, name)

    def __iter__(self):
        return iter(self.toks)

    def __len__(self) -> int:
        return len(self.toks)


def sentences_of(doc: Doc) -> list:
    """The sentence spans, computed once (Doc.sents rebuilds them on every call)."""
    if "sents" not in doc.user_data:
        doc.user_data["sents"] = list(doc.sents)
    return doc.user_data["sents"]


def text_of(doc: Doc) -> str:
    """The Doc's text, built once: Doc.text joins every token's text anew on each access."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def is_heading(text: str) -> bool:
    """A short paragraph that does not end like a sentence is a (sub)heading."""
    t = text.rstrip()
    return bool(t) and t[-1] not in ".!?“”\"»«)" and "\n" not in t.strip()

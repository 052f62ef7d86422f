"""One article's actors and their mentions: what the mention finder writes and coreference reads.

The two components never import each other. `actor_mentions` (kg.nlp.mentions) fills an
`ArticleActors` with every span that names or may refer to an actor; `coreference`
(kg.nlp.coreference) takes it from the Doc (`doc._.article_actors`) and resolves the
spans that refer back. Both see the article through `ActorView`, which lends a class
the shared state's fields and its few writing operations.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc

from kg.caches import memo
from kg.nlp import resources
from kg.nlp.doc import sentences_of
from kg.nlp.gazetteer import ActorInfo, Gazetteer, role_key
from kg.nlp.doc import is_heading

NAME_KINDS = frozenset({"name", "surname"})  # mentions that name an actor, not describe it
NAME_PARTICLES = frozenset({"von", "der", "den", "zu", "de", "van", "al", "bin", "da", "di"})  # `Ursula von der Leyen`


@dataclass
class Mention:
    """A token span (doc indices, end exclusive) that names an actor."""

    start: int
    end: int
    actor: str | None
    kind: str  # name | surname | role | pronoun | demonstrative | self | collective | category | group | prefix | definite
    text: str
    gender: str | None = None
    role: str | None = None
    of: str | None = None
    genitive: bool = False


def first_name(word: str) -> str | None:
    """Gender of a first name, also of a double name (`Karl-Josef`)."""
    names = resources.first_names()
    return names.get(word) or (names.get(word.split("-")[0]) if "-" in word else None)


@memo("mentions.descriptor")
def descriptor(word: str) -> str | None:
    """`46-Jährige`, `Sozialdemokrat`: a word that describes a person named before. Cached
    by word (a bounded cache: the answer depends on the word and the data file alone), since
    the mention finder asks it of nearly every word of an article."""
    value = resources.collectives().get(word.lower().rpartition("-")[2], "")
    return value if value.startswith("person") else None


@dataclass
class ArticleActors:
    """The actors of one article (gazetteer copies and ones the article introduces), the
    mentions found so far, the roles persons were introduced with, local acronyms."""

    doc: Doc
    gaz: Gazetteer
    date: str | None
    actors: dict[str, ActorInfo] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    roles_seen: dict[str, set[str]] = field(default_factory=dict)
    local: dict[tuple[str, ...], str] = field(default_factory=dict)  # acronyms introduced in the article

    def entity(self, name: str) -> ActorInfo:
        """The article's actor `name`, made one of them on first use."""
        if name not in self.actors:
            known = self.gaz.actors.get(name)
            # the article's own copy (coreference and the mention finder set gender, party);
            # role and party records are only read, so lists of the same records will do
            self.actors[name] = replace(known, roles=list(known.roles), parties=list(known.parties)) if known \
                else ActorInfo(name, known=False)
        return self.actors[name]

    def info(self, name: str) -> ActorInfo:
        """What is known of an actor, without making it one of the article's actors."""
        return self.actors.get(name) or self.gaz.actors[name]

    def add(self, toks, i: int, j: int, name: str, kind: str, role: str | None = None) -> Mention:
        """A mention of `name` over toks[i:j]; `Trumps`, `Moskaus` are marked genitive."""
        info = self.entity(name)
        last = toks[j - 1].text
        genitive = last.endswith("s") and last[:-1] in (info.name.split()[-1], *self.gaz.short_forms.get(name, ()))
        m = Mention(toks[i].i, toks[j - 1].i + 1, name, kind, " ".join(t.text for t in toks[i:j]),
                    info.gender, role, genitive=genitive)
        self.mentions.append(m)
        self._party_after(toks, j, info)
        return m

    def _party_after(self, toks, j: int, info: ActorInfo) -> None:
        """`Friedrich Merz (CDU)`: the parenthesis names the person's party."""
        if info.type != "person" or j + 2 >= len(toks) or toks[j].text != "(" or toks[j + 2].text != ")":
            return
        party = self.gaz.surface.get((toks[j + 1].text,))
        if party and self.gaz.actors[party].kind == "party":
            info.party = info.party or party

    def note_role(self, name: str, role: str) -> None:
        """`Innenministerin Anna Beck`: later `die Ministerin` may name her; a party prefix
        (`CDU-Landrat`) gives her party."""
        self.roles_seen.setdefault(role_key(role), set()).add(name)
        self.roles_seen.setdefault(role_key(role).rpartition("-")[2], set()).add(name)
        prefix = role.rpartition("-")[0]
        party = self.gaz.prefix_owner(prefix) if prefix else None
        info = self.entity(name)
        if party and self.gaz.actors[party].kind == "party":
            info.party = info.party or party

    def in_heading(self, m: Mention) -> bool:
        sent = next((s for s in sentences_of(self.doc) if s.start <= m.start < s.end), None)
        return sent is not None and is_heading(sent.text)


class ActorView:
    """Base of the classes that read and extend one article's ArticleActors."""

    def __init__(self, state: ArticleActors):
        # the state's fields, read at every token: plain attributes, not properties (the
        # state never rebinds them; only `mentions` is rebound, so it stays a property)
        self.state, self.doc, self.gaz, self.date = state, state.doc, state.gaz, state.date
        self.actors, self.roles_seen, self.local = state.actors, state.roles_seen, state.local

    mentions = property(lambda self: self.state.mentions,
                        lambda self, value: setattr(self.state, "mentions", value))

    def entity(self, name: str) -> ActorInfo:
        return self.state.entity(name)

    def _info(self, name: str) -> ActorInfo:
        return self.state.info(name)

    def _add(self, toks, i, j, name, kind, role=None) -> Mention:
        return self.state.add(toks, i, j, name, kind, role)

    def _note_role(self, name: str, role: str) -> None:
        self.state.note_role(name, role)

    def _in_heading(self, m: Mention) -> bool:
        return self.state.in_heading(m)
